/**
 * The renderer's replica of one open workshop. A gesture becomes ops, applied here at
 * once (the board never waits for the disk), then sent to the store in order: one
 * batch in flight, later ops coalesced into the next batch, and no batch over the main
 * process's limits (4 MB of JSON, 1,000 ops). A big gesture travels as several batches,
 * sent one per task without waiting for each answer (the store applies them in order and
 * saves them together), so a 100,000-reply import is written in a few saves.
 *
 * Every gesture goes through `perform`, which records it as one undo step.
 * A failed write is tried again with the next change, by Retry, and when the workshop
 * closes. If the store refuses a batch (a change that does not fit the file), the
 * window reloads the workshop from the store, keeps the refused words in a visible
 * notice (and on the clipboard where allowed), and goes on: gestures are never
 * silently ignored.
 * Limits: undo history lasts as long as the window's view of the workshop; a reload
 * starts it afresh.
 */
import type { Applied, OpenWorkshop, UnsavedChoice } from '../../core/api.ts'
import { History } from '../../core/history.ts'
import type { Workshop } from '../../core/model.ts'
import { firstBatch } from '../../core/op-batches.ts'
import type { Op } from '../../core/ops.ts'
import { applyAll, invertAll } from '../../core/ops.ts'
import { api, messageOf, openFailureMessage } from '../api.ts'

/** Batches of one big gesture on their way to the store at once, at most. */
const MAX_IN_FLIGHT = 8

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** What the window says about saving. */
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string; refused: boolean }
  | { kind: 'readOnly'; reason: string }

/** Something the window must tell the user about a change it could not keep. */
export interface SessionNotice {
  /** What happened, in words. */
  message: string
  /** The words of the refused change, so they can be copied back; empty when none. */
  text: string
}

/** A gesture worked out ahead of `perform` (see `WorkshopSession.prepare`). */
export interface PreparedGesture {
  /** The workshop it was worked out on. */
  readonly base: Workshop
  readonly ops: Op[]
  /** `base` with the ops applied, and the ops that undo them. */
  readonly doc: Workshop
  readonly inverse: Op[]
}

/** Asks the user what to do with a workshop that cannot be saved while closing. */
export type AskUnsaved = (reason: string) => Promise<UnsavedChoice>

/** The words a person typed into refused ops: what a notice must not lose. */
export function wordsOf(ops: readonly Op[]): string {
  const words: string[] = []
  for (const op of ops) {
    switch (op.type) {
      case 'addNotes':
        for (const note of op.notes) words.push(note.text)
        break
      case 'editNote':
        words.push(op.text)
        break
      case 'renameCluster':
        words.push(op.name)
        break
      case 'editPrompt':
        words.push(op.text)
        break
      case 'addPrompt':
        words.push(op.prompt.text)
        break
      case 'addClusters':
        for (const cluster of op.clusters) if (cluster.name) words.push(cluster.name)
        break
      case 'deleteNotes':
      case 'moveNotes':
      case 'setNoteClusters':
      case 'deleteClusters':
      case 'moveClusters':
      case 'recolor':
      case 'deletePrompt':
      case 'movePrompt':
      case 'setDuplicates':
      case 'setNotesHidden':
      case 'setPromptHidden':
      case 'setVote':
      case 'setVotes':
        break
    }
  }
  return words.filter((w) => w.trim() !== '').join('\n')
}

/** One open workshop in this window. */
export class WorkshopSession {
  /** The workshop as this window shows it (replaced, never mutated, on each change). */
  doc: Workshop = $state.raw() as Workshop
  /** The save indicator's state. */
  saveState: SaveState = $state({ kind: 'saved' })
  /** A change the store refused, and what was done about it; null when none. */
  notice: SessionNotice | null = $state(null)
  /** The file's path (Save As changes it). */
  path: string = $state('')
  /** Read-only only because another Blankboard holds the file: "Open anyway" may take it. */
  lockedElsewhere: boolean = $state(false)
  readonly handle: string

