/**
 * The clustering rules, as pure functions from a gesture to the ops that carry it out.
 * The canvas and the outline view both call these, so the two always agree.
 *
 * Rules:
 * - Drop notes on a loose note: a new cluster of all of them, where the target was.
 * - Drop notes on a cluster, or on a note inside one: they join it, at the slot under
 *   the pointer. Drop them on empty board: they leave their clusters and stay there.
 * - Drop a cluster (by its title) on another cluster: they merge into the target,
 *   which keeps its name (or takes the dragged one's if it had none). Elsewhere: it moves
 *   with its notes.
 * - A cluster keeps its notes in a tidy grid; one left with no notes is removed in the
 *   same step. A cluster of one note stays: a theme may have a single reply.
 * Limits: geometry only decides targets (model coordinates, never pixels); nothing is
 * pushed aside when a cluster grows.
 */
import { newId } from './ids.ts'
import type { Rect } from './layout.ts'
import {
  CLUSTER_HEADER,
  CLUSTER_PADDING,
  NOTE_GAP,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  clusterColumns,
  clusterRect,
  clusterSlot,
  contains,
  inboxSlots,
  intersects,
  noteRect,
} from './layout.ts'
import type { Cluster, Note, NoteColor, Workshop } from './model.ts'
import type { NoteMove, Op } from './ops.ts'
import { applyAll } from './ops.ts'

/** One prompt's board: its notes and clusters, with each cluster's notes in grid order. */
export interface BoardView {
  promptId: string
  notes: Note[]
  clusters: Cluster[]
  /** Each cluster's notes, in the order of its grid. */
  members: Map<string, Note[]>
}

function readingOrder(a: Note, b: Note): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1)
}

/** The board of one prompt. */
export function boardOf(doc: Workshop, promptId: string): BoardView {
  const clusters = Object.values(doc.clusters).filter((c) => c.promptId === promptId)
  const members = new Map<string, Note[]>(clusters.map((c) => [c.id, []]))
  // One pass over a record that may hold 10,000 notes, on every change: keep it a plain loop.
  const notes: Note[] = []
  for (const id in doc.notes) {
    const note = doc.notes[id]!
    if (note.promptId !== promptId) continue
    notes.push(note)
    if (note.clusterId !== null) members.get(note.clusterId)?.push(note)
  }
  for (const list of members.values()) list.sort(readingOrder)
  return { promptId, notes, clusters, members }
}

/** The frame of a cluster on its board. */
export function frameOf(board: BoardView, cluster: Cluster): Rect {
  return clusterRect(cluster, board.members.get(cluster.id)?.length ?? 0)
}

/** Everything new notes must not land on: loose notes and cluster frames. */
export function obstaclesOf(board: BoardView): Rect[] {
  return [
    ...board.notes.filter((n) => n.clusterId === null).map(noteRect),
    ...board.clusters.map((c) => frameOf(board, c)),
  ]
}

/** What a drop at a point lands on. */
export type DropTarget =
  { kind: 'cluster'; id: string } | { kind: 'note'; id: string } | { kind: 'empty' }

/** The target under `point`, ignoring the notes and cluster being dragged. */
export function dropTarget(
  board: BoardView,
  point: { x: number; y: number },
  dragged: { notes: ReadonlySet<string>; cluster?: string },
): DropTarget {
  // Topmost first: clusters are drawn under loose notes, so loose notes win.
  for (let i = board.notes.length - 1; i >= 0; i--) {
    const note = board.notes[i]!
    if (note.clusterId === null && !dragged.notes.has(note.id) && contains(noteRect(note), point)) {
      return { kind: 'note', id: note.id }
    }
  }
  for (const cluster of board.clusters) {
    if (cluster.id !== dragged.cluster && contains(frameOf(board, cluster), point)) {
      return { kind: 'cluster', id: cluster.id }
    }
  }
  return { kind: 'empty' }
}

/** Moves that lay `ordered` out as the tidy grid of `cluster` (only notes that move). */
function gridMoves(cluster: Pick<Cluster, 'x' | 'y'>, ordered: readonly Note[]): NoteMove[] {
  const moves: NoteMove[] = []
  ordered.forEach((note, i) => {
    const slot = clusterSlot(cluster, ordered.length, i)
    if (slot.x !== note.x || slot.y !== note.y) moves.push({ id: note.id, ...slot })
  })
  return moves
}

/** The grid index under `point` in a cluster that will hold `count` notes. */
function slotIndexAt(cluster: Cluster, count: number, point: { x: number; y: number }): number {
  const cols = clusterColumns(count)
  const col = Math.floor((point.x - cluster.x - CLUSTER_PADDING) / (NOTE_WIDTH + NOTE_GAP))
  const row = Math.floor((point.y - cluster.y - CLUSTER_HEADER) / (NOTE_HEIGHT + NOTE_GAP))
  return Math.max(0, row) * cols + Math.min(Math.max(0, col), cols - 1)
}

