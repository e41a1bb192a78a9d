/**
 * The page's side of reading an import file: starts the table worker, reports its
 * progress, and turns its answers into promises. Cancelling terminates the worker at
 * once, whatever it is doing, so the page never waits on a big file.
 * Limits: one file per reader; a cancelled reader rejects what is still pending.
 */
import type { ImportChoice } from '../../core/import-table.ts'
import type {
  ImportedReply,
  PlanSummary,
  TableInfo,
  WorkerReply,
  WorkerRequest,
} from './table-messages.ts'

/** A file read, or why it was not. */
export type ReadOutcome =
  | { kind: 'table'; info: TableInfo }
  | { kind: 'refused'; message: string }
  | { kind: 'failed'; message: string }

/** Thrown by pending requests when the reader is cancelled. */
export class ReadCancelled extends Error {
  override name = 'ReadCancelled'
}

/** Reads one file in a worker. */
export class TableReader {
  /** Settles once the file is read or refused. */
  readonly outcome: Promise<ReadOutcome>
  private readonly worker: Worker
  private nextId = 1
  private readonly waiting = new Map<number, (reply: WorkerReply) => void>()
  private readonly rejecters = new Set<(error: Error) => void>()
  private settleRead: (outcome: ReadOutcome) => void = () => {}
  private cancelled = false

  constructor(file: File, plainText: boolean, onProgress: (rows: number, share: number) => void) {
    this.worker = new Worker(new URL('./table-worker.ts', import.meta.url), { type: 'module' })
    this.outcome = new Promise((resolve) => (this.settleRead = resolve))
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data
      switch (reply.type) {
        case 'progress':
          onProgress(reply.rows, reply.share)
          return
        case 'table':
          this.settleRead({ kind: 'table', info: reply.info })
          return
        case 'refused':
          this.settleRead({ kind: 'refused', message: reply.message })
          return
        case 'failed':
          this.settleRead({ kind: 'failed', message: reply.message })
          this.failAll(new Error(reply.message))
          return
        case 'plan':
        case 'replies':
          this.waiting.get(reply.id)?.(reply)
          return
      }
    }
    this.worker.onerror = (event) => {
      event.preventDefault()
      const message = event.message || 'the file could not be read'
      this.settleRead({ kind: 'failed', message })
      this.failAll(new Error(message))
    }
    this.send({ type: 'read', file, plainText })
  }

  private failAll(error: Error): void {
    for (const reject of this.rejecters) reject(error)
    this.rejecters.clear()
  }

  private send(request: WorkerRequest): void {
    this.worker.postMessage(request)
  }

  /** What importing with `choice` would do. */
  plan(choice: ImportChoice): Promise<PlanSummary> {
    return this.request(choice, null, (reply, resolve) => {
      if (reply.type === 'plan') resolve(reply.plan)
    })
  }

  /**
   * The replies importing with `choice` adds, at most `limit` of them, in row order;
   * `onPart` hears how many have arrived so far.
   */
  take(
    choice: ImportChoice,
    limit: number,
    onPart: (received: number) => void = () => {},
  ): Promise<ImportedReply[]> {
    const all: ImportedReply[] = []
    return this.request(choice, limit, (reply, resolve) => {
      if (reply.type !== 'replies') return
      for (const r of reply.replies) all.push(r)
      onPart(all.length)
      if (reply.done) resolve(all)
    })
  }

  private request<T>(
    choice: ImportChoice,
    limit: number | null,
    handle: (reply: WorkerReply, resolve: (value: T) => void) => void,
  ): Promise<T> {
    if (this.cancelled) return Promise.reject(new ReadCancelled('cancelled'))
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const done = (value: T) => {
        this.waiting.delete(id)
        this.rejecters.delete(reject)
        resolve(value)
      }
      this.rejecters.add(reject)
      this.waiting.set(id, (reply) => handle(reply, done))
      this.send(
        limit === null
          ? { type: 'plan', id, choice: { ...choice } }
          : { type: 'take', id, choice: { ...choice }, limit },
      )
    })
  }

  /** Stops the worker now; pending requests reject with ReadCancelled. */
  cancel(): void {
    if (this.cancelled) return
    this.cancelled = true
    this.worker.terminate()
    this.settleRead({ kind: 'failed', message: 'cancelled' })
    this.failAll(new ReadCancelled('cancelled'))
  }
}
