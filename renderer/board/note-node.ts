/**
 * One note drawn in Konva: a flat shade, a rounded card, its text, and a ×N badge when
 * others gave the same reply. A face-down note shows its back, never its words. Only the
 * card listens for the pointer; everything else is skipped by hit detection.
 */
import Konva from 'konva'
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../core/layout.ts'
import type { Note } from '../../core/model.ts'
import { markShape } from './color-marks.ts'
import { textDirection } from './text-direction.ts'
import { stripBidiControls } from '../../core/bidi.ts'
import {
  BOARD_FONT,
  NOTE_BACK,
  NOTE_BACK_TEXT,
  NOTE_EDGE,
  NOTE_EDGE_WIDTH,
  NOTE_FILL,
  NOTE_SHADE,
  NOTE_AUTHOR,
  NOTE_TEXT,
  SELECTION,
} from './palette.ts'
import type { VoteMark } from './vote-marks.ts'
import { MARK_HEIGHT, createVoteMark, setVoteMark, voteMarkWidth } from './vote-marks.ts'

const PADDING = 16
import { NOTE_FONT_SIZE } from './type-sizes.ts'

export { NOTE_FONT_SIZE }
/** The footer strip: colour mark, author or segment, ×N badge. */
const FOOTER = 34
const AUTHOR_SIZE = 17

/** The Konva nodes of one note, and the record they were last drawn from. */
export interface NoteNode {
  group: Konva.Group
  card: Konva.Rect
  text: Konva.Text
  badge: Konva.Text
  /** Who gave the reply (or its segment), in the footer; shown when the View setting is on. */
  author: Konva.Text
  /** The colour's shape mark, or null (yellow, or face down). */
  mark: Konva.Shape | null
  /** The vote's dots on the top edge, or null when none are shown. */
  votes: VoteMark | null
  note: Note
  /** Drawn with the selection outline. */
  selected: boolean
  /** Faded out (a search that it does not match). */
  dimmed: boolean
  /** In the viewport (culled otherwise). */
  inView: boolean
}

/** What the card shows: the reply (face up) or its back (face down). */
function face(note: Note) {
  if (note.hidden) {
    return {
      card: { fill: NOTE_BACK },
      text: {
        text: 'Hidden until revealed',
        direction: 'ltr',
        align: 'center',
        verticalAlign: 'middle',
        fill: NOTE_BACK_TEXT,
        fontStyle: 'italic',
      },
    }
  }
  const rtl = textDirection(note.text) === 'rtl'
  return {
    card: { fill: NOTE_FILL[note.color] },
    text: {
      text: stripBidiControls(note.text),
      direction: rtl ? 'rtl' : 'ltr',
      align: rtl ? 'right' : 'left',
      verticalAlign: 'top',
      fill: NOTE_TEXT,
      fontStyle: 'normal',
    },
  }
}

/** "×3" for a reply given three times, nothing for one. */
function badgeText(note: Note): string {
  return note.duplicates.length > 0 ? `×${note.duplicates.length + 1}` : ''
}

/** The footer's "who said it": the author or segment, never on a face-down note. */
function authorText(note: Note): string {
  return note.hidden || !note.author ? '' : note.author
}

/** Shows or hides the author line (the board's View setting). */
export function showNoteAuthor(node: NoteNode, show: boolean): void {
  if (node.author.visible() !== show) node.author.visible(show)
}

