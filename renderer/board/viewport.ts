/**
 * The board's camera: a scale and an offset, mapping board units to the stage's CSS
 * pixels. Zooms about a point (the pointer, or the middle of the view), fits a rectangle.
 */
import type Konva from 'konva'
import type { Rect } from '../../core/layout.ts'

/** Zoom limits: far enough out to see 10,000 notes whole, close enough to read a small one. */
export const MIN_SCALE = 0.02
export const MAX_SCALE = 4
/** Below this scale notes are drawn without text (it would be under 10 px on screen). */
export const TEXT_MIN_SCALE = 0.4
/**
 * Below this scale the board is an overview: clusters as labelled blocks, loose notes as
 * plain coloured blocks drawn in one pass.
 */
export const OVERVIEW_SCALE = 0.3

/** Where the camera is: the stage's offset in CSS pixels and its zoom. */
export interface View {
  x: number
  y: number
  scale: number
}

/** Zooms the stage by `factor` keeping the board point under `anchor` (stage px) still. */
export function zoomAbout(
  stage: Konva.Stage,
  factor: number,
  anchor: { x: number; y: number },
): void {
  const old = stage.scaleX()
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, old * factor))
  const board = { x: (anchor.x - stage.x()) / old, y: (anchor.y - stage.y()) / old }
  stage.scale({ x: scale, y: scale })
  stage.position({ x: anchor.x - board.x * scale, y: anchor.y - board.y * scale })
}

/**
 * Shows `rect` (board units) whole and centred, with a margin in CSS pixels (and room
 * at the bottom for the board's controls).
 */
export function fitRect(stage: Konva.Stage, rect: Rect, margin = 48, maxScale = 1.25): void {
  const bottom = 72
  const width = Math.max(1, stage.width() - margin * 2)
  const height = Math.max(1, stage.height() - margin * 2 - bottom)
  const scale = Math.min(
    maxScale,
    Math.max(MIN_SCALE, Math.min(width / rect.width, height / rect.height)),
  )
  stage.scale({ x: scale, y: scale })
  stage.position({
    x: (stage.width() - rect.width * scale) / 2 - rect.x * scale,
    y: (stage.height() - bottom - rect.height * scale) / 2 - rect.y * scale,
  })
}

/** The part of the board in view, in board units. */
export function visibleRect(stage: Konva.Stage): Rect {
  const scale = stage.scaleX()
  return {
    x: -stage.x() / scale,
    y: -stage.y() / scale,
    width: stage.width() / scale,
    height: stage.height() / scale,
  }
}

/** A stage point (CSS px inside the container) in board units. */
export function toBoard(
  stage: Konva.Stage,
  point: { x: number; y: number },
): { x: number; y: number } {
  const scale = stage.scaleX()
  return { x: (point.x - stage.x()) / scale, y: (point.y - stage.y()) / scale }
}
