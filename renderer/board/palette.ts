/**
 * Colours of notes and clusters on the board, per theme. Pastel fills chosen to stay
 * apart for the common colour-vision deficiencies, each with dark text above 7:1 contrast;
 * the same hues in every theme (a note keeps its colour), with the board, frames and
 * labels around them changed. Every colour also has a shape mark (color-marks.ts).
 *
 * The exports are live bindings: `setBoardPalette` reassigns them, and the scene redraws
 * its nodes once (BoardScene.retheme), so drawing a frame never looks a theme up.
 */
import type { NoteColor } from '../../core/model.ts'

/** The app's themes: today's light one, a dark one, and a high-contrast one for projectors. */
export type Theme = 'light' | 'dark' | 'projector'

/** The board's typeface (bundled). */
export const BOARD_FONT = "'Inter Variable', 'Noto Color Emoji', sans-serif"

/** Everything on the canvas that a theme decides. */
export interface BoardPalette {
  noteFill: Record<NoteColor, string>
  noteText: string
  noteAuthor: string
  noteEdge: string
  noteEdgeWidth: number
  noteShade: string
  clusterTint: Record<NoteColor, string>
  clusterBlock: Record<NoteColor, string>
  /** Cluster frame outline, per colour. */
  clusterEdge: Record<NoteColor, string>
  /** Cluster names drawn on the board (on the frame's tint) and their badge. */
  clusterName: string
  badgeFill: string
  badgeText: string
  /** The pill behind a name drawn larger than its title bar, and the overview label. */
  labelBack: string
  labelEdge: string
  selection: string
  noteBack: string
  noteBackText: string
  markInk: string
  /** Present mode's veil over everything but the cluster shown. */
  veil: string
}

const PASTELS: Record<NoteColor, string> = {
  yellow: '#fde68a',
  orange: '#fdc28c',
  pink: '#f6b8cf',
  blue: '#aed3f2',
  green: '#b9e2c5',
  grey: '#dcdfe4',
}

const PALETTES: Record<Theme, BoardPalette> = {
  light: {
    noteFill: PASTELS,
    noteText: '#1c1d21',
    noteAuthor: '#44464d',
    noteEdge: 'rgba(28, 29, 33, 0.16)',
    noteEdgeWidth: 1,
    noteShade: 'rgba(28, 29, 33, 0.10)',
    clusterTint: {
      yellow: 'rgba(253, 230, 138, 0.28)',
      orange: 'rgba(253, 194, 140, 0.28)',
      pink: 'rgba(246, 184, 207, 0.28)',
      blue: 'rgba(174, 211, 242, 0.30)',
      green: 'rgba(185, 226, 197, 0.30)',
      grey: 'rgba(220, 223, 228, 0.40)',
    },
    clusterBlock: {
      yellow: '#fbe9a6',
      orange: '#fbd2aa',
      pink: '#f5cadb',
      blue: '#c5def3',
      green: '#cce8d4',
      grey: '#e1e3e7',
    },
    clusterEdge: PASTELS,
    clusterName: '#1c1d21',
    badgeFill: '#1c1d21',
    badgeText: '#ffffff',
    labelBack: 'rgba(255, 255, 255, 0.92)',
    labelEdge: '#1c1d21',
    selection: '#2450c8',
    noteBack: '#d9d3c7',
    noteBackText: '#5b5850',
    markInk: 'rgba(28, 29, 33, 0.55)',
    veil: 'rgba(239, 236, 229, 0.8)',
  },
  // Notes keep their pastel paper (dark text on it reads as on paper); the board, frames
  // and names around them go dark, names in light ink.
  dark: {
    noteFill: {
      yellow: '#f3dc83',
      orange: '#f2b985',
      pink: '#ebb0c6',
      blue: '#a6c9e8',
      green: '#b0d8bc',
      grey: '#d0d4da',
    },
    noteText: '#15161a',
    noteAuthor: '#3a3c43',
    noteEdge: 'rgba(0, 0, 0, 0.5)',
    noteEdgeWidth: 1,
    noteShade: 'rgba(0, 0, 0, 0.35)',
    clusterTint: {
      yellow: 'rgba(243, 220, 131, 0.12)',
      orange: 'rgba(242, 185, 133, 0.12)',
      pink: 'rgba(235, 176, 198, 0.12)',
      blue: 'rgba(166, 201, 232, 0.13)',
      green: 'rgba(176, 216, 188, 0.13)',
      grey: 'rgba(208, 212, 218, 0.12)',
    },
    clusterBlock: {
      yellow: '#4a4428',
      orange: '#4c3a2a',
      pink: '#4a3540',
      blue: '#2f4152',
      green: '#30463a',
      grey: '#3c3f45',
    },
    clusterEdge: {
      yellow: '#c9b45e',
      orange: '#c99462',
      pink: '#c48ba0',
      blue: '#7fa6c8',
      green: '#86b494',
      grey: '#9aa0a8',
    },
    clusterName: '#f1f2f4',
    badgeFill: '#f1f2f4',
    badgeText: '#15161a',
    labelBack: 'rgba(28, 30, 35, 0.94)',
    labelEdge: '#c9ccd3',
    selection: '#8fb0ff',
    noteBack: '#4a4740',
    noteBackText: '#e6e1d6',
    markInk: 'rgba(21, 22, 26, 0.62)',
    veil: 'rgba(26, 28, 32, 0.82)',
  },
  // Washed-out projectors: white board, black ink, notes with a firm outline so they stay
  // distinct when the colours fade, frames drawn in full colour with a dark edge.
  projector: {
    noteFill: PASTELS,
    noteText: '#000000',
    noteAuthor: '#26272b',
    noteEdge: 'rgba(0, 0, 0, 0.75)',
    noteEdgeWidth: 2,
    noteShade: 'rgba(0, 0, 0, 0)',
    clusterTint: {
      yellow: 'rgba(253, 230, 138, 0.35)',
      orange: 'rgba(253, 194, 140, 0.35)',
      pink: 'rgba(246, 184, 207, 0.35)',
      blue: 'rgba(174, 211, 242, 0.38)',
      green: 'rgba(185, 226, 197, 0.38)',
      grey: 'rgba(220, 223, 228, 0.45)',
    },
    clusterBlock: {
      yellow: '#fbe49a',
      orange: '#fbcd9f',
      pink: '#f5c2d6',
      blue: '#bcd9f3',
      green: '#c3e5cd',
      grey: '#dde0e5',
    },
    clusterEdge: {
      yellow: '#6b5a12',
      orange: '#7a4614',
      pink: '#7d2f4d',
      blue: '#1f4f7a',
      green: '#1f5a33',
      grey: '#45484f',
    },
    clusterName: '#000000',
    badgeFill: '#000000',
    badgeText: '#ffffff',
    labelBack: 'rgba(255, 255, 255, 0.96)',
    labelEdge: '#000000',
    selection: '#1238a8',
    noteBack: '#d9d3c7',
    noteBackText: '#3b3932',
    markInk: 'rgba(0, 0, 0, 0.72)',
    veil: 'rgba(255, 255, 255, 0.85)',
  },
}

