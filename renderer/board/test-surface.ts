/**
 * Harness builds only: `window.__blankboard`, through which end-to-end tests and
 * benchmarks find things on the canvas. Production builds never include this module.
 */
import type { BoardScene } from './board-scene.ts'

type PageRect = { x: number; y: number; width: number; height: number }

/** What tests can ask of the board. */
export interface TestSurface {
  /** Ids of the notes on the current board. */
  noteIds(): string[]
  /** A note's rectangle in page CSS pixels, or null when it is not drawn. */
  noteRect(id: string): PageRect | null
  /** Ids of the clusters on the current board, in number order. */
  clusterIds(): string[]
  /** A cluster's title bar in page CSS pixels, or null when it is not drawn. */
  clusterTitleRect(id: string): PageRect | null
  /** Ids of the selected notes. */
  selectedNoteIds(): string[]
  /** The current zoom (1 = 100%). */
  scale(): number
  /** Resolves after the next two animation frames (the board has drawn). */
  frame(): Promise<void>
}

declare global {
  interface Window {
    __blankboard?: TestSurface
  }
}

/** Points the test surface at `scene`; returns a function that detaches it. */
export function exposeBoard(scene: BoardScene): () => void {
  const surface: TestSurface = {
    noteIds: () => [...scene.records.keys()],
    noteRect: (id) => scene.noteRect(id),
    clusterIds: () => [...scene.clusters.keys()],
    clusterTitleRect: (id) => scene.clusterTitleRect(id),
    selectedNoteIds: () => [...scene.selection.notes],
    scale: () => scene.scale,
    frame: () =>
      new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  }
  window.__blankboard = surface
  return () => {
    if (window.__blankboard === surface) delete window.__blankboard
  }
}
