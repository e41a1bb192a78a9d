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

/** A prompt's replies (stacked ones included) and the notes they sit on. */
export function countReplies(doc: Workshop, promptId: string): { replies: number; notes: number } {
  let replies = 0
  let notes = 0
  for (const id in doc.notes) {
    const note = doc.notes[id]!
    if (note.promptId !== promptId) continue
    notes++
    replies += repliesOf(note)
  }
  return { replies, notes }
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
 * The ops that add `incoming` notes to a prompt's board, stacking each one whose
 * normalised text matches a note already there (or an earlier one in the same batch).
 * A reply that is only punctuation never stacks. `keys`, when given, holds each incoming
 * note's `normalizeReply` text, worked out elsewhere (an import's worker). Replies stacked
 * on notes already there come first, as setDuplicates ops; the new notes follow in several
 * small addNotes ops (apply them all as one undo step).
 */
export function addRepliesWithStacking(
  doc: Workshop,
  incoming: readonly Note[],
  keys?: readonly string[],
): { ops: Op[]; stacked: number } {
  const byText = new Map<string, string>()
  const promptId = incoming[0]?.promptId
  for (const id in doc.notes) {
    const note = doc.notes[id]!
    if (note.promptId === promptId && repliesOf(note) < MAX_STACK) {
      const key = normalizeReply(note.text)
      if (key !== '' && !byText.has(key)) byText.set(key, id)
    }
  }
  const added: Note[] = []
  const addedById = new Map<string, Note>()
  const extra = new Map<string, Duplicate[]>()
  for (const [i, note] of incoming.entries()) {
    const key = keys ? keys[i]! : normalizeReply(note.text)
    const target = key === '' ? undefined : byText.get(key)
    if (target === undefined) {
      added.push(note)
      addedById.set(note.id, note)
      if (key !== '') byText.set(key, note.id)
      continue
    }
    const copy: Duplicate = {
      text: note.text,
      author: note.author,
      source: note.source,
      createdAt: note.createdAt,
    }
    const list = extra.get(target) ?? []
    list.push(copy)
    extra.set(target, list)
    const size = list.length + repliesOf(doc.notes[target] ?? note)
    if (size >= MAX_STACK) byText.delete(key) // full: the next equal reply starts a new note
  }
  const ops: Op[] = []
  // Duplicates of notes in this same batch go straight into the new note.
  for (const [id, list] of extra) {
    const fresh = addedById.get(id)
    if (fresh) {
      addedById.set(id, { ...fresh, duplicates: [...fresh.duplicates, ...list] })
      extra.delete(id)
    }
  }
  for (const [id, list] of extra) {
    ops.push({ type: 'setDuplicates', id, duplicates: [...doc.notes[id]!.duplicates, ...list] })
  }
  ops.push(...addNotesInChunks(added.map((n) => addedById.get(n.id)!)))
  return { ops, stacked: incoming.length - added.length }
}
