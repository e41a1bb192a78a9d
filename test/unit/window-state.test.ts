import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadWindowState, placeOnScreen, saveWindowState } from '../../electron/window-state.ts'

const laptop = { x: 0, y: 0, width: 1440, height: 900 }
const projector = { x: 1440, y: 0, width: 1920, height: 1080 }
const size = { width: 1440, height: 900 }

describe('the window comes back where it was', () => {
  it('on the same screen, as it was', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800 }
    expect(placeOnScreen(saved, [laptop, projector], size)).toEqual(saved)
  })

  it('on the laptop when the projector it was on is gone', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000 }
    expect(placeOnScreen(saved, [laptop], size)).toEqual({ x: 0, y: 0, width: 1440, height: 900 })
  })

  it('shrunk and pulled inside a screen it half left', () => {
    const saved = { x: -200, y: 400, width: 1000, height: 800 }
    expect(placeOnScreen(saved, [laptop], size)).toEqual({ x: 0, y: 100, width: 1000, height: 800 })
  })

  it('centred on the primary screen the first time', () => {
    expect(placeOnScreen(null, [projector], { width: 1440, height: 900 })).toEqual({
      x: 1440 + 240,
      y: 90,
      width: 1440,
      height: 900,
    })
  })
})

describe('the saved window state', () => {
  it('is a private file of the app (0600) and reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blankboard-window-'))
    const file = join(dir, 'window-state.json')
    const state = { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false }
    await saveWindowState(file, state)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await loadWindowState(file)).toEqual(state)
    await rm(dir, { recursive: true, force: true })
  })
})
