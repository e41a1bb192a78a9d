/**
 * The Konva scene of one board, kept in step with the model. Cluster frames sit on one
 * layer, notes on the layer above; whatever is being dragged moves to a layer of its own
 * so a drag redraws only what moves. A note's Konva nodes are made only once it first
 * comes into view, nodes outside the view are hidden (culling), and far out notes are
 * drawn without text (a cheaper level of detail).
 *
 * The scene never changes the model itself: gestures come out as ops through
 * `BoardCallbacks.onGesture`, and the model's new state comes back through `setBoard`.
 * Limits: one prompt's board at a time; hit-testing for drops is done in model
 * coordinates by core/board-gestures.ts, never by pixels.
 */
import Konva from 'konva'
import type { BoardView } from '../../core/board-gestures.ts'
import { boardOf, frameOf } from '../../core/board-gestures.ts'
import type { Rect } from '../../core/layout.ts'
import { clusterRect, intersects, noteRect } from '../../core/layout.ts'
import type { Note, Workshop } from '../../core/model.ts'
import type { Op } from '../../core/ops.ts'
import { BoardInput } from './board-input.ts'
import type { ClusterNode } from './cluster-node.ts'
import { createClusterNode, updateClusterNode } from './cluster-node.ts'
import type { NoteNode } from './note-node.ts'
import { createNoteNode, styleNoteNode, updateNoteNode } from './note-node.ts'
import { TEXT_MIN_SCALE, fitRect, union, visibleRect, zoomAbout } from './viewport.ts'

/** What the scene tells its owner. */
export interface BoardCallbacks {
  /** A gesture finished: apply these ops as one undoable step. */
  onGesture(ops: Op[], createdCluster: string | null): void
  /** The selection changed. */
  onSelection(): void
  /** A note was double-clicked: edit its text. */
  onEditNote(id: string): void
  /** The view moved or zoomed (overlays follow it). */
  onView(): void
}

/** Notes and clusters currently selected. */
export interface Selection {
  notes: Set<string>
  cluster: string | null
}

/** A board drawn into a container element. */
export class BoardScene {
  readonly stage: Konva.Stage
  readonly clustersLayer = new Konva.Layer()
  readonly notesLayer = new Konva.Layer()
  readonly dragLayer = new Konva.Layer()
  readonly overlayLayer = new Konva.Layer({ listening: false })
  /** Konva nodes of the notes that have been in view so far. */
  readonly notes = new Map<string, NoteNode>()
  /** Every note of the board, drawn or not. */
  readonly records = new Map<string, Note>()
  readonly clusters = new Map<string, ClusterNode>()
  readonly selection: Selection = { notes: new Set(), cluster: null }
  readonly callbacks: BoardCallbacks
  doc: Workshop | null = null
  board: BoardView | null = null
  private matches: Set<string> | null = null
  private textShown = true
  private frameRequested = false
  private readonly resizer: ResizeObserver
  private readonly input: BoardInput

  constructor(container: HTMLDivElement, callbacks: BoardCallbacks) {
    this.callbacks = callbacks
    this.stage = new Konva.Stage({
      container,
      width: container.clientWidth,
      height: container.clientHeight,
      position: { x: 32, y: 12 },
    })
    this.stage.add(this.clustersLayer, this.notesLayer, this.dragLayer, this.overlayLayer)
    this.resizer = new ResizeObserver(() => {
      this.stage.size({ width: container.clientWidth, height: container.clientHeight })
      this.viewChanged()
    })
    this.resizer.observe(container)
    this.input = new BoardInput(this)
  }

