/**
 * The Konva scene of one board, kept in step with the model. Notes sit on a static
 * layer; a note being dragged moves to its own layer so a drag redraws one note, not
 * the board. During a drag Konva owns the node's position; the model hears of it once,
 * at drag end.
 *
 * Limits: loose notes only (clusters arrive with the clustering board); viewport
 * culling and a cheaper far-out level of detail are not here yet.
 */
import Konva from 'konva'
import type { Note } from '../../core/model.ts'
import type { NoteMove } from '../../core/ops.ts'
import type { NoteNode } from './note-node.ts'
import { createNoteNode, updateNoteNode } from './note-node.ts'

/** Margin between the board's origin and the top-left of the view, in CSS pixels. */
const ORIGIN_MARGIN = { x: 48, y: 32 }
const MIN_SCALE = 0.1
const MAX_SCALE = 4

/** What the scene tells its owner. */
export interface BoardCallbacks {
  /** Notes were dropped at new positions (board units, whole numbers). */
  onMove(moves: NoteMove[]): void
}

/** A board drawn into a container element. */
export class BoardScene {
  private readonly stage: Konva.Stage
  private readonly notesLayer = new Konva.Layer()
  private readonly dragLayer = new Konva.Layer()
  private readonly nodes = new Map<string, NoteNode>()
  private readonly callbacks: BoardCallbacks
  private readonly resizer: ResizeObserver

  constructor(container: HTMLDivElement, callbacks: BoardCallbacks) {
    this.callbacks = callbacks
    this.stage = new Konva.Stage({
      container,
      width: container.clientWidth,
      height: container.clientHeight,
      position: ORIGIN_MARGIN,
    })
    this.stage.add(this.notesLayer, this.dragLayer)
    this.resizer = new ResizeObserver(() => {
      this.stage.size({ width: container.clientWidth, height: container.clientHeight })
    })
    this.resizer.observe(container)
    this.stage.on('dragstart', (event) => this.onDragStart(event))
    this.stage.on('dragend', (event) => this.onDragEnd(event))
    this.stage.on('wheel', (event) => this.onWheel(event))
  }

  /** Draws exactly `notes`: adds, updates and removes nodes by id. */
  setNotes(notes: readonly Note[]): void {
    const seen = new Set<string>()
    for (const note of notes) {
      seen.add(note.id)
      const node = this.nodes.get(note.id)
      if (!node) {
        const created = createNoteNode(note)
        this.nodes.set(note.id, created)
        this.notesLayer.add(created.group)
      } else if (!node.group.isDragging()) {
        updateNoteNode(node, note)
      }
    }
    for (const [id, node] of this.nodes) {
      if (!seen.has(id)) {
        node.group.destroy()
        this.nodes.delete(id)
      }
    }
    this.notesLayer.batchDraw()
  }

  /** Ids of the notes on this board. */
  noteIds(): string[] {
    return [...this.nodes.keys()]
  }

  /** A note's rectangle in page CSS pixels, or null when it is not drawn in view. */
  noteRect(id: string): { x: number; y: number; width: number; height: number } | null {
    const node = this.nodes.get(id)
    if (!node || !node.group.isVisible()) return null
    const box = node.card.getClientRect({ skipStroke: true })
    const view = this.stage.container().getBoundingClientRect()
    const x = Math.max(box.x, 0)
    const y = Math.max(box.y, 0)
    const right = Math.min(box.x + box.width, this.stage.width())
    const bottom = Math.min(box.y + box.height, this.stage.height())
    if (right <= x || bottom <= y) return null
    return { x: view.left + box.x, y: view.top + box.y, width: box.width, height: box.height }
  }

  /** Frees the stage and its listeners. */
  destroy(): void {
    this.resizer.disconnect()
    this.stage.destroy()
  }

  private onDragStart(event: Konva.KonvaEventObject<DragEvent>): void {
    const group = event.target
    if (!(group instanceof Konva.Group) || !this.nodes.has(group.id())) return
    group.moveTo(this.dragLayer)
    this.notesLayer.batchDraw()
  }

  private onDragEnd(event: Konva.KonvaEventObject<DragEvent>): void {
    const group = event.target
    if (!(group instanceof Konva.Group) || !this.nodes.has(group.id())) return
    const x = Math.round(group.x())
    const y = Math.round(group.y())
    group.position({ x, y })
    group.moveTo(this.notesLayer) // on top of the others: the dropped note stays visible
    this.notesLayer.batchDraw()
    this.dragLayer.batchDraw()
    this.callbacks.onMove([{ id: group.id(), x, y }])
  }

  /** Wheel pans; Ctrl/Cmd + wheel (and trackpad pinch) zooms about the pointer. */
  private onWheel(event: Konva.KonvaEventObject<WheelEvent>): void {
    event.evt.preventDefault()
    const { deltaX, deltaY, ctrlKey, metaKey } = event.evt
    if (ctrlKey || metaKey) {
      const pointer = this.stage.getPointerPosition()
      if (!pointer) return
      const old = this.stage.scaleX()
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, old * Math.exp(-deltaY * 0.002)))
      const anchor = {
        x: (pointer.x - this.stage.x()) / old,
        y: (pointer.y - this.stage.y()) / old,
      }
      this.stage.scale({ x: scale, y: scale })
      this.stage.position({ x: pointer.x - anchor.x * scale, y: pointer.y - anchor.y * scale })
    } else {
      this.stage.position({ x: this.stage.x() - deltaX, y: this.stage.y() - deltaY })
    }
    this.stage.batchDraw()
  }
}
