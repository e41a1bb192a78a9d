/**
 * Harness builds only: `window.__blankboard`, through which end-to-end tests find notes
 * on the canvas. Production builds never include this module.
 */
import type { BoardScene } from './board-scene.ts'

/** What tests can ask of the board. */
export interface TestSurface {
  /** Ids of the notes on the current board. */
  noteIds(): string[]
  /** A note's rectangle in page CSS pixels, or null when it is not drawn. */
  noteRect(id: string): { x: number; y: number; width: number; height: number } | null
}

declare global {
  interface Window {
    __blankboard?: TestSurface
  }
}

/** Points the test surface at `scene`; returns a function that detaches it. */
export function exposeBoard(scene: BoardScene): () => void {
  const surface: TestSurface = {
    noteIds: () => scene.noteIds(),
    noteRect: (id) => scene.noteRect(id),
  }
  window.__blankboard = surface
  return () => {
    if (window.__blankboard === surface) delete window.__blankboard
  }
}
