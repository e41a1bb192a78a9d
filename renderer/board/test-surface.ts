/**
 * Harness builds only: `window.__blankboard`, through which end-to-end tests and
 * benchmarks find things on the canvas. Production builds never include this module.
 */
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../core/layout.ts'
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
  /** A cluster's frame in page CSS pixels (it may reach out of view), or null when not drawn. */
  clusterRect(id: string): PageRect | null
  /** Everything on the board (frames and loose notes) in page CSS pixels, or null when empty. */
  boardRect(): PageRect | null
  /** The board area (the canvas) in page CSS pixels. */
  viewportRect(): PageRect
  /** Centres a note in the view, zooming in to read it if needed (as search does). */
  centreNote(id: string): void
  /** Zooms the view to one cluster (as double-clicking its title does). */
  zoomToCluster(id: string): void
  /** The on-screen size in CSS pixels of each cluster name drawn in view. */
  clusterNamePx(): number[]
  /**
   * How a cluster is labelled as drawn now: by its name (title bar or overview label), by
   * its number alone (the overview's stand-in where a label has no room), or not at all.
   */
  clusterLabel(id: string): 'name' | 'number' | null
  /** The on-screen size in CSS pixels of the reply text of each note drawn in view. */
  noteTextPx(): number[]
  /** True while the camera moves on its own (present mode's zoom from cluster to cluster). */
  cameraMoving(): boolean
  /** The author line drawn on a note, or null when none is shown. */
  noteAuthor(id: string): string | null
  /**
   * The dots drawn on a cluster's title bar: how many round marks and the count beside
   * them, or null when it shows none (no dots, or counts hidden until revealed).
   */
  clusterVotes(id: string): { marks: number; count: string } | null
  /** The dots drawn on a note, as for a cluster. */
  noteVotes(id: string): { marks: number; count: string } | null
  /** Ids of the selected notes. */
  selectedNoteIds(): string[]
  /** The selected cluster's id, or null. */
  selectedClusterId(): string | null
  /** The current zoom (1 = 100%). */
  scale(): number
  /**
   * Every note whose place on the board lies wholly in view: its centre in page CSS
   * pixels, and whether the board's canvas is opaque there now (the note is drawn, in
   * whatever detail), read from the canvas as it was last drawn.
   */
  notesInView(): { id: string; x: number; y: number; drawn: boolean }[]
  /** Resolves once nothing moves (notes or camera), all in view is drawn in full, and two more frames have drawn. */
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
    clusterIds: () => scene.board?.clusters.map((c) => c.id) ?? [],
    clusterTitleRect: (id) => scene.clusterTitleRect(id),
    clusterRect: (id) => scene.clusterRect(id),
    boardRect: () => scene.boardRect(),
    clusterNamePx: () => scene.clusterNamePx(),
    clusterLabel: (id) => {
      const node = scene.clusters.get(id)
      if (!node?.titleGroup.isVisible()) return null
      if (node.label.isVisible() || node.block.isVisible()) return 'name'
      return node.pin.isVisible() ? 'number' : null
    },
    noteTextPx: () => scene.noteTextPx(),
    cameraMoving: () => scene.cameraMoving,
    zoomToCluster: (id) => scene.zoomToCluster(id),
    centreNote: (id) => scene.centreNote(id),
    noteAuthor: (id) => {
      const node = scene.notes.get(id)
      return node && node.author.isVisible() && node.author.text() ? node.author.text() : null
    },
    viewportRect: () => {
      const box = scene.stage.container().getBoundingClientRect()
      return { x: box.left, y: box.top, width: box.width, height: box.height }
    },
    clusterVotes: (id) => scene.voteMark('cluster', id),
    noteVotes: (id) => scene.voteMark('note', id),
    selectedNoteIds: () => [...scene.selection.notes],
    selectedClusterId: () => scene.selection.cluster,
    scale: () => scene.scale,
    notesInView: () => {
      const box = scene.stage.container().getBoundingClientRect()
      const { stage } = scene
      const k = stage.scaleX()
      const canvas = scene.boardLayer.getCanvas()
      const ratio = canvas.getPixelRatio()
      const pixels = canvas.getContext().getImageData(0, 0, canvas.width, canvas.height)
      const found = []
      for (const note of scene.records.values()) {
        const left = stage.x() + note.x * k
        const top = stage.y() + note.y * k
        const right = left + NOTE_WIDTH * k
        const bottom = top + NOTE_HEIGHT * k
        if (left < 0 || top < 0 || right > stage.width() || bottom > stage.height()) continue
        const x = (left + right) / 2
        const y = (top + bottom) / 2
        const at = (Math.floor(y * ratio) * pixels.width + Math.floor(x * ratio)) * 4
        found.push({
          id: note.id,
          x: box.left + x,
          y: box.top + y,
          drawn: pixels.data[at + 3]! > 250,
        })
      }
      return found
    },
    frame: async () => {
      await scene.motion.settled()
      await scene.cameraSettled()
      await scene.detailSettled()
      await new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      )
    },
  }
  window.__blankboard = surface
  return () => {
    if (window.__blankboard === surface) delete window.__blankboard
  }
}
