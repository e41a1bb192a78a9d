/**
 * Where things go on a board, as pure geometry: note and cluster frames, the tidy grid
 * inside a cluster, the inbox grid new notes land in, the nearest free place for
 * something that must move, and the Tidy arrangement.
 *
 * A board is a plane of regions that never cover each other: cluster frames, and loose
 * notes (most of them in the inbox grid). The inbox grid's width follows the screen's
 * aspect and the number of loose notes, so a board's overview is roughly screen-shaped.
 * Limits: "nearest" is searched on a lattice of half a note cell for notes (exact for
 * cluster frames, from the edges of the frames around them), so a note may land up to a
 * quarter of a cell further than the true nearest gap. Rectangles only.
 */
import type { Cluster, Note } from './model.ts'

/** Width of a note, in board units: room for about 16 characters a line at 24 px. */
export const NOTE_WIDTH = 240
/** Height of a note, in board units: three or four lines of text and a footer. */
export const NOTE_HEIGHT = 170
/** Space between notes in the inbox grid and inside a cluster. */
export const NOTE_GAP = 24
/** Space kept around a loose note that has to find a new place. */
export const LOOSE_CLEARANCE = 12
/** Space kept between cluster frames when one pushes another aside. */
export const CLUSTER_GAP = 48
/** The screen shape a board is laid out for when the caller does not say (1920×1080 less chrome). */
export const DEFAULT_ASPECT = 16 / 9

/** The size of one inbox cell: a note and the gap after it. */
export const CELL_W = NOTE_WIDTH + NOTE_GAP
/** The height of one inbox cell. */
export const CELL_H = NOTE_HEIGHT + NOTE_GAP

/** A rectangle in board units. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** A point in board units. */
export interface Point {
  x: number
  y: number
}

/** The rectangle a note covers. */
export function noteRect(note: Pick<Note, 'x' | 'y'>): Rect {
  return { x: note.x, y: note.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }
}

/** Space between a cluster's frame and its notes. */
export const CLUSTER_PADDING = 20
/** Height of a cluster's title bar, above its notes. */
export const CLUSTER_HEADER = 84
/** Most columns a cluster's grid grows to before it grows downwards. */
export const CLUSTER_MAX_COLUMNS = 4

/** Columns of a cluster's grid for `count` notes: a square-ish block, at most 4 wide. */
export function clusterColumns(count: number): number {
  return Math.max(1, Math.min(CLUSTER_MAX_COLUMNS, Math.ceil(Math.sqrt(count))))
}

/** The frame of a cluster holding `count` notes. */
export function clusterRect(cluster: Pick<Cluster, 'x' | 'y'>, count: number): Rect {
  const cols = clusterColumns(count)
  const rows = Math.max(1, Math.ceil(count / cols))
  return {
    x: cluster.x,
    y: cluster.y,
    width: CLUSTER_PADDING * 2 + cols * NOTE_WIDTH + (cols - 1) * NOTE_GAP,
    height: CLUSTER_HEADER + CLUSTER_PADDING + rows * NOTE_HEIGHT + (rows - 1) * NOTE_GAP,
  }
}

/** Where the `index`-th note of a cluster with `count` notes sits. */
export function clusterSlot(
  cluster: Pick<Cluster, 'x' | 'y'>,
  count: number,
  index: number,
): Point {
  const cols = clusterColumns(count)
  return {
    x: cluster.x + CLUSTER_PADDING + (index % cols) * CELL_W,
    y: cluster.y + CLUSTER_HEADER + Math.floor(index / cols) * CELL_H,
  }
}

/** True when the point lies inside the rectangle. */
export function contains(rect: Rect, point: Point): boolean {
  return (
    point.x >= rect.x &&
    point.x < rect.x + rect.width &&
    point.y >= rect.y &&
    point.y < rect.y + rect.height
  )
}

/** True when two rectangles overlap, or come closer than `gap` to each other. */
export function intersects(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x - gap < b.x + b.width &&
    b.x - gap < a.x + a.width &&
    a.y - gap < b.y + b.height &&
    b.y - gap < a.y + a.height
  )
}