  /** Bumped on every undo-stack change, so the UI can read canUndo/canRedo reactively. */
  historyVersion = $state(0)
  private readonly history = new History()
  private revision: number
  private unsent: Op[] = []
  private sending: Promise<void> | null = null
  /** True when the window cannot go on at all (even a reload failed). */
  private stopped = false
  /**
   * Counts the batches the store refused (each followed by a reload that drops what was
   * unsent): a change made before the count moved may not be on disk.
   */
  refusals = 0

  constructor(opened: OpenWorkshop) {
    this.doc = opened.workshop
    this.path = opened.path
    this.handle = opened.handle
    this.revision = opened.revision
    if (opened.readOnly) this.saveState = { kind: 'readOnly', reason: opened.readOnly }
    this.lockedElsewhere = opened.lockedElsewhere
  }

  /**
   * "Open anyway": takes the file over from another Blankboard the user knows is gone,
   * and shows the file as it is on disk now.
   */
  async takeOver(): Promise<void> {
    const result = await api().takeOverWorkshop(this.handle)
    if (result.kind !== 'opened') throw new Error(openFailureMessage(result))
    this.doc = result.workshop.workshop
    this.revision = result.workshop.revision
    this.lockedElsewhere = result.workshop.lockedElsewhere
    this.saveState = result.workshop.readOnly
      ? { kind: 'readOnly', reason: result.workshop.readOnly }
      : { kind: 'saved' }
    this.history.clear()
    this.historyVersion++
  }

  /** True when changes are refused (a file from a newer version, a lock held elsewhere). */
  get readOnly(): boolean {
    return this.saveState.kind === 'readOnly'
  }

  /**
   * Applies a gesture's ops to the workshop as it is now, and works out their undo, without
   * showing or saving anything: a big gesture (an import) does this in a task before the
   * one that shows it, so neither holds the window long. Throws an OpError if they do not fit.
   */
  prepare(ops: Op[]): PreparedGesture {
    const base = this.doc
    return { base, ops, doc: applyAll(base, ops), inverse: invertAll(base, ops) }
  }

  /**
   * Carries out one gesture: applies its ops, records one undo step, sends them. A
   * prepared gesture is used as it is if the workshop has not changed since.
   */
  perform(gesture: Op[] | PreparedGesture): void {
    const prepared = Array.isArray(gesture) || gesture.base !== this.doc ? null : gesture
    const ops = Array.isArray(gesture) ? gesture : gesture.ops
    if (ops.length === 0 || this.readOnly) return
    if (this.stopped) {
      this.notice = {
        message:
          'This change was not made: the workshop could not be reloaded. Close it and open it again.',
        text: wordsOf(ops),
      }
      return
    }
    this.history.record(this.doc, ops, prepared?.inverse)
    this.historyVersion++
    this.dispatch(ops, prepared?.doc)
  }

  /** Undoes the last gesture. */
  undo(): void {
    if (this.readOnly || this.stopped) return
    const ops = this.history.undo()
    if (ops) this.dispatch(ops)
    this.historyVersion++
  }

  /** Redoes the last undone gesture. */
  redo(): void {
    if (this.readOnly || this.stopped) return
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

  /** Dismisses the notice. */
  dismissNotice(): void {
    this.notice = null
  }

  /**
   * Applies ops here at once and queues them for the store (no undo step); `after` is
   * the workshop with them applied, when already worked out.
   */
  private dispatch(ops: Op[], after?: Workshop): void {
    if (ops.length === 0) return
    this.doc = after ?? applyAll(this.doc, ops)
    this.unsent.push(...ops)
    if (this.saveState.kind !== 'failed') this.saveState = { kind: 'saving' }
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
      this.saveState = { kind: 'failed', reason: messageOf(error), refused: true }
    }
  }

