/**
 * The workshop file envelope and its migrations.
 *
 * A file is `{ format: "blankboard", formatVersion, savedAt, workshop }`. Old files are
 * brought up to date one version at a time by an append-only list of migrations; a
 * file newer than this build is never rewritten (it opens read-only).
 * Limits: works on already-decoded text; reading bytes and recovery live in the store.
 */
import type { Workshop } from './model.ts'
import { NO_VOTE } from './model.ts'
import { readNewerWorkshop } from './newer-format.ts'
import { describeIssues, workshopSchema } from './schema.ts'

/** The magic value in every workshop file. */
export const FORMAT = 'blankboard'

/** One migration step: takes the workshop of version N and returns version N + 1. */
export type Migration = (workshop: unknown) => unknown

/**
 * Migrations, only ever appended to: `MIGRATIONS[i]` turns formatVersion i + 1 into
 * i + 2. Every version keeps a fixture file in test/fixtures/formats/.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 1 → 2: prompts can collect replies face down; notes stack their exact duplicates.
  (workshop) => {
    const w = workshop as { prompts?: unknown; notes?: unknown }
    const prompts = Array.isArray(w.prompts)
      ? w.prompts.map((p) => ({ hidden: false, ...p }))
      : w.prompts
    const notes =
      w.notes && typeof w.notes === 'object'
        ? Object.fromEntries(
            Object.entries(w.notes as Record<string, object>).map(([id, n]) => [
              id,
              { duplicates: [], ...n },
            ]),
          )
        : w.notes
    return { ...w, prompts, notes }
  },
  // 2 → 3: clusters carry their place in the board's numbering (the order they were made).
  (workshop) => {
    const w = workshop as { clusters?: unknown }
    if (!w.clusters || typeof w.clusters !== 'object') return w
    const next = new Map<unknown, number>()
    const clusters = Object.fromEntries(
      Object.entries(w.clusters as Record<string, { promptId?: unknown }>).map(([id, c]) => {
        const order = (next.get(c.promptId) ?? 0) + 1
        next.set(c.promptId, order)
        return [id, { order, ...c }]
      }),
    )
    return { ...w, clusters }
  },
  // 3 → 4: each board keeps its dot vote (none yet; dots already on records stay).
  (workshop) => {
    const w = workshop as { prompts?: unknown }
    if (!Array.isArray(w.prompts)) return w
    return { ...w, prompts: w.prompts.map((p: object) => ({ vote: { ...NO_VOTE }, ...p })) }
  },
]

/** The version this build writes. */
export const FORMAT_VERSION = MIGRATIONS.length + 1

/** What sits on disk. */
export interface Envelope {
  format: typeof FORMAT
  formatVersion: number
  savedAt: string
  workshop: Workshop
}

/** The outcome of decoding a file's text; each case maps to a message in the UI. */
export type DecodeResult =
  | { kind: 'ok'; workshop: Workshop; fromVersion: number }
  | { kind: 'tooNew'; workshop: Workshop | null; formatVersion: number; skipped: number }
  | { kind: 'notWorkshop'; reason: string }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'invalid'; reason: string }

/** Wraps a workshop in the envelope and serialises it as the file's text. */
export function encodeWorkshop(workshop: Workshop, savedAt: Date = new Date()): string {
  const envelope: Envelope = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    savedAt: savedAt.toISOString(),
    workshop,
  }
  return JSON.stringify(envelope, null, 2) + '\n'
}

/** Parses, checks the envelope, migrates step by step and validates the records. */
export function decodeWorkshop(text: string): DecodeResult {
  if (text.trim() === '') return { kind: 'unreadable', reason: 'the file is empty' }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return {
      kind: 'unreadable',
      reason: `the file is not valid JSON (${(error as Error).message})`,
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'notWorkshop', reason: 'the file is JSON but not a Blankboard workshop' }
  }
  const envelope = parsed as Record<string, unknown>
  if (envelope.format !== FORMAT) {
    return { kind: 'notWorkshop', reason: 'the file is JSON but not a Blankboard workshop' }
  }
  const version = envelope.formatVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'invalid', reason: 'the file has no valid formatVersion' }
  }
  if (version > FORMAT_VERSION) {
    // Show what we can, keeping what we do not know, but never write it back.
    const read = readNewerWorkshop(envelope.workshop)
    return {
      kind: 'tooNew',
      workshop: read?.workshop ?? null,
      formatVersion: version,
      skipped: read?.skipped ?? 0,
    }
  }
  let workshop: unknown = envelope.workshop
  for (let v = version; v < FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v - 1]
    if (!step) return { kind: 'invalid', reason: `no migration from version ${v}` }
    try {
      workshop = step(workshop)
    } catch (error) {
      return {
        kind: 'invalid',
        reason: `migration from version ${v} failed: ${(error as Error).message}`,
      }
    }
  }
  const checked = workshopSchema.safeParse(workshop)
  if (!checked.success) return { kind: 'invalid', reason: describeIssues(checked.error) }
  return { kind: 'ok', workshop: checked.data, fromVersion: version }
}