/** The smallest rectangle holding all of `rects`, or null for none. */
export function union(rects: Iterable<Rect>): Rect | null {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const r of rects) {
    x0 = Math.min(x0, r.x)
    y0 = Math.min(y0, r.y)
    x1 = Math.max(x1, r.x + r.width)
    y1 = Math.max(y1, r.y + r.height)
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

/**
 * Rectangles filed by the coarse cells they touch, so "does this overlap anything?"
 * looks at a handful of neighbours instead of every note on a 10,000-note board.
 */
export class RectIndex {
  private static readonly CELL = 512
  private readonly cells = new Map<number, Rect[]>()

  /** Files a rectangle. */
  add(rect: Rect): void {
    this.each(rect, 0, (key) => {
      const list = this.cells.get(key)
      if (list) list.push(rect)
      else this.cells.set(key, [rect])
      return false
    })
  }

  /** True when `rect`, grown by `gap`, overlaps a filed rectangle. */
  hits(rect: Rect, gap = 0): boolean {
    // The hot path of every free-place search: plain loops, no closures.
    const c = RectIndex.CELL
    const x1 = Math.floor((rect.x + rect.width + gap) / c)
    const y1 = Math.floor((rect.y + rect.height + gap) / c)
    for (let cx = Math.floor((rect.x - gap) / c); cx <= x1; cx++) {
      for (let cy = Math.floor((rect.y - gap) / c); cy <= y1; cy++) {
        const list = this.cells.get((cx + 32768) * 65536 + (cy + 32768))
        if (!list) continue
        for (const other of list) if (intersects(rect, other, gap)) return true
      }
    }
    return false
  }

  /** Calls `visit` with the key of every cell `rect` (grown by `gap`) touches; stops at true. */
  private each(rect: Rect, gap: number, visit: (key: number) => boolean): boolean {
    const c = RectIndex.CELL
    const x0 = Math.floor((rect.x - gap) / c)
    const x1 = Math.floor((rect.x + rect.width + gap) / c)
    const y0 = Math.floor((rect.y - gap) / c)
    const y1 = Math.floor((rect.y + rect.height + gap) / c)
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        // Coordinates are capped at ±10,000,000 units: cell numbers fit in 16 bits each.
        if (visit((cx + 32768) * 65536 + (cy + 32768))) return true
      }
    }
    return false
  }
}

/**
 * How far a spot reaches above or left of the board's content, counted double: the view
 * usually starts there, so a note pushed that way would vanish from sight.
 */
function beyond(spot: Rect, bounds: Rect | null): number {
  if (!bounds) return 0
  return 2 * (Math.max(0, bounds.y - spot.y) + Math.max(0, bounds.x - spot.x))
}

/**
 * The free place nearest to `rect`'s corner for a rectangle of its size: searched in
 * rings of half a note cell, so it ends as soon as nothing nearer can exist. Places
 * above or left of `bounds` (the board's content) count as further away than they are.
 */
export function nearestFreeSpot(
  rect: Rect,
  taken: RectIndex,
  gap = LOOSE_CLEARANCE,
  bounds: Rect | null = null,
): Point {
  const stepX = CELL_W / 2
  const stepY = CELL_H / 2
  let best: Point | null = null
  let bestDistance = Infinity
  const spot = { ...rect }
  const visit = (i: number, j: number) => {
    const dx = i * stepX
    const dy = j * stepY
    spot.x = rect.x + dx
    spot.y = rect.y + dy
    const distance = (Math.hypot(dx, dy) + beyond(spot, bounds)) ** 2
    if (distance < bestDistance && !taken.hits(spot, gap)) {
      best = { x: spot.x, y: spot.y }
      bestDistance = distance
    }
  }
  visit(0, 0)
  for (let ring = 1; ; ring++) {
    // Nothing on this ring or beyond can beat what was found.
    if (best && ring * Math.min(stepX, stepY) > Math.sqrt(bestDistance)) return best
    for (let i = -ring; i <= ring; i++) {
      visit(i, -ring)
      visit(i, ring)
    }
    for (let j = 1 - ring; j < ring; j++) {
      visit(-ring, j)
      visit(ring, j)
    }
  }
}