/** Fill of a note of each palette colour. */
export let NOTE_FILL = PALETTES.light.noteFill
/** Text on notes. */
export let NOTE_TEXT = PALETTES.light.noteText
/** The author line on a note: softer than the reply, still above 4.5:1 on every fill. */
export let NOTE_AUTHOR = PALETTES.light.noteAuthor
/** The hairline around a note, so notes stay distinct on a washed-out projector. */
export let NOTE_EDGE = PALETTES.light.noteEdge
/** Its width in board units. */
export let NOTE_EDGE_WIDTH = PALETTES.light.noteEdgeWidth
/** The flat offset "shadow" under a note (real blur shadows cost 3.5-7x to draw). */
export let NOTE_SHADE = PALETTES.light.noteShade
/** The light tint inside a cluster's frame, from its palette colour. */
export let CLUSTER_TINT = PALETTES.light.clusterTint
/** A cluster's block at overview zoom, where its notes are not drawn: an opaque tint. */
export let CLUSTER_BLOCK = PALETTES.light.clusterBlock
/** A cluster frame's outline, from its palette colour. */
export let CLUSTER_EDGE = PALETTES.light.clusterEdge
/** Cluster names on the board, and their number badge. */
export let CLUSTER_NAME = PALETTES.light.clusterName
export let BADGE_FILL = PALETTES.light.badgeFill
export let BADGE_TEXT = PALETTES.light.badgeText
/** The pill behind a large name, and the overview label's back and edge. */
export let LABEL_BACK = PALETTES.light.labelBack
export let LABEL_EDGE = PALETTES.light.labelEdge
/** The outline of selected notes and clusters, and of search matches. */
export let SELECTION = PALETTES.light.selection
/** The back of a face-down note: neutral, so no colour gives a hint. */
export let NOTE_BACK = PALETTES.light.noteBack
/** The words on a note's back. */
export let NOTE_BACK_TEXT = PALETTES.light.noteBackText
/** The colour marks' ink. */
export let MARK_INK = PALETTES.light.markInk

/** Present mode's veil over everything but the cluster shown. */
export let VEIL = PALETTES.light.veil

/** The theme the exports above describe. */
export let boardTheme: Theme = 'light'

/** Switches the canvas colours to `theme` (the scene then redraws; see BoardScene.retheme). */
export function setBoardPalette(theme: Theme): void {
  const p = PALETTES[theme]
  boardTheme = theme
  NOTE_FILL = p.noteFill
  NOTE_TEXT = p.noteText
  NOTE_AUTHOR = p.noteAuthor
  NOTE_EDGE = p.noteEdge
  NOTE_EDGE_WIDTH = p.noteEdgeWidth
  NOTE_SHADE = p.noteShade
  CLUSTER_TINT = p.clusterTint
  CLUSTER_BLOCK = p.clusterBlock
  CLUSTER_EDGE = p.clusterEdge
  CLUSTER_NAME = p.clusterName
  BADGE_FILL = p.badgeFill
  BADGE_TEXT = p.badgeText
  LABEL_BACK = p.labelBack
  LABEL_EDGE = p.labelEdge
  SELECTION = p.selection
  NOTE_BACK = p.noteBack
  NOTE_BACK_TEXT = p.noteBackText
  MARK_INK = p.markInk
  VEIL = p.veil
}

/** The light theme's colours: exports are printed on paper whatever the screen shows. */
export const PRINT_PALETTE: Readonly<BoardPalette> = PALETTES.light

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

/** Every theme's note fills and text, for the contrast test. */
export function notePaletteOf(theme: Theme): { fills: Record<NoteColor, string>; text: string } {
  return { fills: PALETTES[theme].noteFill, text: PALETTES[theme].noteText }
}
