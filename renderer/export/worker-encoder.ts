/**
 * The page's side of the PNG worker (png-worker.ts): strips go over with their buffers
 * transferred, at most two in flight, so drawing the next strip overlaps encoding the
 * last one; the worker is ended when the image is done or cancelled.
 * Limits: falls back to encoding on the page (sliced) where a module worker cannot start.
 */
import type { Pause, StripEncoder } from './png-encoder.ts'
import { encoderHere } from './png-encoder.ts'
import type { FromWorker, ToWorker } from './png-worker.ts'

/** A strip encoder in a worker, or on this thread if no worker can be made. */
export function stripEncoder(width: number, height: number, pause: Pause): StripEncoder {
  let worker: Worker
  try {
    worker = new Worker(new URL('./png-worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return encoderHere(width, height, pause)
  }
  const acks: (() => void)[] = []
  let failure: Error | null = null
  let finished: ((png: Blob) => void) | null = null
  let failed: ((error: Error) => void) | null = null
  let inFlight = 0
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data
    switch (message.type) {
      case 'ack':
        inFlight--
        acks.shift()?.()
        return
      case 'done':
        finished?.(message.png)
        worker.terminate()
        return
      case 'error':
        failure = new Error(`The image could not be encoded: ${message.message}`)
        failed?.(failure)
        for (const ack of acks.splice(0)) ack()
        worker.terminate()
        return
    }
  }
  worker.onerror = (event) => {
    failure = new Error(`The image could not be encoded: ${event.message}`)
    failed?.(failure)
    for (const ack of acks.splice(0)) ack()
  }
  const send = (message: ToWorker, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer)
  send({ type: 'start', width, height })
  return {
    add: async (rgba, rows) => {
      if (failure) throw failure
      const buffer = rgba.buffer as ArrayBuffer
      inFlight++
      send({ type: 'rows', rgba: buffer, rows }, [buffer])
      if (inFlight >= 2) await new Promise<void>((resolve) => acks.push(resolve))
      if (failure) throw failure
    },
    finish: () =>
      new Promise<Blob>((resolve, reject) => {
        if (failure) return reject(failure)
        finished = resolve
        failed = reject
        send({ type: 'finish' })
      }),
    abort: () => worker.terminate(),
  }
}
