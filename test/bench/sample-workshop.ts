/**
 * Workshops of any size for benchmarks: N replies of 6 to 14 words, in every colour, in the inbox grid,
 * plus one cluster of 20 laid out by the app's own gesture.
 */
import { groupNotes } from '../../core/board-gestures.ts'
import { createNote, createWorkshop } from '../../core/create.ts'
import { inboxSlots } from '../../core/layout.ts'
import type { Workshop } from '../../core/model.ts'
import { NOTE_COLORS } from '../../core/model.ts'
import { applyAll } from '../../core/ops.ts'

const WORDS =
  'we could lose the people trust focus speed habit customers quality time craft culture voice learning courage clarity ownership because when if our team product'.split(
    ' ',
  )

/** A reply of 6 to 14 words, the same for the same index. */
export function replyText(i: number): string {
  const length = 6 + (i % 9)
  return Array.from({ length }, (_, w) => WORDS[(i * 7 + w * 13) % WORDS.length]).join(' ')
}

/** A workshop with `count` notes on its first prompt, 20 of them in one cluster. */
export function sampleWorkshop(count: number): { workshop: Workshop; clusterId: string } {
  let workshop = createWorkshop(`Benchmark ${count}`)
  const promptId = workshop.prompts[0]!.id
  const slots = inboxSlots({ loose: [], frames: [] }, count)
  // Every colour, so colour marks are drawn as a real board would draw them.
  const notes = slots.map((slot, i) =>
    createNote({
      promptId,
      text: replyText(i),
      color: NOTE_COLORS[i % NOTE_COLORS.length],
      ...slot,
    }),
  )
  workshop = applyAll(workshop, [{ type: 'addNotes', notes }])
  // The first 20 notes make the cluster, so it sits in view when the board opens.
  const group = groupNotes(
    workshop,
    notes.slice(0, 20).map((n) => n.id),
  )
  workshop = applyAll(workshop, group.ops)
  return { workshop, clusterId: group.createdCluster! }
}
