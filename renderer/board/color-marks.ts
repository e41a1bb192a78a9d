/**
 * A small shape per palette colour, drawn in a note's corner and on its swatch, so that
 * colour is never the only way to tell notes apart (for colour-blind people, and on a
 * washed-out projector). Yellow, the default, has none.
 */
import Konva from 'konva'
import type { NoteColor } from '../../core/model.ts'
import { MARK_INK } from './palette.ts'

/** The shape that goes with each colour. */
export const COLOR_MARK: Record<
  NoteColor,
  'none' | 'triangle' | 'circle' | 'square' | 'diamond' | 'star'
> = {
  yellow: 'none',
  orange: 'triangle',
  pink: 'circle',
  blue: 'square',
  green: 'diamond',
  grey: 'star',
}

/** The Konva shape of a colour's mark, centred on (x, y) with radius r; null for none. */
export function markShape(color: NoteColor, x: number, y: number, r: number): Konva.Shape | null {
  const common = { x, y, fill: MARK_INK, listening: false, perfectDrawEnabled: false }
  switch (COLOR_MARK[color]) {
    case 'none':
      return null
    case 'triangle':
      return new Konva.RegularPolygon({ ...common, sides: 3, radius: r * 1.1 })
    case 'circle':
      return new Konva.Circle({ ...common, radius: r * 0.85 })
    case 'square':
      return new Konva.Rect({
        ...common,
        x: x - r * 0.8,
        y: y - r * 0.8,
        width: r * 1.6,
        height: r * 1.6,
      })
    case 'diamond':
      return new Konva.RegularPolygon({ ...common, sides: 4, radius: r * 1.05 })
    case 'star':
      return new Konva.Star({
        ...common,
        numPoints: 5,
        innerRadius: r * 0.5,
        outerRadius: r * 1.15,
      })
  }
}

/** The same mark as an SVG path for the palette's buttons (a 20x20 box). */
export function markPath(color: NoteColor): string | null {
  switch (COLOR_MARK[color]) {
    case 'none':
      return null
    case 'triangle':
      return 'M10 3 L17 16 L3 16 Z'
    case 'circle':
      return 'M10 4 A6 6 0 1 1 9.99 4 Z'
    case 'square':
      return 'M4 4 H16 V16 H4 Z'
    case 'diamond':
      return 'M10 2 L18 10 L10 18 L2 10 Z'
    case 'star':
      return 'M10 2 L12.4 7.6 L18.5 8.1 L13.8 12 L15.3 18 L10 14.8 L4.7 18 L6.2 12 L1.5 8.1 L7.6 7.6 Z'
  }
}
