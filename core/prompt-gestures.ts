/**
 * Prompt editing as gestures: each returns the ops of one undoable step. Deleting a
 * prompt takes its board with it (notes, then clusters, then the prompt), so undo
 * brings all of it back.
 */
import { newId } from './ids.ts'
import { BLANK, NO_VOTE } from './model.ts'
import type { Prompt, Workshop } from './model.ts'
import type { Op } from './ops.ts'

/** A new prompt at `index` (the end by default). */
export function addPrompt(
  doc: Workshop,
  text: string,
  index = doc.prompts.length,
): { ops: Op[]; prompt: Prompt } {
  const prompt: Prompt = { id: newId(), text: text.trim(), hidden: false, vote: NO_VOTE }
  return { ops: [{ type: 'addPrompt', prompt, index }], prompt }
}

/** Deletes a prompt and everything on its board. */
export function deletePrompt(doc: Workshop, promptId: string): Op[] {
  const notes = Object.values(doc.notes).filter((n) => n.promptId === promptId)
  const clusters = Object.values(doc.clusters).filter((c) => c.promptId === promptId)
  const ops: Op[] = []
  if (notes.length) ops.push({ type: 'deleteNotes', ids: notes.map((n) => n.id) })
  if (clusters.length) ops.push({ type: 'deleteClusters', ids: clusters.map((c) => c.id) })
  ops.push({ type: 'deletePrompt', id: promptId })
  return ops
}

/** Moves a prompt one place up (-1) or down (+1); no ops at either end. */
export function shiftPrompt(doc: Workshop, promptId: string, by: -1 | 1): Op[] {
  const i = doc.prompts.findIndex((p) => p.id === promptId)
  const to = i + by
  if (i === -1 || to < 0 || to >= doc.prompts.length) return []
  return [{ type: 'movePrompt', id: promptId, index: to }]
}

/**
 * The prompt as a sentence with `fill` in its first blank (or after it, if it has none).
 * The reply is inserted as it is: `$&` or `$$` in it are text, not replacement patterns.
 */
export function fillBlank(promptText: string, fill: string): string {
  const at = promptText.indexOf(BLANK)
  if (at === -1) return `${promptText} ${fill}`
  return promptText.slice(0, at) + fill + promptText.slice(at + BLANK.length)
}
