/**
 * The Konva scene of one board, kept in step with the model. One board layer holds, bottom
 * to top, cluster frames, notes and cluster titles (always above notes, always grabbable);
 * above it, shown only while in use, the drag layer (whatever moves, so a drag redraws
 * only that) and an overlay (rubber band).
 * A note's nodes are made only once it first comes into view; nodes outside the view
 * are hidden (culling); cluster names keep a minimum size on screen at any zoom; far out,
 * clusters become labelled blocks and loose notes plain coloured blocks drawn in one pass.
 *
 * The scene never changes the model itself: gestures come out as ops through
 * `BoardCallbacks.onGesture`, and the model's new state comes back through `setBoard`,
 * which animates what moved (pushes, snaps, Tidy) when it is little enough to follow.
 * Limits: one prompt's board at a time; drops are decided in model coordinates by
 * core/board-gestures.ts, never by pixels.
 */
import Konva from 'konva'
import type { BoardView } from '../../core/board-gestures.ts'
import { boardOf, clusterNumbers, frameOf } from '../../core/board-gestures.ts'
import type { Rect } from '../../core/layout.ts'
import {
  NOTE_HEIGHT,
  NOTE_WIDTH,
  clusterRect,
  intersects,
  noteRect,
  union,
} from '../../core/layout.ts'
import type { Note, Workshop } from '../../core/model.ts'
import type { Op } from '../../core/ops.ts'
import { BoardInput } from './board-input.ts'
import { BoardMotion, MAX_ANIMATED } from './board-motion.ts'
import { cameraPath } from './camera-path.ts'
import type { ClusterNode } from './cluster-node.ts'
import {
  MIN_NAME_PX,
  blockLabelRect,
  pinRect,
  createClusterNode,
  scaleClusterLabel,
  updateClusterNode,
} from './cluster-node.ts'
import type { NoteNode } from './note-node.ts'
import {
  createNoteNode,
  setNoteVotes,
  showNoteAuthor,
  styleNoteNode,
  updateNoteNode,
} from './note-node.ts'
import { createOverviewShape } from './overview-shape.ts'
import { VEIL } from './palette.ts'
import type { View } from './viewport.ts'
import { OVERVIEW_SCALE, TEXT_MIN_SCALE, fitRect, visibleRect, zoomAbout } from './viewport.ts'

/** Below this zoom a camera flight draws the board as the overview. */
const FLIGHT_OVERVIEW_SCALE = 0.6
/** The side of a cell of the grid that finds the notes in view (board units, ~8 × 12 notes). */
const GRID_CELL = 2048
/**
 * A grid cell's key as a number (no string made per note): a board spans at most
 * ±10,000,000 units, under 8,192 cells either side of 0 on each axis.
 */
const cellKey = (cx: number, cy: number) => (cx + 8192) * 16384 + (cy + 8192)
/** Notes by grid cell of `GRID_CELL` board units (by their top-left corner). */
function gridOf(notes: Iterable<Note>): Map<number, Note[]> {
  const grid = new Map<number, Note[]>()
  for (const note of notes) {
    const key = cellKey(Math.floor(note.x / GRID_CELL), Math.floor(note.y / GRID_CELL))
    const cell = grid.get(key)
    if (cell) cell.push(note)
    else grid.set(key, [note])
  }
  return grid
}
/**
 * Which overview labels show: every cluster first keeps room for its number (a pin at its
 * centre), then, biggest first, a cluster's full label shows where it covers no other
 * label or pin: centred on its block, or else just below or above it, like a map label,
 * if it stays in `view` and off other clusters. Where it has no room, its pin shows if
 * that covers nothing shown.
 */
