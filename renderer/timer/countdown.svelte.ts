/**
 * The room's countdown: set for some minutes, paused and resumed, a minute added, with a
 * warning in its last ten seconds and an optional soft chime at zero. The time left is
 * always worked out from the clock (never counted in ticks), so a slow or hidden page
 * never drifts; the clock is injectable, and tests drive the page's own with Playwright.
 *
 * Limits: one countdown per window; it is not saved in the workshop (it is for the room,
 * now); the display refreshes four times a second.
 */

/** The countdown's last this-many ms are shown as a (calm) warning. */
export const WARNING_MS = 10_000
/** The longest countdown that can be set: a half-day workshop block. */
export const MAX_MINUTES = 240
const SOUND_KEY = 'blankboard.timerSound'

/** Minutes and seconds, "4:05"; hours when there are any, "1:02:03". */
export function formatTime(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/**
 * Minutes typed by a person, "5", "2.5", "1:30" (minutes:seconds) or "90s", in ms;
 * null when it is not a time or not between 1 second and MAX_MINUTES.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase()
  let ms: number | null = null
  let m: RegExpMatchArray | null
  if ((m = t.match(/^(\d{1,3}):([0-5]\d)$/))) ms = (Number(m[1]) * 60 + Number(m[2])) * 1000
  else if ((m = t.match(/^(\d{1,4})\s*s(ec(onds?)?)?$/))) ms = Number(m[1]) * 1000
  else if ((m = t.match(/^(\d{1,3}(?:[.,]\d+)?)\s*(m|min|mins|minutes?)?$/)))
    ms = Math.round(Number(m[1]!.replace(',', '.')) * 60_000)
  if (ms === null || !Number.isFinite(ms) || ms < 1000 || ms > MAX_MINUTES * 60_000) return null
  return ms
}

/** Whether the soft sound at zero is on (off unless the facilitator turned it on). */
function storedSound(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'true'
  } catch {
    return false
  }
}

/** A short, soft two-note chime made on the spot (no file, no network). */
function chime(): void {
  try {
    const audio = new AudioContext()
    const start = audio.currentTime + 0.02
    for (const [i, freq] of [659.25, 523.25].entries()) {
      const osc = audio.createOscillator()
      const gain = audio.createGain()
      osc.type = 'sine'
      osc.frequency.value = freq
      const t = start + i * 0.35
      gain.gain.setValueAtTime(0, t)
      gain.gain.linearRampToValueAtTime(0.12, t + 0.04)
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 1.2)
      osc.connect(gain).connect(audio.destination)
      osc.start(t)
      osc.stop(t + 1.25)
    }
    setTimeout(() => void audio.close(), 2000)
  } catch {
    // No audio device: the display says it anyway.
  }
}

/** A countdown. `now` is its clock (ms); the page's `Date.now` unless a test gives another. */
export class Countdown {
  /** The length it was set to, for the progress ring (ms). */
  total = $state(0)
  /** When it reaches zero, on the clock (running), or null (paused, or not set). */
  private endsAt: number | null = $state(null)
  /** The time left when paused, or null. */
  private pausedLeft: number | null = $state(null)
  /** The clock's reading at the last refresh. */
  private tick = $state(0)
  /** Play the soft chime at zero. */
  sound = $state(storedSound())
  private timer: ReturnType<typeof setInterval> | null = null
  private chimed = false
  private readonly now: () => number

  constructor(now: () => number = () => Date.now()) {
    this.now = now
    this.tick = now()
  }

  /** Set (running or paused), or not. */
  get set(): boolean {
    return this.endsAt !== null || this.pausedLeft !== null
  }

  get running(): boolean {
    return this.endsAt !== null
  }

  get paused(): boolean {
    return this.pausedLeft !== null
  }

  /** Time left in ms (0 when done). */
  get left(): number {
    if (this.pausedLeft !== null) return this.pausedLeft
    if (this.endsAt === null) return 0
    return Math.max(0, this.endsAt - this.tick)
  }

  /** In its last ten seconds (and not yet at zero). */
  get warning(): boolean {
    return this.set && this.left > 0 && this.left <= WARNING_MS
  }

  /** Reached zero. */
  get done(): boolean {
    return this.running && this.left === 0
  }

  /** Starts counting down `ms` from now. */
  start(ms: number): void {
    this.total = ms
    this.pausedLeft = null
    this.chimed = false
    this.tick = this.now()
    this.endsAt = this.tick + ms
    this.run()
  }

  /** Pauses a running countdown, or resumes a paused one. */
  toggle(): void {
    if (this.pausedLeft !== null) {
      this.tick = this.now()
      this.endsAt = this.tick + this.pausedLeft
      this.pausedLeft = null
      this.run()
    } else if (this.endsAt !== null && !this.done) {
      this.refresh()
      this.pausedLeft = this.left
      this.endsAt = null
      this.halt()
    }
  }

  /** One more minute (a finished countdown starts again from a minute). */
  addMinute(): void {
    if (!this.set || this.done) {
      this.start(60_000)
      return
    }
    this.total += 60_000
    if (this.pausedLeft !== null) this.pausedLeft += 60_000
    else if (this.endsAt !== null) this.endsAt += 60_000
    this.chimed = false
    this.refresh()
  }

  /** Clears the countdown. */
  stop(): void {
    this.endsAt = null
    this.pausedLeft = null
    this.total = 0
    this.halt()
  }

  /** Turns the chime at zero on or off, and remembers it. */
  setSound(on: boolean): void {
    this.sound = on
    try {
      localStorage.setItem(SOUND_KEY, String(on))
    } catch {
      // Storage off: the setting lasts until the window closes.
    }
  }

  /** Stops its clock (the window is going away). */
  dispose(): void {
    this.halt()
  }

  private run(): void {
    if (this.timer === null) this.timer = setInterval(() => this.refresh(), 250)
  }

  private halt(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }

  private refresh(): void {
    this.tick = this.now()
    if (this.endsAt !== null && this.endsAt - this.tick <= 0) {
      this.halt()
      if (!this.chimed) {
        this.chimed = true
        if (this.sound) chime()
      }
    }
  }
}