/** Collects op parts and emits them in an order every step of which is valid. */
class OpPlan {
  added: Cluster[] = []
  memberships: { id: string; clusterId: string | null }[] = []
  moves = new Map<string, NoteMove>()
  clusterMoves: NoteMove[] = []
  removed: string[] = []

  move(list: NoteMove[]): void {
    for (const m of list) this.moves.set(m.id, m)
  }

  ops(): Op[] {
    const ops: Op[] = []
    if (this.added.length) ops.push({ type: 'addClusters', clusters: this.added })
    if (this.memberships.length) ops.push({ type: 'setNoteClusters', changes: this.memberships })
    if (this.moves.size) ops.push({ type: 'moveNotes', moves: [...this.moves.values()] })
    if (this.clusterMoves.length) ops.push({ type: 'moveClusters', moves: this.clusterMoves })
    if (this.removed.length) ops.push({ type: 'deleteClusters', ids: this.removed })
    return ops
  }
}

/** `ops`, plus a move to free inbox slots for every loose note a cluster would cover. */
function uncover(doc: Workshop, promptId: string, ops: Op[], before?: BoardView): Op[] {
  if (ops.length === 0) return ops
  const reshapes = ops.some((op) => op.type !== 'moveNotes' && op.type !== 'renameCluster')
  if (!reshapes && before) {
    // Only notes moved: no frame changed, so only the moved notes can be covered, and
    // the whole board need not be rebuilt (this keeps a drop cheap on a 10,000-note board).
    const frames = before.clusters.map((c) => frameOf(before, c))
    const moved = ops.flatMap((op) => (op.type === 'moveNotes' ? op.moves : []))
    const covered = moved.filter(
      (m) => doc.notes[m.id]!.clusterId === null && frames.some((f) => intersects(noteRect(m), f)),
    )
    if (covered.length === 0) return ops
  }
  const board = boardOf(applyAll(doc, ops), promptId)
  const frames = board.clusters.map((c) => frameOf(board, c))
  const loose = board.notes.filter((n) => n.clusterId === null)
  const covered = loose.filter((n) => frames.some((f) => intersects(noteRect(n), f)))
  if (covered.length === 0) return ops
  const hidden = new Set(covered.map((n) => n.id))
  const obstacles = [...frames, ...loose.filter((n) => !hidden.has(n.id)).map(noteRect)]
  const slots = inboxSlots(obstacles, covered.length)
  return [...ops, { type: 'moveNotes', moves: covered.map((n, i) => ({ id: n.id, ...slots[i]! })) }]
}

/** Tidies the clusters that `leaving` notes leave; removes any left empty. */
function closeGaps(board: BoardView, leaving: ReadonlySet<string>, plan: OpPlan, except?: string) {
  const touched = new Set<string>()
  for (const note of board.notes) {
    if (leaving.has(note.id) && note.clusterId !== null && note.clusterId !== except) {
      touched.add(note.clusterId)
    }
  }
  for (const id of touched) {
    const cluster = board.clusters.find((c) => c.id === id)!
    const rest = board.members.get(id)!.filter((n) => !leaving.has(n.id))
    if (rest.length === 0) plan.removed.push(id)
    else plan.move(gridMoves(cluster, rest))
  }
}

/** Puts `joining` into `cluster` at grid index `at`, tidying everything touched. */
function join(board: BoardView, cluster: Cluster, joining: Note[], at: number, plan: OpPlan) {
  const ids = new Set(joining.map((n) => n.id))
  const staying = (board.members.get(cluster.id) ?? []).filter((n) => !ids.has(n.id))
  const index = Math.min(at, staying.length)
  const ordered = [...staying.slice(0, index), ...joining, ...staying.slice(index)]
  for (const note of joining) {
    if (note.clusterId !== cluster.id) plan.memberships.push({ id: note.id, clusterId: cluster.id })
  }
  closeGaps(board, ids, plan, cluster.id)
  plan.move(gridMoves(cluster, ordered))
}

/** A new cluster record. */
function newCluster(promptId: string, at: { x: number; y: number }, color: NoteColor): Cluster {
  return { id: newId(), promptId, name: '', color, x: at.x, y: at.y, votes: 0 }
}

/** The result of a gesture: its ops, and a cluster it created (to focus its name). */
export interface Gesture {
  ops: Op[]
  createdCluster: string | null
}

/**
 * Notes dragged and dropped: `dropped` holds their new top-left corners, `point` the
 * pointer in board units.
 */
