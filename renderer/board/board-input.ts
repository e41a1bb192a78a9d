/**
 * Pointer input on the board: click and shift-click selection, rubber-band selection,
 * dragging notes (the whole selection moves together) and clusters (by the title bar),
 * Escape to put a drag back, wheel and pinch zoom, wheel and space-drag panning.
 *
 * While a drag is under way Konva owns the node positions; at drag end the gesture is
 * turned into ops by core/board-gestures.ts and the nodes go back to what the model says,
 * so the model alone decides where things end up.
 * Limits: mouse and trackpad; touch gestures beyond a one-finger drag are not handled.
 */
import Konva from 'konva'
import { dropCluster, dropNotes } from '../../core/board-gestures.ts'
import { intersects, noteRect } from '../../core/layout.ts'
import type { BoardScene } from './board-scene.ts'
import { SELECTION } from './palette.ts'
import { toBoard, zoomAbout } from './viewport.ts'

interface Drag {
  kind: 'notes' | 'cluster'
  /** The node under the pointer (a note group or a cluster group). */
  lead: Konva.Group
  /** Start positions of every moving node, by id. */
  starts: Map<string, { x: number; y: number }>
  /** Nodes that follow the lead (other selected notes, or a cluster's notes). */
  followers: Konva.Group[]
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
    stage.on('mousemove', () => this.onPointerMove())
    stage.on('mouseup', () => this.onPointerUp())
    stage.on('wheel', (e) => this.onWheel(e))
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
        if (this.scene.clusters.has(node.id()))
          return { kind: 'cluster', id: node.id(), group: node }
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
    const starts = new Map<string, { x: number; y: number }>()
    const followers: Konva.Group[] = []
    if (hit.kind === 'note') {
      if (!scene.selection.notes.has(hit.id)) scene.selectNotes([hit.id])
      // Selected notes out of view move too (by the gesture's ops); only drawn ones follow.
      for (const id of scene.selection.notes) {
        const note = scene.records.get(id)
        if (!note) continue
        starts.set(id, { x: note.x, y: note.y })
        const node = scene.notes.get(id)
        if (node && id !== hit.id) followers.push(node.group)
      }
    } else {
      scene.selectCluster(hit.id)
      const cluster = scene.clusters.get(hit.id)!.cluster
      starts.set(hit.id, { x: cluster.x, y: cluster.y })
      for (const note of scene.board?.members.get(hit.id) ?? []) {
        starts.set(note.id, { x: note.x, y: note.y })
        const node = scene.notes.get(note.id)
        if (node) followers.push(node.group)
      }
    }
    this.drag = {
      kind: hit.kind === 'note' ? 'notes' : 'cluster',
      lead: hit.group,
      starts,
      followers,
      cancelled: false,
    }
    hit.group.moveTo(scene.dragLayer)
    for (const group of followers) {
      group.visible(true)
      group.moveTo(scene.dragLayer)
    }
    scene.notesLayer.batchDraw()
    scene.clustersLayer.batchDraw()
  }

  private onDragMove(e: Konva.KonvaEventObject<DragEvent>): void {
    const drag = this.drag
    if (!drag || e.target !== (drag.lead as Konva.Node)) return
    const start = drag.starts.get(drag.lead.id())!
    const dx = drag.lead.x() - start.x
    const dy = drag.lead.y() - start.y
    for (const group of drag.followers) {
      const s = drag.starts.get(group.id())!
      group.position({ x: s.x + dx, y: s.y + dy })
    }
  }

  private onDragEnd(e: Konva.KonvaEventObject<DragEvent>): void {
    const drag = this.drag
    if (!drag || e.target !== (drag.lead as Konva.Node)) return
    this.drag = null
    const { scene } = this
    const lead = drag.lead
    const start = drag.starts.get(lead.id())!
    const dx = Math.round(lead.x() - start.x)
    const dy = Math.round(lead.y() - start.y)
    const point = this.pointer()
    // Back to where the model says; the gesture's ops move them for real.
    for (const [id, pos] of drag.starts) {
      const node = scene.notes.get(id)?.group ?? scene.clusters.get(id)?.group
      node?.position(pos)
    }
    lead.moveTo(drag.kind === 'notes' ? scene.notesLayer : scene.clustersLayer)
    for (const group of drag.followers) group.moveTo(scene.notesLayer)
    scene.dragLayer.batchDraw()
    if (!drag.cancelled && point && scene.doc && scene.board && (dx !== 0 || dy !== 0)) {
      if (drag.kind === 'notes') {
        const moves = [...drag.starts].map(([id, s]) => ({ id, x: s.x + dx, y: s.y + dy }))
        const gesture = dropNotes(scene.doc, scene.board.promptId, moves, point)
        scene.callbacks.onGesture(gesture.ops, gesture.createdCluster)
      } else {
        const ops = dropCluster(scene.doc, lead.id(), { x: start.x + dx, y: start.y + dy }, point)
        scene.callbacks.onGesture(ops, null)
      }
    }
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

  private onPointerDown(e: Konva.KonvaEventObject<MouseEvent>): void {
    const { stage } = this.scene
    const p = stage.getPointerPosition()
    if (!p) return
    if (this.panMode || e.evt.button === 1) {
      this.pan = p
      e.evt.preventDefault()
      return
    }
    if (e.evt.button !== 0 || this.hit(e.target)) return
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
    this.band = { start, rect, additive: e.evt.shiftKey }
  }

  private onPointerMove(): void {
    const { stage } = this.scene
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

  private onPointerUp(): void {
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
    this.scene.overlayLayer.batchDraw()
    if (area.width < 4 && area.height < 4) return // a click, not a band
    const picked = (this.scene.board?.notes ?? [])
      .filter((n) => intersects(noteRect(n), area))
      .map((n) => n.id)
    this.scene.selectNotes(band.additive ? [...this.scene.selection.notes, ...picked] : picked)
    this.bandJustEnded = true
  }

  /** Wheel pans; Ctrl/Cmd + wheel (and trackpad pinch) zooms about the pointer. */
  private onWheel(e: Konva.KonvaEventObject<WheelEvent>): void {
    e.evt.preventDefault()
    const { deltaX, deltaY, ctrlKey, metaKey, shiftKey } = e.evt
    const { stage } = this.scene
    if (ctrlKey || metaKey) {
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
    this.scene.stage.off(
      'dragstart dragmove dragend click tap dblclick dbltap mousedown mousemove mouseup wheel',
    )
  }
}
