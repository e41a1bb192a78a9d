/**
 * Runtime schemas (zod 4) for the workshop document and everything that crosses a
 * process boundary. The TypeScript records in model.ts are the source of truth;
 * each schema is checked against its record type at compile time below.
 * Limits: text fields are capped so one bad file or message cannot exhaust memory.
 */
import { z } from 'zod'
import type { Cluster, Duplicate, Note, Prompt, Vote, Workshop } from './model.ts'
import { NOTE_COLORS } from './model.ts'

/** Longest note text accepted, in UTF-16 code units (a long paragraph). */
export const MAX_NOTE_TEXT = 5_000
/** Longest prompt, title, cluster name or author accepted. */
export const MAX_LABEL = 500
/** Largest coordinate accepted; boards never come near it. */
const MAX_COORD = 10_000_000

/**
 * Every record id: 1 to 64 of lower-case letters, digits, `_` and `-`, starting with a
 * letter or digit (so never `__proto__`). Ids are keys of plain objects in the model.
 */
export const ID_PATTERN = /^[0-9a-z][0-9a-z_-]{0,63}$/
/** Longest id, in characters. */
export const MAX_ID = 64

export const idSchema = z.string().regex(ID_PATTERN, 'an id is 1 to 64 of a-z, 0-9, _ and -')
const coord = z.number().finite().min(-MAX_COORD).max(MAX_COORD)
const isoTime = z.string().max(40)

/** Most dots one person may place in a vote. */
export const MAX_DOTS = 99
/** Most voters a vote may count (a conference hall, not a referendum). */
export const MAX_VOTERS = 10_000
/** Most dots one cluster or note may hold (every voter's every dot, with room to spare). */
export const MAX_VOTES = 1_000_000

export const voteSchema = z.strictObject({
  state: z.enum(['off', 'open', 'ended']),
  dotsPerPerson: z.number().int().min(1).max(MAX_DOTS),
  voters: z.number().int().min(1).max(MAX_VOTERS).nullable(),
  countsHidden: z.boolean(),
  notesVotable: z.boolean(),
})

export const promptSchema = z.strictObject({
  id: idSchema,
  text: z.string().max(MAX_LABEL),
  hidden: z.boolean(),
  vote: voteSchema,
})

const sourceSchema = z.enum(['typed', 'pasted', 'imported', 'room'])

export const duplicateSchema = z.strictObject({
  text: z.string().max(MAX_NOTE_TEXT),
  author: z.string().max(MAX_LABEL).nullable(),
  source: sourceSchema,
  createdAt: isoTime,
})

export const noteSchema = z.strictObject({
  id: idSchema,
  promptId: idSchema,
  text: z.string().max(MAX_NOTE_TEXT),
  author: z.string().max(MAX_LABEL).nullable(),
  color: z.enum(NOTE_COLORS),
  x: coord,
  y: coord,
  clusterId: idSchema.nullable(),
  votes: z.number().int().min(0).max(MAX_VOTES),
  hidden: z.boolean(),
  source: sourceSchema,
  createdAt: isoTime,
  duplicates: z.array(duplicateSchema).max(10_000),
})

export const clusterSchema = z.strictObject({
  id: idSchema,
  promptId: idSchema,
  name: z.string().max(MAX_LABEL),
  color: z.enum(NOTE_COLORS),
  x: coord,
  y: coord,
  votes: z.number().int().min(0).max(MAX_VOTES),
  order: z.number().int().min(0).max(1_000_000_000),
})

/** The workshop, with the cross-record rules a file must keep. */
export const workshopSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().max(MAX_LABEL),
    createdAt: isoTime,
    prompts: z.array(promptSchema).min(1),
    notes: z.record(idSchema, noteSchema),
    clusters: z.record(idSchema, clusterSchema),
  })
  .superRefine((w, ctx) => {
    const promptIds = new Set(w.prompts.map((p) => p.id))
    if (promptIds.size !== w.prompts.length) {
      ctx.addIssue({ code: 'custom', message: 'two prompts share an id', path: ['prompts'] })
    }
    for (const [key, note] of Object.entries(w.notes)) {
      if (note.id !== key) {
        ctx.addIssue({
          code: 'custom',
          message: 'note id differs from its key',
          path: ['notes', key],
        })
      }
      if (!promptIds.has(note.promptId)) {
        ctx.addIssue({ code: 'custom', message: 'note of an unknown prompt', path: ['notes', key] })
      }
      if (note.clusterId !== null && !Object.hasOwn(w.clusters, note.clusterId)) {
        ctx.addIssue({
          code: 'custom',
          message: 'note in an unknown cluster',
          path: ['notes', key],
        })
      }
    }
    for (const [key, cluster] of Object.entries(w.clusters)) {
      if (cluster.id !== key) {
        ctx.addIssue({
          code: 'custom',
          message: 'cluster id differs from its key',
          path: ['clusters', key],
        })
      }
      if (!promptIds.has(cluster.promptId)) {
        ctx.addIssue({
          code: 'custom',
          message: 'cluster of an unknown prompt',
          path: ['clusters', key],
        })
      }
    }
  })

// Compile-time proof that each schema and its record type agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const agree = <T extends true>(): T => true as T
agree<Same<z.infer<typeof voteSchema>, Vote>>()
agree<Same<z.infer<typeof promptSchema>, Prompt>>()
agree<Same<z.infer<typeof noteSchema>, Note>>()
agree<Same<z.infer<typeof duplicateSchema>, Duplicate>>()
agree<Same<z.infer<typeof clusterSchema>, Cluster>>()
agree<Same<z.infer<typeof workshopSchema>, Workshop>>()

/** A person-readable summary of the first few problems zod found. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'document'
    return `${where}: ${issue.message}`
  })
  const more = error.issues.length - limit
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '')
}