/** Draws a note; the group is draggable and named by the note's id. */
export function createNoteNode(note: Note): NoteNode {
  const group = new Konva.Group({ id: note.id, x: note.x, y: note.y, draggable: true })
  // Only the strip below the card shows: drawing just that keeps each note's fill to one
  // card's worth of pixels, which is what a zoom over hundreds of notes pays for.
  const shade = new Konva.Rect({
    x: 0,
    y: NOTE_HEIGHT - 12,
    width: NOTE_WIDTH,
    height: 16,
    cornerRadius: 8,
    fill: NOTE_SHADE,
    listening: false,
    perfectDrawEnabled: false,
  })
  const card = new Konva.Rect({
    width: NOTE_WIDTH,
    height: NOTE_HEIGHT,
    cornerRadius: 8,
    ...face(note).card,
    stroke: NOTE_EDGE,
    strokeWidth: NOTE_EDGE_WIDTH,
    perfectDrawEnabled: false,
    shadowForStrokeEnabled: false,
  })
  const text = new Konva.Text({
    x: PADDING,
    y: 14,
    width: NOTE_WIDTH - PADDING * 2,
    height: NOTE_HEIGHT - 14 - FOOTER,
    ...face(note).text,
    fontFamily: BOARD_FONT,
    fontSize: NOTE_FONT_SIZE,
    lineHeight: 1.2,
    wrap: 'word',
    ellipsis: true,
    listening: false,
    perfectDrawEnabled: false,
  })
  const badge = new Konva.Text({
    x: NOTE_WIDTH - 70,
    y: NOTE_HEIGHT - 28,
    width: 58,
    align: 'right',
    text: badgeText(note),
    fontFamily: BOARD_FONT,
    fontSize: 21,
    fontStyle: '700',
    fill: NOTE_TEXT,
    listening: false,
    perfectDrawEnabled: false,
  })
  const author = new Konva.Text({
    x: 40,
    y: NOTE_HEIGHT - 27,
    width: NOTE_WIDTH - 40 - 74,
    height: AUTHOR_SIZE + 4,
    text: authorText(note),
    fontFamily: BOARD_FONT,
    fontSize: AUTHOR_SIZE,
    fill: NOTE_AUTHOR,
    wrap: 'none',
    ellipsis: true,
    visible: false,
    listening: false,
    perfectDrawEnabled: false,
  })
  group.add(shade, card, text, badge, author)
  const node: NoteNode = {
    group,
    card,
    text,
    badge,
    author,
    mark: null,
    votes: null,
    note,
    selected: false,
    dimmed: false,
    inView: true,
  }
  setMark(node, note)
  return node
}

/** Puts the colour's mark in the bottom-left corner (none while face down). */
function setMark(node: NoteNode, note: Note): void {
  node.mark?.destroy()
  node.mark = note.hidden ? null : markShape(note.color, 24, NOTE_HEIGHT - 18, 7)
  if (node.mark) node.group.add(node.mark)
}

/** Brings the nodes in line with a changed record. */
export function updateNoteNode(node: NoteNode, note: Note): void {
  if (node.note === note) return
  node.group.position({ x: note.x, y: note.y })
  const before = node.note
  if (before.text !== note.text || before.hidden !== note.hidden || before.color !== note.color) {
    const look = face(note)
    node.card.setAttrs(look.card)
    node.text.setAttrs(look.text)
    if (before.color !== note.color || before.hidden !== note.hidden) setMark(node, note)
  }
  if (before.duplicates !== note.duplicates) node.badge.text(badgeText(note))
  if (before.author !== note.author || before.hidden !== note.hidden) {
    node.author.text(authorText(note))
  }
  node.note = note
}

/** A note's dots are drawn a little smaller than a cluster's. */
const NOTE_MARK_SCALE = 0.85

/**
 * Shows `votes` dots on the note's top-right corner (none for null or 0); `scale` keeps
 * them a readable size on screen when zoomed out. Returns whether the note shows dots.
 */
export function setNoteVotes(node: NoteNode, votes: number | null, scale = 1): boolean {
  if (!votes) {
    node.votes?.group.destroy()
    node.votes = null
    return false
  }
  if (node.votes) setVoteMark(node.votes, votes, true)
  else {
    node.votes = createVoteMark(votes)
    setVoteMark(node.votes, votes, true)
    node.group.add(node.votes.group)
  }
  // Inside the card's top-right corner: one dot and the count, clear of the notes around.
  const k = Math.min(NOTE_MARK_SCALE * scale, (NOTE_HEIGHT * 0.5) / MARK_HEIGHT)
  node.votes.group.scale({ x: k, y: k })
  node.votes.group.position({ x: NOTE_WIDTH - 6 - voteMarkWidth(node.votes) * k, y: 6 })
  return true
}

/** Shows or hides the selection outline and the search fade. */
export function styleNoteNode(node: NoteNode, selected: boolean, dimmed: boolean): void {
  if (node.selected !== selected) {
    node.card.stroke(selected ? SELECTION : NOTE_EDGE)
    node.card.strokeWidth(selected ? 5 : NOTE_EDGE_WIDTH)
    node.selected = selected
  }
  if (node.dimmed !== dimmed) {
    node.group.opacity(dimmed ? 0.22 : 1)
    node.dimmed = dimmed
  }
}
