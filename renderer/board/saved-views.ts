/**
 * Where the user last left each board's view, remembered on this computer (not in the
 * workshop file: two facilitators' screens differ), so reopening a board shows what they
 * were looking at.
 *
 * Limits: kept in the page's localStorage, at most 200 boards (the oldest forgotten);
 * a view that cannot be read is treated as none.
 */
import type { View } from './viewport.ts'
import { MAX_SCALE, MIN_SCALE } from './viewport.ts'

const KEY = 'blankboard.views'
const LIMIT = 200

type Saved = Record<string, View & { at: number }>

function read(): Saved {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Saved) : {}
  } catch {
    return {}
  }
}

function write(saved: Saved): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(saved))
  } catch {
    // Storage full or off: the board simply opens fitted next time.
  }
}

const keyOf = (workshopId: string, promptId: string) => `${workshopId}/${promptId}`

/** The view last left on a board, or null. */
export function loadView(workshopId: string, promptId: string): View | null {
  const view = read()[keyOf(workshopId, promptId)]
  if (!view) return null
  const ok = [view.x, view.y, view.scale].every(Number.isFinite)
  return ok && view.scale >= MIN_SCALE && view.scale <= MAX_SCALE
    ? { x: view.x, y: view.y, scale: view.scale }
    : null
}

/** Remembers a board's view (the newest 200 boards are kept). */
export function saveView(workshopId: string, promptId: string, view: View): void {
  const saved = read()
  saved[keyOf(workshopId, promptId)] = { ...view, at: Date.now() }
  const keys = Object.keys(saved)
  if (keys.length > LIMIT) {
    keys.sort((a, b) => saved[a]!.at - saved[b]!.at)
    for (const key of keys.slice(0, keys.length - LIMIT)) delete saved[key]
  }
  write(saved)
}

/** Forgets a board's view, so it opens fitted. */
export function forgetView(workshopId: string, promptId: string): void {
  const saved = read()
  delete saved[keyOf(workshopId, promptId)]
  write(saved)
}