  /** Draws the board of `promptId` as it is in `doc`: adds, updates, removes nodes by id. */
  setBoard(doc: Workshop, promptId: string): void {
    this.doc = doc
    const board = boardOf(doc, promptId)
    this.board = board
    const numbers = new Map(board.clusters.slice(0, 9).map((c, i) => [c.id, i + 1]))
    const seenClusters = new Set<string>()
    for (const cluster of board.clusters) {
      seenClusters.add(cluster.id)
      let node = this.clusters.get(cluster.id)
      if (!node) {
        node = createClusterNode(cluster)
        this.clusters.set(cluster.id, node)
        this.clustersLayer.add(node.group)
      }
      if (node.group.isDragging()) continue
      const count = board.members.get(cluster.id)?.length ?? 0
      updateClusterNode(
        node,
        cluster,
        count,
        numbers.get(cluster.id) ?? null,
        this.selection.cluster === cluster.id,
      )
    }
    for (const [id, node] of this.clusters) {
      if (!seenClusters.has(id)) {
        node.group.destroy()
        this.clusters.delete(id)
      }
    }
    this.records.clear()
    for (const note of board.notes) {
      this.records.set(note.id, note)
      const node = this.notes.get(note.id)
      if (node && !node.group.isDragging() && node.group.getLayer() !== this.dragLayer) {
        updateNoteNode(node, note)
      }
    }
    for (const [id, node] of this.notes) {
      if (!this.records.has(id)) {
        node.group.destroy()
        this.notes.delete(id)
      }
    }
    let selectionChanged = false
    for (const id of this.selection.notes) {
      if (!this.records.has(id)) selectionChanged = this.selection.notes.delete(id)
    }
    if (this.selection.cluster && !seenClusters.has(this.selection.cluster)) {
      this.selection.cluster = null
      selectionChanged = true
    }
    this.cull()
    this.restyle()
    this.clustersLayer.batchDraw()
    this.notesLayer.batchDraw()
    if (selectionChanged) this.callbacks.onSelection()
  }

  /** Selects exactly these notes (and no cluster). */
  selectNotes(ids: Iterable<string>): void {
    this.selection.notes = new Set(ids)
    this.selection.cluster = null
    this.selectionChanged()
  }

  /** Selects one cluster (and no notes). */
  selectCluster(id: string | null): void {
    this.selection.notes = new Set()
    this.selection.cluster = id
    this.selectionChanged()
  }

  /** Redraws selection outlines and tells the owner. */
  selectionChanged(): void {
    if (this.doc && this.board) {
      for (const [id, node] of this.clusters) {
        updateClusterNode(
          node,
          node.cluster,
          node.count,
          node.number,
          this.selection.cluster === id,
        )
      }
    }
    this.restyle()
    this.clustersLayer.batchDraw()
    this.notesLayer.batchDraw()
    this.callbacks.onSelection()
  }

  /** Highlights notes whose text contains `query` (case-insensitive) and fades the rest; null clears. */
  search(query: string | null): number {
    const q = query?.trim().toLocaleLowerCase() ?? ''
    this.matches = null
    if (q !== '' && this.board) {
      this.matches = new Set(
        this.board.notes
          .filter((n) => !n.hidden && n.text.toLocaleLowerCase().includes(q))
          .map((n) => n.id),
      )
    }
    this.restyle()
    this.notesLayer.batchDraw()
    return this.matches?.size ?? 0
  }

  private restyle(): void {
    for (const [id, node] of this.notes) this.styleNote(id, node)
  }

  private styleNote(id: string, node: NoteNode): void {
    const matched = this.matches?.has(id) ?? false
    styleNoteNode(node, this.selection.notes.has(id) || matched, this.matches !== null && !matched)
  }

  /** Zooms by `factor` about a stage point (the middle of the view by default). */
  zoomBy(factor: number, anchor?: { x: number; y: number }): void {
    zoomAbout(
      this.stage,
      factor,
      anchor ?? { x: this.stage.width() / 2, y: this.stage.height() / 2 },
    )
    this.viewChanged()
  }

  /** Sets the zoom to `scale` about the middle of the view. */
  zoomTo(scale: number): void {
    this.zoomBy(scale / this.stage.scaleX())
  }

  /** Pans the view by CSS pixels. */
  panBy(dx: number, dy: number): void {
    this.stage.position({ x: this.stage.x() + dx, y: this.stage.y() + dy })
    this.viewChanged()
  }

