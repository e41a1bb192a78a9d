/**
 * The PNG encoder in a worker, so reading tiles' pixels, putting strips together from
 * them, filtering and deflating a large image never hold up the page: the page posts
 * each tile as an ImageBitmap (transferred, not copied), each tile is acknowledged once
 * taken in (the last of a strip once the strip is encoded), and `finish` answers with the
 * PNG as a Blob.
 * Limits: one image per worker.
 */
import { PngEncoder } from './png-encoder.ts'

/** What the page sends. */
export type ToWorker =
  | { type: 'start'; width: number; height: number }
  | { type: 'bitmap'; bitmap: ImageBitmap; left: number }
  | { type: 'finish' }

/** What the worker answers. */
export type FromWorker =
  { type: 'ack' } | { type: 'done'; png: Blob } | { type: 'error'; message: string }

let encoder: PngEncoder | null = null
/** Where tiles are read back into pixels (the page's canvas only draws them). */
let reader: OffscreenCanvasRenderingContext2D | null = null

/** A bitmap's RGBA pixels; the bitmap is closed. */
function pixelsOf(bitmap: ImageBitmap): Uint8ClampedArray {
  const { width, height } = bitmap
  if (!reader)
    reader = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!
  const canvas = reader.canvas
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width
    canvas.height = height
  }
  reader.drawImage(bitmap, 0, 0)
  bitmap.close()
  return reader.getImageData(0, 0, width, height).data
}

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
        case 'bitmap': {
          const { width, height } = message.bitmap
          await encoder!.addTile(
            pixelsOf(message.bitmap),
            message.left,
            width,
            height,
            async () => {},
          )
          post({ type: 'ack' })
          return
        }
        case 'finish':
          post({ type: 'done', png: await encoder!.finish() })
          return
      }
    } catch (error) {
      post({ type: 'error', message: (error as Error).message })
    }
  })
}
