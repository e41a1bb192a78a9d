/**
 * One write in flight per file, and a burst of changes coalesced into as few writes as
 * possible: each request is answered by the first write that *starts* after it, which
 * always writes the latest state.
 *
 * `exclusive` runs a task (Save As) with no write in flight; writes asked for meanwhile
 * start after it, so they see what it changed.
 *
 * Limits: knows nothing of what is written; `write` must read the current state itself.
 */

interface Waiter {
  /** Called once a write that started after the request succeeded. */
  resolve: () => void
  /** Called with the error of the write that was to answer the request. */
  reject: (error: unknown) => void
}

/** Serialises and coalesces the writes of one file. */
export class SaveQueue {
  private readonly write: () => Promise<void>
  private waiting: Waiter[] = []
  private running: Promise<void> | null = null
  /** The exclusive task under way; no write starts while it runs. */
  private blocked: Promise<unknown> | null = null

  /** `write` saves the current state; it is never called twice at once. */
  constructor(write: () => Promise<void>) {
    this.write = write
  }

  /** Resolves when the state as it is now is on disk; rejects if that write failed. */
  request(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      if (!this.blocked) this.running ??= this.drain()
    })
  }

  /** Resolves once no write or exclusive task is in flight or waiting (failures included). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running) await this.running
      else if (this.blocked) await this.blocked.catch(() => {})
      else return
    }
  }

  /** Runs `task` once no write is in flight; writes requested meanwhile wait for it. */
  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    while (this.blocked) await this.blocked.catch(() => {})
    const run = (async () => {
      while (this.running) await this.running
      return task()
    })()
    this.blocked = run
    try {
      return await run
    } finally {
      this.blocked = null
      if (this.waiting.length > 0) this.running ??= this.drain()
    }
  }

  private async drain(): Promise<void> {
    // Stops early when an exclusive task begins; `exclusive` starts it again afterwards.
    while (this.waiting.length > 0 && !this.blocked) {
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