function placeOverviewLabels(nodes: ClusterNode[], view: Rect): void {
  const places = nodes
    .map((node) => ({ node, frame: clusterRect(node.cluster, node.count), pin: pinRect(node) }))
    .sort((a, b) => b.node.count - a.node.count)
  const shown: Rect[] = []
  const free = (node: ClusterNode, r: Rect) =>
    !shown.some((s) => intersects(s, r)) &&
    !places.some((p) => p.node !== node && p.pin !== null && intersects(p.pin, r))
  const aside = (node: ClusterNode, r: Rect) =>
    r.y >= view.y &&
    r.y + r.height <= view.y + view.height &&
    !places.some((p) => p.node !== node && intersects(p.frame, r))
  for (const { node, frame, pin } of places) {
    const centred = { ...blockLabelRect(node), y: node.cluster.y + node.blockY }
    const gap = centred.height * 0.1
    const below = { ...centred, y: frame.y + frame.height + gap }
    const above = { ...centred, y: frame.y - gap - centred.height }
    const label = free(node, centred)
      ? centred
      : [below, above].find((r) => aside(node, r) && free(node, r))
    // Konva ignores a value set again unchanged; a changed one asks for another frame.
    node.block.visible(label !== undefined)
    if (label) {
      node.block.y(label.y - node.cluster.y)
      node.pin.visible(false)
      shown.push(label)
      continue
    }
    const pinned = pin !== null && !shown.some((r) => intersects(r, pin))
    node.pin.visible(pinned)
    if (pinned) shown.push(pin)
  }
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
/**
 * Time per frame for making the nodes of notes that come into view (see `cull`): about
 * 25 notes, so a view at 100% fills in two frames; a zoom passing through makes fewer
 * nodes it never needed (main-thread time per zoom step 10 -> 8 ms at 10,000 notes).
 */
const NODE_BUDGET_MS = 3

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
  /** New notes arrived outside the view (or came into it): how many are still out of sight. */
  onArrivals(count: number): void
  /** While voting: a click put a dot on (1) or took one off (-1) a cluster or note. */
  onVote(target: { kind: 'cluster' | 'note'; id: string }, delta: 1 | -1): void
}

/** Notes and clusters currently selected. */
export interface Selection {
  notes: Set<string>
  cluster: string | null
}

/**
 * A layer that hands the redraw Konva asks for after every change (of a node, or of the
 * stage's zoom) to the scene's own frame (`viewChanged`): drawn once a frame, culled
 * first, and without the hit graph, which waits for the view to rest. Konva's own
 * redraw would draw the board a second time in the frame, hit graph and all.
 */
class SceneLayer extends Konva.Layer {
  onBatchDraw: (() => void) | undefined
  override batchDraw(): this {
    if (this.onBatchDraw) this.onBatchDraw()
    else super.batchDraw()
    return this
  }
}

/** A board drawn into a container element. */
export class BoardScene {
  readonly stage: Konva.Stage
  /**
   * The board itself, in one canvas: a zoom or pan redraws it, and each full-screen canvas
   * that changes costs a copy and a composite per frame, so frames, notes and titles are
   * groups of one layer rather than layers of their own.
   */
  readonly boardLayer = new SceneLayer()
  /** Cluster frames, under everything. */
  readonly framesGroup = new Konva.Group()
  /** The note groups in view (see `cull`); the overview takes the whole group out. */
  readonly notesGroup = new Konva.Group()
  /** Cluster titles, above the notes. */
  readonly titlesGroup = new Konva.Group()
  /** Shown only while something is dragged: an empty full-screen canvas still costs a composite per frame. */
  readonly dragLayer = new Konva.Layer({ visible: false })
  /** Shown only while a rubber band is drawn. */
  readonly overlayLayer = new Konva.Layer({ listening: false, visible: false })
  /** Konva nodes of the notes that have been in view so far. */
  readonly notes = new Map<string, NoteNode>()
  /** Every note of the board, drawn or not (replaced by each `setBoard`). */
  records = new Map<string, Note>()
  readonly clusters = new Map<string, ClusterNode>()
  readonly selection: Selection = { notes: new Set(), cluster: null }
  readonly callbacks: BoardCallbacks
  readonly motion: BoardMotion
  doc: Workshop | null = null
  board: BoardView | null = null
  private matches: Set<string> | null = null
  private overview = false
  private textShown = true
  private showAuthors = false
  private frameRequested = false
  /** The view moved since the last frame drawn (the owner hears of it then). */
  private viewMoved = false
  private destroyed = false
  /** Notes in view whose nodes are still to be made (drawn as plain cards meanwhile). */
  private pending: Note[] = []
  /** The loose notes among `records`, once asked for (see `looseNotes`). */
  private loose: Note[] | null = null
  /** `records` by grid cell of `GRID_CELL` board units, once asked for (see `cellsNear`). */
  private grid: Map<number, Note[]> | null = null
  /** Set while the hit graph lags a view change (see `staleHit`). */
  private hitTimer: ReturnType<typeof setTimeout> | null = null
  /** The content rectangle of the board it was measured on (a view change does not move it). */
  private content: { board: BoardView; rect: Rect | null } | null = null
  private arrivals = new Set<string>()
  /** How many boards `setBoard` has drawn (a board prepared before the last one is stale). */
  private drawn = 0
  /** The next board, indexed ahead of `setBoard` (see `prepareBoard`). */
  private prepared: {
    doc: Workshop
    board: BoardView
    records: Map<string, Note>
    grid: Map<number, Note[]>
    /** Its notes not on the board drawn then and out of view then. */
    arrivals: Set<string>
    drawn: number
  } | null = null
  /** A vote is open: clicks add dots and nothing on the board can be dragged. */
  voting = false
  /** The vote's counts are shown (false while hidden until the facilitator reveals them). */
  private countsShown = true
  /** Drawn notes that show dots, so zooming rescales only those. */
  private readonly votedNotes = new Set<NoteNode>()
  private markScale = 1
  /** The smallest a cluster name is drawn on screen (present mode asks for more). */
  private minNamePx = MIN_NAME_PX
  /** The camera move under way (present mode), and who waits for its end. */
  private camera: { frame: number; done: (() => void)[] } | null = null
  private readonly overviewShape: Konva.Shape
  /** Present mode: the cluster shown stays clear, the rest of the board under a veil. */
  private spotlight: Rect | null = null
  private readonly veil: Konva.Shape
  private readonly resizer: ResizeObserver
  private readonly input: BoardInput

