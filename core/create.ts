/**
 * Factories for new records, so every caller fills every field the same way.
 */
import { newId } from './ids.ts'
import type { Note, NoteColor, NoteSource, Workshop } from './model.ts'
import { FIRST_PROMPT_TEXT, NO_VOTE } from './model.ts'

/** A new workshop with no notes, holding `prompts` (by default the first prompt of all). */
export function createWorkshop(
  title: string,
  now: Date = new Date(),
  prompts: readonly string[] = [FIRST_PROMPT_TEXT],
): Workshop {
  return {
    id: newId(),
    title,
    createdAt: now.toISOString(),
    prompts: prompts.map((text) => ({ id: newId(), text, hidden: false, vote: NO_VOTE })),
    notes: {},
    clusters: {},
  }
}

/** What a caller decides about a new note; the rest takes defaults. */
export interface NewNote {
  promptId: string
  text: string
  x: number
  y: number
  author?: string | null
  color?: NoteColor
  source?: NoteSource
  hidden?: boolean
}

/** A new loose, face-up note with no votes. */
export function createNote(fields: NewNote, now: Date = new Date()): Note {
  return {
    id: newId(),
    promptId: fields.promptId,
    text: fields.text,
    author: fields.author ?? null,
    color: fields.color ?? 'yellow',
    x: fields.x,
    y: fields.y,
    clusterId: null,
    votes: 0,
    hidden: fields.hidden ?? false,
    source: fields.source ?? 'typed',
    createdAt: now.toISOString(),
    duplicates: [],
  }
}
