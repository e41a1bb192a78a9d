import { describe, expect, it } from 'vitest'
import {
  boardOf,
  deleteNotes,
  dropCluster,
  dropNotes,
  frameOf,
  groupNotes,
  moveNotesToCluster,
  obstaclesOf,
} from '../../core/board-gestures.ts'
import { createNote, createWorkshop } from '../../core/create.ts'
import { inboxSlots, intersects, noteRect } from '../../core/layout.ts'
import type { Workshop } from '../../core/model.ts'
import { applyAll } from '../../core/ops.ts'
import { undoableStep } from './helpers/undoable-step.ts'

/** A board with loose notes a, b, c, d, e in the inbox grid. */
function board(): { doc: Workshop; ids: string[]; promptId: string } {
  let doc = createWorkshop('Gestures')
  const promptId = doc.prompts[0]!.id
  const slots = inboxSlots({ loose: [], frames: [] }, 5)
  const notes = ['a', 'b', 'c', 'd', 'e'].map((text, i) =>
    createNote({ promptId, text, ...slots[i]! }),
  )
  doc = applyAll(doc, [{ type: 'addNotes', notes }])
  return { doc, ids: notes.map((n) => n.id), promptId }
}

function centre(doc: Workshop, id: string) {
  const r = noteRect(doc.notes[id]!)
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
}

function clusterTexts(doc: Workshop, clusterId: string): string[] {
  return boardOf(doc, doc.clusters[clusterId]!.promptId)
    .members.get(clusterId)!
    .map((n) => n.text)
}

