/**
 * Pointer input on the board: click and shift-click selection, rubber-band selection,
 * dragging notes (the whole selection moves together) and clusters (by the title bar or
 * any empty part of the frame),
 * Escape to put a drag back, wheel and pinch zoom, wheel and space-drag panning.
 *
 * While a vote is open a click votes instead of selecting: on a cluster (title or frame)
 * or a note it adds a dot, with Shift or Alt it takes one off, and a double click is two
 * dots, never an edit. Nothing can be dragged then (the scene turns dragging off): in a
 * room, a hurried click with a shaky hand must add a dot, not move a cluster. Panning
 * (wheel, Space or middle button) and zoom still work; End vote gives dragging back.
 *
 * While a drag is under way Konva owns the node positions; at drag end the gesture is
 * turned into ops by core/board-gestures.ts and the nodes glide from where they were
 * dropped to where the model puts them, so the model alone decides where things end up.
 * Limits: mouse and trackpad; touch gestures beyond a one-finger drag are not handled.
 */
import Konva from 'konva'
import { dropCluster, dropNotes } from '../../core/board-gestures.ts'
import type { Op } from '../../core/ops.ts'
import { intersects, noteRect } from '../../core/layout.ts'
import type { BoardScene } from './board-scene.ts'
import { SELECTION } from './palette.ts'
import { toBoard, zoomAbout } from './viewport.ts'

interface Drag {
  kind: 'notes' | 'cluster'
  /** The id of the note or cluster under the pointer. */
  id: string
  /** The node under the pointer (a note group, or a cluster's frame or title). */
  lead: Konva.Group
  /** Model start positions of every moving note and cluster, by id. */
  starts: Map<string, { x: number; y: number }>
  /** Nodes that follow the lead, with their start positions. */
  followers: Map<Konva.Group, { x: number; y: number }>
  /** Where each moved node goes back to, and on which layer. */
  homes: Map<Konva.Group, Konva.Container>
  cancelled: boolean
}

/** Wires pointer events of one scene. */
export class BoardInput {
  private readonly scene: BoardScene
  private drag: Drag | null = null
  private band: { start: { x: number; y: number }; rect: Konva.Rect; additive: boolean } | null =
    null
  private pan: { x: number; y: number } | null = null
  private panMode = false

  constructor(scene: BoardScene) {
    this.scene = scene
    const stage = scene.stage
    stage.on('dragstart', (e) => this.onDragStart(e))
    stage.on('dragmove', (e) => this.onDragMove(e))
    stage.on('dragend', (e) => this.onDragEnd(e))
    stage.on('click tap', (e) => this.onClick(e))
    stage.on('dblclick dbltap', (e) => this.onDoubleClick(e))
    stage.on('mousedown', (e) => this.onPointerDown(e))
    // Wheel, and the moves and release of a pan or band, on the elements and not through
    // Konva: Konva passes an event to the shape under the pointer as its hit graph last saw
    // it, which lags a zoom or pan (see BoardScene.staleHit) and may name a note just taken
    // out of view, whose event then never reaches the stage.
    const box = stage.container()
    box.addEventListener('wheel', this.onWheel, { passive: false })
    box.addEventListener('mousedown', this.onPanStart, { capture: true })
  }

  /**
   * Follows a pan or band to its release, on the window: the pointer may leave the board
   * (over the side panel, out of the window) while the button is held. Capture: before
   * Konva's click.
   */
  private followPointer(): void {
    window.addEventListener('mousemove', this.onPointerMove, { capture: true })
    window.addEventListener('mouseup', this.onPointerUp, { capture: true })
  }

  private unfollowPointer(): void {
    window.removeEventListener('mousemove', this.onPointerMove, { capture: true })
    window.removeEventListener('mouseup', this.onPointerUp, { capture: true })
  }

  /** Notes or cluster group under an event's target, if any. */
  private hit(
    target: Konva.Node,
  ): { kind: 'note' | 'cluster'; id: string; group: Konva.Group } | null {
    for (
      let node: Konva.Node | null = target;
      node && node !== this.scene.stage;
      node = node.getParent()
    ) {
      if (node instanceof Konva.Group) {
        if (this.scene.notes.has(node.id())) return { kind: 'note', id: node.id(), group: node }
        const clusterId = node.getAttr('clusterId') as string | undefined
        if (clusterId && this.scene.clusters.has(clusterId)) {
          return { kind: 'cluster', id: clusterId, group: node }
        }
      }
    }
    return null
  }

  private pointer(): { x: number; y: number } | null {
    const p = this.scene.stage.getPointerPosition()
    return p ? toBoard(this.scene.stage, p) : null
  }

