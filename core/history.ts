/**
 * Undo and redo over ops: one entry per gesture (a whole drag, a whole paste), each
 * holding the gesture's ops and their inverse, computed when the gesture was applied.
 *
 * Limits: keeps the last 500 gestures; lives as long as its window's view of the
 * workshop (reopening, or a reload after a refused change, starts a fresh history).
 */
import type { Workshop } from './model.ts'
import type { Op } from './ops.ts'
import { invertAll } from './ops.ts'

/** One undoable step. */
export interface HistoryEntry {
  /** What the gesture did. */
  ops: Op[]
  /** What undoes it, in order. */
  inverse: Op[]
}

const LIMIT = 500

/** An undo stack and a redo stack. */
export class History {
  private undoStack: HistoryEntry[] = []
  private redoStack: HistoryEntry[] = []

  /**
   * Records a gesture about to be applied to `before` (whose inverse may be worked out
   * already); clears the redo stack.
   */
  record(before: Workshop, ops: Op[], inverse: Op[] = invertAll(before, ops)): void {
    if (ops.length === 0) return
    this.undoStack.push({ ops, inverse })
    if (this.undoStack.length > LIMIT) this.undoStack.shift()
    this.redoStack = []
  }

  /** Forgets every step: the document it was recorded against is gone (reloaded). */
  clear(): void {
    this.undoStack = []
    this.redoStack = []
  }

  /** True when there is something to undo. */
  get canUndo(): boolean {
    return this.undoStack.length > 0
  }

  /** True when there is something to redo. */
  get canRedo(): boolean {
    return this.redoStack.length > 0
  }

  /** The ops that undo the last gesture (and moves it to the redo stack), or null. */
  undo(): Op[] | null {
    const entry = this.undoStack.pop()
    if (!entry) return null
    this.redoStack.push(entry)
    return entry.inverse
  }

  /** The ops that redo the last undone gesture, or null. */
  redo(): Op[] | null {
    const entry = this.redoStack.pop()
    if (!entry) return null
    this.undoStack.push(entry)
    return entry.ops
  }
}
