/**
 * Splits the ops a window sends into batches the main process accepts: at most
 * `MAX_BATCH_OPS` ops and `MAX_BATCH_BYTES` of JSON each. An op too big on its own (a
 * huge import's addNotes) is cut into several ops of the same type that do the same
 * thing in order. Batches are transport only: undo still treats a gesture as one step.
 *
 * Limits: an op that cannot be cut (one note's duplicates, one prompt) travels whole,
 * even over the byte limit; sizes are UTF-8 bytes of `JSON.stringify`.
 */
import type { Op } from './ops.ts'

/** Most ops in one batch (the API's limit). */
export const MAX_BATCH_OPS = 1000
/** Most bytes of JSON in one batch; the main process refuses bigger ones. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024

const encoder = new TextEncoder()
const bytesOf = (value: unknown) => encoder.encode(JSON.stringify(value)).length

/** The list field of an op that may be cut into parts, or null when it cannot be cut. */
function cuttable(op: Op): { key: string; items: unknown[] } | null {
  switch (op.type) {
    case 'addNotes':
      return { key: 'notes', items: op.notes }
    case 'deleteNotes':
    case 'deleteClusters':
      return { key: 'ids', items: op.ids }
    case 'moveNotes':
    case 'moveClusters':
      return { key: 'moves', items: op.moves }
    case 'setNoteClusters':
    case 'setNotesHidden':
      return { key: 'changes', items: op.changes }
    case 'addClusters':
      return { key: 'clusters', items: op.clusters }
    case 'recolor':
    case 'editNote':
    case 'renameCluster':
    case 'addPrompt':
    case 'deletePrompt':
    case 'editPrompt':
    case 'movePrompt':
    case 'setDuplicates':
    case 'setPromptHidden':
    case 'setVote':
    case 'setVotes':
      return null
  }
}

/** `op` as ops of at most `maxBytes` each, where it can be cut. */
function cut(op: Op, maxBytes: number): Op[] {
  const list = cuttable(op)
  if (!list || list.items.length < 2 || bytesOf(op) <= maxBytes) return [op]
  const parts: Op[] = []
  let part: unknown[] = []
  let size = bytesOf({ ...op, [list.key]: [] })
  const base = size
  for (const item of list.items) {
    const itemSize = bytesOf(item) + 1
    if (part.length > 0 && size + itemSize > maxBytes) {
      parts.push({ ...op, [list.key]: part } as Op)
      part = []
      size = base
    }
    part.push(item)
    size += itemSize
  }
  parts.push({ ...op, [list.key]: part } as Op)
  return parts
}

/** The ops in order, as batches within the limits. */
export function toBatches(
  ops: readonly Op[],
  maxBytes = MAX_BATCH_BYTES,
  maxOps = MAX_BATCH_OPS,
): Op[][] {
  const batches: Op[][] = []
  let batch: Op[] = []
  let size = 2 // the brackets of the array
  for (const whole of ops) {
    for (const op of cut(whole, maxBytes - 2)) {
      const opSize = bytesOf(op) + 1
      if (batch.length > 0 && (size + opSize > maxBytes || batch.length >= maxOps)) {
        batches.push(batch)
        batch = []
        size = 2
      }
      batch.push(op)
      size += opSize
    }
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}
