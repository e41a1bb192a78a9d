/**
 * The page's side of the PNG worker (png-worker.ts): each tile goes over as an
 * ImageBitmap (a copy of the canvas the browser makes without a pixel array on this
 * thread), transferred, and the worker reads its pixels back, so drawing goes on while
 * the worker encodes, up to IN_FLIGHT_BYTES of tiles not yet taken in; the worker is
 * ended when the image is done or cancelled.
 * Limits: falls back to encoding on the page (sliced) where a module worker cannot start.
 */
import type { Pause, TileEncoder } from './png-encoder.ts'
import { encoderHere } from './png-encoder.ts'
import type { FromWorker, ToWorker } from './png-worker.ts'

/** Most bytes of tiles sent and not yet taken in by the worker (a strip or two of a wide image). */
const IN_FLIGHT_BYTES = 64 * 1024 * 1024

/** A tile encoder in a worker, or on this thread if no worker can be made. */
export function tileEncoder(width: number, height: number, pause: Pause): TileEncoder {
  let worker: Worker
  try {
    worker = new Worker(new URL('./png-worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return encoderHere(width, height, pause)
  }
  /** The sizes of the tiles sent and not yet acknowledged, oldest first. */
  const sent: number[] = []
  let inFlight = 0
  let waiting: (() => void) | null = null
  let failure: Error | null = null
  let finished: ((png: Blob) => void) | null = null
  let failed: ((error: Error) => void) | null = null
  const release = () => {
    waiting?.()
    waiting = null
  }
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data
    switch (message.type) {
      case 'ack':
        inFlight -= sent.shift() ?? 0
        if (inFlight <= IN_FLIGHT_BYTES) release()
        return
      case 'done':
        finished?.(message.png)
        worker.terminate()
        return
      case 'error':
        failure = new Error(`The image could not be encoded: ${message.message}`)
        failed?.(failure)
        release()
        worker.terminate()
        return
    }
  }
  worker.onerror = (event) => {
    failure = new Error(`The image could not be encoded: ${event.message}`)
    failed?.(failure)
    release()
  }
  const send = (message: ToWorker, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer)
  send({ type: 'start', width, height })
  return {
    add: async (canvas, left, tileWidth, rows) => {
      if (failure) throw failure
      // The copy is made now, as the call is made; only its delivery waits.
      const bitmap = await createImageBitmap(canvas, 0, 0, tileWidth, rows)
      const bytes = tileWidth * rows * 4
      sent.push(bytes)
      inFlight += bytes
      send({ type: 'bitmap', bitmap, left }, [bitmap])
      if (inFlight > IN_FLIGHT_BYTES) await new Promise<void>((resolve) => (waiting = resolve))
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
