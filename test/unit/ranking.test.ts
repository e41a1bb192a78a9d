import { describe, expect, it } from 'vitest'
import { boardOf, groupNotes } from '../../core/board-gestures.ts'
import { createNote, createWorkshop } from '../../core/create.ts'
import { inboxSlots } from '../../core/layout.ts'
import type { Workshop } from '../../core/model.ts'
import { applyAll } from '../../core/ops.ts'
import { clustersByRank, rankingOf } from '../../core/ranking.ts'

/** Three clusters of two notes (A, B, C) and two loose notes. */
function votedBoard(): { doc: Workshop; promptId: string; clusters: string[]; loose: string[] } {
  let doc = createWorkshop('Ranking')
  const promptId = doc.prompts[0]!.id
  const slots = inboxSlots({ loose: [], frames: [] }, 8)
  const notes = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2', 'loose x', 'loose y'].map((text, i) =>
    createNote({ promptId, text, ...slots[i]! }),
  )
  doc = applyAll(doc, [{ type: 'addNotes', notes }])
  const clusters: string[] = []
  for (let i = 0; i < 3; i++) {
    const { ops } = groupNotes(doc, [notes[2 * i]!.id, notes[2 * i + 1]!.id])
    doc = applyAll(doc, ops)
    clusters.push(Object.keys(doc.clusters).find((id) => !clusters.includes(id))!)
  }
  return { doc, promptId, clusters, loose: [notes[6]!.id, notes[7]!.id] }
}

describe('ranking', () => {
  it('sorts by dots (cluster dots plus its notes’ dots), shares places on ties, lists only voted loose notes', () => {
    const { doc, promptId, clusters, loose } = votedBoard()
    const [a, b, c] = clusters as [string, string, string]
    const first = boardOf(doc, promptId).members.get(b)![0]!
    doc.clusters[a]!.votes = 3
    doc.clusters[b]!.votes = 1
    doc.notes[first.id]!.votes = 2
    doc.notes[loose[0]!]!.votes = 3
    const ranking = rankingOf(boardOf(doc, promptId))
    expect(ranking.map((r) => [r.kind, r.votes, r.place, r.tied])).toEqual([
      ['cluster', 3, 1, true],
      ['cluster', 3, 1, true],
      ['note', 3, 1, true],
      ['cluster', 0, 4, false],
    ])
    expect(ranking.slice(0, 2).map((r) => (r.kind === 'cluster' ? r.cluster.id : ''))).toEqual([
      a,
      b,
    ])
    expect(clustersByRank(boardOf(doc, promptId)).map((x) => x.id)).toEqual([a, b, c])
  })
})
