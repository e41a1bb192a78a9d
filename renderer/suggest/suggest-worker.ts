/**
 * The suggestion worker: loads the word vectors once, then runs the engine for each
 * request, handing the event loop back every few milliseconds so a cancel is heard.
 * Limits: one run at a time (a new run cancels the one before); the vectors stay in
 * memory (about 11 MB) while the worker lives.
 */
import type { WordVectors } from '../../core/suggest/word-vectors.ts'
import { decodeWordVectors } from '../../core/suggest/word-vectors.ts'
import { suggestSteps } from '../../core/suggest/suggest.ts'
import type { FromWorker, ToWorker } from './suggest-protocol.ts'

let loading: Promise<{ vectors: WordVectors | null; problem: string | null }> | null = null
let current = -1

function post(message: FromWorker): void {
  postMessage(message)
}

async function loadVectors(url: string) {
  try {
    const response = await fetch(url)
    if (!response.ok)
      return { vectors: null, problem: `the word vectors answered ${response.status}` }
    const decoded = decodeWordVectors(new Uint8Array(await response.arrayBuffer()))
    if (!decoded.ok)
      return { vectors: null, problem: `the word vectors are damaged (${decoded.error.kind})` }
    return { vectors: decoded.vectors, problem: null }
  } catch (error) {
    return {
      vectors: null,
      problem: `the word vectors could not be read: ${(error as Error).message}`,
    }
  }
}

const breathe = () => new Promise((resolve) => setTimeout(resolve, 0))

async function run(id: number, replies: string[], vectorsUrl: string): Promise<void> {
  current = id
  post({ type: 'progress', id, phase: 'loading', done: 0 })
  loading ??= loadVectors(vectorsUrl)
  const { vectors, problem } = await loading
  if (current !== id) return post({ type: 'cancelled', id })
  const steps = suggestSteps(replies, vectors)
  let slice = performance.now()
  for (;;) {
    const step = steps.next()
    if (step.done) {
      post({ type: 'done', id, suggestions: step.value, vectorsProblem: problem })
      return
    }
    if (performance.now() - slice > 30) {
      post({ type: 'progress', id, phase: step.value.phase, done: step.value.done })
      await breathe()
      if (current !== id) return post({ type: 'cancelled', id })
      slice = performance.now()
    }
  }
}

onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  switch (message.type) {
    case 'run':
      run(message.id, message.replies, message.vectorsUrl).catch((error: unknown) =>
        post({ type: 'failed', id: message.id, message: (error as Error).message }),
      )
      return
    case 'cancel':
      if (current === message.id) current = -1
      return
  }
}
