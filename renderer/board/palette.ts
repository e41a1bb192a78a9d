/**
 * Colours of notes and clusters on the board. Pastel fills chosen to stay apart for
 * the common colour-vision deficiencies, each with dark text above 7:1 contrast.
 */
import type { NoteColor } from '../../core/model.ts'

/** Fill of a note of each palette colour. */
export const NOTE_FILL: Record<NoteColor, string> = {
  yellow: '#fde68a',
  orange: '#fdc28c',
  pink: '#f6b8cf',
  blue: '#aed3f2',
  green: '#b9e2c5',
  grey: '#dcdfe4',
}

/** Text on notes. */
export const NOTE_TEXT = '#1c1d21'
/** The author line on a note: softer than the reply, still above 4.5:1 on every fill. */
export const NOTE_AUTHOR = '#44464d'
/** The hairline around a note, so notes stay distinct on a washed-out projector. */
export const NOTE_EDGE = 'rgba(28, 29, 33, 0.16)'
/** The flat offset "shadow" under a note (real blur shadows cost 3.5-7x to draw). */
export const NOTE_SHADE = 'rgba(28, 29, 33, 0.10)'
/** The board's typeface (bundled). */
export const BOARD_FONT = "'Inter Variable', 'Noto Color Emoji', sans-serif"

/** The light tint inside a cluster's frame, from its palette colour. */
export const CLUSTER_TINT: Record<NoteColor, string> = {
  yellow: 'rgba(253, 230, 138, 0.28)',
  orange: 'rgba(253, 194, 140, 0.28)',
  pink: 'rgba(246, 184, 207, 0.28)',
  blue: 'rgba(174, 211, 242, 0.30)',
  green: 'rgba(185, 226, 197, 0.30)',
  grey: 'rgba(220, 223, 228, 0.40)',
}

/** A cluster's block at overview zoom, where its notes are not drawn: an opaque tint. */
export const CLUSTER_BLOCK: Record<NoteColor, string> = {
  yellow: '#fbe9a6',
  orange: '#fbd2aa',
  pink: '#f5cadb',
  blue: '#c5def3',
  green: '#cce8d4',
  grey: '#e1e3e7',
}

/** The outline of selected notes and clusters, and of search matches. */
export const SELECTION = '#2450c8'

/** The back of a face-down note: neutral, so no colour gives a hint. */
export const NOTE_BACK = '#d9d3c7'
/** The words on a note's back. */
export const NOTE_BACK_TEXT = '#5b5850'

/** A vote's dot: a strong red, like the stickers on a paper wall (the count beside it is the signal). */
export const VOTE_DOT = '#d13a2f'
/** The ring around a dot, so dots stay apart when printed or projected washed out. */
export const VOTE_DOT_EDGE = '#8c1f18'
/** The pill behind a cluster's or note's dots. */
export const VOTE_PILL = '#ffffff'
/** The pill's outline. */
export const VOTE_PILL_EDGE = 'rgba(28, 29, 33, 0.45)'
/** The count beside the dots. */
export const VOTE_TEXT = '#1c1d21'
