/**
 * The PNG encoder in a worker, so putting strips together from tiles, filtering and
 * deflating a large image never hold up the page: the page posts tiles of RGBA pixels
 * (their buffers transferred, not copied), each tile is acknowledged once taken in (the
 * last of a strip once the strip is encoded), and `finish` answers with the PNG as a Blob.
 * Limits: one image per worker.
 */
import { PngEncoder } from './png-encoder.ts'

/** What the page sends. */
export type ToWorker =
  | { type: 'start'; width: number; height: number }
  | { type: 'tile'; rgba: ArrayBuffer; left: number; width: number; rows: number }
  | { type: 'finish' }

/** What the worker answers. */
export type FromWorker =
  { type: 'ack' } | { type: 'done'; png: Blob } | { type: 'error'; message: string }

let encoder: PngEncoder | null = null
const post = (message: FromWorker) => self.postMessage(message)
// Messages are handled one after another, each once the one before has finished.
let queue: Promise<void> = Promise.resolve()

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  queue = queue.then(async () => {
    try {
      switch (message.type) {
        case 'start':
          encoder = new PngEncoder(message.width, message.height)
          return
        case 'tile':
          await encoder!.addTile(
            new Uint8ClampedArray(message.rgba),
            message.left,
            message.width,
            message.rows,
            async () => {},
          )
          post({ type: 'ack' })
          return
        case 'finish':
          post({ type: 'done', png: await encoder!.finish() })
          return
      }
    } catch (error) {
      post({ type: 'error', message: (error as Error).message })
    }
  })
}