export function dropNotes(
  doc: Workshop,
  promptId: string,
  dropped: readonly NoteMove[],
  point: { x: number; y: number },
): Gesture {
  const board = boardOf(doc, promptId)
  const ids = new Set(dropped.map((m) => m.id))
  const dragged = dropped.map((m) => doc.notes[m.id]!)
  const target = dropTarget(board, point, { notes: ids })
  const plan = new OpPlan()
  switch (target.kind) {
    case 'cluster': {
      const cluster = doc.clusters[target.id]!
      const count =
        (board.members.get(cluster.id)?.filter((n) => !ids.has(n.id)).length ?? 0) + ids.size
      join(board, cluster, dragged, slotIndexAt(cluster, count, point), plan)
      return { ops: uncover(doc, promptId, plan.ops()), createdCluster: null }
    }
    case 'note': {
      const anchor = doc.notes[target.id]!
      const at = { x: anchor.x - CLUSTER_PADDING, y: anchor.y - CLUSTER_HEADER }
      const cluster = newCluster(promptId, at, anchor.color)
      plan.added.push(cluster)
      join(board, cluster, [anchor, ...dragged], 0, plan)
      return { ops: uncover(doc, promptId, plan.ops()), createdCluster: cluster.id }
    }
    case 'empty': {
      for (const note of dragged) {
        if (note.clusterId !== null) plan.memberships.push({ id: note.id, clusterId: null })
      }
      closeGaps(board, ids, plan)
      plan.move(dropped.filter((m) => m.x !== doc.notes[m.id]!.x || m.y !== doc.notes[m.id]!.y))
      return { ops: uncover(doc, promptId, plan.ops(), board), createdCluster: null }
    }
  }
}

/** A cluster dragged by its title to `to` (its new top-left), dropped at `point`. */
export function dropCluster(
  doc: Workshop,
  clusterId: string,
  to: { x: number; y: number },
  point: { x: number; y: number },
): Op[] {
  const cluster = doc.clusters[clusterId]!
  const board = boardOf(doc, cluster.promptId)
  const members = board.members.get(clusterId) ?? []
  const target = dropTarget(board, point, {
    notes: new Set(members.map((n) => n.id)),
    cluster: clusterId,
  })
  if (target.kind === 'cluster') {
    const into = doc.clusters[target.id]!
    const plan = new OpPlan()
    const existing = board.members.get(into.id) ?? []
    join(board, into, members, existing.length, plan) // empties, so removes, the dragged one
    if (!plan.removed.includes(clusterId)) plan.removed.push(clusterId)
    const ops = plan.ops()
    if (into.name.trim() === '' && cluster.name.trim() !== '') {
      ops.push({ type: 'renameCluster', id: into.id, name: cluster.name })
    }
    return uncover(doc, cluster.promptId, ops)
  }
  const dx = to.x - cluster.x
  const dy = to.y - cluster.y
  if (dx === 0 && dy === 0) return []
  const ops: Op[] = [{ type: 'moveClusters', moves: [{ id: clusterId, x: to.x, y: to.y }] }]
  if (members.length > 0) {
    ops.push({
      type: 'moveNotes',
      moves: members.map((n) => ({ id: n.id, x: n.x + dx, y: n.y + dy })),
    })
  }
  return ops
}

/** Groups notes into a new cluster where the first of them (in reading order) was. */
export function groupNotes(doc: Workshop, ids: readonly string[]): Gesture {
  const notes = ids.map((id) => doc.notes[id]!).sort(readingOrder)
  const first = notes[0]
  if (!first) return { ops: [], createdCluster: null }
  const board = boardOf(doc, first.promptId)
  const cluster = newCluster(
    first.promptId,
    { x: first.x - CLUSTER_PADDING, y: first.y - CLUSTER_HEADER },
    first.color,
  )
  const plan = new OpPlan()
  plan.added.push(cluster)
  join(board, cluster, notes, 0, plan)
  return { ops: uncover(doc, first.promptId, plan.ops()), createdCluster: cluster.id }
}

/** Moves notes into an existing cluster, at its end (keyboard grouping, outline view). */
export function moveNotesToCluster(doc: Workshop, ids: readonly string[], clusterId: string): Op[] {
  const cluster = doc.clusters[clusterId]!
  const board = boardOf(doc, cluster.promptId)
  const notes = ids.map((id) => doc.notes[id]!).filter((n) => n.clusterId !== clusterId)
  if (notes.length === 0) return []
  const plan = new OpPlan()
  join(board, cluster, notes.sort(readingOrder), Number.MAX_SAFE_INTEGER, plan)
  return uncover(doc, cluster.promptId, plan.ops())
}

/** Deletes notes, tidying (or removing) the clusters they leave. */
export function deleteNotes(doc: Workshop, ids: readonly string[]): Op[] {
  if (ids.length === 0) return []
  const first = doc.notes[ids[0]!]!
  const board = boardOf(doc, first.promptId)
  const plan = new OpPlan()
  closeGaps(board, new Set(ids), plan)
  const emptied = plan.removed
  plan.removed = []
  // The notes go before the clusters they emptied: a note never points at nothing.
  const ops: Op[] = [...plan.ops(), { type: 'deleteNotes', ids: [...ids] }]
  if (emptied.length) ops.push({ type: 'deleteClusters', ids: emptied })
  return ops
}
