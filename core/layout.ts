/**
 * Where things go on a board: note size and the inbox grid new notes land in.
 *
 * Limits: the inbox is a fixed-width grid at the board's origin; a slot is free when
 * no note of the same prompt overlaps it (checked on a coarse grid, so a note sitting
 * across two slots takes both). Clusters arrive with the clustering board.
 */
import type { Note } from './model.ts'

/** Width of a note, in board units. */
export const NOTE_WIDTH = 220
/** Height of a note, in board units. */
export const NOTE_HEIGHT = 132
/** Space between notes in the inbox grid. */
export const NOTE_GAP = 20
/** Columns in the inbox grid. */
export const INBOX_COLUMNS = 7

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

/**
 * The top-left corners of `count` free inbox slots, in reading order, that overlap
 * none of `existing` (the notes already on the same board).
 */
export function inboxSlots(
  existing: Iterable<Pick<Note, 'x' | 'y'>>,
  count: number,
): { x: number; y: number }[] {
  const taken = new Set<string>()
  for (const note of existing) {
    const c0 = Math.floor(note.x / CELL_W)
    const c1 = Math.floor((note.x + NOTE_WIDTH - 1) / CELL_W)
    const r0 = Math.floor(note.y / CELL_H)
    const r1 = Math.floor((note.y + NOTE_HEIGHT - 1) / CELL_H)
    for (let c = c0; c <= c1; c++) for (let r = r0; r <= r1; r++) taken.add(`${c},${r}`)
  }
  const slots: { x: number; y: number }[] = []
  for (let i = 0; slots.length < count; i++) {
    const col = i % INBOX_COLUMNS
    const row = Math.floor(i / INBOX_COLUMNS)
    if (!taken.has(`${col},${row}`)) slots.push({ x: col * CELL_W, y: row * CELL_H })
  }
  return slots
}
