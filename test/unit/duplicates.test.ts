import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createNote, createWorkshop } from '../../core/create.ts'
import {
  MAX_OP_BYTES,
  addRepliesWithStacking,
  countsByPrompt,
  describeCount,
  normalizeReply,
} from '../../core/duplicates.ts'
import { MAX_OP_NOTES, opSchema } from '../../core/ops.ts'
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

/** Pairs a reader takes for the same reply. */
const SAME: [string, string][] = [
  ['Misaligned   incentives!!', 'misaligned incentives'],
  ['Ship it — now.', 'ship it now'],
  ['e\u0301cole', '\u00e9cole'], // an accent typed as a combining mark, or precomposed
  ['ＡＢＣ ｆｏｒ ａｌｌ', 'abc for all'], // full-width letters
  ['ﬁne tuning', 'fine tuning'], // a ligature
  ['don’t rush', "don't rush"],
  ['“Quality” first', '"quality" first'],
  ['❤️ the team', '❤ the team'], // emoji or text style of the same symbol
  ['(maybe) later', 'maybe later'],
  ['¿Qué pasa?', 'qué pasa'],
  ['שלום!', 'שלום'],
  ['no\u00a0more\u200b meetings', 'no more meetings'],
  ['\u22121 for that', '-1 for that'],
]

/** Pairs that differ in meaning, however alike they look. */
const DIFFERENT: [string, string][] = [
  ['Deploys 👍', 'Deploys 👎'],
  ['Deploys 👍', 'Deploys'],
  ['+1', '-1'],
  ['+1', '1'],
  ['C++ is hard', 'C is hard'],
  ['C# is hard', 'C is hard'],
  ['50% off', '50 off'],
  ['$100', '100'],
  ['re-sign', 'resign'],
  ['1.5 days', '15 days'],
  ['résumé', 'resume'],
  ['x²', 'x2'],
  ['👍🏽', '👍'],
]

describe('what stacks', () => {
  it.each(SAME)('%j stacks with %j', (a, b) => {
    expect(normalizeReply(a)).toBe(normalizeReply(b))
  })

  it.each(DIFFERENT)('%j never stacks with %j', (a, b) => {
    expect(normalizeReply(a)).not.toBe(normalizeReply(b))
  })

  const word = fc.stringMatching(/^[a-zà-ÿ]{1,8}$/)
  const sentence = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '))

  it('normalising twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(normalizeReply(normalizeReply(text))).toBe(normalizeReply(text))
      }),
    )
  })

  it('case, spacing, decomposed accents and trailing punctuation never keep replies apart', () => {
    fc.assert(
      fc.property(
        sentence,
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.constantFrom('', '.', '!', '?!', '…', ' ...', '!!!'),
        fc.constantFrom(' ', '  ', '\t', '\u00a0'),
        (text, upper, end, space) => {
          const variant =
            [...text]
              .map((c, i) => (upper[i % 60] ? c.toUpperCase() : c))
              .join('')
              .normalize('NFD')
              .replaceAll(' ', space) + end
          expect(normalizeReply(variant)).toBe(normalizeReply(text))
        },
      ),
    )
  })

  it('an emoji, a sign or a symbol always keeps replies apart', () => {
    fc.assert(
      fc.property(
        sentence,
        fc.constantFrom(['👍', '👎'], ['+', '-'], ['++', ''], ['#', ''], ['%', ''], ['🚀', '']),
        fc.boolean(),
        (text, [a, b], before) => {
          const with_ = (mark: string) => (before ? `${mark}${text}` : `${text} ${mark}`)
          expect(normalizeReply(with_(a))).not.toBe(normalizeReply(with_(b)))
        },
      ),
    )
  })
})

describe('counting replies', () => {
  it('counts stacked replies: ten typed, two of them the same, are 10 replies on 9 notes', () => {
    let doc = createWorkshop('Count')
    const promptId = doc.prompts[0]!.id
    const texts = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'A!']
    for (const text of texts) {
      const note = createNote({ promptId, text, x: 0, y: 0 })
      doc = applyAll(doc, addRepliesWithStacking(doc, [note]).ops)
    }
    const counts = countsByPrompt(doc.notes).get(promptId)!
    expect(counts).toEqual({ replies: 10, notes: 9, hidden: 0 })
    expect(describeCount(counts)).toBe('10 replies on 9 notes')
    expect(describeCount({ replies: 1, notes: 1 })).toBe('1 reply')
    expect(describeCount({ replies: 24_000, notes: 24_000 })).toBe('24,000 replies')
  })
})

describe('big batches', () => {
  it('travel as addNotes ops small enough for the store, applied as one undo step', () => {
    let doc = createWorkshop('Big')
    const promptId = doc.prompts[0]!.id
    const long = 'x'.repeat(4_000)
    const incoming = Array.from({ length: 3_000 }, (_, i) =>
      createNote({ promptId, text: i % 3 === 0 ? `${long} ${i}` : `reply ${i}`, x: 0, y: 0 }),
    )
    const { ops } = addRepliesWithStacking(doc, incoming)
    expect(ops.length).toBeGreaterThan(3)
    for (const op of ops) {
      expect(op.type).toBe('addNotes')
      expect(opSchema.safeParse(op).success).toBe(true)
      if (op.type === 'addNotes') expect(op.notes.length).toBeLessThanOrEqual(MAX_OP_NOTES)
      expect(JSON.stringify(op).length).toBeLessThanOrEqual(MAX_OP_BYTES)
    }
    const history = new History()
    history.record(doc, ops)
    const after = applyAll(doc, ops)
    expect(Object.keys(after.notes)).toHaveLength(3_000)
    doc = applyAll(after, history.undo()!)
    expect(doc.notes).toEqual({})
  })
})
