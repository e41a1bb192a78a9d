/**
 * Where the user last left each board's view, remembered on this computer (not in the
 * workshop file: two facilitators' screens differ), so reopening a board shows what they
 * were looking at.
 *
 * Limits: kept in the page's localStorage, at most 200 boards (the oldest forgotten);
 * a view that cannot be read is treated as none. A moving view is written once it rests
 * (a quarter second), or when the page is hidden, not on every frame of a zoom.
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

/** Views not yet written, by board key. */
const pending = new Map<string, View>()
let timer: ReturnType<typeof setTimeout> | null = null

/** Writes the views still pending. */
export function flushViews(): void {
  if (timer !== null) clearTimeout(timer)
  timer = null
  if (pending.size === 0) return
  const saved = read()
  for (const [key, view] of pending) saved[key] = { ...view, at: Date.now() }
  pending.clear()
  const keys = Object.keys(saved)
  if (keys.length > LIMIT) {
    keys.sort((a, b) => saved[a]!.at - saved[b]!.at)
    for (const key of keys.slice(0, keys.length - LIMIT)) delete saved[key]
  }
  write(saved)
}

if (typeof addEventListener === 'function') addEventListener('pagehide', flushViews)

/** The view last left on a board, or null. */
export function loadView(workshopId: string, promptId: string): View | null {
  const key = keyOf(workshopId, promptId)
  const view = pending.get(key) ?? read()[key]
  if (!view) return null
  const ok = [view.x, view.y, view.scale].every(Number.isFinite)
  return ok && view.scale >= MIN_SCALE && view.scale <= MAX_SCALE
    ? { x: view.x, y: view.y, scale: view.scale }
    : null
}

/** Remembers a board's view (the newest 200 boards are kept), once it rests. */
export function saveView(workshopId: string, promptId: string, view: View): void {
  pending.set(keyOf(workshopId, promptId), view)
  if (timer !== null) clearTimeout(timer)
  timer = setTimeout(flushViews, 250)
}

/** Forgets a board's view, so it opens fitted. */
export function forgetView(workshopId: string, promptId: string): void {
  pending.delete(keyOf(workshopId, promptId))
  const saved = read()
  delete saved[keyOf(workshopId, promptId)]
  write(saved)
}
