/**
 * The board's cheapest level of detail: far out, every loose note in view is one filled
 * rectangle in its colour, drawn by a single Konva shape in one pass instead of 10,000
 * groups of card, text and marks. Notes in clusters are not drawn at all at that zoom:
 * their cluster shows as a labelled block. Closer in, it draws the notes that have just
 * come into view, until their own nodes are made.
 *
 * Limits: does not listen for the pointer (notes are dragged close up); draws what the
 * scene's records say, so the scene must redraw the layer after a change.
 */
import Konva from 'konva'
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../core/layout.ts'
import type { Rect } from '../../core/layout.ts'
import type { Note, NoteColor } from '../../core/model.ts'
import { NOTE_COLORS } from '../../core/model.ts'
import { NOTE_BACK, NOTE_FILL } from './palette.ts'

/**
 * A shape that draws `notes()` as coloured blocks inside `view()`,
 * fading those that a search (`matches()`, null when none) does not match.
 */
export function createOverviewShape(
  notes: () => Iterable<Note>,
  view: () => Rect,
  matches: () => ReadonlySet<string> | null,
): Konva.Shape {
  return new Konva.Shape({
    listening: false,
    visible: false,
    perfectDrawEnabled: false,
    sceneFunc(context) {
      const ctx = (context as unknown as { _context: CanvasRenderingContext2D })._context
      const area = view()
      const found = matches()
      const byColor = new Map<NoteColor | 'back', number[]>()
      for (const key of [...NOTE_COLORS, 'back' as const]) byColor.set(key, [])
      for (const n of notes()) {
        if (
          n.x > area.x + area.width ||
          n.y > area.y + area.height ||
          n.x + NOTE_WIDTH < area.x ||
          n.y + NOTE_HEIGHT < area.y
        ) {
          continue
        }
        byColor.get(n.hidden ? 'back' : n.color)!.push(n.x, n.y, found && !found.has(n.id) ? 1 : 0)
      }
      for (const [color, coords] of byColor) {
        ctx.fillStyle = color === 'back' ? NOTE_BACK : NOTE_FILL[color]
        for (let i = 0; i < coords.length; i += 3) {
          ctx.globalAlpha = coords[i + 2] ? 0.25 : 1
          ctx.fillRect(coords[i]!, coords[i + 1]!, NOTE_WIDTH, NOTE_HEIGHT)
        }
      }
      ctx.globalAlpha = 1
    },
  })
}
