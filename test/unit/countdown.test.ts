import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  Countdown,
  formatTime,
  parseDuration,
  WARNING_MS,
} from '../../renderer/timer/countdown.svelte.ts'

describe('timer text', () => {
  it('formats minutes and seconds, rounding up so it never shows 0:00 early', () => {
    expect(formatTime(300_000)).toBe('5:00')
    expect(formatTime(299_001)).toBe('5:00')
    expect(formatTime(299_000)).toBe('4:59')
    expect(formatTime(9_500)).toBe('0:10')
    expect(formatTime(0)).toBe('0:00')
    expect(formatTime(-5)).toBe('0:00')
    expect(formatTime(3_723_000)).toBe('1:02:03')
  })

  it('reads typed times', () => {
    expect(parseDuration('7')).toBe(420_000)
    expect(parseDuration('2.5')).toBe(150_000)
    expect(parseDuration('2,5 min')).toBe(150_000)
    expect(parseDuration('1:30')).toBe(90_000)
    expect(parseDuration('90s')).toBe(90_000)
    expect(parseDuration(' 10 minutes ')).toBe(600_000)
    for (const bad of ['', 'soon', '0', '0s', '1:75', '-3', '241', 'Infinity'])
      expect(parseDuration(bad), bad).toBeNull()
  })
})

describe('countdown', () => {
  let now = 1_000_000
  const clock = () => now
  const advance = (ms: number) => {
    now += ms
    vi.advanceTimersByTime(ms)
  }

  beforeEach(() => {
    vi.useFakeTimers()
    now = 1_000_000
  })
  afterEach(() => vi.useRealTimers())

  it('counts down from the clock, pauses, resumes, takes a minute more and ends', () => {
    const c = new Countdown(clock)
    expect(c.set).toBe(false)
    c.start(180_000)
    advance(60_000)
    expect(c.left).toBe(120_000)
    c.toggle()
    expect(c.paused).toBe(true)
    advance(30_000)
    expect(c.left).toBe(120_000)
    c.toggle()
    c.addMinute()
    advance(170_000)
    expect(c.left).toBe(10_000)
    expect(c.warning).toBe(true)
    advance(WARNING_MS)
    expect(c.left).toBe(0)
    expect(c.done).toBe(true)
    expect(c.warning).toBe(false)
    // A finished countdown: +1 minute starts a new one.
    c.addMinute()
    expect(c.left).toBe(60_000)
    c.stop()
    expect(c.set).toBe(false)
    c.dispose()
  })
})
