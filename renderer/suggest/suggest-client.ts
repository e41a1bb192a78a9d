/**
 * The page's side of the suggestion worker: one worker per window, started on the first
 * request and kept (so the word vectors load once), runs that report progress and can be
 * cancelled. The vector asset's URL comes from the bundle, so it is served by the app
 * itself: no network.
 * Limits: a new run cancels the one before.
 */
import vectorsUrl from '../../assets/word-vectors/en.bin?url'
import type { Suggestions } from '../../core/suggest/suggest.ts'
import type { FromWorker, ToWorker } from './suggest-protocol.ts'

/** How a run ended. */
export type SuggestOutcome =
  | { kind: 'done'; suggestions: Suggestions; vectorsProblem: string | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }

/** Progress of a run, for a progress bar. */
export interface SuggestRunProgress {
  /** What the worker is doing. */
  phase: 'loading' | 'reading' | 'comparing' | 'grouping' | 'naming'
  /** Share done, 0 to 1. */
  done: number
}

let worker: Worker | null = null
let nextId = 1
const waiting = new Map<
  number,
  { resolve: (outcome: SuggestOutcome) => void; onProgress: (p: SuggestRunProgress) => void }
>()

function ensureWorker(): Worker {
  if (worker) return worker
  worker = new Worker(new URL('./suggest-worker.ts', import.meta.url), { type: 'module' })
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data
    const run = waiting.get(message.id)
    if (!run) return
    switch (message.type) {
      case 'progress':
        run.onProgress({ phase: message.phase, done: message.done })
        return
      case 'done':
        waiting.delete(message.id)
        run.resolve({
          kind: 'done',
          suggestions: message.suggestions,
          vectorsProblem: message.vectorsProblem,
        })
        return
      case 'cancelled':
        waiting.delete(message.id)
        run.resolve({ kind: 'cancelled' })
        return
      case 'failed':
        waiting.delete(message.id)
        run.resolve({ kind: 'failed', message: message.message })
        return
    }
  }
  worker.onerror = (event) => {
    for (const [id, run] of waiting) {
      waiting.delete(id)
      run.resolve({ kind: 'failed', message: event.message || 'the suggestion worker stopped' })
    }
    worker?.terminate()
    worker = null
  }
  return worker
}

/** Starts suggesting clusters for `replies`; `cancel` ends the run as soon as it can. */
export function suggestInWorker(
  replies: string[],
  onProgress: (progress: SuggestRunProgress) => void,
): { outcome: Promise<SuggestOutcome>; cancel: () => void } {
  const id = nextId++
  const target = ensureWorker()
  for (const [other, run] of waiting) {
    target.postMessage({ type: 'cancel', id: other } satisfies ToWorker)
    waiting.delete(other)
    run.resolve({ kind: 'cancelled' })
  }
  const outcome = new Promise<SuggestOutcome>((resolve) => {
    waiting.set(id, { resolve, onProgress })
  })
  const url = new URL(vectorsUrl, document.baseURI).href
  target.postMessage({ type: 'run', id, replies, vectorsUrl: url } satisfies ToWorker)
  return {
    outcome,
    cancel: () => {
      const run = waiting.get(id)
      if (!run) return
      target.postMessage({ type: 'cancel', id } satisfies ToWorker)
      waiting.delete(id)
      run.resolve({ kind: 'cancelled' })
    },
  }
}
