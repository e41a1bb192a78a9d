/**
 * Smooth camera moves between two views (present mode's step from cluster to cluster):
 * the centre glides in a straight line on the board while the zoom changes on a log
 * scale, dipping out in the middle of a long trip so both ends are in sight on the way,
 * as a person would zoom out, pan and zoom back in. Eased in and out.
 *
 * Limits: pure arithmetic on views; the caller draws each frame.
 */
import type { View } from './viewport.ts'

/** A point of the board in board units. */
interface Point {
  x: number
  y: number
}

/** The board point in the middle of a `width`×`height` stage under `view`. */
export function viewCentre(view: View, width: number, height: number): Point {
  return { x: (width / 2 - view.x) / view.scale, y: (height / 2 - view.y) / view.scale }
}

/** The view of scale `scale` with board point `centre` in the middle of the stage. */
export function viewAt(centre: Point, scale: number, width: number, height: number): View {
  return { x: width / 2 - centre.x * scale, y: height / 2 - centre.y * scale, scale }
}

const easeInOut = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2)

/** A move from `from` to `to`: its length in ms, and the view at each moment 0..1. */
export interface CameraPath {
  duration: number
  at(t: number): View
}

/** The path of a camera move on a `width`×`height` stage. */
export function cameraPath(from: View, to: View, width: number, height: number): CameraPath {
  const a = viewCentre(from, width, height)
  const b = viewCentre(to, width, height)
  const la = Math.log(from.scale)
  const lb = Math.log(to.scale)
  // Far apart, the middle of the trip zooms out until both centres fit in the view.
  const dx = Math.abs(b.x - a.x)
  const dy = Math.abs(b.y - a.y)
  const fit = 0.8 * Math.min(dx > 0 ? width / dx : Infinity, dy > 0 ? height / dy : Infinity)
  // Only as far out as the trip needs: a short hop zooms straight from one scale to the other.
  const dip = Math.max(0, (la + lb) / 2 - Math.log(fit))
  const duration = Math.round(420 + Math.min(380, dip * 160))
  return {
    duration,
    at(t) {
      const u = easeInOut(Math.min(1, Math.max(0, t)))
      if (u >= 1) return { ...to }
      const scale = Math.exp(la + (lb - la) * u - dip * 4 * u * (1 - u))
      const centre = { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u }
      return viewAt(centre, scale, width, height)
    },
  }
}