  constructor(container: HTMLDivElement, callbacks: BoardCallbacks) {
    this.callbacks = callbacks
    this.stage = new Konva.Stage({
      container,
      width: container.clientWidth,
      height: container.clientHeight,
    })
    this.overviewShape = createOverviewShape(
      () => (this.overview ? this.looseNotes() : this.pending),
      () => visibleRect(this.stage),
      () => this.matches,
    )
    this.boardLayer.add(this.framesGroup, this.overviewShape, this.notesGroup, this.titlesGroup)
    this.boardLayer.onBatchDraw = () => this.redraw()
    this.veil = new Konva.Shape({
      listening: false,
      visible: false,
      perfectDrawEnabled: false,
      sceneFunc: (context) => {
        const hole = this.spotlight
        if (!hole) return
        const ctx = (context as unknown as { _context: CanvasRenderingContext2D })._context
        const view = visibleRect(this.stage)
        const pad = 12
        ctx.beginPath()
        ctx.rect(view.x - 1, view.y - 1, view.width + 2, view.height + 2)
        ctx.roundRect(hole.x - pad, hole.y - pad, hole.width + pad * 2, hole.height + pad * 2, 20)
        ctx.fillStyle = VEIL
        ctx.fill('evenodd')
      },
    })
    this.overlayLayer.add(this.veil)
    this.stage.add(this.boardLayer, this.dragLayer, this.overlayLayer)
    this.motion = new BoardMotion(() => this.stage.batchDraw())
    this.resizer = new ResizeObserver(() => {
      this.stage.size({ width: container.clientWidth, height: container.clientHeight })
      this.viewChanged()
    })
    this.resizer.observe(container)
    this.input = new BoardInput(this)
    // Capture on the container runs before Konva's own listeners on its content.
    for (const type of ['pointerdown', 'pointermove', 'mousedown', 'mousemove', 'touchstart']) {
      container.addEventListener(type, this.refreshHit, { capture: true })
    }
  }

