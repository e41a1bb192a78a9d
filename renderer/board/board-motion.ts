/**
 * Short eased moves of Konva nodes from where they are drawn to where the model now
 * puts them, so a push, a snap into a cluster's grid or a Tidy can be followed by eye.
 *
 * Limits: position only; a new move of a node replaces its old one; callers skip the
 * animation for large changes (it is for what a person can follow, not 5,000 notes).
 */
import type Konva from 'konva'

/** How long a move takes, in ms. */
const DURATION = 220
/** More moving nodes than this jump straight to their places. */
export const MAX_ANIMATED = 400

interface Move {
  from: { x: number; y: number }
  to: { x: number; y: number }
}

/** The moves under way, run on animation frames. */
export class BoardMotion {
  private readonly moves = new Map<Konva.Node, Move>()
  private started = 0
  private frame = 0
  private readonly redraw: () => void
  private idle: (() => void)[] = []

  /** `redraw` is called on every animation frame while something moves. */
  constructor(redraw: () => void) {
    this.redraw = redraw
  }

  /** Moves `node` from `from` to `to` (its position is set to `from` now). */
  add(node: Konva.Node, from: { x: number; y: number }, to: { x: number; y: number }): void {
    if (from.x === to.x && from.y === to.y) return
    node.position(from)
    this.moves.set(node, { from, to })
  }

  /** The number of nodes waiting to move. */
  get size(): number {
    return this.moves.size
  }

  /** Starts (or restarts) the clock for everything added. */
  run(): void {
    if (this.moves.size === 0) return
    this.started = performance.now()
    if (!this.frame) this.frame = requestAnimationFrame((t) => this.tick(t))
  }

  /** True while something is moving. */
  get active(): boolean {
    return this.moves.size > 0
  }

  /** Resolves once nothing moves any more. */
  settled(): Promise<void> {
    if (!this.active) return Promise.resolve()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  /** Puts every moving node at its destination now (a drag is starting, say). */
  finish(): void {
    for (const [node, move] of this.moves) node.position(move.to)
    this.moves.clear()
    if (this.frame) cancelAnimationFrame(this.frame)
    this.frame = 0
    this.redraw()
    this.done()
  }

  /** Stops moving `node`, leaving it where it is. */
  forget(node: Konva.Node): void {
    this.moves.delete(node)
  }

  private tick(now: number): void {
    const t = Math.min(1, Math.max(0, (now - this.started) / DURATION))
    const eased = 1 - (1 - t) ** 3
    for (const [node, { from, to }] of this.moves) {
      node.position({ x: from.x + (to.x - from.x) * eased, y: from.y + (to.y - from.y) * eased })
    }
    this.redraw()
    if (t < 1) {
      this.frame = requestAnimationFrame((next) => this.tick(next))
      return
    }
    this.moves.clear()
    this.frame = 0
    this.done()
  }

  private done(): void {
    const waiting = this.idle
    this.idle = []
    for (const resolve of waiting) resolve()
  }
}