  /**
   * Closes the workshop without losing a change: sends what is still queued, and lets
   * the store write again if the last save failed. If it still cannot be written,
   * `ask` decides: Retry, Save As…, Close without saving, or Cancel. True once closed;
   * false when the user chose to stay.
   */
  async close(ask: AskUnsaved): Promise<boolean> {
    let problem: string | null = null
    for (;;) {
      await this.settled()
      if (problem === null) {
        try {
          await api().closeWorkshop(this.handle)
          return true
        } catch (error) {
          problem = messageOf(error)
        }
      }
      if (this.saveState.kind !== 'failed') {
        this.saveState = { kind: 'failed', reason: problem, refused: false }
      }
      const choice = await ask(problem)
      problem = null
      switch (choice) {
        case 'retry':
          break
        case 'saveAs':
          try {
            await this.saveAs()
          } catch (error) {
            problem = messageOf(error)
          }
          break
        case 'discard':
          await api().closeWorkshop(this.handle, true)
          return true
        case 'cancel':
          return false
      }
    }
  }

  /** Resolves once everything dispatched so far has been answered by the store. */
  async settled(): Promise<void> {
    while (this.sending) await this.sending
  }

  private async send(): Promise<void> {
    const inFlight: { batch: Op[]; answer: Promise<Applied> }[] = []
    // True while the batch just sent was full: the rest of a big gesture follows it at
    // once, so the store saves the whole gesture in a few writes, not one per batch.
    let streaming = false
    let base = this.revision
    while (this.unsent.length > 0 || inFlight.length > 0) {
      const sendNow = inFlight.length === 0 || (streaming && inFlight.length < MAX_IN_FLIGHT)
      if (this.unsent.length > 0 && sendNow) {
        // A lone op goes at once. Several (a big gesture, or a burst) are measured in a task
        // after the gesture's own (which has the board to redraw) and sent in the next, so
        // the window keeps answering.
        const several = inFlight.length > 0 || this.unsent.length > 1
        if (several) await nextTask()
        const { batch, rest } = firstBatch(this.unsent)
        this.unsent = rest
        streaming = rest.length > 0
        if (several) await nextTask()
        const answer = api().applyOps(this.handle, base++, batch)
        answer.catch(() => {}) // handled below, in order
        inFlight.push({ batch, answer })
        continue
      }
      const { batch, answer } = inFlight.shift()!
      try {
        const applied = await answer
        this.revision = applied.revision
        if (applied.saveError) {
          this.saveState = { kind: 'failed', reason: applied.saveError, refused: false }
        } else if (this.unsent.length === 0 && inFlight.length === 0) {
          this.saveState = { kind: 'saved' }
        }
      } catch (error) {
        // The batches sent after it no longer fit the file's revision: the reload keeps
        // their words too.
        const later = inFlight.splice(0)
        await Promise.allSettled(later.map((f) => f.answer))
        this.unsent = [...later.flatMap((f) => f.batch), ...this.unsent]
        await this.reload(messageOf(error), batch)
        break
      }
    }
    this.sending = null
  }

  /**
   * After a refused batch: the window's copy and the file differ, so the workshop is
   * read again from the store, history starts afresh, and the user is told, with the
   * refused words kept.
   */
  private async reload(reason: string, refused: Op[]): Promise<void> {
    this.refusals++
    const lost = [...refused, ...this.unsent]
    this.unsent = []
    const text = wordsOf(lost)
    const result = await api()
      .openWorkshop(this.path)
      .catch((error: Error) => ({ kind: 'error' as const, message: error.message }))
    if (result.kind === 'opened' && result.workshop.handle === this.handle) {
      this.doc = result.workshop.workshop
      this.revision = result.workshop.revision
      this.history.clear()
      this.historyVersion++
      this.saveState = { kind: 'saved' }
      this.notice = {
        message: `A change could not be saved (${reason.replace(/\.$/, '')}), so the workshop was reloaded from its file. Everything else is kept.${text ? ' The words of that change are below; copy them to try again.' : ''}`,
        text,
      }
    } else {
      this.stopped = true
      this.saveState = { kind: 'failed', reason, refused: true }
      this.notice = {
        message: `A change could not be saved (${reason.replace(/\.$/, '')}), and the workshop could not be reloaded. Close it and open it again.`,
        text,
      }
    }
    try {
      if (text) await globalThis.navigator?.clipboard?.writeText(text)
    } catch {
      // No clipboard permission: the notice still shows the words.
    }
  }
}
