/**
 * Stacking duplicate replies: a reply that reads the same to a person as one already on
 * the board is stacked on that note (×2), its own words and author kept.
 *
 * Set aside when comparing: case, spacing, invisible characters, the way an accent or a
 * full-width letter was typed (NFC, and NFKC for full-width, half-width, ligature and
 * presentation forms only), curly versus straight quotes, and punctuation at the edges
 * of words ("Incentives!" = "incentives", "(maybe)" = "maybe", "ship it — now" = "ship it now").
 * Never set aside: emoji ("Deploys 👍" ≠ "Deploys 👎"), signs ("+1" ≠ "-1"), symbols
 * ("C++" ≠ "C", "C#" ≠ "C", "50%" ≠ "50"), punctuation inside a word ("re-sign" ≠ "resign",
 * "1.5" ≠ "15") and accented letters ("résumé" ≠ "resume").
 * Limits: no spelling or synonym matching; a stack holds at most MAX_STACK replies and
 * the next equal reply starts a new note.
 */
import { notesByPrompt } from './board-gestures.ts'
import type { Duplicate, Note, Workshop } from './model.ts'
import type { Op } from './ops.ts'
import { MAX_OP_NOTES } from './ops.ts'

/** Most replies one stacked note holds (the schema's limit on its duplicates, plus itself). */
export const MAX_STACK = 10_000

/** Largest estimated JSON size of one addNotes op, so no message to the store is huge. */
export const MAX_OP_BYTES = 1024 * 1024

