import { describe, expect, it } from 'vitest'
import { createNote, createWorkshop } from '../../core/create.ts'
import type { Workshop } from '../../core/model.ts'
import type { Op } from '../../core/ops.ts'
import { OpError, apply, applyAll, invert, invertAll, opSchema } from '../../core/ops.ts'

function workshopWithNotes(texts: string[]): Workshop {
  const doc = createWorkshop('Ops')
  const promptId = doc.prompts[0]!.id
  const notes = texts.map((text, i) => createNote({ promptId, text, x: i * 240, y: 0 }))
  return apply(doc, { type: 'addNotes', notes })
}

function ids(doc: Workshop): string[] {
  return Object.keys(doc.notes)
}

describe('ops', () => {
  it('adding notes puts them in the workshop and its inverse takes them out', () => {
    const doc = createWorkshop('Ops')
    const note = createNote({ promptId: doc.prompts[0]!.id, text: 'Listen first', x: 0, y: 0 })
    const op: Op = { type: 'addNotes', notes: [note] }
    const after = apply(doc, op)
    expect(after.notes[note.id]?.text).toBe('Listen first')
    expect(apply(after, invert(doc, op))).toEqual(doc)
  })

  it('moving notes changes only their positions, and the inverse puts them back', () => {
    const doc = workshopWithNotes(['a', 'b'])
    const [a, b] = ids(doc)
    const op: Op = { type: 'moveNotes', moves: [{ id: a!, x: 500, y: 321 }] }
    const after = apply(doc, op)
    expect(after.notes[a!]).toMatchObject({ x: 500, y: 321, text: 'a' })
    expect(after.notes[b!]).toBe(doc.notes[b!]) // untouched records are shared
    expect(apply(after, invert(doc, op))).toEqual(doc)
  })

  it('editing text keeps every character, and the inverse restores the old text', () => {
    const doc = workshopWithNotes(['old'])
    const [a] = ids(doc)
    const text = 'e\u0301 👩‍👩‍👧 مرحبا 漢字\nsecond line'
    const op: Op = { type: 'editNote', id: a!, text }
    const after = apply(doc, op)
    expect(after.notes[a!]?.text).toBe(text)
    expect(apply(after, invert(doc, op))).toEqual(doc)
  })

  it('deleting notes removes them, and the inverse brings them back whole', () => {
    const doc = workshopWithNotes(['a', 'b', 'c'])
    const [a, , c] = ids(doc)
    const op: Op = { type: 'deleteNotes', ids: [a!, c!] }
    const after = apply(doc, op)
    expect(Object.values(after.notes).map((n) => n.text)).toEqual(['b'])
    expect(apply(after, invert(doc, op))).toEqual(doc)
  })

  it('never changes the workshop it is given', () => {
    const doc = workshopWithNotes(['a'])
    const frozen = structuredClone(doc)
    apply(doc, { type: 'moveNotes', moves: [{ id: ids(doc)[0]!, x: 9, y: 9 }] })
    apply(doc, { type: 'deleteNotes', ids: ids(doc) })
    expect(doc).toEqual(frozen)
  })

  it('refuses an op that does not fit, changing nothing', () => {
    const doc = workshopWithNotes(['a'])
    const [a] = ids(doc)
    expect(() => apply(doc, { type: 'deleteNotes', ids: ['nope'] })).toThrow(OpError)
    expect(() => apply(doc, { type: 'editNote', id: 'nope', text: 'x' })).toThrow(OpError)
    expect(() => apply(doc, { type: 'addNotes', notes: [doc.notes[a!]!] })).toThrow(
      /already exists/,
    )
    const stray = createNote({ promptId: 'no-such-prompt', text: 'x', x: 0, y: 0 })
    expect(() => apply(doc, { type: 'addNotes', notes: [stray] })).toThrow(/no prompt/)
  })

  it('undoes a whole batch with invertAll', () => {
    const doc = workshopWithNotes(['a', 'b'])
    const [a, b] = ids(doc)
    const batch: Op[] = [
      { type: 'moveNotes', moves: [{ id: a!, x: 1, y: 1 }] },
      { type: 'moveNotes', moves: [{ id: a!, x: 2, y: 2 }] },
      { type: 'editNote', id: b!, text: 'B' },
      { type: 'deleteNotes', ids: [a!] },
    ]
    const after = applyAll(doc, batch)
    expect(applyAll(after, invertAll(doc, batch))).toEqual(doc)
  })

  it('the op schema refuses unknown ops and malformed fields', () => {
    expect(opSchema.safeParse({ type: 'dropTables' }).success).toBe(false)
    expect(
      opSchema.safeParse({ type: 'moveNotes', moves: [{ id: 'a', x: 'left', y: 0 }] }).success,
    ).toBe(false)
    expect(
      opSchema.safeParse({ type: 'moveNotes', moves: [{ id: 'a', x: Infinity, y: 0 }] }).success,
    ).toBe(false)
    expect(opSchema.safeParse({ type: 'editNote', id: 'a', text: 'ok', extra: 1 }).success).toBe(
      false,
    )
    expect(opSchema.safeParse({ type: 'editNote', id: 'a', text: 'ok' }).success).toBe(true)
  })
})