  /** Draws the board of `promptId` as it is in `doc`: adds, updates, removes nodes by id. */
  setBoard(doc: Workshop, promptId: string): void {
    const first = this.board === null || this.board.promptId !== promptId
    const prepared =
      !first && this.prepared?.doc === doc && this.prepared.drawn === this.drawn
        ? this.prepared
        : null
    this.prepared = null
    this.drawn++
    this.doc = doc
    const board = prepared?.board ?? boardOf(doc, promptId)
    this.board = board
    const numbers = clusterNumbers(board)
    const vote = doc.prompts.find((p) => p.id === promptId)?.vote
    this.countsShown = !vote?.countsHidden
    const animate = !first && this.changedCount(board) <= MAX_ANIMATED
    const seenClusters = new Set<string>()
    for (const cluster of board.clusters) {
      seenClusters.add(cluster.id)
      let node = this.clusters.get(cluster.id)
      if (!node) {
        node = createClusterNode(cluster)
        this.clusters.set(cluster.id, node)
        this.framesGroup.add(node.frameGroup)
        this.titlesGroup.add(node.titleGroup)
        if (this.voting) this.setDraggable([node.frameGroup, node.titleGroup], false)
      }
      if (node.frameGroup.isDragging() || node.titleGroup.isDragging()) continue
      const from = node.frameGroup.position()
      const count = board.members.get(cluster.id)?.length ?? 0
      updateClusterNode(
        node,
        cluster,
        count,
        numbers.get(cluster.id) ?? null,
        this.selection.cluster === cluster.id,
        this.countsShown ? cluster.votes : null,
      )
      if (animate) {
        this.motion.add(node.frameGroup, from, { x: cluster.x, y: cluster.y })
        this.motion.add(node.titleGroup, from, { x: cluster.x, y: cluster.y })
      }
    }
    for (const [id, node] of this.clusters) {
      if (!seenClusters.has(id)) {
        this.motion.forget(node.frameGroup)
        this.motion.forget(node.titleGroup)
        node.frameGroup.destroy()
        node.titleGroup.destroy()
        this.clusters.delete(id)
      }
    }
    const view = first ? null : this.cullArea()
    const before = this.records.size
    const previous = this.records
    this.records = prepared?.records ?? new Map()
    this.loose = null
    this.grid = prepared?.grid ?? null
    if (prepared && this.arrivals.size === 0) this.arrivals = prepared.arrivals
    else if (prepared) for (const id of prepared.arrivals) this.arrivals.add(id)
    for (const note of board.notes) {
      if (!prepared) {
        this.records.set(note.id, note)
        if (view && !previous.has(note.id) && !intersects(noteRect(note), view)) {
          this.arrivals.add(note.id)
        }
      }
      const node = this.notes.get(note.id)
      if (node && !node.group.isDragging() && node.group.getLayer() !== this.dragLayer) {
        const from = node.group.position()
        updateNoteNode(node, note)
        this.showNoteVotes(node)
        if (animate && node.inView) this.motion.add(node.group, from, { x: note.x, y: note.y })
      }
    }
    for (const [id, node] of this.notes) {
      if (!this.records.has(id)) {
        this.motion.forget(node.group)
        node.group.destroy()
        this.notes.delete(id)
        this.votedNotes.delete(node)
      }
    }
    for (const id of this.arrivals) if (!this.records.has(id)) this.arrivals.delete(id)
    let selectionChanged = false
    for (const id of this.selection.notes) {
      if (!this.records.has(id)) selectionChanged = this.selection.notes.delete(id)
    }
    if (this.selection.cluster && !seenClusters.has(this.selection.cluster)) {
      this.selection.cluster = null
      selectionChanged = true
    }
    this.motion.run()
    this.cull()
    this.restyle()
    this.stage.batchDraw()
    if (selectionChanged) this.callbacks.onSelection()
    if (this.arrivals.size > 0 || before !== this.records.size) this.reportArrivals()
  }

  /**
   * Indexes the board of `promptId` in `doc` ahead of `setBoard(doc, promptId)`, a part
   * per task, so the task that then draws it only takes the indexes: a big change (an
   * import of 100,000 notes) never holds the window for long. Only for the board shown;
   * stale, and unused, once another board is drawn meanwhile.
   */
  async prepareBoard(doc: Workshop, promptId: string): Promise<void> {
    const drawn = this.drawn
    const current = () => drawn === this.drawn && !this.destroyed
    if (this.board?.promptId !== promptId) return
    const board = boardOf(doc, promptId)
    await nextTask()
    if (!current()) return
    const records = new Map<string, Note>()
    const arrivals = new Set<string>()
    const view = this.cullArea()
    for (const note of board.notes) {
      records.set(note.id, note)
      if (!this.records.has(note.id) && !intersects(noteRect(note), view)) arrivals.add(note.id)
    }
    await nextTask()
    if (!current()) return
    this.prepared = { doc, board, records, grid: gridOf(records.values()), arrivals, drawn }
  }

  /** How many drawn nodes the new board moves (to decide whether to animate). */
  private changedCount(board: BoardView): number {
    let moved = 0
    for (const note of board.notes) {
      const node = this.notes.get(note.id)
      if (node?.inView && (node.note.x !== note.x || node.note.y !== note.y)) moved++
    }
    return moved
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
    for (const [id, node] of this.clusters) {
      updateClusterNode(
        node,
        node.cluster,
        node.count,
        node.number,
        this.selection.cluster === id,
        node.shownVotes,
      )
      scaleClusterLabel(node, this.stage.scaleX(), this.overview, this.minNamePx)
    }
    this.restyle()
    this.stage.batchDraw()
    this.callbacks.onSelection()
  }

