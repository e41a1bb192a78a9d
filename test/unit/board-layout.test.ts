import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  boardOf,
  clusterNumbers,
  deleteNotes,
  dropCluster,
  dropNotes,
  frameOf,
  groupNotes,
  moveNotesToCluster,
  obstaclesOf,
  tidyBoard,
} from '../../core/board-gestures.ts'
import type { BoardView } from '../../core/board-gestures.ts'
import { createNote, createWorkshop } from '../../core/create.ts'
import { History } from '../../core/history.ts'
import {
  CLUSTER_HEADER,
  contains,
  inboxColumns,
  inboxSlots,
  intersects,
  noteRect,
  union,
} from '../../core/layout.ts'
import type { Workshop } from '../../core/model.ts'
import type { Op } from '../../core/ops.ts'
import { applyAll } from '../../core/ops.ts'
import { workshopSchema } from '../../core/schema.ts'
import { undoableStep } from './helpers/undoable-step.ts'

/** A board of `count` loose notes laid out by the app's own inbox, for a screen of `aspect`. */
function inbox(count: number, aspect = 16 / 9): { doc: Workshop; promptId: string } {
  const doc = createWorkshop('Layout')
  const promptId = doc.prompts[0]!.id
  const slots = inboxSlots({ loose: [], frames: [] }, count, aspect)
  const notes = slots.map((slot, i) => createNote({ promptId, text: `reply ${i}`, ...slot }))
  return { doc: applyAll(doc, [{ type: 'addNotes', notes }]), promptId }
}

/** Every way two regions of a board could cover each other; empty when the board is sound. */
function overlaps(board: BoardView): string[] {
  const problems: string[] = []
  const frames = board.clusters.map((c) => ({ id: c.id, rect: frameOf(board, c) }))
  frames.forEach((a, i) => {
    for (const b of frames.slice(i + 1)) {
      if (intersects(a.rect, b.rect)) problems.push(`clusters ${a.id} and ${b.id} overlap`)
    }
  })
  const loose = board.notes.filter((n) => n.clusterId === null)
  loose.forEach((n, i) => {
    const rect = noteRect(n)
    for (const f of frames) {
      if (intersects(rect, f.rect)) problems.push(`loose note ${n.text} under cluster ${f.id}`)
    }
    for (const m of loose.slice(i + 1)) {
      if (intersects(rect, noteRect(m)))
        problems.push(`loose notes ${n.text} and ${m.text} overlap`)
    }
  })
  for (const f of frames) {
    for (const n of board.members.get(f.id) ?? []) {
      const r = noteRect(n)
      const inside =
        contains(f.rect, r) && contains(f.rect, { x: r.x + r.width - 1, y: r.y + r.height - 1 })
      if (!inside) problems.push(`note ${n.text} sticks out of its cluster ${f.id}`)
    }
  }
  return problems
}

const centre = (r: { x: number; y: number; width: number; height: number }) => ({
  x: r.x + r.width / 2,
  y: r.y + r.height / 2,
})

/** One gesture a person might make, picked by numbers that fast-check varies. */
type Step =
  | { kind: 'noteOnNote'; a: number; b: number }
  | { kind: 'noteOnCluster'; a: number; c: number }
  | { kind: 'noteToEmpty'; a: number; dx: number; dy: number }
  | { kind: 'clusterBy'; c: number; dx: number; dy: number }
  | { kind: 'clusterOnCluster'; c: number; d: number }
  | { kind: 'group'; picks: number[] }
  | { kind: 'toCluster'; picks: number[]; c: number }
  | { kind: 'delete'; a: number }
  | { kind: 'tidy'; aspect: number }

const index = fc.nat(1000)
const offset = fc.integer({ min: -1500, max: 1500 })
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('noteOnNote'), a: index, b: index }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('noteOnCluster'), a: index, c: index }) },
  fc.record({ kind: fc.constant('noteToEmpty'), a: index, dx: offset, dy: offset }),
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('clusterBy'), c: index, dx: offset, dy: offset }),
  },
  fc.record({ kind: fc.constant('clusterOnCluster'), c: index, d: index }),
  fc.record({ kind: fc.constant('group'), picks: fc.array(index, { minLength: 1, maxLength: 5 }) }),
  fc.record({
    kind: fc.constant('toCluster'),
    picks: fc.array(index, { minLength: 1, maxLength: 4 }),
    c: index,
  }),
  fc.record({ kind: fc.constant('delete'), a: index }),
  fc.record({ kind: fc.constant('tidy'), aspect: fc.double({ min: 0.5, max: 3, noNaN: true }) }),
)

