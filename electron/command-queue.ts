/**
 * Commands for the page from outside it (menu items, files handed over by the desktop),
 * queued until the page asks for the next one. Plain Node, no Electron import.
 * Limits: one window takes the commands; files handed over before it is ready wait here.
 */
import type { AppCommand } from '../core/api.ts'

/** A first-in first-out queue the page long-polls. */
export class CommandQueue {
  private readonly queued: AppCommand[] = []
  private readonly waiting: ((command: AppCommand) => void)[] = []

  /** Hands a command to the page now if it is waiting, or keeps it for later. */
  push(command: AppCommand): void {
    const waiter = this.waiting.shift()
    if (waiter) waiter(command)
    else this.queued.push(command)
  }

  /**
   * Forgets the pages waiting now: the page is reloading or gone, so a command handed
   * to its pending request would be lost. The next command waits for the new page.
   */
  forgetWaiters(): void {
    this.waiting.length = 0
  }

  /** The next command, as soon as there is one. */
  next(): Promise<AppCommand> {
    const command = this.queued.shift()
    if (command) return Promise.resolve(command)
    return new Promise((resolve) => this.waiting.push(resolve))
  }
}

/** The workshop file named on a command line (a double-click, a second launch), if any. */
export function workshopPathIn(argv: readonly string[]): string | null {
  return (
    [...argv]
      .reverse()
      .find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.blankboard')) ?? null
  )
}