  /**
   * Highlights notes whose text contains `query` (case-insensitive) and fades the rest;
   * null clears. Returns the matches in reading order (by cluster number, then loose notes).
   */
  search(query: string | null): string[] {
    const q = query?.trim().toLocaleLowerCase() ?? ''
    this.matches = null
    let found: Note[] = []
    if (q !== '' && this.board) {
      const rank = clusterNumbers(this.board)
      found = this.board.notes
        .filter((n) => !n.hidden && n.text.toLocaleLowerCase().includes(q))
        .sort(
          (a, b) =>
            (a.clusterId ? rank.get(a.clusterId)! : Infinity) -
              (b.clusterId ? rank.get(b.clusterId)! : Infinity) ||
            a.y - b.y ||
            a.x - b.x,
        )
      this.matches = new Set(found.map((n) => n.id))
    }
    this.restyle()
    this.stage.batchDraw()
    return found.map((n) => n.id)
  }

  private restyle(): void {
    for (const [id, node] of this.notes) this.styleNote(id, node)
  }

  private styleNote(id: string, node: NoteNode): void {
    const matched = this.matches?.has(id) ?? false
    styleNoteNode(node, this.selection.notes.has(id) || matched, this.matches !== null && !matched)
  }

  /** Draws a note's dots (when it has some and counts are shown) at the zoom's mark scale. */
  private showNoteVotes(node: NoteNode): void {
    const votes = this.countsShown && !node.note.hidden ? node.note.votes : 0
    if (votes === 0 && !node.votes) return
    if (setNoteVotes(node, votes, this.markScale)) this.votedNotes.add(node)
    else this.votedNotes.delete(node)
  }

  /**
   * Turns voting on or off: while a vote is open a click adds a dot, and nothing on the
   * board can be dragged, so a shaky hand at the projector never rearranges the room's work.
   */
  setVoting(on: boolean): void {
    if (this.voting === on) return
    this.voting = on
    const groups: Konva.Group[] = []
    for (const node of this.notes.values()) groups.push(node.group)
    for (const node of this.clusters.values()) groups.push(node.frameGroup, node.titleGroup)
    this.setDraggable(groups, !on)
  }

  private setDraggable(groups: Konva.Group[], on: boolean): void {
    for (const group of groups) group.draggable(on)
  }

