/**
 * PNG export of a board, a cluster or the ranking, drawn from an offscreen Konva stage
 * built from the model (never a screenshot of the window), at 1×, 2× or 4×.
 *
 * Any size works: the image is drawn tile by tile (each well inside every browser's
 * canvas limits, one a task), each tile is copied to the streaming PNG encoder in a
 * worker, which reads its pixels and puts the strips together, so a 5,000-note board
 * exports with the window still answering input, showing progress, and can be cancelled
 * at any point.
 * Limits: images over MAX_IMAGE_PIXELS are drawn at a smaller scale (the plan says so);
 * text uses the bundled board font once it has loaded.
 */
import Konva from 'konva'
import { SceneCanvas } from 'konva/lib/Canvas'
import type { ImageTarget } from '../../core/export/image-bounds.ts'
import { fitScale, pixelSize } from '../../core/export/image-bounds.ts'
import type { Workshop } from '../../core/model.ts'
import type { ImageBackground } from './image-scene.ts'
import { ImageScene } from './image-scene.ts'
import { tileEncoder } from './worker-encoder.ts'

/** Side of a drawn tile, in pixels, to start with. */
const TILE = 512
/** Largest and smallest tile sides. */
const MAX_TILE = 1024
const MIN_TILE = 128
/** A tile that takes longer than this makes the next ones smaller; one under a quarter of it, larger. */
const TILE_MS = 12
/** Longest stretch of work before the page gets a turn, in milliseconds. */
const SLICE_MS = 12

/** What to draw and how. */
export interface ImageRequest {
  target: ImageTarget
  /** 1 for screen size, 2 or 4 for print. */
  scale: number
  background: ImageBackground
}

/** An image ready to draw: its scene and its size. */
export interface ImagePlan {
  scene: ImageScene
  /** The scale it will be drawn at (below the one asked for when the image would be too large). */
  scale: number
  /** Size in pixels. */
  width: number
  height: number
  /** True when the scale asked for was lowered to fit. */
  reduced: boolean
}

/** Works out an image's scene and size, without drawing it. */
export function planImage(doc: Workshop, request: ImageRequest): ImagePlan {
  return planScene(new ImageScene(doc, request.target, request.background), request.scale)
}

/** The size a scene is drawn at for the scale asked for. */
export function planScene(scene: ImageScene, asked: number): ImagePlan {
  const { width, height } = scene.bounds
  const scale = fitScale(width, height, asked)
  return { scene, scale, ...pixelSize(width, height, scale), reduced: scale < asked }
}

/** How far a drawing has come, in pixels. */
export interface ImageProgress {
  /** Pixels drawn so far. */
  done: number
  /** Pixels in all. */
  total: number
}

/** A cancelled export. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.')
    this.name = 'ExportCancelled'
  }
}

/**
 * Turns for the page: `pause()` gives one when the current slice of work has run past
 * SLICE_MS, `pause('task')` always, and `pause('timer')` always, by a timer, which lets
 * rendering in as well as input (message turns are quicker). Each checks for a cancel.
 */
function slicer(signal?: AbortSignal) {
  let since = performance.now()
  // One channel for every message turn: a channel a turn would leave the collector work.
  const channel = new MessageChannel()
  let woken: (() => void) | null = null
  channel.port1.onmessage = () => woken?.()
  const message = () =>
    new Promise<void>((resolve) => {
      woken = resolve
      channel.port2.postMessage(null)
    })
  const pause = async (turn: 'due' | 'task' | 'timer' = 'due') => {
    if (turn !== 'due' || performance.now() - since > SLICE_MS) {
      await (turn === 'timer' ? new Promise((r) => setTimeout(r, 0)) : message())
      since = performance.now()
    }
    if (signal?.aborted) throw new ExportCancelled()
  }
  return Object.assign(pause, { close: () => channel.port1.close() })
}

/** Draws a planned image and encodes it as a PNG. */
export async function renderPng(
  plan: ImagePlan,
  options: { onProgress?: (progress: ImageProgress) => void; signal?: AbortSignal } = {},
): Promise<Blob> {
  await document.fonts.ready
  const pause = slicer(options.signal)
  try {
    // Nothing is drawn in the task of the click that asked for the image.
    await pause('timer')
    return await drawTiles(plan, pause, options.onProgress)
  } finally {
    pause.close()
  }
}

async function drawTiles(
  plan: ImagePlan,
  pause: ReturnType<typeof slicer>,
  onProgress?: (progress: ImageProgress) => void,
): Promise<Blob> {
  const { scene, scale, width, height } = plan
  // The stage only carries the scale and offset of each tile; tiles are drawn into a
  // canvas of their own kept in memory (willReadFrequently), cheap to copy or read back.
  const container = document.createElement('div')
  const stage = new Konva.Stage({ container, width: 1, height: 1 })
  const layer = new Konva.Layer({ listening: false })
  stage.add(layer)
  stage.scale({ x: scale, y: scale })
  const canvas = new SceneCanvas({ width: 1, height: 1, pixelRatio: 1, willReadFrequently: true })
  // Each tile goes to the encoder as soon as it is drawn; strips are put together and
  // encoded there, never on this thread.
  const encoder = tileEncoder(width, height, () => pause())
  const total = width * height
  // Tiles shrink when one takes too long (dense text, a slow machine) and grow back over
  // empty space, so no single piece of work holds the page for long.
  let side = TILE
  try {
    for (let top = 0; top < height;) {
      const stripHeight = Math.min(side, height - top)
      for (let left = 0; left < width;) {
        const started = performance.now()
        const tileWidth = Math.min(side, width - left)
        if (canvas.width !== tileWidth || canvas.height !== stripHeight)
          canvas.setSize(tileWidth, stripHeight)
        stage.position({ x: -(scene.bounds.x * scale + left), y: -(scene.bounds.y * scale + top) })
        layer.destroyChildren()
        scene.fill(layer, {
          x: scene.bounds.x + left / scale,
          y: scene.bounds.y + top / scale,
          width: tileWidth / scale,
          height: stripHeight / scale,
        })
        layer.drawScene(canvas)
        // The encoder copies the tile before it first waits, so this times the whole of
        // drawing it (the browser rasterises a canvas when it is copied or read).
        const added = encoder.add(canvas._canvas, left, tileWidth, stripHeight)
        const took = performance.now() - started
        if (took > TILE_MS) side = Math.max(MIN_TILE, side / 2)
        else if (took < TILE_MS / 4) side = Math.min(MAX_TILE, side * 2)
        await added
        left += tileWidth
        onProgress?.({ done: top * width + left * stripHeight, total })
        // One tile a task, so input gets in between any two.
        await pause('task')
      }
      top += stripHeight
      await pause('timer')
    }
    return await encoder.finish()
  } catch (error) {
    encoder.abort()
    throw error
  } finally {
    stage.destroy()
    canvas.setSize(0, 0)
  }
}
