/**
 * One write in flight per file, and a burst of changes coalesced into as few writes as
 * possible: each request is answered by the first write that *starts* after it, which
 * always writes the latest state.
 *
 * Limits: knows nothing of what is written; `write` must read the current state itself.
 */

interface Waiter {
  resolve: () => void
  reject: (error: unknown) => void
}

/** Serialises and coalesces the writes of one file. */
export class SaveQueue {
  private readonly write: () => Promise<void>
  private waiting: Waiter[] = []
  private running: Promise<void> | null = null

  /** `write` saves the current state; it is never called twice at once. */
  constructor(write: () => Promise<void>) {
    this.write = write
  }

  /** Resolves when the state as it is now is on disk; rejects if that write failed. */
  request(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      this.running ??= this.drain()
    })
  }

  /** Resolves once no write is in flight or waiting (failures included). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting
      this.waiting = []
      try {
        await this.write()
        for (const waiter of batch) waiter.resolve()
      } catch (error) {
        for (const waiter of batch) waiter.reject(error)
      }
    }
    this.running = null
  }
}