  /** Shows or hides who gave each reply (the View setting). */
  setShowAuthors(show: boolean): void {
    this.showAuthors = show
    for (const node of this.notes.values()) showNoteAuthor(node, show && this.textShown)
    this.boardLayer.batchDraw()
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

  /** Everything on the board (cluster frames and loose notes), or null when it is empty. */
  contentRect(): Rect | null {
    if (!this.board) return null
    if (this.content?.board === this.board) return this.content.rect
    const board = this.board
    const rect = union([
      ...board.notes.filter((n) => n.clusterId === null).map(noteRect),
      ...board.clusters.map((c) => frameOf(board, c)),
    ])
    this.content = { board, rect }
    return rect
  }

  /** Shows the whole board. */
  zoomToFit(): void {
    const all = this.contentRect()
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

  /** Centres a note, zooming in enough to read it. */
  centreNote(id: string): void {
    const note = this.records.get(id)
    if (!note) return
    const scale = Math.max(this.stage.scaleX(), 0.8)
    const r = noteRect(note)
    this.stage.scale({ x: scale, y: scale })
    this.stage.position({
      x: this.stage.width() / 2 - (r.x + r.width / 2) * scale,
      y: this.stage.height() / 2 - (r.y + r.height / 2) * scale,
    })
    this.viewChanged()
  }

  /** Brings the notes that arrived out of sight into view. */
  showArrivals(): void {
    const box = union(
      [...this.arrivals].flatMap((id) => {
        const note = this.records.get(id)
        return note ? [noteRect(note)] : []
      }),
    )
    if (!box) return
    fitRect(this.stage, box, 48, Math.max(0.5, this.stage.scaleX()))
    this.viewChanged()
  }

  private reportArrivals(): void {
    const view = visibleRect(this.stage)
    // Only notes near the view can have come into it (a big import leaves most out of sight).
    for (const cell of this.cellsNear(view)) {
      for (const note of cell) {
        if (this.arrivals.has(note.id) && intersects(noteRect(note), view)) {
          this.arrivals.delete(note.id)
        }
      }
    }
    this.callbacks.onArrivals(this.arrivals.size)
  }

  /** The current zoom (1 = 100%). */
  get scale(): number {
    return this.stage.scaleX()
  }

  /** The camera, to remember per board. */
  get view(): View {
    return { x: this.stage.x(), y: this.stage.y(), scale: this.stage.scaleX() }
  }

  /** Puts the camera back where it was. */
  setView(view: View): void {
    this.stage.scale({ x: view.scale, y: view.scale })
    this.stage.position({ x: view.x, y: view.y })
    this.viewChanged()
  }

  /** Brings the stage to its container's size now (after a layout change); returns it. */
  syncSize(): { width: number; height: number } {
    const box = this.stage.container()
    const size = { width: box.clientWidth, height: box.clientHeight }
    if (size.width !== this.stage.width() || size.height !== this.stage.height()) {
      this.stage.size(size)
      this.viewChanged()
    }
    return size
  }

  /** The view's width over its height (what the inbox and Tidy shape the board for). */
  get aspect(): number {
    return this.stage.width() / Math.max(1, this.stage.height())
  }

  /** Call after any change of view: culls, switches detail level, redraws once per frame. */
  viewChanged(): void {
    this.viewMoved = true
    this.redraw()
  }

  /** Draws the board again in the next frame (Konva asks for this after any change). */
  private redraw(): void {
    if (this.frameRequested || this.destroyed) return
    this.frameRequested = true
    requestAnimationFrame(() => {
      this.frameRequested = false
      if (!this.destroyed) this.drawView()
    })
  }

  /** Culls and draws the view in this frame (called from an animation frame). */
  private drawView(): void {
    this.cull()
    // Drawn now, in this frame: batchDraw would wait for the next one, a frame late. Only
    // what is seen: the hit graph (what the pointer would grab) waits until the view rests.
    for (const layer of this.stage.getLayers()) if (layer.isVisible()) layer.drawScene()
    this.staleHit()
    if (this.viewMoved) {
      this.viewMoved = false
      this.callbacks.onView()
      // Notes that arrived out of sight come into it by a view change (or a board change,
      // which reports them itself).
      if (this.arrivals.size > 0) this.reportArrivals()
    }
  }

  /**
   * Moves the camera smoothly to `target` (see camera-path.ts), drawing every frame;
   * a new move starts from wherever the last one had got to. Resolves when it arrives.
   */
  animateView(target: View): Promise<void> {
    const previous = this.camera
    if (previous) cancelAnimationFrame(previous.frame)
    const path = cameraPath(this.view, target, this.stage.width(), this.stage.height())
    const camera = { frame: 0, done: previous?.done ?? [] }
    this.camera = camera
    const promise = new Promise<void>((resolve) => camera.done.push(resolve))
    let start = -1
    const tick = (now: number) => {
      if (start < 0) start = now
      const t = path.duration > 0 ? (now - start) / path.duration : 1
      const view = path.at(t)
      this.stage.scale({ x: view.scale, y: view.scale })
      this.stage.position({ x: view.x, y: view.y })
      if (t >= 1) this.camera = null // the last frame is drawn in full detail
      this.viewMoved = true
      this.drawView()
      if (t < 1) {
        camera.frame = requestAnimationFrame(tick)
        return
      }
      for (const resolve of camera.done) resolve()
    }
    camera.frame = requestAnimationFrame(tick)
    return promise
  }

  /** Loose notes, for the overview (notes in clusters show as their cluster's block). */
  private looseNotes(): Note[] {
    this.loose ??= [...this.records.values()].filter((note) => note.clusterId === null)
    return this.loose
  }

  /** The grid cells of notes (by top-left corner) that `area`, widened by a note, touches. */
  private cellsNear(area: Rect): Note[][] {
    this.grid ??= gridOf(this.records.values())
    const x0 = Math.floor((area.x - NOTE_WIDTH) / GRID_CELL)
    const y0 = Math.floor((area.y - NOTE_HEIGHT) / GRID_CELL)
    const x1 = Math.floor((area.x + area.width) / GRID_CELL)
    const y1 = Math.floor((area.y + area.height) / GRID_CELL)
    const cells: Note[][] = []
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const cell = this.grid.get(cellKey(cx, cy))
        if (cell) cells.push(cell)
      }
    }
    return cells
  }