  private onClick(e: Konva.KonvaEventObject<MouseEvent>): void {
    if (e.evt.button !== 0) return
    const hit = this.hit(e.target)
    const { selection } = this.scene
    if (hit && this.scene.voting) {
      const remove = e.evt.shiftKey || e.evt.altKey
      this.scene.callbacks.onVote({ kind: hit.kind, id: hit.id }, remove ? -1 : 1)
      return
    }
    if (!hit) {
      if (!this.bandJustEnded && (selection.notes.size > 0 || selection.cluster))
        this.scene.selectNotes([])
      this.bandJustEnded = false
      return
    }
    if (hit.kind === 'cluster') {
      this.scene.selectCluster(hit.id)
    } else if (e.evt.shiftKey || e.evt.metaKey || e.evt.ctrlKey) {
      const next = new Set(selection.notes)
      if (!next.delete(hit.id)) next.add(hit.id)
      this.scene.selectNotes(next)
    } else {
      this.scene.selectNotes([hit.id])
    }
  }

  private bandJustEnded = false

  private onDoubleClick(e: Konva.KonvaEventObject<MouseEvent>): void {
    if (this.scene.voting) return // each click of it was a dot
    const hit = this.hit(e.target)
    if (hit?.kind === 'note') this.scene.callbacks.onEditNote(hit.id)
    else if (hit?.kind === 'cluster') this.scene.zoomToCluster(hit.id)
  }

  private onDragStart(e: Konva.KonvaEventObject<DragEvent>): void {
    const hit = this.hit(e.target)
    if (!hit || (hit.group as Konva.Node) !== e.target || this.panMode) {
      e.target.stopDrag()
      return
    }
    const { scene } = this
    scene.motion.finish() // a drag starts from where things really are
    const starts = new Map<string, { x: number; y: number }>()
    const followers = new Map<Konva.Group, { x: number; y: number }>()
    const homes = new Map<Konva.Group, Konva.Container>()
    const follow = (group: Konva.Group) => {
      homes.set(group, group.getParent()!)
      if (group !== hit.group) followers.set(group, group.position())
    }
    if (hit.kind === 'note') {
      if (!scene.selection.notes.has(hit.id)) scene.selectNotes([hit.id])
      // Selected notes out of view move too (by the gesture's ops); only drawn ones follow.
      for (const id of scene.selection.notes) {
        const note = scene.records.get(id)
        if (!note) continue
        starts.set(id, { x: note.x, y: note.y })
        const node = scene.notes.get(id)
        if (node) follow(node.group)
      }
    } else {
      scene.selectCluster(hit.id)
      const node = scene.clusters.get(hit.id)!
      starts.set(hit.id, { x: node.cluster.x, y: node.cluster.y })
      follow(node.frameGroup)
      follow(node.titleGroup)
      for (const note of scene.board?.members.get(hit.id) ?? []) {
        starts.set(note.id, { x: note.x, y: note.y })
        const noteNode = scene.notes.get(note.id)
        if (noteNode) follow(noteNode.group)
      }
    }
    this.drag = {
      kind: hit.kind === 'note' ? 'notes' : 'cluster',
      id: hit.id,
      lead: hit.group,
      starts,
      followers,
      homes,
      cancelled: false,
    }
    // Frames first, so on the drag layer a cluster's notes and title stay above its frame.
    const order = [...homes.keys()].sort(
      (a, b) =>
        Number(b.getParent() === scene.framesGroup) - Number(a.getParent() === scene.framesGroup),
    )
    for (const group of order) {
      group.visible(true)
      group.moveTo(scene.dragLayer)
    }
    scene.dragLayer.visible(true)
    scene.stage.batchDraw()
  }

  private onDragMove(e: Konva.KonvaEventObject<DragEvent>): void {
    const drag = this.drag
    if (!drag || e.target !== (drag.lead as Konva.Node)) return
    const start = drag.starts.get(drag.id)!
    const dx = drag.lead.x() - start.x
    const dy = drag.lead.y() - start.y
    for (const [group, s] of drag.followers) group.position({ x: s.x + dx, y: s.y + dy })
  }

  private onDragEnd(e: Konva.KonvaEventObject<DragEvent>): void {
    const drag = this.drag
    if (!drag || e.target !== (drag.lead as Konva.Node)) return
    this.drag = null
    const { scene } = this
    const start = drag.starts.get(drag.id)!
    const dx = Math.round(drag.lead.x() - start.x)
    const dy = Math.round(drag.lead.y() - start.y)
    const point = this.pointer()
    for (const [group, home] of drag.homes) group.moveTo(home)
    scene.dragLayer.visible(false)
    let ops: Op[] = []
    let created: string | null = null
    if (!drag.cancelled && point && scene.doc && scene.board && (dx !== 0 || dy !== 0)) {
      if (drag.kind === 'notes') {
        const moves = [...drag.starts].map(([id, s]) => ({ id, x: s.x + dx, y: s.y + dy }))
        const gesture = dropNotes(scene.doc, scene.board.promptId, moves, point)
        ops = gesture.ops
        created = gesture.createdCluster
      } else {
        ops = dropCluster(scene.doc, drag.id, { x: start.x + dx, y: start.y + dy }, point)
      }
    }
    if (ops.length === 0) {
      // Nothing changes: everything goes back where the model has it.
      const cluster = drag.kind === 'cluster' ? scene.clusters.get(drag.id) : undefined
      for (const group of drag.homes.keys()) {
        const note = scene.records.get(group.id())
        if (note) group.position({ x: note.x, y: note.y })
        else if (cluster) group.position({ x: cluster.cluster.x, y: cluster.cluster.y })
      }
    }
    scene.stage.batchDraw()
    // The nodes stay where they were dropped; the new board glides them into place.
    if (ops.length > 0) scene.callbacks.onGesture(ops, created)
    scene.viewChanged()
  }

