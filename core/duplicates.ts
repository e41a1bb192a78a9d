/**
 * Stacking duplicate replies: a reply equal to one already on the board once case,
 * spacing and punctuation are set aside ("Misaligned incentives!" and "misaligned
 * incentives") is stacked on that note as a duplicate (×2), its author kept. Replies that
 * merely look alike are left alone: only equal normalised text stacks.
 * Limits: letters with and without accents are different ("résumé" ≠ "resume").
 */
import type { Duplicate, Note, Workshop } from './model.ts'
import type { Op } from './ops.ts'

/** The text two replies must share to stack: NFKC, lower case, no punctuation, single spaces. */
export function normalizeReply(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
}

/**
 * The ops that add `incoming` notes to a prompt's board, stacking each one whose
 * normalised text matches a note already there (or an earlier one in the same batch).
 * A reply that is only punctuation or symbols never stacks.
 */
export function addRepliesWithStacking(
  doc: Workshop,
  incoming: readonly Note[],
): { ops: Op[]; stacked: number } {
  const byText = new Map<string, string>()
  for (const id in doc.notes) {
    const note = doc.notes[id]!
    if (incoming.length && note.promptId === incoming[0]!.promptId) {
      const key = normalizeReply(note.text)
      if (key !== '' && !byText.has(key)) byText.set(key, id)
    }
  }
  const added: Note[] = []
  const addedById = new Map<string, Note>()
  const extra = new Map<string, Duplicate[]>()
  for (const note of incoming) {
    const key = normalizeReply(note.text)
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
  if (added.length) ops.push({ type: 'addNotes', notes: added.map((n) => addedById.get(n.id)!) })
  for (const [id, list] of extra) {
    ops.push({ type: 'setDuplicates', id, duplicates: [...doc.notes[id]!.duplicates, ...list] })
  }
  return { ops, stacked: incoming.length - added.length }
}