/** The ops of `s` on `doc`'s board, or null when it does not apply (no such cluster). */
function opsOf(doc: Workshop, promptId: string, s: Step): Op[] | null {
  const board = boardOf(doc, promptId)
  const notes = board.notes
  const loose = notes.filter((n) => n.clusterId === null)
  const clusters = board.clusters
  const noteAt = (i: number) => notes[i % notes.length]
  const clusterAt = (i: number) => clusters[i % clusters.length]
  switch (s.kind) {
    case 'noteOnNote': {
      const a = noteAt(s.a)
      const b = loose[s.b % Math.max(1, loose.length)]
      if (!a || !b || a === b) return null
      return dropNotes(doc, promptId, [{ id: a.id, x: b.x, y: b.y }], centre(noteRect(b))).ops
    }
    case 'noteOnCluster': {
      const a = noteAt(s.a)
      const c = clusterAt(s.c)
      if (!a || !c) return null
      const f = frameOf(board, c)
      return dropNotes(doc, promptId, [{ id: a.id, x: f.x, y: f.y }], centre(f)).ops
    }
    case 'noteToEmpty': {
      const a = noteAt(s.a)
      if (!a) return null
      const to = { id: a.id, x: a.x + s.dx, y: a.y + s.dy }
      return dropNotes(doc, promptId, [to], centre(noteRect(to))).ops
    }
    case 'clusterBy': {
      const c = clusterAt(s.c)
      if (!c) return null
      const to = { x: c.x + s.dx, y: c.y + s.dy }
      return dropCluster(doc, c.id, to, { x: to.x + 30, y: to.y + CLUSTER_HEADER / 2 })
    }
    case 'clusterOnCluster': {
      const c = clusterAt(s.c)
      const d = clusterAt(s.d)
      if (!c || !d || c === d) return null
      const target = centre(frameOf(board, d))
      return dropCluster(doc, c.id, target, target)
    }
    case 'group': {
      const ids = [...new Set(s.picks.map((i) => noteAt(i)?.id).filter((id) => id !== undefined))]
      return ids.length ? groupNotes(doc, ids).ops : null
    }
    case 'toCluster': {
      const c = clusterAt(s.c)
      const ids = [...new Set(s.picks.map((i) => noteAt(i)?.id).filter((id) => id !== undefined))]
      return c && ids.length ? moveNotesToCluster(doc, ids, c.id) : null
    }
    case 'delete': {
      const a = noteAt(s.a)
      return a ? deleteNotes(doc, [a.id]) : null
    }
    case 'tidy':
      return tidyBoard(doc, promptId, s.aspect)
  }
}

