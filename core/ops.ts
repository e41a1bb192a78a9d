/**
 * Operations: every change to a workshop is a plain, serialisable op, applied by one
 * pure function. Both processes apply the same ops; undo applies an op's inverse.
 *
 * `apply` never mutates its input: it returns a new workshop that shares every record
 * the op did not touch, so a renderer can tell what changed by reference.
 * Limits: an op that does not fit the workshop (an unknown id, a duplicate id) throws
 * an OpError and changes nothing; callers apply batches with `applyAll`.
 */
import { z } from 'zod'
import type { Note, Workshop } from './model.ts'
import { MAX_NOTE_TEXT, idSchema, noteSchema } from './schema.ts'

/** Most notes one op may carry (a big CSV import is split into several ops). */
export const MAX_OP_NOTES = 20_000

const coord = z.number().finite().min(-10_000_000).max(10_000_000)

export const opSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('addNotes'),
    notes: z.array(noteSchema).min(1).max(MAX_OP_NOTES),
  }),
  z.strictObject({
    type: z.literal('deleteNotes'),
    ids: z.array(idSchema).min(1).max(MAX_OP_NOTES),
  }),
  z.strictObject({
    type: z.literal('moveNotes'),
    moves: z
      .array(z.strictObject({ id: idSchema, x: coord, y: coord }))
      .min(1)
      .max(MAX_OP_NOTES),
  }),
  z.strictObject({
    type: z.literal('editNote'),
    id: idSchema,
    text: z.string().max(MAX_NOTE_TEXT),
  }),
])

/** A change to a workshop. */
export type Op = z.infer<typeof opSchema>

/** A note's new position. */
export type NoteMove = { id: string; x: number; y: number }

/** Thrown when an op does not fit the workshop it is applied to. */
export class OpError extends Error {
  override name = 'OpError'
}

function noteOf(doc: Workshop, id: string): Note {
  const note = doc.notes[id]
  if (!note) throw new OpError(`no note with id ${id}`)
  return note
}

/** Applies one op and returns the new workshop; throws OpError if it does not fit. */
export function apply(doc: Workshop, op: Op): Workshop {
  switch (op.type) {
    case 'addNotes': {
      const notes = { ...doc.notes }
      const promptIds = new Set(doc.prompts.map((p) => p.id))
      for (const note of op.notes) {
        if (note.id in notes) throw new OpError(`a note with id ${note.id} already exists`)
        if (!promptIds.has(note.promptId)) throw new OpError(`no prompt with id ${note.promptId}`)
        if (note.clusterId !== null && !(note.clusterId in doc.clusters)) {
          throw new OpError(`no cluster with id ${note.clusterId}`)
        }
        notes[note.id] = note
      }
      return { ...doc, notes }
    }
    case 'deleteNotes': {
      const notes = { ...doc.notes }
      for (const id of op.ids) {
        noteOf(doc, id)
        delete notes[id]
      }
      return { ...doc, notes }
    }
    case 'moveNotes': {
      const notes = { ...doc.notes }
      for (const move of op.moves) {
        notes[move.id] = { ...noteOf(doc, move.id), x: move.x, y: move.y }
      }
      return { ...doc, notes }
    }
    case 'editNote': {
      const note = noteOf(doc, op.id)
      return { ...doc, notes: { ...doc.notes, [op.id]: { ...note, text: op.text } } }
    }
  }
}

/** Applies ops in order; if one does not fit, throws and the input stays as it was. */
export function applyAll(doc: Workshop, ops: readonly Op[]): Workshop {
  return ops.reduce(apply, doc)
}

/**
 * The op that undoes `op`, computed against the workshop as it was *before* `op`.
 * `apply(apply(doc, op), invert(doc, op))` equals `doc`.
 */
export function invert(doc: Workshop, op: Op): Op {
  switch (op.type) {
    case 'addNotes':
      return { type: 'deleteNotes', ids: op.notes.map((n) => n.id) }
    case 'deleteNotes':
      return { type: 'addNotes', notes: op.ids.map((id) => noteOf(doc, id)) }
    case 'moveNotes':
      return {
        type: 'moveNotes',
        moves: op.moves.map((m) => {
          const note = noteOf(doc, m.id)
          return { id: m.id, x: note.x, y: note.y }
        }),
      }
    case 'editNote':
      return { type: 'editNote', id: op.id, text: noteOf(doc, op.id).text }
  }
}

/** The inverse of a whole batch: each op's inverse, in reverse order. */
export function invertAll(doc: Workshop, ops: readonly Op[]): Op[] {
  const inverses: Op[] = []
  let current = doc
  for (const op of ops) {
    inverses.push(invert(current, op))
    current = apply(current, op)
  }
  return inverses.reverse()
}
