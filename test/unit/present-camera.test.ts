import { describe, expect, it } from 'vitest'
import { cameraPath, viewCentre } from '../../renderer/board/camera-path.ts'
import { NOTE_FONT_SIZE } from '../../renderer/board/type-sizes.ts'
import {
  PRESENT_MIN_SCALE,
  PRESENT_NOTE_PX,
  overviewView,
  presentView,
  shownRect,
} from '../../renderer/present/present-view.ts'

const W = 1920
const H = 1080
const insets = { top: 200, bottom: 120, side: 56 }

describe('present mode camera', () => {
  it('a small cluster fills the free part of the screen, centred, never below the text minimum', () => {
    const rect = { x: 1000, y: 500, width: 600, height: 400 }
    const view = presentView(rect, W, H, insets)
    expect(view.scale * NOTE_FONT_SIZE).toBeGreaterThanOrEqual(PRESENT_NOTE_PX)
    const shown = shownRect(view, W, H, insets)
    // The whole cluster is inside what is shown, and centred in it.
    expect(shown.x).toBeLessThanOrEqual(rect.x)
    expect(shown.y).toBeLessThanOrEqual(rect.y + 1e-9)
    expect(shown.x + shown.width).toBeGreaterThanOrEqual(rect.x + rect.width)
    expect(shown.y + shown.height).toBeGreaterThanOrEqual(rect.y + rect.height - 1e-9)
    expect(shown.x + shown.width / 2).toBeCloseTo(rect.x + rect.width / 2, 6)
  })

  it('a big cluster keeps the text minimum and shows its title and first rows', () => {
    const rect = { x: -300, y: 200, width: 1400, height: 2200 }
    const view = presentView(rect, W, H, insets)
    expect(view.scale).toBeCloseTo(PRESENT_MIN_SCALE, 9)
    const shown = shownRect(view, W, H, insets)
    expect(shown.y).toBeCloseTo(rect.y, 9) // its top (the title) at the top of the free area
    expect(shown.height).toBeLessThan(rect.height)
  })

  it('the overview fits the whole board whatever its size', () => {
    const rect = { x: 0, y: 0, width: 40_000, height: 20_000 }
    const shown = shownRect(overviewView(rect, W, H, insets), W, H, insets)
    expect(shown.width).toBeGreaterThanOrEqual(rect.width - 1e-6)
    expect(shown.height).toBeGreaterThanOrEqual(rect.height - 1e-6)
  })

  it('a camera move starts and ends where asked, and zooms out on a long trip', () => {
    const from = { x: 100, y: 50, scale: 1.5 }
    const to = { x: -20_000, y: -3_000, scale: 1.5 }
    const path = cameraPath(from, to, W, H)
    expect(path.at(0)).toEqual(from)
    expect(path.at(1)).toEqual(to)
    expect(path.at(0.5).scale).toBeLessThan(0.5)
    // Both ends are in view at the middle of the trip.
    const mid = path.at(0.5)
    const half = { w: W / 2 / mid.scale, h: H / 2 / mid.scale }
    const centre = viewCentre(mid, W, H)
    for (const end of [from, to]) {
      const c = viewCentre(end, W, H)
      expect(Math.abs(c.x - centre.x)).toBeLessThanOrEqual(half.w)
      expect(Math.abs(c.y - centre.y)).toBeLessThanOrEqual(half.h)
    }
    expect(path.duration).toBeGreaterThanOrEqual(420)
    expect(path.duration).toBeLessThanOrEqual(800)
  })

  it('a short hop does not zoom out, and the zoom moves one way only', () => {
    const from = { x: 0, y: 0, scale: 1 }
    const to = { x: -200, y: 0, scale: 2 }
    const path = cameraPath(from, to, W, H)
    let last = 0
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const scale = path.at(t).scale
      expect(scale).toBeGreaterThanOrEqual(last - 1e-9)
      last = scale
    }
  })
})
