/**
 * For tests of gestures: applies one gesture's ops, checks the result is a valid
 * workshop, and that undo gives back exactly the workshop before and redo the one after.
 */
import { expect } from 'vitest'
import { History } from '../../../core/history.ts'
import type { Workshop } from '../../../core/model.ts'
import type { Op } from '../../../core/ops.ts'
import { applyAll } from '../../../core/ops.ts'
import { workshopSchema } from '../../../core/schema.ts'

/** The workshop after `ops`, checked as above. */
export function undoableStep(doc: Workshop, ops: Op[]): Workshop {
  const history = new History()
  history.record(doc, ops)
  const after = applyAll(doc, ops)
  expect(workshopSchema.safeParse(after).success).toBe(true)
  expect(applyAll(after, history.undo()!)).toEqual(doc)
  expect(applyAll(doc, history.redo()!)).toEqual(after)
  return after
}
