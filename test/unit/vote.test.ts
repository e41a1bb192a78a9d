/**
 * Dot voting: each action is one op that undo takes back exactly, counts never go below
 * zero, a budget is kept with words the facilitator can read, and reset is undoable.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boardOf, groupNotes } from '../../core/board-gestures.ts'
import { createNote, createWorkshop } from '../../core/create.ts'
import { History } from '../../core/history.ts'
import { decodeWorkshop, encodeWorkshop } from '../../core/migrations.ts'
import type { Workshop } from '../../core/model.ts'
import type { Op } from '../../core/ops.ts'
import { applyAll, opSchema } from '../../core/ops.ts'
import { rankingOf } from '../../core/ranking.ts'
import type { DotTarget } from '../../core/vote.ts'
import { castDot, changeVote, dotsUsed, resetVotes, usedText } from '../../core/vote.ts'

/** A board with two clusters (a, b) of two notes each and two loose notes. */
function votingBoard(): { doc: Workshop; clusters: string[]; loose: string[] } {
  let doc = createWorkshop('Vote', new Date('2026-11-25T06:00:00Z'))
  const promptId = doc.prompts[0]!.id
  const notes = [
    'ship smaller',
    'ship sooner',
    'listen more',
    'ask why',
    'loose one',
    'loose two',
  ].map((text, i) => createNote({ promptId, text, x: i * 300, y: 0 }))
  doc = applyAll(doc, [{ type: 'addNotes', notes }])
  const first = groupNotes(doc, [notes[0]!.id, notes[1]!.id])
  doc = applyAll(doc, first.ops)
  const second = groupNotes(doc, [notes[2]!.id, notes[3]!.id])
  doc = applyAll(doc, second.ops)
  return {
    doc,
    clusters: [first.createdCluster!, second.createdCluster!],
    loose: [notes[4]!.id, notes[5]!.id],
  }
}

/** Runs one dot action against the document; returns the new document or the refusal. */
function dot(doc: Workshop, target: DotTarget, delta: 1 | -1): Workshop | string {
  const prompt = doc.prompts[0]!
  const result = castDot(doc, boardOf(doc, prompt.id), prompt, target, delta)
  return 'refused' in result ? result.refused : applyAll(doc, result.ops)
}

function open(doc: Workshop, settings: Parameters<typeof changeVote>[1] = {}): Workshop {
  return applyAll(doc, changeVote(doc.prompts[0]!, { state: 'open', ...settings }))
}