describe('clustering gestures', () => {
  it('dropping a note on a note makes a cluster of the two, to be named', () => {
    const { doc, ids, promptId } = board()
    const [a, b] = ids
    const { x, y } = doc.notes[b!]!
    const gesture = dropNotes(doc, promptId, [{ id: a!, x, y }], centre(doc, b!))
    const after = undoableStep(doc, gesture.ops)
    const cluster = after.clusters[gesture.createdCluster!]!
    expect(cluster.name).toBe('')
    expect(clusterTexts(after, cluster.id).sort()).toEqual(['a', 'b'])
  })

  it('dropping a note on a cluster joins it; dragging it out to empty board leaves it', () => {
    const { doc, ids, promptId } = board()
    const [a, b, c] = ids
    const made = dropNotes(doc, promptId, [{ id: a!, x: 0, y: 0 }], centre(doc, b!))
    const clustered = undoableStep(doc, made.ops)
    const clusterId = made.createdCluster!
    const frame = frameOf(boardOf(clustered, promptId), clustered.clusters[clusterId]!)
    const into = { x: frame.x + frame.width - 5, y: frame.y + frame.height - 5 }
    const joined = undoableStep(
      clustered,
      dropNotes(clustered, promptId, [{ id: c!, ...into }], into).ops,
    )
    expect(clusterTexts(joined, clusterId).sort()).toEqual(['a', 'b', 'c'])

    const away = { x: 5000, y: 5000 }
    const left = undoableStep(joined, dropNotes(joined, promptId, [{ id: a!, ...away }], away).ops)
    expect(left.notes[a!]).toMatchObject({ clusterId: null, x: 5000, y: 5000 })
    expect(clusterTexts(left, clusterId).sort()).toEqual(['b', 'c'])
  })

  it("keeps a cluster's notes in a tidy grid inside its frame, never overlapping", () => {
    const { doc, ids, promptId } = board()
    const grouped = undoableStep(doc, groupNotes(doc, ids).ops)
    const view = boardOf(grouped, promptId)
    const [cluster] = view.clusters
    const frame = frameOf(view, cluster!)
    const rects = view.members.get(cluster!.id)!.map(noteRect)
    rects.forEach((r, i) => {
      expect(r.x >= frame.x && r.x + r.width <= frame.x + frame.width).toBe(true)
      expect(r.y >= frame.y && r.y + r.height <= frame.y + frame.height).toBe(true)
      rects.slice(i + 1).forEach((other) => expect(intersects(r, other)).toBe(false))
    })
  })

  it('a cluster left with no notes is removed; one left with a single note stays', () => {
    const { doc, ids, promptId } = board()
    const [a, b] = ids
    const made = dropNotes(doc, promptId, [{ id: a!, x: 0, y: 0 }], centre(doc, b!))
    const clustered = undoableStep(doc, made.ops)
    const out = { x: 4000, y: 0 }
    const one = undoableStep(
      clustered,
      dropNotes(clustered, promptId, [{ id: a!, ...out }], out).ops,
    )
    expect(Object.keys(one.clusters)).toEqual([made.createdCluster])
    const none = undoableStep(one, deleteNotes(one, [b!]))
    expect(Object.keys(none.clusters)).toEqual([])
  })

  it("dropping a cluster by its title on another merges them, keeping the target's name", () => {
    const { doc, ids, promptId } = board()
    const [a, b, c, d] = ids
    let current = undoableStep(doc, groupNotes(doc, [a!, b!]).ops)
    const second = groupNotes(current, [c!, d!])
    current = undoableStep(current, second.ops)
    const first = Object.keys(current.clusters).find((id) => id !== second.createdCluster)!
    current = undoableStep(current, [{ type: 'renameCluster', id: first, name: 'Speed' }])
    current = undoableStep(current, [
      { type: 'renameCluster', id: second.createdCluster!, name: 'Pace' },
    ])
    const target = frameOf(boardOf(current, promptId), current.clusters[first]!)
    const point = { x: target.x + 10, y: target.y + 10 }
    const merged = undoableStep(current, dropCluster(current, second.createdCluster!, point, point))
    expect(Object.values(merged.clusters).map((cl) => cl.name)).toEqual(['Speed'])
    expect(clusterTexts(merged, first).sort()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('dragging a cluster elsewhere moves its notes with it', () => {
    const { doc, ids } = board()
    const made = groupNotes(doc, [ids[0]!, ids[1]!])
    const grouped = undoableStep(doc, made.ops)
    const cluster = grouped.clusters[made.createdCluster!]!
    const to = { x: cluster.x + 1000, y: cluster.y + 700 }
    const moved = undoableStep(
      grouped,
      dropCluster(grouped, cluster.id, to, { x: 99999, y: 99999 }),
    )
    expect(moved.notes[ids[0]!]!.x - grouped.notes[ids[0]!]!.x).toBe(1000)
    expect(moved.notes[ids[1]!]!.y - grouped.notes[ids[1]!]!.y).toBe(700)
  })

  it('moves selected notes into a cluster from the keyboard, in one undoable step', () => {
    const { doc, ids } = board()
    const made = groupNotes(doc, [ids[0]!])
    const grouped = undoableStep(doc, made.ops)
    const after = undoableStep(
      grouped,
      moveNotesToCluster(grouped, [ids[3]!, ids[4]!], made.createdCluster!),
    )
    expect(clusterTexts(after, made.createdCluster!)).toEqual(['a', 'd', 'e'])
  })

  it('new notes never land on a cluster or another note', () => {
    const { doc, ids, promptId } = board()
    const grouped = undoableStep(doc, groupNotes(doc, [ids[1]!, ids[2]!, ids[3]!]).ops)
    const obstacles = obstaclesOf(boardOf(grouped, promptId))
    for (const slot of inboxSlots(obstacles, 30)) {
      const rect = noteRect(slot)
      for (const o of [...obstacles.loose, ...obstacles.frames]) {
        expect(intersects(rect, o)).toBe(false)
      }
    }
  })
})

describe('no reply is ever hidden under a cluster', () => {
  it('a loose note that a growing cluster would cover moves to a free inbox slot', () => {
    const { doc, ids, promptId } = board()
    const [a, b, c] = ids
    // a on b: the new cluster's grid spans the slot where c lies.
    const { x, y } = doc.notes[b!]!
    const after = undoableStep(
      doc,
      dropNotes(doc, promptId, [{ id: a!, x, y }], centre(doc, b!)).ops,
    )
    const view = boardOf(after, promptId)
    const frame = frameOf(view, view.clusters[0]!)
    expect(intersects(noteRect(after.notes[c!]!), frame)).toBe(false)
    for (const note of view.notes.filter((n) => n.clusterId === null)) {
      expect(intersects(noteRect(note), frame)).toBe(false)
    }
  })
})
