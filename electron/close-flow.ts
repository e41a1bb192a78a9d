/**
 * Closing the window or quitting without dropping a change. First the page is asked
 * (a `closeWindow` command) to send what it still holds and close its workshop, asking
 * the user itself if the last save failed; it answers with `readyToClose`. Then every
 * workshop still open in the store is written again if its last write failed, and for
 * each that still cannot be written the user chooses: Retry, Save As…, Close without
 * saving, or Cancel (stay). Only then may the window close.
 *
 * Electron is not imported here: the shell hands in its dialogs, so this is unit-tested
 * in plain Node. Limits: a page that does not begin to answer within the timeout (hung
 * or gone) is not waited for; what the store holds is still written, and asked about.
 */
import type { AppCommand, UnsavedChoice } from '../core/api.ts'
import type { WorkshopStore } from './files/store-api.ts'

/** The buttons of the unsaved-changes dialog, in order, and the choice each makes. */
export const UNSAVED_BUTTONS: readonly { label: string; choice: UnsavedChoice }[] = [
  { label: 'Retry', choice: 'retry' },
  { label: 'Save As…', choice: 'saveAs' },
  { label: 'Close without saving', choice: 'discard' },
  { label: 'Cancel', choice: 'cancel' },
]

/** Options of Electron's message box for a workshop that could not be saved. */
export function unsavedDialog(title: string, reason: string) {
  return {
    type: 'warning' as const,
    title: 'Blankboard',
    message: `“${title}” could not be saved`,
    detail: `${reason}\n\nThe changes are still in memory. Retry once the disk is back, save a copy elsewhere, or close without saving and lose the changes since the last save.`,
    buttons: UNSAVED_BUTTONS.map((b) => b.label),
    defaultId: 0,
    cancelId: UNSAVED_BUTTONS.length - 1,
    noLink: true,
  }
}

/** What the flow needs from the shell. */
export interface CloseFlowShell {
  /** The store behind the window. */
  store: Pick<WorkshopStore, 'closeAll' | 'closeWorkshop' | 'saveAs'>
  /** Hands a command to the page; false when there is no page to ask. */
  sendToPage: (command: AppCommand) => boolean
  /** Asks the user (a native dialog) what to do with a workshop that cannot be saved. */
  ask: (title: string, reason: string) => Promise<UnsavedChoice>
  /** Asks where to save a copy (a native save dialog); null when cancelled. */
  chooseSavePath: () => Promise<string | null>
  /** How long the page has to begin answering; 10 s by default. */
  pageTimeoutMs?: number
}

/** The close handshake of one window. */
export class CloseFlow {
  private readonly shell: CloseFlowShell
  private running: Promise<boolean> | null = null
  private answer: ((ready: boolean) => void) | null = null
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(shell: CloseFlowShell) {
    this.shell = shell
  }

  /** Runs the flow (once at a time); true when everything is closed and the window may go. */
  run(): Promise<boolean> {
    this.running ??= this.flow().finally(() => (this.running = null))
    return this.running
  }

  /** The page's `readyToClose`. */
  pageReady(ready: boolean): void {
    this.answer?.(ready)
  }

  /** The page is asking the user something: it is alive, so there is no timeout. */
  pageIsAsking(): void {
    clearTimeout(this.timer)
  }

  private async flow(): Promise<boolean> {
    if (this.shell.sendToPage({ kind: 'closeWindow' })) {
      const ready = await new Promise<boolean>((resolve) => {
        this.answer = resolve
        this.timer = setTimeout(() => resolve(true), this.shell.pageTimeoutMs ?? 10_000)
      })
      this.answer = null
      clearTimeout(this.timer)
      if (!ready) return false
    }
    const failures = new Map<string, string>()
    for (;;) {
      const unsaved = await this.shell.store.closeAll()
      if (unsaved.length === 0) return true
      for (const file of unsaved) {
        const choice = await this.shell.ask(file.title, failures.get(file.handle) ?? file.reason)
        failures.delete(file.handle)
        switch (choice) {
          case 'retry':
            break
          case 'saveAs': {
            const path = await this.shell.chooseSavePath()
            if (path) {
              await this.shell.store
                .saveAs(file.handle, path)
                .catch((error: Error) => failures.set(file.handle, error.message))
            }
            break
          }
          case 'discard':
            await this.shell.store.closeWorkshop(file.handle, true)
            break
          case 'cancel':
            return false
        }
      }
    }
  }
}