/**
 * The nearest place for a cluster frame that keeps `gap` from every frame in `placed`.
 * Exact: the answer's edges line up with its own or a neighbour's, so only those
 * positions are tried, nearest first (above or left of `bounds` counting double).
 */
export function nearestFreeFrame(
  rect: Rect,
  placed: readonly Rect[],
  gap = CLUSTER_GAP,
  bounds: Rect | null = null,
): Point {
  const clear = (x: number, y: number) => !placed.some((o) => intersects({ ...rect, x, y }, o, gap))
  if (clear(rect.x, rect.y)) return { x: rect.x, y: rect.y }
  const xs = [rect.x]
  const ys = [rect.y]
  // Frames far away cannot decide the nearest spot; a few hundred candidates each way is plenty.
  for (const o of placed) {
    xs.push(o.x - gap - rect.width, o.x + o.width + gap)
    ys.push(o.y - gap - rect.height, o.y + o.height + gap)
  }
  const byX = [...new Set(xs)].sort((a, b) => Math.abs(a - rect.x) - Math.abs(b - rect.x))
  const byY = [...new Set(ys)].sort((a, b) => Math.abs(a - rect.y) - Math.abs(b - rect.y))
  const candidates: { x: number; y: number; d: number }[] = []
  for (const x of byX.slice(0, 300)) {
    for (const y of byY.slice(0, 300)) {
      const d = Math.hypot(x - rect.x, y - rect.y) + beyond({ ...rect, x, y }, bounds)
      candidates.push({ x, y, d })
    }
  }
  candidates.sort((a, b) => a.d - b.d)
  for (const c of candidates) if (clear(c.x, c.y)) return { x: c.x, y: c.y }
  // Unreachable in practice: to the right of everything is always free.
  const right = Math.max(...placed.map((o) => o.x + o.width))
  return { x: right + gap, y: rect.y }
}

/** The inbox's first slot on an empty board. */
export const INBOX_ORIGIN: Point = { x: CLUSTER_PADDING, y: CLUSTER_HEADER }

/** Columns of an inbox holding `count` notes, so the grid has roughly the screen's `aspect`. */
export function inboxColumns(count: number, aspect = DEFAULT_ASPECT): number {
  const ratio = Math.min(8, Math.max(0.25, aspect))
  return Math.max(1, Math.round(Math.sqrt((Math.max(1, count) * ratio * CELL_H) / CELL_W)))
}

/** What new notes must not land on: the loose notes and cluster frames of a board. */
export interface InboxObstacles {
  /** Rectangles of the loose notes. */
  loose: readonly Rect[]
  /** Cluster frames. */
  frames: readonly Rect[]
}

/**
 * Where the inbox grid starts: at the top-left-most loose note (so new notes join the
 * grid the others are in), else beside the clusters, else at the origin.
 */
export function inboxAnchor({ loose, frames }: InboxObstacles): Point {
  let anchor: Point | null = null
  for (const r of loose) if (!anchor || r.x + r.y < anchor.x + anchor.y) anchor = r
  if (anchor) return { x: anchor.x, y: anchor.y }
  const clusters = union(frames)
  if (clusters) return { x: clusters.x + clusters.width + CLUSTER_GAP, y: clusters.y }
  return INBOX_ORIGIN
}

/**
 * The top-left corners of `count` free inbox slots, in reading order, overlapping no
 * loose note or cluster frame. The grid is as wide as an inbox of all the loose notes
 * (old and new) should be for the screen's `aspect`.
 */
export function inboxSlots(obstacles: InboxObstacles, count: number, aspect?: number): Point[] {
  return inboxSlotMaker(obstacles, count, aspect)(count)
}

/**
 * `inboxSlots` a part at a time: the returned function gives the next `n` of the `count`
 * slots on each call, so a big import can lay out its notes a slice per task.
 */