describe('dot voting', () => {
  it('adds and removes dots only while the vote is open', () => {
    const { doc, clusters } = votingBoard()
    expect(dot(doc, { kind: 'cluster', id: clusters[0]! }, 1)).toBe('Start a vote to add dots.')
    const voting = open(doc)
    const one = dot(voting, { kind: 'cluster', id: clusters[0]! }, 1) as Workshop
    expect(one.clusters[clusters[0]!]!.votes).toBe(1)
    const ended = applyAll(one, changeVote(one.prompts[0]!, { state: 'ended' }))
    expect(dot(ended, { kind: 'cluster', id: clusters[0]! }, 1)).toBe('Start a vote to add dots.')
  })

  it('never takes a count below zero', () => {
    const { doc, clusters } = votingBoard()
    const voting = open(doc)
    expect(dot(voting, { kind: 'cluster', id: clusters[1]! }, -1)).toBe(
      'This cluster has no dot to remove.',
    )
    expect(() =>
      opSchema.parse({ type: 'setVotes', notes: [], clusters: [{ id: clusters[0], votes: -1 }] }),
    ).toThrow()
  })

  it('refuses a dot beyond dots × voters, in words, and counts notes and clusters alike', () => {
    const { doc, clusters, loose } = votingBoard()
    let voting = open(doc, { dotsPerPerson: 2, voters: 2, notesVotable: true })
    voting = dot(voting, { kind: 'cluster', id: clusters[0]! }, 1) as Workshop
    voting = dot(voting, { kind: 'cluster', id: clusters[0]! }, 1) as Workshop
    voting = dot(voting, { kind: 'note', id: loose[0]! }, 1) as Workshop
    expect(
      usedText(dotsUsed(boardOf(voting, voting.prompts[0]!.id)), voting.prompts[0]!.vote),
    ).toBe('3 of 4 dots used')
    voting = dot(voting, { kind: 'cluster', id: clusters[1]! }, 1) as Workshop
    expect(dot(voting, { kind: 'cluster', id: clusters[1]! }, 1)).toBe(
      'All 4 dots are used (2 dots × 2 voters). Remove a dot first, or raise the number of voters.',
    )
    // Taking one back makes room again.
    voting = dot(voting, { kind: 'cluster', id: clusters[0]! }, -1) as Workshop
    expect(typeof dot(voting, { kind: 'cluster', id: clusters[1]! }, 1)).toBe('object')
  })

  it('sends a dot on a clustered note to its cluster unless notes may take dots', () => {
    const { doc, clusters, loose } = votingBoard()
    const voting = open(doc)
    const member = Object.values(doc.notes).find((n) => n.clusterId === clusters[1])!
    const after = dot(voting, { kind: 'note', id: member.id }, 1) as Workshop
    expect(after.clusters[clusters[1]!]!.votes).toBe(1)
    expect(after.notes[member.id]!.votes).toBe(0)
    expect(dot(voting, { kind: 'note', id: loose[0]! }, 1)).toMatch(/^Dots go on clusters/)
    const notesToo = open(doc, { notesVotable: true })
    const onNote = dot(notesToo, { kind: 'note', id: member.id }, 1) as Workshop
    expect(onNote.notes[member.id]!.votes).toBe(1)
  })

  it('resets every dot of the board in one step that undo takes back', () => {
    const { doc, clusters, loose } = votingBoard()
    let voting = open(doc, { notesVotable: true })
    for (const target of [clusters[0]!, clusters[0]!, clusters[1]!]) {
      voting = dot(voting, { kind: 'cluster', id: target }, 1) as Workshop
    }
    voting = dot(voting, { kind: 'note', id: loose[1]! }, 1) as Workshop
    const ops = resetVotes(boardOf(voting, voting.prompts[0]!.id))
    expect(ops).toHaveLength(1)
    const history = new History()
    history.record(voting, ops)
    const reset = applyAll(voting, ops)
    expect(dotsUsed(boardOf(reset, reset.prompts[0]!.id))).toBe(0)
    expect(applyAll(reset, history.undo()!)).toEqual(voting)
    expect(resetVotes(boardOf(reset, reset.prompts[0]!.id))).toEqual([])
  })

  it('ranks by dots with ties sharing a place after a vote', () => {
    const { doc, clusters, loose } = votingBoard()
    let voting = open(doc, { notesVotable: true })
    voting = dot(voting, { kind: 'cluster', id: clusters[1]! }, 1) as Workshop
    voting = dot(voting, { kind: 'cluster', id: clusters[0]! }, 1) as Workshop
    voting = dot(voting, { kind: 'note', id: loose[0]! }, 1) as Workshop
    voting = dot(voting, { kind: 'cluster', id: clusters[1]! }, 1) as Workshop
    const ranking = rankingOf(boardOf(voting, voting.prompts[0]!.id))
    expect(ranking.map((r) => [r.kind, r.votes, r.place, r.tied])).toEqual([
      ['cluster', 2, 1, false],
      ['cluster', 1, 2, true],
      ['note', 1, 2, true],
    ])
  })

  it('changes settings as one op, and none when nothing changes', () => {
    const { doc } = votingBoard()
    const prompt = doc.prompts[0]!
    expect(changeVote(prompt, { dotsPerPerson: 3 })).toEqual([])
    expect(changeVote(prompt, { voters: 12, countsHidden: true })).toEqual([
      {
        type: 'setVote',
        id: prompt.id,
        vote: { ...prompt.vote, voters: 12, countsHidden: true },
      },
    ])
  })

  it('any sequence of vote actions, then undo of each, gives back the same document', () => {
    const action = fc.record({
      kind: fc.constantFrom('dot', 'undot', 'reset', 'settings', 'state'),
      pick: fc.nat(20),
      flag: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), (plan) => {
        const { doc: start, clusters, loose } = votingBoard()
        const targets: DotTarget[] = [
          ...clusters.map((id) => ({ kind: 'cluster' as const, id })),
          ...loose.map((id) => ({ kind: 'note' as const, id })),
          ...Object.keys(start.notes).map((id) => ({ kind: 'note' as const, id })),
        ]
        const history = new History()
        const docs = [start]
        for (const a of plan) {
          const doc = docs.at(-1)!
          const prompt = doc.prompts[0]!
          const board = boardOf(doc, prompt.id)
          let ops: Op[] = []
          if (a.kind === 'dot' || a.kind === 'undot') {
            const result = castDot(
              doc,
              board,
              prompt,
              targets[a.pick % targets.length]!,
              a.kind === 'dot' ? 1 : -1,
            )
            if ('ops' in result) ops = result.ops
          } else if (a.kind === 'reset') {
            ops = resetVotes(board)
          } else if (a.kind === 'settings') {
            ops = changeVote(prompt, {
              dotsPerPerson: 1 + (a.pick % 5),
              voters: a.flag ? 1 + (a.pick % 3) : null,
              notesVotable: a.flag,
              countsHidden: a.pick % 2 === 0,
            })
          } else {
            ops = changeVote(prompt, { state: (['off', 'open', 'ended'] as const)[a.pick % 3]! })
          }
          if (ops.length === 0) continue
          for (const op of ops) expect(opSchema.safeParse(op).success).toBe(true)
          history.record(doc, ops)
          const next = applyAll(doc, ops)
          for (const c of Object.values(next.clusters)) expect(c.votes).toBeGreaterThanOrEqual(0)
          for (const n of Object.values(next.notes)) expect(n.votes).toBeGreaterThanOrEqual(0)
          docs.push(next)
        }
        // Undo every step, one at a time: each gives back the document before it.
        let doc = docs.at(-1)!
        for (let i = docs.length - 1; i > 0; i--) {
          doc = applyAll(doc, history.undo()!)
          expect(doc).toEqual(docs[i - 1])
        }
        expect(doc).toEqual(start)
        expect(decodeWorkshop(encodeWorkshop(docs.at(-1)!))).toMatchObject({ kind: 'ok' })
      }),
      { numRuns: 150 },
    )
  })
})