describe('the board keeps its shape', () => {
  it('no two clusters and no loose note overlap after any sequence of gestures, and undo gives back every step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 40 }),
        fc.double({ min: 0.6, max: 2.5, noNaN: true }),
        fc.array(step, { minLength: 1, maxLength: 14 }),
        (count, aspect, steps) => {
          const start = inbox(count, aspect)
          const history = new History()
          const docs: Workshop[] = [start.doc]
          let doc = start.doc
          for (const s of steps) {
            const ops = opsOf(doc, start.promptId, s)
            if (!ops || ops.length === 0) continue
            history.record(doc, ops)
            doc = applyAll(doc, ops)
            docs.push(doc)
            expect(workshopSchema.safeParse(doc).success).toBe(true)
            expect(overlaps(boardOf(doc, start.promptId)), JSON.stringify(s)).toEqual([])
          }
          // Undo walks back through every state; redo walks forward again.
          for (let i = docs.length - 2; i >= 0; i--) {
            doc = applyAll(doc, history.undo()!)
            expect(doc).toEqual(docs[i])
          }
          for (let i = 1; i < docs.length; i++) {
            doc = applyAll(doc, history.redo()!)
            expect(doc).toEqual(docs[i])
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('making six clusters side by side in a 60-note inbox moves no note more than a screen', () => {
    const start = inbox(60)
    const { promptId } = start
    let { doc } = start
    for (let k = 0; k < 6; k++) {
      const before = doc
      const loose = boardOf(doc, promptId).notes.filter((n) => n.clusterId === null)
      // The second loose note onto the first, along the top row: neighbours everywhere.
      const [target, dragged] = [loose[k * 2]!, loose[k * 2 + 1]!]
      const gesture = dropNotes(
        doc,
        promptId,
        [{ id: dragged.id, x: target.x, y: target.y }],
        centre(noteRect(target)),
      )
      doc = undoableStep(doc, gesture.ops)
      expect(overlaps(boardOf(doc, promptId))).toEqual([])
      // Every note but the one the user dragged stays within a screen of where it was.
      for (const note of Object.values(doc.notes)) {
        if (note.id === dragged.id) continue
        const was = before.notes[note.id]!
        expect(Math.hypot(note.x - was.x, note.y - was.y)).toBeLessThan(1920)
      }
    }
    expect(boardOf(doc, promptId).clusters).toHaveLength(6)
  })

  it('a merge undone brings the cluster back under its own number', () => {
    const start = inbox(12)
    const { promptId } = start
    let { doc } = start
    for (let k = 0; k < 3; k++) {
      const ids = boardOf(doc, promptId)
        .notes.filter((n) => n.clusterId === null)
        .slice(0, 2)
        .map((n) => n.id)
      doc = undoableStep(doc, groupNotes(doc, ids).ops)
    }
    const numbers = clusterNumbers(boardOf(doc, promptId))
    const [first, second] = boardOf(doc, promptId).clusters
    const target = centre(frameOf(boardOf(doc, promptId), first!))
    const history = new History()
    const merge = dropCluster(doc, second!.id, target, target)
    history.record(doc, merge)
    const merged = applyAll(doc, merge)
    expect(merged.clusters[second!.id]).toBeUndefined()
    const undone = applyAll(merged, history.undo()!)
    expect(clusterNumbers(boardOf(undone, promptId))).toEqual(numbers)
  })

  it("the inbox takes the screen's shape: 2,000 replies make a wide grid, not a strip", () => {
    const { doc, promptId } = inbox(2000, 16 / 9)
    const box = union(obstaclesOf(boardOf(doc, promptId)).loose)!
    const ratio = box.width / box.height
    expect(ratio).toBeGreaterThan(1.4)
    expect(ratio).toBeLessThan(2.3)
    expect(inboxColumns(2000)).toBeGreaterThan(40)
  })

  it('new replies fill the inbox grid beside existing clusters, never under them', () => {
    const start = inbox(30)
    const { promptId } = start
    let { doc } = start
    const ids = boardOf(doc, promptId)
      .notes.slice(0, 8)
      .map((n) => n.id)
    doc = undoableStep(doc, groupNotes(doc, ids).ops)
    const obstacles = obstaclesOf(boardOf(doc, promptId))
    const slots = inboxSlots(obstacles, 50)
    for (const slot of slots) {
      for (const o of [...obstacles.loose, ...obstacles.frames]) {
        expect(intersects(noteRect(slot), o)).toBe(false)
      }
    }
    slots.forEach((a, i) => {
      for (const b of slots.slice(i + 1)) expect(intersects(noteRect(a), noteRect(b))).toBe(false)
    })
  })

  it('Tidy puts twelve clusters in rows by number and the inbox beside them', () => {
    const start = inbox(60)
    const { promptId } = start
    let { doc } = start
    for (let k = 0; k < 12; k++) {
      const loose = boardOf(doc, promptId).notes.filter((n) => n.clusterId === null)
      doc = applyAll(
        doc,
        groupNotes(
          doc,
          loose.slice(0, 1 + (k % 4)).map((n) => n.id),
        ).ops,
      )
    }
    const tidied = undoableStep(doc, tidyBoard(doc, promptId, 16 / 9))
    const board = boardOf(tidied, promptId)
    expect(overlaps(board)).toEqual([])
    // Reading order of the frames follows their numbers.
    const frames = board.clusters.map((c) => frameOf(board, c))
    for (let i = 1; i < frames.length; i++) {
      const [a, b] = [frames[i - 1]!, frames[i]!]
      expect(b.y > a.y || (b.y === a.y && b.x > a.x)).toBe(true)
    }
    const clusters = union(frames)!
    for (const n of board.notes.filter((n) => n.clusterId === null)) {
      expect(n.x).toBeGreaterThan(clusters.x + clusters.width)
    }
    const all = union([...frames, ...board.notes.map(noteRect)])!
    expect(all.width / all.height).toBeGreaterThan(0.8)
    expect(all.width / all.height).toBeLessThan(3.5)
  })
})
