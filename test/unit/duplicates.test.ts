import { describe, expect, it } from 'vitest'
import { createNote, createWorkshop } from '../../core/create.ts'
import { addRepliesWithStacking, normalizeReply } from '../../core/duplicates.ts'
import { History } from '../../core/history.ts'
import { applyAll } from '../../core/ops.ts'
import { workshopSchema } from '../../core/schema.ts'

describe('duplicate replies', () => {
  it('are equal once case, spacing and punctuation are set aside', () => {
    expect(normalizeReply('  Misaligned   incentives!! ')).toBe(
      normalizeReply('misaligned incentives'),
    )
    expect(normalizeReply('Ship it — now.')).toBe(normalizeReply('ship it now'))
    expect(normalizeReply('résumé')).not.toBe(normalizeReply('resume'))
    expect(normalizeReply('misaligned incentive')).not.toBe(normalizeReply('misaligned incentives'))
  })

  it('are stacked on one note with their authors, in one undoable step; near-duplicates stay apart', () => {
    let doc = createWorkshop('Dupes')
    const promptId = doc.prompts[0]!.id
    const first = createNote({ promptId, text: 'Misaligned incentives', author: 'Ana', x: 0, y: 0 })
    doc = applyAll(doc, [{ type: 'addNotes', notes: [first] }])
    const incoming = [
      createNote({ promptId, text: 'misaligned incentives!', author: 'Ben', x: 1, y: 0 }),
      createNote({ promptId, text: 'Misaligned incentive', author: 'Cy', x: 2, y: 0 }),
      createNote({ promptId, text: 'Too many meetings', author: 'Di', x: 3, y: 0 }),
      createNote({ promptId, text: 'too many  meetings.', author: null, x: 4, y: 0 }),
    ]
    const { ops, stacked } = addRepliesWithStacking(doc, incoming)
    expect(stacked).toBe(2)
    const history = new History()
    history.record(doc, ops)
    const after = applyAll(doc, ops)
    expect(workshopSchema.safeParse(after).success).toBe(true)
    const notes = Object.values(after.notes)
    expect(notes.map((n) => [n.text, 1 + n.duplicates.length])).toEqual([
      ['Misaligned incentives', 2],
      ['Misaligned incentive', 1],
      ['Too many meetings', 2],
    ])
    expect(after.notes[first.id]!.duplicates.map((d) => [d.text, d.author])).toEqual([
      ['misaligned incentives!', 'Ben'],
    ])
    expect(applyAll(after, history.undo()!)).toEqual(doc)
  })
})
