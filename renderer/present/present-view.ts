/**
 * Where present mode puts the camera for one cluster: the cluster filling the free part
 * of the screen (below the prompt, above the footer), never so small that a reply's text
 * is under the minimum type size.
 *
 * Decision for big clusters: readable text wins over showing every note. At 1920x1080 a
 * cluster of up to 12 notes (three rows of four) fits whole at the minimum; a taller one
 * is shown from its title and first rows (notes are laid out in reading order), centred
 * across, and present mode says how many of its notes are in view and lets the arrow key
 * scroll down through the rest before it moves on to the next cluster.
 * Limits: pure arithmetic; the scene animates to the view.
 */
import type { Rect } from '../../core/layout.ts'
import { NOTE_FONT_SIZE } from '../board/type-sizes.ts'
import type { View } from '../board/viewport.ts'

/** The smallest on-screen size of reply text in present mode, CSS px at 1920x1080. */
export const PRESENT_NOTE_PX = 32
/** The smallest on-screen size of cluster names (and the prompt) in present mode. */
export const PRESENT_NAME_PX = 48
/** The least zoom in present mode: reply text at least PRESENT_NOTE_PX (a hair over it). */
export const PRESENT_MIN_SCALE = (PRESENT_NOTE_PX + 0.01) / NOTE_FONT_SIZE
/** The most zoom: a cluster of two notes does not fill the wall with one word. */
export const PRESENT_MAX_SCALE = 2.2

/** The part of the stage left for the board, in CSS px from each edge. */
export interface Insets {
  top: number
  bottom: number
  side: number
}

/** The view that shows `rect` (board units) in a `width`×`height` stage, as described above. */
export function presentView(
  rect: Rect,
  width: number,
  height: number,
  insets: Insets,
  minScale = PRESENT_MIN_SCALE,
  maxScale = PRESENT_MAX_SCALE,
): View {
  const freeW = Math.max(1, width - insets.side * 2)
  const freeH = Math.max(1, height - insets.top - insets.bottom)
  const fit = Math.min(freeW / rect.width, freeH / rect.height)
  const scale = Math.max(minScale, Math.min(maxScale, fit))
  const w = rect.width * scale
  const h = rect.height * scale
  const x = w <= freeW ? insets.side + (freeW - w) / 2 : insets.side
  const y = h <= freeH ? insets.top + (freeH - h) / 2 : insets.top
  return { scale, x: x - rect.x * scale, y: y - rect.y * scale }
}

/** The view that shows the whole board (the overview) in the free part of the stage. */
export function overviewView(rect: Rect, width: number, height: number, insets: Insets): View {
  return presentView(rect, width, height, insets, 0.02, 1.25)
}

/** The board rectangle a view shows of the free part of the stage. */
export function shownRect(view: View, width: number, height: number, insets: Insets): Rect {
  return {
    x: (insets.side - view.x) / view.scale,
    y: (insets.top - view.y) / view.scale,
    width: (width - insets.side * 2) / view.scale,
    height: (height - insets.top - insets.bottom) / view.scale,
  }
}
