/**
 * Property tests over random gestures: whatever sequence of ops a window sends, undo
 * gives back exactly the document before, redo exactly the one after, and every
 * document on the way is valid and survives the file format.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../../core/create.ts'
import { History } from '../../core/history.ts'
import { decodeWorkshop, encodeWorkshop } from '../../core/migrations.ts'
import type { Cluster, Note, Workshop } from '../../core/model.ts'
import { NOTE_COLORS, NO_VOTE } from '../../core/model.ts'
import type { Op } from '../../core/ops.ts'
import { OpError, applyAll, opSchema } from '../../core/ops.ts'
import { workshopSchema } from '../../core/schema.ts'

// A small pool, so ops keep meeting the same records; names that are also keys of
// Object.prototype, so an inherited lookup would show.
const IDS = ['a', 'b', 'c', 'd', 'constructor', 'tostring', 'valueof', 'n-1', 'x_2'] as const
const TEXTS = ['', 'scale fast', '$& and $$', 'e\u0301 👩🏽‍💻', 'line\nbreak', 'x'.repeat(300)]

/** One random choice; `build` turns it into ops that fit the document as it is. */
const choice = fc.record({
  kind: fc.nat(19),
  id: fc.constantFrom(...IDS),
  other: fc.constantFrom(...IDS),
  text: fc.constantFrom(...TEXTS),
  color: fc.constantFrom(...NOTE_COLORS),
  flag: fc.boolean(),
  n: fc.integer({ min: -5000, max: 5000 }),
})
type Choice = typeof choice extends fc.Arbitrary<infer T> ? T : never

const noteIds = (doc: Workshop) => Object.keys(doc.notes)
const clusterIds = (doc: Workshop) => Object.keys(doc.clusters)
const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[Math.abs(n) % list.length]

function build(doc: Workshop, c: Choice): Op[] {
  const prompt = pick(doc.prompts, c.n)!
  const noteId = pick(noteIds(doc), c.n)
  const clusterId = pick(clusterIds(doc), c.n)
  switch (c.kind) {
    case 0:
    case 1: {
      const note: Note = {
        id: `${c.id}${Object.keys(doc.notes).length}`,
        promptId: prompt.id,
        text: c.text,
        author: c.flag ? 'Table 3' : null,
        color: c.color,
        x: c.n,
        y: 0 - c.n, // never -0, which JSON writes as 0
        clusterId: null,
        votes: 0,
        hidden: c.flag,
        source: 'typed',
        createdAt: '2026-11-25T06:00:00.000Z',
        duplicates: [],
      }
      return [{ type: 'addNotes', notes: [note] }]
    }
    case 2:
      return noteId ? [{ type: 'deleteNotes', ids: [noteId] }] : []
    case 3:
      return noteId ? [{ type: 'moveNotes', moves: [{ id: noteId, x: c.n, y: c.n / 2 }] }] : []
    case 4:
      return noteId ? [{ type: 'editNote', id: noteId, text: c.text }] : []
    case 5: {
      if (!noteId) return []
      const note = doc.notes[noteId]!
      const target = Object.values(doc.clusters).find((k) => k.promptId === note.promptId)
      const clusterId = c.flag || !target ? null : target.id
      return [{ type: 'setNoteClusters', changes: [{ id: noteId, clusterId }] }]
    }
    case 6: {
      const cluster: Cluster = {
        id: `k${c.other}${clusterIds(doc).length}`,
        promptId: prompt.id,
        name: c.text.slice(0, 100),
        color: c.color,
        x: c.n,
        y: c.n,
        votes: 0,
        order: clusterIds(doc).length + 1,
      }
      return [{ type: 'addClusters', clusters: [cluster] }]
    }
    case 7: {
      if (!clusterId) return []
      // As the board does: empty it first, in the same gesture.
      const members = Object.values(doc.notes).filter((n) => n.clusterId === clusterId)
      const ops: Op[] = []
      if (members.length > 0) {
        ops.push({
          type: 'setNoteClusters',
          changes: members.map((n) => ({ id: n.id, clusterId: null })),
        })
      }
      ops.push({ type: 'deleteClusters', ids: [clusterId] })
      return ops
    }
    case 8:
      return clusterId ? [{ type: 'moveClusters', moves: [{ id: clusterId, x: c.n, y: 7 }] }] : []
    case 9:
      return clusterId ? [{ type: 'renameCluster', id: clusterId, name: c.text.slice(0, 200) }] : []
    case 10:
      return [
        {
          type: 'recolor',
          notes: noteId ? [{ id: noteId, color: c.color }] : [],
          clusters: clusterId && c.flag ? [{ id: clusterId, color: c.color }] : [],
        },
      ]
    case 11:
      return [
        {
          type: 'addPrompt',
          prompt: {
            id: `p${c.id}${doc.prompts.length}`,
            text: c.text,
            hidden: c.flag,
            vote: NO_VOTE,
          },
          index: Math.abs(c.n) % 5,
        },
      ]
    case 12: {
      const empty = doc.prompts.find(
        (p) =>
          !Object.values(doc.notes).some((n) => n.promptId === p.id) &&
          !Object.values(doc.clusters).some((k) => k.promptId === p.id),
      )
      return empty ? [{ type: 'deletePrompt', id: empty.id }] : []
    }
    case 13:
      return [{ type: 'editPrompt', id: prompt.id, text: c.text.slice(0, 200) }]
    case 14:
      return [{ type: 'movePrompt', id: prompt.id, index: Math.abs(c.n) % 4 }]
    case 15:
      return noteId
        ? [
            {
              type: 'setDuplicates',
              id: noteId,
              duplicates: c.flag
                ? [
                    {
                      text: c.text,
                      author: null,
                      source: 'room',
                      createdAt: '2026-11-25T06:01:00Z',
                    },
                  ]
                : [],
            },
          ]
        : []
    case 16:
      return noteId ? [{ type: 'setNotesHidden', changes: [{ id: noteId, hidden: c.flag }] }] : []
    case 17:
      return [{ type: 'setPromptHidden', id: prompt.id, hidden: c.flag }]
    case 18: {
      const state = (['off', 'open', 'ended'] as const)[Math.abs(c.n) % 3]!
      const vote = {
        state,
        dotsPerPerson: 1 + (Math.abs(c.n) % 9),
        voters: c.flag ? 1 + (Math.abs(c.n) % 40) : null,
        countsHidden: c.flag,
        notesVotable: !c.flag,
      }
      return [{ type: 'setVote', id: prompt.id, vote }]
    }
    case 19: {
      const votes = Math.abs(c.n) % 7
      return [
        {
          type: 'setVotes',
          notes: noteId ? [{ id: noteId, votes }] : [],
          clusters: clusterId && c.flag ? [{ id: clusterId, votes: votes + 1 }] : [],
        },
      ]
    }
    default:
      return []
  }
}

