/**
 * The lenient read of a file saved by a newer version of Blankboard, so it can be shown
 * (read-only) rather than called damaged. Every record keeps the fields this version
 * does not know, and the document keeps record kinds it does not know; a record this
 * version cannot show at all (a field it needs is missing or of another type) is left
 * out of the view and counted, never "repaired" on disk: such a file is never written.
 *
 * `knownShape` turns a document read this way back into one this version may write
 * (Save As a copy): unknown fields dropped, then checked by the strict schema.
 * Limits: fields this version needs must still be there with their types; a newer
 * format that renamed them shows fewer records.
 */
import { z } from 'zod'
import type { Cluster, Note, Prompt, Workshop } from './model.ts'
import { NOTE_COLORS, NO_VOTE } from './model.ts'
import {
  MAX_LABEL,
  MAX_NOTE_TEXT,
  MAX_VOTES,
  clusterSchema,
  describeIssues,
  duplicateSchema,
  noteSchema,
  promptSchema,
  voteSchema,
  workshopSchema,
} from './schema.ts'

/** What the lenient read found. */
export interface NewerRead {
  /** The document as this version can show it, unknown fields kept. */
  workshop: Workshop
  /** Records left out of the view because this version cannot show them. */
  skipped: number
}

// Looser than today's rules where a newer version may well have widened them.
const id = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s !== '__proto__')
const label = z.string().max(MAX_LABEL * 4)
const text = z.string().max(MAX_NOTE_TEXT * 4)
const color = z.enum(NOTE_COLORS).catch('yellow')
const coord = z.number().finite().catch(0)

const loosePrompt = z.looseObject({
  id,
  text: label,
  hidden: z.boolean().catch(false),
  vote: voteSchema.catch({ ...NO_VOTE }),
})
const looseNote = z.looseObject({
  id,
  promptId: id,
  text,
  author: label.nullable().catch(null),
  color,
  x: coord,
  y: coord,
  clusterId: id.nullable().catch(null),
  votes: z.number().int().min(0).max(MAX_VOTES).catch(0),
  hidden: z.boolean().catch(false),
  source: z.enum(['typed', 'pasted', 'imported', 'room']).catch('typed'),
  createdAt: z.string().catch(''),
  duplicates: z.array(duplicateSchema.loose()).catch([]),
})
const looseCluster = z.looseObject({
  id,
  promptId: id,
  name: label.catch(''),
  color,
  x: coord,
  y: coord,
  votes: z.number().int().min(0).max(MAX_VOTES).catch(0),
})
const looseWorkshop = z.looseObject({
  id,
  title: label.catch('Untitled workshop'),
  createdAt: z.string().catch(''),
  prompts: z.array(z.unknown()),
  notes: z.record(z.string(), z.unknown()).catch({}),
  clusters: z.record(z.string(), z.unknown()).catch({}),
})

/** Reads a newer version's workshop for showing; null when not even its frame is there. */
export function readNewerWorkshop(raw: unknown): NewerRead | null {
  const frame = looseWorkshop.safeParse(raw)
  if (!frame.success) return null
  let skipped = 0
  const keep = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    skipped++
    return null
  }
  const prompts: Prompt[] = []
  for (const p of frame.data.prompts) {
    const prompt = keep(loosePrompt, p)
    if (prompt && !prompts.some((q) => q.id === prompt.id)) prompts.push(prompt)
  }
  if (prompts.length === 0) return null
  const promptIds = new Set(prompts.map((p) => p.id))
  // Object.fromEntries defines own properties: no key can reach a prototype.
  const clusters = Object.fromEntries(
    Object.entries(frame.data.clusters).flatMap(([key, value]) => {
      const cluster = keep(looseCluster, value) as Cluster | null
      if (!cluster || cluster.id !== key || !promptIds.has(cluster.promptId)) {
        if (cluster) skipped++
        return []
      }
      return [[key, cluster]]
    }),
  )
  const notes = Object.fromEntries(
    Object.entries(frame.data.notes).flatMap(([key, value]) => {
      const note = keep(looseNote, value) as Note | null
      if (!note || note.id !== key || !promptIds.has(note.promptId)) {
        if (note) skipped++
        return []
      }
      // A cluster this version could not show: the note is shown loose.
      const clusterId =
        note.clusterId !== null && Object.hasOwn(clusters, note.clusterId) ? note.clusterId : null
      return [[key, { ...note, clusterId }]]
    }),
  )
  return { workshop: { ...frame.data, prompts, notes, clusters } as Workshop, skipped }
}

/** The document with only the fields this version knows, or why it cannot be written. */
export function knownShape(workshop: Workshop):
  | { ok: true; workshop: Workshop }
  | {
      ok: false
      reason: string
    } {
  const pick = <T extends object>(shape: object, record: T): T =>
    Object.fromEntries(
      Object.keys(shape).map((k) => [k, (record as Record<string, unknown>)[k]]),
    ) as T
  const stripped: Workshop = {
    id: workshop.id,
    title: workshop.title,
    createdAt: workshop.createdAt,
    prompts: workshop.prompts.map((p) => pick(promptSchema.shape, p)),
    notes: Object.fromEntries(
      Object.entries(workshop.notes).map(([k, n]) => [
        k,
        {
          ...pick(noteSchema.shape, n),
          duplicates: n.duplicates.map((d) => pick(duplicateSchema.shape, d)),
        },
      ]),
    ),
    clusters: Object.fromEntries(
      Object.entries(workshop.clusters).map(([k, c]) => [k, pick(clusterSchema.shape, c)]),
    ),
  }
  const checked = workshopSchema.safeParse(stripped)
  return checked.success
    ? { ok: true, workshop: checked.data }
    : { ok: false, reason: describeIssues(checked.error) }
}
