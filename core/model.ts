/**
 * The workshop model: plain, serialisable records, flat and keyed by id.
 *
 * A note says which prompt it answers and which cluster holds it; clusters do not
 * nest arrays of notes, so moving a note between clusters touches one record.
 * Limits: geometry is in board units (1 unit = 1 CSS pixel at zoom 1); the model
 * knows nothing of how a board is drawn.
 */

/** The palette of note and cluster colours: names, not hex, so themes can map them. */
export const NOTE_COLORS = ['yellow', 'orange', 'pink', 'blue', 'green', 'grey'] as const

/** One of the palette's colour names. */
export type NoteColor = (typeof NOTE_COLORS)[number]

/** How a note reached the workshop. */
export type NoteSource = 'typed' | 'pasted' | 'imported' | 'room'

/** A fill-in-the-blank sentence; each prompt has its own board. */
export interface Prompt {
  /** Stable id, unique within the workshop. */
  id: string
  /** The sentence; `____` marks the blank (a prompt may have none). */
  text: string
  /** New replies arrive face down (so early ones do not anchor the room) until revealed. */
  hidden: boolean
  /** The dot vote on this prompt's board. */
  vote: Vote
}

/** Where a board's dot vote stands: none yet, the room is voting, or it is over. */
export type VoteState = 'off' | 'open' | 'ended'

/** A board's dot vote: its state and settings (the dots themselves live on clusters and notes). */
export interface Vote {
  /** Off (no vote yet, or reset), open (clicks add dots) or ended (the result stands). */
  state: VoteState
  /** Dots each person may place. */
  dotsPerPerson: number
  /** How many people vote, when the facilitator says; the budget is dots × voters. */
  voters: number | null
  /** Counts stay out of sight (only the total used is shown) until the facilitator reveals them. */
  countsHidden: boolean
  /** Single notes can take dots too, not only clusters. */
  notesVotable: boolean
}

/** Dots per person when a vote starts, unless the facilitator says otherwise. */
export const DEFAULT_DOTS = 3

/** The vote of a board that has never voted. */
export const NO_VOTE: Vote = {
  state: 'off',
  dotsPerPerson: DEFAULT_DOTS,
  voters: null,
  countsHidden: false,
  notesVotable: false,
}

/** One more person who gave the same reply as a note (equal once case, spacing and punctuation are set aside). */
export interface Duplicate {
  /** Their exact words. */
  text: string
  /** Who said it, or null. */
  author: string | null
  /** How it was captured. */
  source: NoteSource
  /** When it was captured (ISO 8601). */
  createdAt: string
}

/** One reply, drawn as a sticky note on its prompt's board. */
export interface Note {
  /** Stable id, unique within the workshop. */
  id: string
  /** The prompt this note answers. */
  promptId: string
  /** The reply itself: the words that fill the prompt's blank. Always plain text. */
  text: string
  /** Who said it, or which segment it came from; null when not recorded. */
  author: string | null
  /** Palette colour. */
  color: NoteColor
  /** Left edge on the board, in board units. */
  x: number
  /** Top edge on the board, in board units. */
  y: number
  /** The cluster holding this note, or null while it is loose. */
  clusterId: string | null
  /** Dot votes given to this note. */
  votes: number
  /** Face down until the facilitator reveals the prompt's replies. */
  hidden: boolean
  /** How the note was captured. */
  source: NoteSource
  /** When the note was captured (ISO 8601). */
  createdAt: string
  /** The same reply given again by others, stacked on this note (shown as ×N). */
  duplicates: Duplicate[]
}

/** A named group of notes on one board. */
export interface Cluster {
  /** Stable id, unique within the workshop. */
  id: string
  /** The prompt whose board holds this cluster. */
  promptId: string
  /** The name the room gave it; empty until someone names it. */
  name: string
  /** Palette colour of the cluster's frame. */
  color: NoteColor
  /** Left edge on the board, in board units. */
  x: number
  /** Top edge on the board, in board units. */
  y: number
  /** Dot votes given to the cluster. */
  votes: number
  /**
   * The cluster's place in its board's numbering: clusters are numbered 1, 2, 3… by
   * ascending `order`, so a number (and its 1–9 key) survives undo, redo and merges.
   * Unique within a board; a new cluster takes the board's highest plus one.
   */
  order: number
}

/** Everything a workshop file holds. */
export interface Workshop {
  /** Stable id of the workshop, kept across Save As. */
  id: string
  /** Title shown on the home screen and the window. */
  title: string
  /** When the workshop was created (ISO 8601). */
  createdAt: string
  /** The prompts, in the order the facilitator set. */
  prompts: Prompt[]
  /** Every note of every prompt, keyed by id. */
  notes: Record<string, Note>
  /** Every cluster of every prompt, keyed by id. */
  clusters: Record<string, Cluster>
}

/** The first prompt of a new workshop, from "The Product Is The Process". */
export const FIRST_PROMPT_TEXT = 'What if, in your attempt to ____?'

/** The marker for a prompt's blank. */
export const BLANK = '____'

/** How many notes answer one prompt. */
export function countNotes(workshop: Workshop, promptId: string): number {
  let count = 0
  for (const id in workshop.notes) if (workshop.notes[id]!.promptId === promptId) count++
  return count
}