/** Two gestures may be one step (a drag that also recolours, say). */
const gestures = fc.array(fc.array(choice, { minLength: 1, maxLength: 2 }), {
  minLength: 1,
  maxLength: 40,
})

function start(): Workshop {
  const doc = createWorkshop('Properties', new Date('2026-11-25T06:00:00Z'), ['One ____', 'Two'])
  return { ...doc, id: 'w1', prompts: doc.prompts.map((p, i) => ({ ...p, id: `p${i}` })) }
}

/** Applies each gesture that fits; returns the documents on the way and the history. */
function run(plan: Choice[][]) {
  const history = new History()
  const docs = [start()]
  for (const gesture of plan) {
    const before = docs.at(-1)!
    let ops: Op[] = []
    let doc = before
    for (const c of gesture) {
      const more = build(doc, c)
      try {
        doc = applyAll(doc, more)
        ops = [...ops, ...more]
      } catch (error) {
        if (!(error instanceof OpError)) throw error
      }
    }
    if (ops.length === 0) continue
    for (const op of ops) expect(opSchema.safeParse(op).success, JSON.stringify(op)).toBe(true)
    history.record(before, ops)
    docs.push(applyAll(before, ops))
  }
  return { docs, history }
}

const RUNS = { numRuns: 150 }

describe('random op sequences', () => {
  it('every gesture: undo gives back the document before, redo the one after', () => {
    fc.assert(
      fc.property(gestures, (plan) => {
        const { docs, history } = run(plan)
        // Walk all the way back, then all the way forward again.
        for (let i = docs.length - 1; i > 0; i--) {
          expect(applyAll(docs[i]!, history.undo()!)).toEqual(docs[i - 1])
        }
        expect(history.canUndo).toBe(false)
        for (let i = 1; i < docs.length; i++) {
          expect(applyAll(docs[i - 1]!, history.redo()!)).toEqual(docs[i])
        }
        expect(history.canRedo).toBe(false)
      }),
      RUNS,
    )
  })

  it('undo then redo of the last gesture returns the same document', () => {
    fc.assert(
      fc.property(gestures, (plan) => {
        const { docs, history } = run(plan)
        if (docs.length < 2) return
        const undone = applyAll(docs.at(-1)!, history.undo()!)
        expect(undone).toEqual(docs.at(-2))
        expect(applyAll(undone, history.redo()!)).toEqual(docs.at(-1))
      }),
      RUNS,
    )
  })

  it('every reachable document passes the schema and survives encode → decode', () => {
    fc.assert(
      fc.property(gestures, (plan) => {
        const { docs } = run(plan)
        for (const doc of docs) {
          const parsed = workshopSchema.safeParse(doc)
          expect(parsed.success, parsed.error?.message).toBe(true)
          expect(decodeWorkshop(encodeWorkshop(doc))).toMatchObject({ kind: 'ok', workshop: doc })
        }
      }),
      RUNS,
    )
  })
})
