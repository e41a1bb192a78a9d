/**
 * The renderer's replica of one open workshop. A gesture becomes ops, applied here at
 * once (the board never waits for the disk), then sent to the store in order: one
 * batch in flight, later ops coalesced into the next batch.
 *
 * Every gesture goes through `perform`, which records it as one undo step.
 * Limits: undo history lasts as long as the window's view of the workshop. A failed write is tried again with
 * the next change; if the store refuses a batch the window stops sending and asks for
 * the workshop to be reopened.
 */
import type { OpenWorkshop } from '../../core/api.ts'
import type { Workshop } from '../../core/model.ts'
import { History } from '../../core/history.ts'
import type { Op } from '../../core/ops.ts'
import { applyAll } from '../../core/ops.ts'
import { api, openFailureMessage } from '../api.ts'

/** What the window says about saving. */
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string; refused: boolean }
  | { kind: 'readOnly'; reason: string }

/** One open workshop in this window. */
export class WorkshopSession {
  /** The workshop as this window shows it (replaced, never mutated, on each change). */
  doc: Workshop = $state.raw() as Workshop
  /** The save indicator's state. */
  saveState: SaveState = $state({ kind: 'saved' })
  /** The file's path (Save As changes it). */
  path: string = $state('')
  readonly handle: string

  /** Bumped on every undo-stack change, so the UI can read canUndo/canRedo reactively. */
  historyVersion = $state(0)
  private readonly history = new History()
  private revision: number
  private unsent: Op[] = []
  private sending: Promise<void> | null = null
  private refused = false

  constructor(opened: OpenWorkshop) {
    this.doc = opened.workshop
    this.path = opened.path
    this.handle = opened.handle
    this.revision = opened.revision
    if (opened.readOnly) this.saveState = { kind: 'readOnly', reason: opened.readOnly }
  }

  /** True when changes are refused (a file from a newer version). */
  get readOnly(): boolean {
    return this.saveState.kind === 'readOnly'
  }

  /** Carries out one gesture: applies its ops, records one undo step, sends them. */
  perform(ops: Op[]): void {
    if (ops.length === 0 || this.readOnly || this.refused) return
    this.history.record(this.doc, ops)
    this.historyVersion++
    this.dispatch(ops)
  }

  /** Undoes the last gesture. */
  undo(): void {
    if (this.readOnly || this.refused) return
    const ops = this.history.undo()
    if (ops) this.dispatch(ops)
    this.historyVersion++
  }

  /** Redoes the last undone gesture. */
  redo(): void {
    if (this.readOnly || this.refused) return
    const ops = this.history.redo()
    if (ops) this.dispatch(ops)
    this.historyVersion++
  }

  /** True when there is a gesture to undo. */
  get canUndo(): boolean {
    void this.historyVersion
    return this.history.canUndo
  }

  /** True when there is a gesture to redo. */
  get canRedo(): boolean {
    void this.historyVersion
    return this.history.canRedo
  }

  /** Applies ops here at once and queues them for the store (no undo step). */
  private dispatch(ops: Op[]): void {
    if (ops.length === 0 || this.readOnly || this.refused) return
    this.doc = applyAll(this.doc, ops)
    this.unsent.push(...ops)
    this.saveState = { kind: 'saving' }
    this.sending ??= this.send()
  }

  /**
   * Saves the workshop to another file (asking where) and keeps working there. Returns
   * false when the user cancelled; throws with a message when it could not be done.
   */
  async saveAs(): Promise<boolean> {
    await this.settled()
    const result = await api().saveAs(this.handle, null)
    if (!result) return false
    if (result.kind !== 'opened') throw new Error(openFailureMessage(result))
    this.path = result.workshop.path
    this.saveState = { kind: 'saved' }
    return true
  }

  /** Writes the workshop again after a failed save. */
  async retry(): Promise<void> {
    if (this.saveState.kind !== 'failed' || this.saveState.refused) return
    await this.settled()
    this.saveState = { kind: 'saving' }
    try {
      const applied = await api().retrySave(this.handle)
      this.saveState = applied.saveError
        ? { kind: 'failed', reason: applied.saveError, refused: false }
        : { kind: 'saved' }
    } catch (error) {
      this.saveState = { kind: 'failed', reason: (error as Error).message, refused: true }
    }
  }

  /** Resolves once everything dispatched so far has been answered by the store. */
  async settled(): Promise<void> {
    while (this.sending) await this.sending
  }

  private async send(): Promise<void> {
    while (this.unsent.length > 0 && !this.refused) {
      const batch = this.unsent.splice(0, 1000)
      try {
        const applied = await api().applyOps(this.handle, this.revision, batch)
        this.revision = applied.revision
        if (applied.saveError) {
          this.saveState = { kind: 'failed', reason: applied.saveError, refused: false }
        } else if (this.unsent.length === 0) {
          this.saveState = { kind: 'saved' }
        }
      } catch (error) {
        this.refused = true
        this.saveState = { kind: 'failed', reason: (error as Error).message, refused: true }
      }
    }
    this.sending = null
  }
}