  /** Shows the whole board. */
  zoomToFit(): void {
    if (!this.board) return
    const all = union([
      ...this.board.notes.filter((n) => n.clusterId === null).map(noteRect),
      ...this.board.clusters.map((c) => frameOf(this.board!, c)),
    ])
    if (all) fitRect(this.stage, all)
    this.viewChanged()
  }

  /** Zooms to one cluster. */
  zoomToCluster(id: string): void {
    const node = this.clusters.get(id)
    if (!node) return
    fitRect(this.stage, clusterRect(node.cluster, node.count), 64, 2)
    this.viewChanged()
  }

  /** The current zoom (1 = 100%). */
  get scale(): number {
    return this.stage.scaleX()
  }

  /** Call after any change of view: culls, switches detail level, redraws once per frame. */
  viewChanged(): void {
    if (this.frameRequested) return
    this.frameRequested = true
    requestAnimationFrame(() => {
      this.frameRequested = false
      this.cull()
      this.stage.batchDraw()
      this.callbacks.onView()
    })
  }

  /**
   * Makes nodes for notes coming into view, hides what is outside it, and drops note
   * text when zoomed far out.
   */
  private cull(): void {
    const view = visibleRect(this.stage)
    const margin = 200 / this.stage.scaleX()
    const area = {
      x: view.x - margin,
      y: view.y - margin,
      width: view.width + 2 * margin,
      height: view.height + 2 * margin,
    }
    const showText = this.stage.scaleX() >= TEXT_MIN_SCALE
    const textChanged = showText !== this.textShown
    this.textShown = showText
    for (const note of this.records.values()) {
      const inView = intersects(noteRect(note), area)
      let node = this.notes.get(note.id)
      if (!node) {
        if (!inView) continue
        node = createNoteNode(note)
        node.text.visible(showText)
        this.notes.set(note.id, node)
        this.notesLayer.add(node.group)
        this.styleNote(note.id, node)
        continue
      }
      if (node.group.isDragging() || node.group.getLayer() === this.dragLayer) continue
      if (inView !== node.inView) {
        node.group.visible(inView)
        node.inView = inView
      }
      if (textChanged) node.text.visible(showText)
    }
    for (const node of this.clusters.values()) {
      node.group.visible(intersects(clusterRect(node.cluster, node.count), area))
    }
  }

  /** A board rectangle in CSS pixels relative to the container. */
  toScreen(rect: Rect): Rect {
    const s = this.stage.scaleX()
    return {
      x: rect.x * s + this.stage.x(),
      y: rect.y * s + this.stage.y(),
      width: rect.width * s,
      height: rect.height * s,
    }
  }

  /** A note's rectangle in page CSS pixels, or null when it is not drawn in view. */
  noteRect(id: string): Rect | null {
    const node = this.notes.get(id)
    if (!node || !node.group.isVisible()) return null
    return this.onPage(node.card.getClientRect({ skipStroke: true }))
  }

  /** A cluster's title bar in page CSS pixels, or null when it is not drawn in view. */
  clusterTitleRect(id: string): Rect | null {
    const node = this.clusters.get(id)
    if (!node || !node.group.isVisible()) return null
    return this.onPage(node.bar.getClientRect({ skipStroke: true }))
  }

  private onPage(box: Rect): Rect | null {
    const right = Math.min(box.x + box.width, this.stage.width())
    const bottom = Math.min(box.y + box.height, this.stage.height())
    if (right <= Math.max(box.x, 0) || bottom <= Math.max(box.y, 0)) return null
    const page = this.stage.container().getBoundingClientRect()
    return { x: page.left + box.x, y: page.top + box.y, width: box.width, height: box.height }
  }

  /** Cancels a drag in progress, putting everything back. True if there was one. */
  cancelDrag(): boolean {
    return this.input.cancelDrag()
  }

  /** Space held: the pointer pans instead of dragging notes. */
  setPanMode(on: boolean): void {
    this.input.setPanMode(on)
  }

  /** Frees the stage and its listeners. */
  destroy(): void {
    this.resizer.disconnect()
    this.input.destroy()
    this.stage.destroy()
  }
}
