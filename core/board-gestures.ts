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
 * - Regions never overlap: a cluster that was made, moved or grew pushes its neighbours
 *   aside the least distance, and a loose note it covers (or a note dropped on top of
 *   something) moves to the nearest free place, all in the gesture's own ops.
 * - Tidy puts the clusters in rows by number and the inbox beside them.
 * Limits: geometry only decides targets (model coordinates, never pixels). A gesture
 * settles only the board it acts on.
 */
import { newId } from './ids.ts'
import type { InboxObstacles, Point, Rect } from './layout.ts'
import {
  CELL_H,
  CELL_W,
  CLUSTER_GAP,
  CLUSTER_HEADER,
  CLUSTER_PADDING,
  LOOSE_CLEARANCE,
  RectIndex,
  clusterColumns,
  clusterRect,
  clusterSlot,
  contains,
  intersects,
  nearestFreeFrame,
  nearestFreeSpot,
  noteRect,
  tidyLayout,
  union,
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

const byPromptCache = new WeakMap<Record<string, Note>, ReadonlyMap<string, readonly Note[]>>()

/**
 * Each prompt's notes, in the record's order: one pass over the record, made once per
 * record (records are replaced, never changed, once made). Walking a record of 100,000
 * notes takes tens of milliseconds, so the board, the counts and the panels share it.
 */
export function notesByPrompt(notes: Record<string, Note>): ReadonlyMap<string, readonly Note[]> {
  const cached = byPromptCache.get(notes)
  if (cached) return cached
  const groups = new Map<string, Note[]>()
  for (const id in notes) {
    const note = notes[id]!
    const group = groups.get(note.promptId)
    if (group) group.push(note)
    else groups.set(note.promptId, [note])
  }
  byPromptCache.set(notes, groups)
  return groups
}

/** The board of one prompt. */
export function boardOf(doc: Workshop, promptId: string): BoardView {
  const clusters = Object.values(doc.clusters)
    .filter((c) => c.promptId === promptId)
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
  const members = new Map<string, Note[]>(clusters.map((c) => [c.id, []]))
  const notes = notesByPrompt(doc.notes).get(promptId)?.slice() ?? []
  for (const note of notes) {
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
export function obstaclesOf(board: BoardView): InboxObstacles {
  return {
    loose: board.notes.filter((n) => n.clusterId === null).map(noteRect),
    frames: board.clusters.map((c) => frameOf(board, c)),
  }
}

/** Each cluster's number on its board (1, 2, 3… by `order`), by cluster id. */
export function clusterNumbers(board: BoardView): Map<string, number> {
  return new Map(board.clusters.map((c, i) => [c.id, i + 1]))
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
  const col = Math.floor((point.x - cluster.x - CLUSTER_PADDING) / CELL_W)
  const row = Math.floor((point.y - cluster.y - CLUSTER_HEADER) / CELL_H)
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

/**
 * `ops`, plus the moves that keep the board's regions apart afterwards: clusters that
 * were made, moved or grew stay put and push their neighbours aside the least distance
 * (a pushed cluster may push others in turn); loose notes a frame now covers, and
 * `dropped` notes that landed on something, go to the nearest free place.
 */
function settle(
  doc: Workshop,
  promptId: string,
  ops: Op[],
  dropped: ReadonlySet<string> = new Set(),
): Op[] {
  if (ops.length === 0) return ops
  const before = boardOf(doc, promptId)
  const board = boardOf(applyAll(doc, ops), promptId)
  // Where the board's content was: pushing things above or left of it hides them.
  const bounds = union([...obstaclesOf(before).loose, ...obstaclesOf(before).frames])
  const frames = new Map(board.clusters.map((c) => [c.id, frameOf(board, c)]))
  const anchors = board.clusters.filter((c) => {
    const old = doc.clusters[c.id]
    if (!old) return true
    const was = frameOf(before, old)
    const now = frames.get(c.id)!
    return was.x !== now.x || was.y !== now.y || now.width > was.width || now.height > was.height
  })
  const anchorIds = new Set(anchors.map((c) => c.id))
  const middle = union(anchors.map((c) => frames.get(c.id)!))
  const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })
  const from = middle ? centre(middle) : { x: 0, y: 0 }
  const distance = (r: Rect) => Math.hypot(centre(r).x - from.x, centre(r).y - from.y)
  const others = board.clusters
    .filter((c) => !anchorIds.has(c.id))
    .sort((a, b) => distance(frames.get(a.id)!) - distance(frames.get(b.id)!))

  // Frames that moved in this gesture keep the full gap; two untouched frames only
  // must not overlap (they were already where the user left them).
  const placed: { rect: Rect; touched: boolean }[] = []
  const clusterMoves: NoteMove[] = []
  const noteMoves = new Map<string, NoteMove>()
  const shift = (c: Cluster, to: Point) => {
    const dx = to.x - frames.get(c.id)!.x
    const dy = to.y - frames.get(c.id)!.y
    if (dx === 0 && dy === 0) return
    clusterMoves.push({ id: c.id, x: c.x + dx, y: c.y + dy })
    for (const n of board.members.get(c.id) ?? []) {
      noteMoves.set(n.id, { id: n.id, x: n.x + dx, y: n.y + dy })
    }
    frames.set(c.id, { ...frames.get(c.id)!, x: to.x, y: to.y })
  }
  // Two clusters acted on at once (rare) must not cover each other either.
  for (const c of anchors) {
    if (placed.length)
      shift(
        c,
        nearestFreeFrame(
          frames.get(c.id)!,
          placed.map((p) => p.rect),
        ),
      )
    placed.push({ rect: frames.get(c.id)!, touched: true })
  }
  for (const c of others) {
    const rect = frames.get(c.id)!
    const blocked = placed.some((p) => intersects(rect, p.rect, p.touched ? CLUSTER_GAP : 0))
    if (blocked) {
      shift(
        c,
        nearestFreeFrame(
          rect,
          placed.map((p) => p.rect),
        ),
      )
    }
    placed.push({ rect: frames.get(c.id)!, touched: blocked })
  }

  const taken = new RectIndex()
  for (const p of placed) taken.add(p.rect)
  const loose = board.notes.filter((n) => n.clusterId === null)
  const covered = new Set(loose.filter((n) => taken.hits(noteRect(n))))
  for (const n of loose) if (!covered.has(n) && !dropped.has(n.id)) taken.add(noteRect(n))
  for (const n of loose) {
    if (!dropped.has(n.id) || covered.has(n)) continue
    if (taken.hits(noteRect(n))) covered.add(n)
    else taken.add(noteRect(n))
  }
  for (const n of [...covered].sort(readingOrder)) {
    const spot = nearestFreeSpot(noteRect(n), taken, LOOSE_CLEARANCE, bounds)
    taken.add(noteRect(spot))
    noteMoves.set(n.id, { id: n.id, ...spot })
  }

  const extra: Op[] = []
  if (clusterMoves.length) extra.push({ type: 'moveClusters', moves: clusterMoves })
  if (noteMoves.size) extra.push({ type: 'moveNotes', moves: [...noteMoves.values()] })
  return [...ops, ...extra]
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
function newCluster(board: BoardView, at: { x: number; y: number }, color: NoteColor): Cluster {
  const promptId = board.promptId
  const order = Math.max(0, ...board.clusters.map((c) => c.order)) + 1
  return { id: newId(), promptId, name: '', color, x: at.x, y: at.y, votes: 0, order }
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
      return { ops: settle(doc, promptId, plan.ops()), createdCluster: null }
    }
    case 'note': {
      const anchor = doc.notes[target.id]!
      const at = { x: anchor.x - CLUSTER_PADDING, y: anchor.y - CLUSTER_HEADER }
      const cluster = newCluster(board, at, anchor.color)
      plan.added.push(cluster)
      join(board, cluster, [anchor, ...dragged], 0, plan)
      return { ops: settle(doc, promptId, plan.ops()), createdCluster: cluster.id }
    }
    case 'empty': {
      for (const note of dragged) {
        if (note.clusterId !== null) plan.memberships.push({ id: note.id, clusterId: null })
      }
      closeGaps(board, ids, plan)
      plan.move(dropped.filter((m) => m.x !== doc.notes[m.id]!.x || m.y !== doc.notes[m.id]!.y))
      return { ops: settle(doc, promptId, plan.ops(), ids), createdCluster: null }
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
    return settle(doc, cluster.promptId, ops)
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
  return settle(doc, cluster.promptId, ops)
}

/** Groups notes into a new cluster where the first of them (in reading order) was. */
export function groupNotes(doc: Workshop, ids: readonly string[]): Gesture {
  const notes = ids.map((id) => doc.notes[id]!).sort(readingOrder)
  const first = notes[0]
  if (!first) return { ops: [], createdCluster: null }
  const board = boardOf(doc, first.promptId)
  const cluster = newCluster(
    board,
    { x: first.x - CLUSTER_PADDING, y: first.y - CLUSTER_HEADER },
    first.color,
  )
  const plan = new OpPlan()
  plan.added.push(cluster)
  join(board, cluster, notes, 0, plan)
  return { ops: settle(doc, first.promptId, plan.ops()), createdCluster: cluster.id }
}

/** Moves notes into an existing cluster, at its end (keyboard grouping, outline view). */
export function moveNotesToCluster(doc: Workshop, ids: readonly string[], clusterId: string): Op[] {
  const cluster = doc.clusters[clusterId]!
  const board = boardOf(doc, cluster.promptId)
  const notes = ids.map((id) => doc.notes[id]!).filter((n) => n.clusterId !== clusterId)
  if (notes.length === 0) return []
  const plan = new OpPlan()
  join(board, cluster, notes.sort(readingOrder), Number.MAX_SAFE_INTEGER, plan)
  return settle(doc, cluster.promptId, plan.ops())
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

/**
 * Tidy: the board's clusters in rows by number, each in its own tidy grid, and the
 * loose notes in an inbox grid beside them, the whole shaped for a screen of `aspect`.
 */
export function tidyBoard(doc: Workshop, promptId: string, aspect?: number): Op[] {
  const board = boardOf(doc, promptId)
  const loose = board.notes.filter((n) => n.clusterId === null).sort(readingOrder)
  const blocks = board.clusters.map((c) => {
    const frame = frameOf(board, c)
    return { id: c.id, width: frame.width, height: frame.height }
  })
  const plan = tidyLayout(blocks, loose.length, aspect)
  const clusterMoves: NoteMove[] = []
  const noteMoves: NoteMove[] = []
  for (const c of board.clusters) {
    const to = plan.clusters.get(c.id)!
    if (to.x !== c.x || to.y !== c.y) clusterMoves.push({ id: c.id, ...to })
    noteMoves.push(...gridMoves(to, board.members.get(c.id) ?? []))
  }
  loose.forEach((n, i) => {
    const to = plan.notes[i]!
    if (to.x !== n.x || to.y !== n.y) noteMoves.push({ id: n.id, ...to })
  })
  const ops: Op[] = []
  if (clusterMoves.length) ops.push({ type: 'moveClusters', moves: clusterMoves })
  if (noteMoves.length) ops.push({ type: 'moveNotes', moves: noteMoves })
  return ops
}
