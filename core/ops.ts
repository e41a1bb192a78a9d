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
import type { Cluster, Note, Workshop } from './model.ts'
import { NOTE_COLORS } from './model.ts'
import {
  MAX_LABEL,
  MAX_NOTE_TEXT,
  MAX_VOTES,
  clusterSchema,
  duplicateSchema,
  idSchema,
  noteSchema,
  promptSchema,
  voteSchema,
} from './schema.ts'

/** Most notes one op may carry (a big CSV import is split into several ops). */
export const MAX_OP_NOTES = 20_000

const coord = z.number().finite().min(-10_000_000).max(10_000_000)
const many = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(MAX_OP_NOTES)
const move = z.strictObject({ id: idSchema, x: coord, y: coord })
const color = z.enum(NOTE_COLORS)
const index = z.number().int().min(0).max(10_000)
const dots = z.strictObject({ id: idSchema, votes: z.number().int().min(0).max(MAX_VOTES) })

export const opSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('addNotes'), notes: many(noteSchema) }),
  z.strictObject({ type: z.literal('deleteNotes'), ids: many(idSchema) }),
  z.strictObject({ type: z.literal('moveNotes'), moves: many(move) }),
  z.strictObject({
    type: z.literal('editNote'),
    id: idSchema,
    text: z.string().max(MAX_NOTE_TEXT),
  }),
  z.strictObject({
    type: z.literal('setNoteClusters'),
    changes: many(z.strictObject({ id: idSchema, clusterId: idSchema.nullable() })),
  }),
  z.strictObject({ type: z.literal('addClusters'), clusters: many(clusterSchema) }),
  z.strictObject({ type: z.literal('deleteClusters'), ids: many(idSchema) }),
  z.strictObject({ type: z.literal('moveClusters'), moves: many(move) }),
  z.strictObject({
    type: z.literal('renameCluster'),
    id: idSchema,
    name: z.string().max(MAX_LABEL),
  }),
  z.strictObject({
    type: z.literal('recolor'),
    notes: z.array(z.strictObject({ id: idSchema, color })).max(MAX_OP_NOTES),
    clusters: z.array(z.strictObject({ id: idSchema, color })).max(MAX_OP_NOTES),
  }),
  z.strictObject({ type: z.literal('addPrompt'), prompt: promptSchema, index: index }),
  z.strictObject({ type: z.literal('deletePrompt'), id: idSchema }),
  z.strictObject({ type: z.literal('editPrompt'), id: idSchema, text: z.string().max(MAX_LABEL) }),
  z.strictObject({ type: z.literal('movePrompt'), id: idSchema, index: index }),
  z.strictObject({
    type: z.literal('setDuplicates'),
    id: idSchema,
    duplicates: z.array(duplicateSchema).max(10_000),
  }),
  z.strictObject({
    type: z.literal('setNotesHidden'),
    changes: many(z.strictObject({ id: idSchema, hidden: z.boolean() })),
  }),
  z.strictObject({ type: z.literal('setPromptHidden'), id: idSchema, hidden: z.boolean() }),
  // A board's vote: start, end, settings, reveal (prompt id).
  z.strictObject({ type: z.literal('setVote'), id: idSchema, vote: voteSchema }),
  // Dots on clusters and notes, as counts (a dot added, removed, or every dot reset).
  z.strictObject({
    type: z.literal('setVotes'),
    notes: z.array(dots).max(MAX_OP_NOTES),
    clusters: z.array(dots).max(MAX_OP_NOTES),
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

/**
 * A shallow copy of an id-keyed record. A for-in loop copies a 10,000-key record in
 * about half the time of object spread, and every change to a big board pays it.
 */
function copyRecord<T>(record: Record<string, T>): Record<string, T> {
  const copy: Record<string, T> = {}
  for (const key in record) if (Object.hasOwn(record, key)) copy[key] = record[key]!
  return copy
}

// Records are looked up as own properties only: an id such as `constructor` must never
// find something inherited from Object.prototype.
function noteOf(doc: Workshop, id: string): Note {
  const note = Object.hasOwn(doc.notes, id) ? doc.notes[id] : undefined
  if (!note) throw new OpError(`no note with id ${id}`)
  return note
}

function promptIndex(doc: Workshop, id: string): number {
  const i = doc.prompts.findIndex((p) => p.id === id)
  if (i === -1) throw new OpError(`no prompt with id ${id}`)
  return i
}

function clusterOf(doc: Workshop, id: string): Cluster {
  const cluster = Object.hasOwn(doc.clusters, id) ? doc.clusters[id] : undefined
  if (!cluster) throw new OpError(`no cluster with id ${id}`)
  return cluster
}

/**
 * A workshop being changed by a run of ops: a copy of the input's top level whose notes
 * and clusters records are copied the first time an op changes them, then changed in
 * place by the ops after it. So a batch of many ops on a board of 100,000 notes copies
 * the notes record once, not once per op. The input is never changed.
 */
class Draft {
  readonly doc: Workshop
  private ownNotes = false
  private ownClusters = false

  constructor(doc: Workshop) {
    this.doc = { ...doc }
  }

  /** The notes record, this draft's own, to change. */
  notes(): Record<string, Note> {
    if (!this.ownNotes) {
      this.doc.notes = copyRecord(this.doc.notes)
      this.ownNotes = true
    }
    return this.doc.notes
  }

  /** The clusters record, this draft's own, to change. */
  clusters(): Record<string, Cluster> {
    if (!this.ownClusters) {
      this.doc.clusters = copyRecord(this.doc.clusters)
      this.ownClusters = true
    }
    return this.doc.clusters
  }

  /** Applies one op; throws OpError (leaving the draft half changed) if it does not fit. */
  apply(op: Op): void {
    const doc = this.doc
    switch (op.type) {
      case 'addNotes': {
        const promptIds = new Set(doc.prompts.map((p) => p.id))
        const notes = this.notes()
        for (const note of op.notes) {
          if (Object.hasOwn(notes, note.id))
            throw new OpError(`a note with id ${note.id} already exists`)
          if (!promptIds.has(note.promptId)) throw new OpError(`no prompt with id ${note.promptId}`)
          if (note.clusterId !== null && !Object.hasOwn(doc.clusters, note.clusterId)) {
            throw new OpError(`no cluster with id ${note.clusterId}`)
          }
          notes[note.id] = note
        }
        return
      }
      case 'deleteNotes': {
        for (const id of op.ids) noteOf(doc, id)
        const notes = this.notes()
        for (const id of op.ids) delete notes[id]
        return
      }
      case 'moveNotes': {
        const notes = this.notes()
        for (const move of op.moves) {
          notes[move.id] = { ...noteOf(doc, move.id), x: move.x, y: move.y }
        }
        return
      }
      case 'editNote': {
        const note = noteOf(doc, op.id)
        this.notes()[op.id] = { ...note, text: op.text }
        return
      }
      case 'setNoteClusters': {
        const notes = this.notes()
        for (const { id, clusterId } of op.changes) {
          const note = noteOf(doc, id)
          if (clusterId !== null && clusterOf(doc, clusterId).promptId !== note.promptId) {
            throw new OpError(`cluster ${clusterId} is on another prompt's board`)
          }
          notes[id] = { ...note, clusterId }
        }
        return
      }
      case 'addClusters': {
        const promptIds = new Set(doc.prompts.map((p) => p.id))
        const clusters = this.clusters()
        for (const cluster of op.clusters) {
          if (Object.hasOwn(clusters, cluster.id))
            throw new OpError(`a cluster with id ${cluster.id} already exists`)
          if (!promptIds.has(cluster.promptId))
            throw new OpError(`no prompt with id ${cluster.promptId}`)
          clusters[cluster.id] = cluster
        }
        return
      }
      case 'deleteClusters': {
        const gone = new Set(op.ids)
        for (const id of op.ids) clusterOf(doc, id)
        // A note must never point at a missing cluster: empty a cluster before deleting it.
        for (const id in doc.notes) {
          const note = doc.notes[id]!
          if (note.clusterId !== null && gone.has(note.clusterId)) {
            throw new OpError(`cluster ${note.clusterId} still holds notes`)
          }
        }
        const clusters = this.clusters()
        for (const id of op.ids) delete clusters[id]
        return
      }
      case 'moveClusters': {
        const clusters = this.clusters()
        for (const m of op.moves) clusters[m.id] = { ...clusterOf(doc, m.id), x: m.x, y: m.y }
        return
      }
      case 'renameCluster': {
        const cluster = clusterOf(doc, op.id)
        this.clusters()[op.id] = { ...cluster, name: op.name }
        return
      }
      case 'recolor': {
        if (op.notes.length > 0) {
          const notes = this.notes()
          for (const c of op.notes) notes[c.id] = { ...noteOf(doc, c.id), color: c.color }
        }
        if (op.clusters.length > 0) {
          const clusters = this.clusters()
          for (const c of op.clusters) clusters[c.id] = { ...clusterOf(doc, c.id), color: c.color }
        }
        return
      }
      case 'addPrompt': {
        if (doc.prompts.some((p) => p.id === op.prompt.id)) {
          throw new OpError(`a prompt with id ${op.prompt.id} already exists`)
        }
        const prompts = [...doc.prompts]
        prompts.splice(Math.min(op.index, prompts.length), 0, op.prompt)
        doc.prompts = prompts
        return
      }
      case 'deletePrompt': {
        promptIndex(doc, op.id)
        if (doc.prompts.length === 1) throw new OpError('a workshop keeps at least one prompt')
        // Its board must be emptied first (by ops of their own), so undo can restore it.
        const inUse =
          Object.values(doc.notes).some((n) => n.promptId === op.id) ||
          Object.values(doc.clusters).some((c) => c.promptId === op.id)
        if (inUse) throw new OpError(`prompt ${op.id} still has notes or clusters`)
        doc.prompts = doc.prompts.filter((p) => p.id !== op.id)
        return
      }
      case 'editPrompt': {
        const i = promptIndex(doc, op.id)
        const prompts = [...doc.prompts]
        prompts[i] = { ...prompts[i]!, text: op.text }
        doc.prompts = prompts
        return
      }
      case 'movePrompt': {
        const i = promptIndex(doc, op.id)
        const prompts = [...doc.prompts]
        const [moved] = prompts.splice(i, 1)
        prompts.splice(Math.min(op.index, prompts.length), 0, moved!)
        doc.prompts = prompts
        return
      }
      case 'setDuplicates': {
        const note = noteOf(doc, op.id)
        this.notes()[op.id] = { ...note, duplicates: op.duplicates }
        return
      }
      case 'setNotesHidden': {
        const notes = this.notes()
        for (const c of op.changes) notes[c.id] = { ...noteOf(doc, c.id), hidden: c.hidden }
        return
      }
      case 'setPromptHidden': {
        const i = promptIndex(doc, op.id)
        const prompts = [...doc.prompts]
        prompts[i] = { ...prompts[i]!, hidden: op.hidden }
        doc.prompts = prompts
        return
      }
      case 'setVote': {
        const i = promptIndex(doc, op.id)
        const prompts = [...doc.prompts]
        prompts[i] = { ...prompts[i]!, vote: op.vote }
        doc.prompts = prompts
        return
      }
      case 'setVotes': {
        if (op.notes.length > 0) {
          const notes = this.notes()
          for (const c of op.notes) notes[c.id] = { ...noteOf(doc, c.id), votes: c.votes }
        }
        if (op.clusters.length > 0) {
          const clusters = this.clusters()
          for (const c of op.clusters) clusters[c.id] = { ...clusterOf(doc, c.id), votes: c.votes }
        }
        return
      }
    }
  }
}

/** Applies one op and returns the new workshop; throws OpError if it does not fit. */
export function apply(doc: Workshop, op: Op): Workshop {
  return applyAll(doc, [op])
}

/**
 * Applies ops in order; if one does not fit, throws and the input stays as it was.
 * Each record the batch changes is copied once, however many ops change it.
 */
export function applyAll(doc: Workshop, ops: readonly Op[]): Workshop {
  if (ops.length === 0) return doc
  const draft = new Draft(doc)
  for (const op of ops) draft.apply(op)
  return draft.doc
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
    case 'setNoteClusters':
      return {
        type: 'setNoteClusters',
        changes: op.changes.map((c) => ({ id: c.id, clusterId: noteOf(doc, c.id).clusterId })),
      }
    case 'addClusters':
      return { type: 'deleteClusters', ids: op.clusters.map((c) => c.id) }
    case 'deleteClusters':
      return { type: 'addClusters', clusters: op.ids.map((id) => clusterOf(doc, id)) }
    case 'moveClusters':
      return {
        type: 'moveClusters',
        moves: op.moves.map((m) => {
          const cluster = clusterOf(doc, m.id)
          return { id: m.id, x: cluster.x, y: cluster.y }
        }),
      }
    case 'renameCluster':
      return { type: 'renameCluster', id: op.id, name: clusterOf(doc, op.id).name }
    case 'recolor':
      return {
        type: 'recolor',
        notes: op.notes.map((c) => ({ id: c.id, color: noteOf(doc, c.id).color })),
        clusters: op.clusters.map((c) => ({ id: c.id, color: clusterOf(doc, c.id).color })),
      }
    case 'addPrompt':
      return { type: 'deletePrompt', id: op.prompt.id }
    case 'deletePrompt': {
      const i = promptIndex(doc, op.id)
      return { type: 'addPrompt', prompt: doc.prompts[i]!, index: i }
    }
    case 'editPrompt':
      return { type: 'editPrompt', id: op.id, text: doc.prompts[promptIndex(doc, op.id)]!.text }
    case 'movePrompt':
      return { type: 'movePrompt', id: op.id, index: promptIndex(doc, op.id) }
    case 'setDuplicates':
      return { type: 'setDuplicates', id: op.id, duplicates: noteOf(doc, op.id).duplicates }
    case 'setNotesHidden':
      return {
        type: 'setNotesHidden',
        changes: op.changes.map((c) => ({ id: c.id, hidden: noteOf(doc, c.id).hidden })),
      }
    case 'setPromptHidden':
      return {
        type: 'setPromptHidden',
        id: op.id,
        hidden: doc.prompts[promptIndex(doc, op.id)]!.hidden,
      }
    case 'setVote':
      return { type: 'setVote', id: op.id, vote: doc.prompts[promptIndex(doc, op.id)]!.vote }
    case 'setVotes':
      return {
        type: 'setVotes',
        notes: op.notes.map((c) => ({ id: c.id, votes: noteOf(doc, c.id).votes })),
        clusters: op.clusters.map((c) => ({ id: c.id, votes: clusterOf(doc, c.id).votes })),
      }
  }
}

/** Ops whose inverse does not read the workshop (it names only what the op adds). */
const blindInverse = (op: Op) => op.type === 'addNotes' || op.type === 'addClusters'

/**
 * The inverse of a whole batch: each op's inverse, in reverse order. Each op's inverse is
 * computed against the workshop as the ops before it left it; ops are only applied
 * while a later op's inverse still needs to read that state, and then on one draft.
 */
export function invertAll(doc: Workshop, ops: readonly Op[]): Op[] {
  const inverses: Op[] = []
  let lastReader = -1
  ops.forEach((op, i) => {
    if (!blindInverse(op)) lastReader = i
  })
  const draft = new Draft(doc)
  ops.forEach((op, i) => {
    inverses.push(invert(draft.doc, op))
    if (i < lastReader) draft.apply(op)
  })
  return inverses.reverse()
}
