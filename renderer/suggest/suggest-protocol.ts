/**
 * The messages between the board and the suggestion worker. The worker loads the word
 * vectors once (from the app's own bundle, never the network) and runs the engine in
 * steps, so it can report progress and stop when told.
 */
import type { SuggestProgress, Suggestions } from '../../core/suggest/suggest.ts'

/** From the page to the worker. */
export type ToWorker =
  | {
      type: 'run'
      /** Names this run in the answers. */
      id: number
      /** The replies, in the order their indices refer to. */
      replies: string[]
      /** Where the word-vector asset is served. */
      vectorsUrl: string
    }
  | { type: 'cancel'; id: number }

/** From the worker to the page. */
export type FromWorker =
  | { type: 'progress'; id: number; phase: SuggestProgress['phase'] | 'loading'; done: number }
  | {
      type: 'done'
      id: number
      suggestions: Suggestions
      /** Why the word vectors are missing, if they could not be loaded. */
      vectorsProblem: string | null
    }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string }
