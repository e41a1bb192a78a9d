/**
 * Where the window was: saved on close, restored at launch, and pulled back onto a
 * connected screen when the one it was on is gone (the projector was unplugged).
 * Plain Node, no Electron import.
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { PRIVATE_FILE_MODE, writeFileDurably } from './files/durable-write.ts'

/** A rectangle in screen pixels. */
export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

const stateSchema = z.object({
  bounds: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  maximized: z.boolean(),
})

/** The window's last place. */
export type WindowState = z.infer<typeof stateSchema>

/**
 * `saved` if its middle lies on one of the screens (`workAreas`, the first being the
 * primary), shrunk to fit that screen; otherwise `fallback` size centred on the primary.
 */
export function placeOnScreen(
  saved: Bounds | null,
  workAreas: readonly Bounds[],
  fallback: { width: number; height: number },
): Bounds {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: fallback.width, height: fallback.height }
  const middle = saved && { x: saved.x + saved.width / 2, y: saved.y + saved.height / 2 }
  const screen = middle
    ? workAreas.find(
        (a) =>
          middle.x >= a.x &&
          middle.x < a.x + a.width &&
          middle.y >= a.y &&
          middle.y < a.y + a.height,
      )
    : undefined
  if (saved && screen) {
    const width = Math.min(saved.width, screen.width)
    const height = Math.min(saved.height, screen.height)
    return {
      x: Math.min(Math.max(saved.x, screen.x), screen.x + screen.width - width),
      y: Math.min(Math.max(saved.y, screen.y), screen.y + screen.height - height),
      width,
      height,
    }
  }
  const width = Math.min(fallback.width, primary.width)
  const height = Math.min(fallback.height, primary.height)
  return {
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
  }
}

/** The saved state, or null when there is none or it cannot be read. */
export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Saves the state (best effort: a window position is not worth an error). */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  // Like every file of the app's own, private to the user.
  await writeFileDurably(file, JSON.stringify(state), undefined, false, PRIVATE_FILE_MODE).catch(
    () => {},
  )
}
