/**
 * One note drawn in Konva: a flat shade, a rounded card and its text. Only the card
 * listens for the pointer; the text and shade are skipped by hit detection.
 */
import Konva from 'konva'
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../core/layout.ts'
import type { Note } from '../../core/model.ts'
import { textDirection } from './text-direction.ts'
import { BOARD_FONT, NOTE_EDGE, NOTE_FILL, NOTE_SHADE, NOTE_TEXT, SELECTION } from './palette.ts'

const PADDING = 16
const FONT_SIZE = 21

/** The Konva nodes of one note, and the record they were last drawn from. */
export interface NoteNode {
  group: Konva.Group
  card: Konva.Rect
  text: Konva.Text
  note: Note
  /** Drawn with the selection outline. */
  selected: boolean
  /** Faded out (a search that it does not match). */
  dimmed: boolean
  /** In the viewport (culled otherwise). */
  inView: boolean
}

function directionOf(text: string): { direction: string; align: string } {
  return textDirection(text) === 'rtl'
    ? { direction: 'rtl', align: 'right' }
    : { direction: 'ltr', align: 'left' }
}

/** Draws a note; the group is draggable and named by the note's id. */
export function createNoteNode(note: Note): NoteNode {
  const group = new Konva.Group({ id: note.id, x: note.x, y: note.y, draggable: true })
  const shade = new Konva.Rect({
    x: 0,
    y: 4,
    width: NOTE_WIDTH,
    height: NOTE_HEIGHT,
    cornerRadius: 8,
    fill: NOTE_SHADE,
    listening: false,
    perfectDrawEnabled: false,
  })
  const card = new Konva.Rect({
    width: NOTE_WIDTH,
    height: NOTE_HEIGHT,
    cornerRadius: 8,
    fill: NOTE_FILL[note.color],
    stroke: NOTE_EDGE,
    strokeWidth: 1,
    perfectDrawEnabled: false,
    shadowForStrokeEnabled: false,
  })
  const text = new Konva.Text({
    x: PADDING,
    y: PADDING,
    width: NOTE_WIDTH - PADDING * 2,
    height: NOTE_HEIGHT - PADDING * 2,
    text: note.text,
    ...directionOf(note.text),
    fontFamily: BOARD_FONT,
    fontSize: FONT_SIZE,
    lineHeight: 1.25,
    fill: NOTE_TEXT,
    wrap: 'word',
    ellipsis: true,
    listening: false,
    perfectDrawEnabled: false,
  })
  group.add(shade, card, text)
  return { group, card, text, note, selected: false, dimmed: false, inView: true }
}

/** Brings the nodes in line with a changed record. */
export function updateNoteNode(node: NoteNode, note: Note): void {
  if (node.note === note) return
  node.group.position({ x: note.x, y: note.y })
  if (node.note.text !== note.text)
    node.text.setAttrs({ text: note.text, ...directionOf(note.text) })
  if (node.note.color !== note.color) node.card.fill(NOTE_FILL[note.color])
  node.note = note
}

/** Shows or hides the selection outline and the search fade. */
export function styleNoteNode(node: NoteNode, selected: boolean, dimmed: boolean): void {
  if (node.selected !== selected) {
    node.card.stroke(selected ? SELECTION : NOTE_EDGE)
    node.card.strokeWidth(selected ? 5 : 1)
    node.selected = selected
  }
  if (node.dimmed !== dimmed) {
    node.group.opacity(dimmed ? 0.22 : 1)
    node.dimmed = dimmed
  }
}
