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

/** Bytes of a string in UTF-8, counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    // A surrogate pair (2 units) is 4 bytes: 1 extra per unit.
    if (code >= 0x80) bytes += code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2
  }
  return bytes
}

const bytesOf = (value: unknown) => utf8Length(JSON.stringify(value))

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

/** `op` as ops of at most `maxBytes` each where it can be cut, each with its size. */
function cut(op: Op, maxBytes: number): { op: Op; size: number }[] {
  const list = cuttable(op)
  const whole = bytesOf(op)
  if (!list || list.items.length < 2 || whole <= maxBytes) return [{ op, size: whole }]
  const parts: { op: Op; size: number }[] = []
  let part: unknown[] = []
  const base = bytesOf({ ...op, [list.key]: [] })
  let size = base
  for (const item of list.items) {
    const itemSize = bytesOf(item) + 1
    if (part.length > 0 && size + itemSize > maxBytes) {
      parts.push({ op: { ...op, [list.key]: part } as Op, size })
      part = []
      size = base
    }
    part.push(item)
    size += itemSize
  }
  parts.push({ op: { ...op, [list.key]: part } as Op, size })
  return parts
}

/**
 * The first batch of `ops` within the limits, and the ops left after it (an op cut in
 * parts leaves its later parts there). Only the ops of this batch are measured, so a
 * sender can take one batch at a time without measuring a whole big gesture at once.
 */
export function firstBatch(
  ops: readonly Op[],
  maxBytes = MAX_BATCH_BYTES,
  maxOps = MAX_BATCH_OPS,
): { batch: Op[]; rest: Op[] } {
  const batch: Op[] = []
  let size = 2 // the brackets of the array
  for (const [i, whole] of ops.entries()) {
    const parts = cut(whole, maxBytes - 2)
    for (const [j, { op, size: bytes }] of parts.entries()) {
      const opSize = bytes + 1
      if (batch.length > 0 && (size + opSize > maxBytes || batch.length >= maxOps)) {
        return { batch, rest: [...parts.slice(j).map((p) => p.op), ...ops.slice(i + 1)] }
      }
      batch.push(op)
      size += opSize
    }
  }
  return { batch, rest: [] }
}

/** The ops in order, as batches within the limits. */
export function toBatches(
  ops: readonly Op[],
  maxBytes = MAX_BATCH_BYTES,
  maxOps = MAX_BATCH_OPS,
): Op[][] {
  const batches: Op[][] = []
  let rest: readonly Op[] = ops
  while (rest.length > 0) {
    const next = firstBatch(rest, maxBytes, maxOps)
    batches.push(next.batch)
    rest = next.rest
  }
  return batches
}
