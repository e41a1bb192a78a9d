import { describe, expect, it } from 'vitest'
import { placeOnScreen } from '../../electron/window-state.ts'

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
