/**
 * Where things go on a board: note and cluster geometry, the tidy grid inside a
 * cluster, and the inbox grid new notes land in.
 *
 * Limits: the inbox is a fixed-width grid at the board's origin; a slot is free when
 * no note or cluster overlaps it (checked on a coarse grid, so anything sitting across
 * two slots takes both). Growing clusters may cover loose notes; nothing pushes them.
 */
import type { Cluster, Note } from './model.ts'

/** Width of a note, in board units. */
export const NOTE_WIDTH = 220
/** Height of a note, in board units. */
export const NOTE_HEIGHT = 150
/** Space between notes in the inbox grid. */
export const NOTE_GAP = 20
/** Columns in the inbox grid: at 100% they fit a 1920-pixel screen beside the prompts panel. */
export const INBOX_COLUMNS = 6

const CELL_W = NOTE_WIDTH + NOTE_GAP
const CELL_H = NOTE_HEIGHT + NOTE_GAP

/** A rectangle in board units. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** The rectangle a note covers. */
export function noteRect(note: Pick<Note, 'x' | 'y'>): Rect {
  return { x: note.x, y: note.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }
}

/** Space between a cluster's frame and its notes. */
export const CLUSTER_PADDING = 16
/** Height of a cluster's title bar, above its notes. */
export const CLUSTER_HEADER = 60
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
): { x: number; y: number } {
  const cols = clusterColumns(count)
  return {
    x: cluster.x + CLUSTER_PADDING + (index % cols) * (NOTE_WIDTH + NOTE_GAP),
    y: cluster.y + CLUSTER_HEADER + Math.floor(index / cols) * (NOTE_HEIGHT + NOTE_GAP),
  }
}

/** True when the point lies inside the rectangle. */
export function contains(rect: Rect, point: { x: number; y: number }): boolean {
  return (
    point.x >= rect.x &&
    point.x < rect.x + rect.width &&
    point.y >= rect.y &&
    point.y < rect.y + rect.height
  )
}

/** True when two rectangles overlap. */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/**
 * The inbox's first slot: far enough from the origin that a cluster formed around a
 * note there still starts at (0, 0), title bar included.
 */
export const INBOX_ORIGIN = { x: CLUSTER_PADDING, y: CLUSTER_HEADER }

/**
 * The top-left corners of `count` free inbox slots, in reading order, that overlap
 * none of `obstacles` (the loose notes and cluster frames already on the board).
 */
export function inboxSlots(obstacles: Iterable<Rect>, count: number): { x: number; y: number }[] {
  // The grid's cells index the obstacles; a slot is then checked exactly against the few
  // obstacles filed under its own cell, so a frame that merely reaches into a cell's gap
  // does not take the slot.
  const byCell = new Map<string, Rect[]>()
  for (const rect of obstacles) {
    const x = rect.x - INBOX_ORIGIN.x
    const y = rect.y - INBOX_ORIGIN.y
    const c0 = Math.max(0, Math.floor(x / CELL_W))
    const c1 = Math.min(INBOX_COLUMNS - 1, Math.floor((x + rect.width - 1) / CELL_W))
    const r0 = Math.max(0, Math.floor(y / CELL_H))
    const r1 = Math.floor((y + rect.height - 1) / CELL_H)
    for (let c = c0; c <= c1; c++) {
      for (let r = r0; r <= r1; r++) {
        const key = `${c},${r}`
        const list = byCell.get(key)
        if (list) list.push(rect)
        else byCell.set(key, [rect])
      }
    }
  }
  const slots: { x: number; y: number }[] = []
  for (let i = 0; slots.length < count; i++) {
    const col = i % INBOX_COLUMNS
    const row = Math.floor(i / INBOX_COLUMNS)
    const slot = { x: INBOX_ORIGIN.x + col * CELL_W, y: INBOX_ORIGIN.y + row * CELL_H }
    const rect = noteRect(slot)
    if (!(byCell.get(`${col},${row}`) ?? []).some((o) => intersects(rect, o))) slots.push(slot)
  }
  return slots
}