  /** Puts a drag in progress back where it started. */
  cancelDrag(): boolean {
    if (!this.drag) return false
    this.drag.cancelled = true
    this.drag.lead.stopDrag() // fires dragend, which restores the positions
    return true
  }

  setPanMode(on: boolean): void {
    this.panMode = on
    this.scene.stage.container().style.cursor = on ? 'grab' : ''
  }

  /**
   * Space held or the middle button: a pan, which Konva never sees, so a note under the
   * pointer does not start a drag of its own.
   */
  private readonly onPanStart = (event: MouseEvent): void => {
    if (!this.panMode && event.button !== 1) return
    const { stage } = this.scene
    stage.setPointersPositions(event)
    this.pan = stage.getPointerPosition()
    this.followPointer()
    event.preventDefault()
    event.stopPropagation()
  }

  private onPointerDown(e: Konva.KonvaEventObject<MouseEvent>): void {
    const { stage } = this.scene
    const p = stage.getPointerPosition()
    if (!p || e.evt.button !== 0 || this.hit(e.target)) return
    const start = toBoard(stage, p)
    const rect = new Konva.Rect({
      ...start,
      width: 0,
      height: 0,
      fill: 'rgba(36, 80, 200, 0.08)',
      stroke: SELECTION,
      strokeWidth: 1.5 / stage.scaleX(),
      dash: [6 / stage.scaleX(), 4 / stage.scaleX()],
    })
    this.scene.overlayLayer.add(rect)
    this.scene.overlayLayer.visible(true)
    this.band = { start, rect, additive: e.evt.shiftKey }
    this.followPointer()
  }

  private readonly onPointerMove = (event: MouseEvent): void => {
    const { stage } = this.scene
    stage.setPointersPositions(event)
    const p = stage.getPointerPosition()
    if (!p) return
    if (this.pan) {
      this.scene.panBy(p.x - this.pan.x, p.y - this.pan.y)
      this.pan = p
      return
    }
    if (!this.band) return
    const now = toBoard(stage, p)
    const { start, rect } = this.band
    rect.setAttrs({
      x: Math.min(start.x, now.x),
      y: Math.min(start.y, now.y),
      width: Math.abs(now.x - start.x),
      height: Math.abs(now.y - start.y),
    })
    this.scene.overlayLayer.batchDraw()
  }

  private readonly onPointerUp = (): void => {
    this.unfollowPointer()
    this.pan = null
    const band = this.band
    if (!band) return
    this.band = null
    const area = {
      x: band.rect.x(),
      y: band.rect.y(),
      width: band.rect.width(),
      height: band.rect.height(),
    }
    band.rect.destroy()
    // Present mode's veil may share the overlay: hide the layer only when nothing shows on it.
    const overlay = this.scene.overlayLayer
    overlay.visible(overlay.getChildren().some((child) => child.visible()))
    overlay.batchDraw()
    if (area.width < 4 && area.height < 4) return // a click, not a band
    const picked = (this.scene.board?.notes ?? [])
      .filter((n) => intersects(noteRect(n), area))
      .map((n) => n.id)
    this.scene.selectNotes(band.additive ? [...this.scene.selection.notes, ...picked] : picked)
    this.bandJustEnded = true
  }

  /** Wheel pans; Ctrl/Cmd + wheel (and trackpad pinch) zooms about the pointer. */
  private readonly onWheel = (event: WheelEvent): void => {
    event.preventDefault()
    const { deltaX, deltaY, ctrlKey, metaKey, shiftKey } = event
    const { stage } = this.scene
    if (ctrlKey || metaKey) {
      stage.setPointersPositions(event)
      const p = stage.getPointerPosition()
      if (!p) return
      zoomAbout(stage, Math.exp(-deltaY * 0.0025), p)
      this.scene.viewChanged()
    } else if (shiftKey && deltaX === 0) {
      this.scene.panBy(-deltaY, 0)
    } else {
      this.scene.panBy(-deltaX, -deltaY)
    }
  }

  destroy(): void {
    this.scene.stage.off('dragstart dragmove dragend click tap dblclick dbltap mousedown')
    const box = this.scene.stage.container()
    box.removeEventListener('wheel', this.onWheel)
    box.removeEventListener('mousedown', this.onPanStart, { capture: true })
    this.unfollowPointer()
  }
}