export function inboxSlotMaker(
  obstacles: InboxObstacles,
  count: number,
  aspect?: number,
): (n: number) => Point[] {
  const taken = new RectIndex()
  for (const r of obstacles.loose) taken.add(r)
  for (const r of obstacles.frames) taken.add(r)
  const cols = inboxColumns(obstacles.loose.length + count, aspect)
  const anchor = inboxAnchor(obstacles)
  let i = 0
  return (n) => {
    const slots: Point[] = []
    for (; slots.length < n; i++) {
      const slot = {
        x: anchor.x + (i % cols) * CELL_W,
        y: anchor.y + Math.floor(i / cols) * CELL_H,
      }
      const rect = noteRect(slot)
      if (!taken.hits(rect, LOOSE_CLEARANCE)) {
        slots.push(slot)
        taken.add(rect)
      }
    }
    return slots
  }
}

/** A block to arrange with Tidy: a cluster frame (by id) of a given size. */
export interface TidyBlock {
  id: string
  width: number
  height: number
}

/** Where Tidy puts each cluster (top-left by id) and each loose note (in the order given). */
export interface TidyPlan {
  clusters: Map<string, Point>
  notes: Point[]
}

/**
 * Tidy: clusters in rows by the order given, the inbox grid beside them, the whole
 * roughly the screen's `aspect`, starting at the inbox origin.
 */
export function tidyLayout(
  blocks: readonly TidyBlock[],
  looseCount: number,
  aspect = DEFAULT_ASPECT,
): TidyPlan {
  const origin = { x: 0, y: 0 }

  // Shelf packing: clusters left to right, a new row when the next would pass `rowWidth`.
  const pack = (rowWidth: number) => {
    const at = new Map<string, Point>()
    let x = 0
    let y = 0
    let rowHeight = 0
    let width = 0
    for (const b of blocks) {
      if (x > 0 && x + b.width > rowWidth) {
        x = 0
        y += rowHeight + CLUSTER_GAP
        rowHeight = 0
      }
      at.set(b.id, { x: origin.x + x, y: origin.y + y })
      x += b.width + CLUSTER_GAP
      width = Math.max(width, x - CLUSTER_GAP)
      rowHeight = Math.max(rowHeight, b.height)
    }
    return { at, width, height: blocks.length ? y + rowHeight : 0 }
  }
  // Try every row width that changes how many clusters the first row holds, and keep
  // the arrangement (inbox included) whose shape is closest to the screen's.
  const miss = (shape: number) => Math.abs(Math.log(shape / Math.max(0.25, aspect)))
  // The inbox beside the clusters: as many rows as make the whole closest to the screen's shape.
  const inboxFor = (packed: ReturnType<typeof pack>) => {
    const x = origin.x + (blocks.length ? packed.width + CLUSTER_GAP * 2 : 0) + CLUSTER_PADDING
    const y = origin.y + CLUSTER_HEADER
    let chosen = { x, y, cols: Math.max(1, looseCount), shape: Infinity }
    if (looseCount === 0) return { ...chosen, shape: packed.width / Math.max(1, packed.height) }
    const maxRows = Math.min(looseCount, 400)
    for (let rows = 1; rows <= maxRows; rows++) {
      const cols = Math.ceil(looseCount / rows)
      const width = x + cols * CELL_W - NOTE_GAP
      const height = Math.max(packed.height, y + Math.ceil(looseCount / cols) * CELL_H)
      const shape = width / height
      if (miss(shape) < miss(chosen.shape)) chosen = { x, y, cols, shape }
    }
    return chosen
  }
  let best = pack(Infinity)
  let bestInbox = inboxFor(best)
  let rowWidth = 0
  for (const b of blocks) {
    rowWidth += b.width + (rowWidth > 0 ? CLUSTER_GAP : 0)
    const tried = pack(rowWidth)
    const inbox = inboxFor(tried)
    // The whole should be screen-shaped, and the clusters' own block too where the inbox allows.
    const score = (i: typeof inbox, p: typeof tried) =>
      miss(i.shape) + 0.5 * miss(p.width / Math.max(1, p.height))
    if (score(inbox, tried) < score(bestInbox, best)) {
      best = tried
      bestInbox = inbox
    }
  }
  const packed = best
  const { x: inboxX, y: inboxY, cols } = bestInbox
  const notes = Array.from({ length: looseCount }, (_, i) => ({
    x: inboxX + (i % cols) * CELL_W,
    y: inboxY + Math.floor(i / cols) * CELL_H,
  }))
  return { clusters: packed.at, notes }
}