  /** Resolves once the frame asked for is drawn and every note in view in full (see `cull`). */
  async detailSettled(): Promise<void> {
    while (this.frameRequested || this.pending.length > 0) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
    }
  }

  /** True while the camera moves on its own (present mode). */
  get cameraMoving(): boolean {
    return this.camera !== null
  }

  /** Resolves once the camera has stopped moving on its own. */
  cameraSettled(): Promise<void> {
    if (!this.camera) return Promise.resolve()
    const camera = this.camera
    return new Promise((resolve) => camera.done.push(resolve))
  }

  /** Veils the board but `rect` (present mode's cluster), or lifts the veil (null). */
  setSpotlight(rect: Rect | null): void {
    this.spotlight = rect
    this.veil.visible(rect !== null)
    this.overlayLayer.visible(rect !== null || this.overlayLayer.getChildren().length > 1)
    this.overlayLayer.batchDraw()
  }

  /** Sets the smallest on-screen size of cluster names (present mode: 48 px). */
  setMinNamePx(px: number): void {
    if (px === this.minNamePx) return
    this.minNamePx = px
    for (const node of this.clusters.values()) node.labelScale = 0
    this.viewChanged()
  }

  /**
   * Draws everything again in the palette's current colours (after a theme change):
   * nodes are made afresh, as they are when they first come into view.
   */
  retheme(): void {
    this.motion.finish()
    for (const node of this.notes.values()) node.group.destroy()
    this.notes.clear()
    for (const node of this.clusters.values()) {
      node.frameGroup.destroy()
      node.titleGroup.destroy()
    }
    this.clusters.clear()
    const doc = this.doc
    const promptId = this.board?.promptId
    this.board = null
    if (doc && promptId) this.setBoard(doc, promptId)
  }

  /** The on-screen size in CSS pixels of the reply text of each note drawn in view. */
  noteTextPx(): number[] {
    if (this.overview || !this.textShown) return []
    const view = visibleRect(this.stage)
    const sizes: number[] = []
    for (const node of this.notes.values()) {
      if (!node.group.isVisible() || node.note.hidden) continue
      if (!intersects(noteRect(node.note), view)) continue
      sizes.push(node.text.fontSize() * this.stage.scaleX())
    }
    return sizes
  }

  /**
   * Marks the hit graph out of date: it is redrawn once the view has rested a moment, or
   * at once when the pointer presses, or moves with no button down (before Konva looks at
   * it). A move with a button down (a drag, a band, a pan) needs no shape under it: those
   * gestures go by the board's geometry, and redrawing the hit graph at each step of them
   * would cost a frame.
   */
  private staleHit(): void {
    if (this.hitTimer !== null) clearTimeout(this.hitTimer)
    this.hitTimer = setTimeout(this.refreshHit, 120)
  }

  private readonly refreshHit = (event?: Event): void => {
    if (this.hitTimer === null) return
    if (event instanceof MouseEvent && event.type.endsWith('move') && event.buttons !== 0) return
    clearTimeout(this.hitTimer)
    this.hitTimer = null
    for (const layer of this.stage.getLayers()) if (layer.isVisible()) layer.drawHit()
  }

  private cullArea(): Rect {
    const view = visibleRect(this.stage)
    const margin = 200 / this.stage.scaleX()
    return {
      x: view.x - margin,
      y: view.y - margin,
      width: view.width + 2 * margin,
      height: view.height + 2 * margin,
    }
  }

  /**
   * Makes nodes for notes coming into view, hides what is outside it, switches to the
   * overview far out, and sizes cluster labels for the zoom.
   */
  private cull(): void {
    const scale = this.stage.scaleX()
    // While the camera flies (present mode), the middle zooms draw as the overview: making
    // hundreds of notes' nodes for the few frames they pass by would stall the flight.
    const overview = scale < (this.camera ? FLIGHT_OVERVIEW_SCALE : OVERVIEW_SCALE)
    this.overview = overview
    this.notesGroup.visible(!overview)
    // Konva walks every node under the stage on each zoom or pan step (to drop cached
    // transforms), hidden or not: notes out of sight are taken out of the tree, and in the
    // overview all of them at once.
    if (overview !== (this.notesGroup.getParent() === null)) {
      if (overview) this.notesGroup.remove()
      else {
        this.boardLayer.add(this.notesGroup)
        this.notesGroup.zIndex(this.titlesGroup.zIndex())
      }
    }
    const area = this.cullArea()
    // A camera flight (present mode) shows the notes as cards; their words land with it.
    const showText = scale >= TEXT_MIN_SCALE && this.camera === null
    const textChanged = showText !== this.textShown
    this.textShown = showText
    this.pending = []
    if (!overview) {
      // Making a note's nodes costs about a third of a millisecond: a zoom that brings
      // hundreds into view makes them over several frames, drawing the rest as plain cards
      // meanwhile, so the zoom itself never stalls.
      const deadline = performance.now() + NODE_BUDGET_MS
      const moving = (node: NoteNode) =>
        node.group.isDragging() || node.group.getLayer() === this.dragLayer
      for (const group of [...this.notesGroup.getChildren()]) {
        const node = this.notes.get(group.id())
        if (!node || moving(node) || intersects(noteRect(node.note), area)) continue
        node.group.visible(false)
        node.inView = false
        node.group.remove()
      }
      for (const note of this.cellsNear(area).flat()) {
        if (!intersects(noteRect(note), area)) continue
        const node = this.notes.get(note.id)
        if (node) {
          if (!node.inView && !moving(node)) {
            node.group.visible(true)
            node.inView = true
            this.notesGroup.add(node.group)
          }
          continue
        }
        if (performance.now() > deadline) {
          this.pending.push(note)
          continue
        }
        const made = createNoteNode(note)
        if (this.voting) made.group.draggable(false)
        this.showNoteVotes(made)
        made.text.visible(showText)
        showNoteAuthor(made, this.showAuthors && showText)
        this.notes.set(note.id, made)
        this.notesGroup.add(made.group)
        this.styleNote(note.id, made)
      }
      if (textChanged) {
        for (const node of this.notes.values()) {
          node.text.visible(showText)
          showNoteAuthor(node, this.showAuthors && showText)
        }
      }
    } else if (textChanged) {
      for (const node of this.notes.values()) {
        node.text.visible(showText)
        showNoteAuthor(node, false)
      }
    }
    this.overviewShape.visible(overview || this.pending.length > 0)
    if (this.pending.length > 0) this.redraw()
    // Dots on notes keep a readable size on screen when zoomed out (a cluster's follow its label).
    const markScale = Math.min(2.5, Math.max(1, 0.7 / scale))
    if (markScale !== this.markScale) {
      this.markScale = markScale
      for (const node of this.votedNotes) setNoteVotes(node, node.votes?.votes ?? 0, markScale)
    }
    const labelled: ClusterNode[] = []
    for (const node of this.clusters.values()) {
      const inView = intersects(clusterRect(node.cluster, node.count), area)
      node.frameGroup.visible(inView)
      node.titleGroup.visible(inView)
      if (!inView) continue
      scaleClusterLabel(node, scale, overview, this.minNamePx)
      if (overview) labelled.push(node)
    }
    if (labelled.length > 0) placeOverviewLabels(labelled, visibleRect(this.stage))
  }

  /** The dots drawn on a cluster or note: how many marks and the count beside them, or null. */
  voteMark(kind: 'cluster' | 'note', id: string): { marks: number; count: string } | null {
    const mark = kind === 'cluster' ? this.clusters.get(id)?.votes : this.notes.get(id)?.votes
    if (!mark?.group.isVisible()) return null
    return { marks: mark.dots.filter((d) => d.visible()).length, count: mark.count.text() }
  }

  /** The on-screen size in CSS pixels of each cluster name drawn in view. */
  clusterNamePx(): number[] {
    const scale = this.stage.scaleX()
    const sizes: number[] = []
    for (const node of this.clusters.values()) {
      if (!node.titleGroup.isVisible()) continue
      if (this.overview) {
        if (node.block.isVisible()) {
          sizes.push(node.blockName.fontSize() * node.block.scaleX() * scale)
        }
      } else {
        sizes.push(node.name.fontSize() * node.label.scaleX() * scale)
      }
    }
    return sizes
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
    if (!node || !node.group.isVisible() || this.overview) return null
    return this.onPage(node.card.getClientRect({ skipStroke: true }))
  }

  /** A cluster's title bar in page CSS pixels, or null when it is not drawn in view. */
  clusterTitleRect(id: string): Rect | null {
    const node = this.clusters.get(id)
    if (!node || !node.titleGroup.isVisible()) return null
    return this.onPage(node.bar.getClientRect({ skipStroke: true }))
  }

  /** A cluster's frame in page CSS pixels (even partly out of view), or null when not drawn. */
  clusterRect(id: string): Rect | null {
    const node = this.clusters.get(id)
    if (!node || !node.frameGroup.isVisible()) return null
    return this.onPage(node.frame.getClientRect({ skipStroke: true }), true)
  }

  /** The whole board's content in page CSS pixels (it may reach out of view). */
  boardRect(): Rect | null {
    const all = this.contentRect()
    return all ? this.onPage(this.toScreen(all), true) : null
  }

  private onPage(box: Rect, partly = false): Rect | null {
    if (!partly) {
      const right = Math.min(box.x + box.width, this.stage.width())
      const bottom = Math.min(box.y + box.height, this.stage.height())
      if (right <= Math.max(box.x, 0) || bottom <= Math.max(box.y, 0)) return null
    }
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
    this.destroyed = true
    if (this.hitTimer !== null) clearTimeout(this.hitTimer)
    this.hitTimer = null
    if (this.camera) cancelAnimationFrame(this.camera.frame)
    this.motion.finish()
    this.resizer.disconnect()
    this.input.destroy()
    this.stage.destroy()
  }
}