// Characters typed as compatibility forms of plain ones: full-width and half-width
// forms, Latin and Armenian ligatures, Arabic presentation forms, the ideographic space.
const COMPAT_FORMS = /[\u3000\uFB00-\uFDFF\uFE70-\uFEFF\uFF00-\uFFEF]/gu
// Invisible: zero-width space, word joiner, BOM, soft hyphen, bidi marks and controls,
// and the variation selectors that pick text or emoji style for the same symbol.
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u200E\u200F\u202A-\u202E\u2066-\u2069]|\uFE0E|\uFE0F/gu
// Punctuation that opens or closes a word without changing it: quotes, brackets, and
// sentence marks. Signs (+ -), symbols (# % $ & @ * /) and emoji are not in this set.
const OPENING = /^[\p{Ps}\p{Pi}"'¿¡]+/u
const CLOSING = /[\p{Pe}\p{Pf}"'.,;:!?…]+$/u
const DASHES_ONLY = /^[\p{Pd}.…]+$/u

/**
 * The text two replies must share to stack. Idempotent; empty when the reply is only
 * punctuation.
 */
export function normalizeReply(text: string): string {
  const words = text
    .normalize('NFC')
    .replace(COMPAT_FORMS, (c) => c.normalize('NFKC'))
    .replace(INVISIBLE, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/gu, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033«»]/gu, '"')
    .replace(/[\u2212\u2013](?=\d)/gu, '-') // a minus sign typed as such or as an en dash
    .toLowerCase()
    .split(/\s+/u)
  const kept: string[] = []
  for (const word of words) {
    if (DASHES_ONLY.test(word)) continue // a dash or an ellipsis between words
    const bare = word.replace(OPENING, '').replace(CLOSING, '')
    if (bare !== '') kept.push(bare)
  }
  return kept.join(' ')
}

/** How many replies a note stands for: itself and every reply stacked on it. */
export function repliesOf(note: Pick<Note, 'duplicates'>): number {
  return 1 + note.duplicates.length
}

/** One prompt's notes, the replies on them (stacked ones included), and how many are face down. */
export interface PromptCounts {
  notes: number
  replies: number
  hidden: number
}

const countsCache = new WeakMap<Record<string, Note>, Map<string, PromptCounts>>()

/**
 * Every prompt's counts, by prompt id, made once per notes record (a record is never
 * changed, only replaced) from the notes grouped by prompt that the board shares.
 */
export function countsByPrompt(notes: Record<string, Note>): ReadonlyMap<string, PromptCounts> {
  let counts = countsCache.get(notes)
  if (counts) return counts
  counts = new Map()
  for (const [promptId, group] of notesByPrompt(notes)) {
    const of = { notes: group.length, replies: 0, hidden: 0 }
    for (const note of group) {
      of.replies += repliesOf(note)
      if (note.hidden) of.hidden++
    }
    counts.set(promptId, of)
  }
  countsCache.set(notes, counts)
  return counts
}

/** "24 replies on 22 notes", or "22 replies" when nothing is stacked. */
export function describeCount(count: { replies: number; notes: number }): string {
  const replies = `${count.replies.toLocaleString('en')} ${count.replies === 1 ? 'reply' : 'replies'}`
  if (count.replies === count.notes) return replies
  return `${replies} on ${count.notes.toLocaleString('en')} ${count.notes === 1 ? 'note' : 'notes'}`
}

/** A generous guess of a note's size as JSON, for keeping ops small. */
function noteBytes(note: Note): number {
  let bytes = 300 + note.text.length * 3 + (note.author?.length ?? 0) * 3
  for (const d of note.duplicates) bytes += 120 + d.text.length * 3 + (d.author?.length ?? 0) * 3
  return bytes
}

/** Notes in addNotes ops of at most MAX_OP_NOTES notes and about MAX_OP_BYTES each. */
export function addNotesInChunks(notes: readonly Note[]): Op[] {
  const ops: Op[] = []
  let chunk: Note[] = []
  let bytes = 0
  for (const note of notes) {
    const size = noteBytes(note)
    if (chunk.length > 0 && (chunk.length >= MAX_OP_NOTES || bytes + size > MAX_OP_BYTES)) {
      ops.push({ type: 'addNotes', notes: chunk })
      chunk = []
      bytes = 0
    }
    chunk.push(note)
    bytes += size
  }
  if (chunk.length) ops.push({ type: 'addNotes', notes: chunk })
  return ops
}

/**
 * Stacks replies on a prompt's board as they come, a batch at a time (an import adds its
 * notes a slice per task), each one whose normalised text matches a note already there
 * or an earlier reply stacking on it. A reply that is only punctuation never stacks.
 * `ops()` then gives the whole gesture: replies stacked on notes already there first, as
 * setDuplicates ops, then the new notes in several small addNotes ops (apply them all as
 * one undo step).
 */
export class ReplyStacker {
  private readonly doc: Workshop
  /** Normalised text → the note it stacks on, while that note has room. */
  private readonly byText = new Map<string, string>()
  private readonly added: Note[] = []
  /** Where each new note is in `added`. */
  private readonly addedAt = new Map<string, number>()
  /** Replies stacked on notes already on the board, or on new ones, by note id. */
  private readonly extra = new Map<string, Duplicate[]>()
  /** How many replies were stacked rather than added as notes. */
  stacked = 0

  constructor(doc: Workshop, promptId: string) {
    this.doc = doc
    for (const note of notesByPrompt(doc.notes).get(promptId) ?? []) {
      if (repliesOf(note) < MAX_STACK) {
        const key = normalizeReply(note.text)
        if (key !== '' && !this.byText.has(key)) this.byText.set(key, note.id)
      }
    }
  }

  /**
   * Takes in the next notes. `keys`, when given, holds each one's `normalizeReply` text,
   * worked out elsewhere (an import's worker).
   */
  add(incoming: readonly Note[], keys?: readonly string[]): void {
    for (const [i, note] of incoming.entries()) {
      const key = keys ? keys[i]! : normalizeReply(note.text)
      const target = key === '' ? undefined : this.byText.get(key)
      if (target === undefined) {
        this.addedAt.set(note.id, this.added.push(note) - 1)
        if (key !== '') this.byText.set(key, note.id)
        continue
      }
      const list = this.extra.get(target) ?? []
      list.push({
        text: note.text,
        author: note.author,
        source: note.source,
        createdAt: note.createdAt,
      })
      this.extra.set(target, list)
      this.stacked++
      const size = list.length + repliesOf(this.doc.notes[target] ?? note)
      if (size >= MAX_STACK) this.byText.delete(key) // full: the next equal reply starts a new note
    }
  }

  /** The ops that add everything taken in so far (in time proportional to the stacks). */
  ops(): Op[] {
    const ops: Op[] = []
    const fresh = this.added.slice()
    for (const [id, list] of this.extra) {
      const at = this.addedAt.get(id)
      // Duplicates of notes in this same gesture go straight into the new note.
      if (at !== undefined) {
        fresh[at] = { ...fresh[at]!, duplicates: [...fresh[at]!.duplicates, ...list] }
      } else {
        const note = this.doc.notes[id]!
        ops.push({ type: 'setDuplicates', id, duplicates: [...note.duplicates, ...list] })
      }
    }
    ops.push(...addNotesInChunks(fresh))
    return ops
  }
}

/**
 * The ops that add `incoming` notes to a prompt's board, stacking duplicates (see
 * `ReplyStacker`). `keys`, when given, holds each incoming note's `normalizeReply` text.
 */
export function addRepliesWithStacking(
  doc: Workshop,
  incoming: readonly Note[],
  keys?: readonly string[],
): { ops: Op[]; stacked: number } {
  const promptId = incoming[0]?.promptId
  if (promptId === undefined) return { ops: [], stacked: 0 }
  const stacker = new ReplyStacker(doc, promptId)
  stacker.add(incoming, keys)
  return { ops: stacker.ops(), stacked: stacker.stacked }
}
