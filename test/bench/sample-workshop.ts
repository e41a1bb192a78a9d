/**
 * Boards for benchmarks, laid out by the app itself as a facilitator would get them: a
 * survey export of N rows (6 to 14 words each, with a team column) read by the app's CSV
 * reader, stacked and placed by the same code as the import dialog, then 50 clusters
 * grouped with the app's own gesture (each pushing its neighbours aside) and named, and
 * finally Tidy, shaped for the board area of a 1920x1080 window.
 * Limits: replies come from a small vocabulary, so nothing stacks; every colour is used,
 * so colour marks are measured.
 */
import { groupNotes, obstaclesOf, boardOf, tidyBoard } from '../../core/board-gestures.ts'
import { createNote, createWorkshop } from '../../core/create.ts'
import { addRepliesWithStacking } from '../../core/duplicates.ts'
import { readTable } from '../../core/import-table.ts'
import { inboxSlots } from '../../core/layout.ts'
import type { Workshop } from '../../core/model.ts'
import { NOTE_COLORS } from '../../core/model.ts'
import { applyAll } from '../../core/ops.ts'

const WORDS =
  'we could lose the people trust focus speed habit customers quality time craft culture voice learning courage clarity ownership because when if our team product'.split(
    ' ',
  )

/** The board area's shape in a 1920x1080 window with the prompts panel open. */
export const BOARD_ASPECT = 1580 / 780

/** A reply of 6 to 14 words, the same for the same index. */
export function replyText(i: number): string {
  const length = 6 + (i % 9)
  return (
    Array.from({ length }, (_, w) => WORDS[(i * 7 + w * 13) % WORDS.length]).join(' ') + ` ${i}`
  )
}

/** A survey export of `count` rows, as text: id, team, answer (quoted, with commas). */
export function surveyCsv(count: number): string {
  const rows = ['id,team,answer']
  for (let i = 0; i < count; i++)
    rows.push(`${i + 1},Team ${(i % 12) + 1},"${replyText(i)}, really"`)
  return rows.join('\r\n') + '\r\n'
}

/**
 * A workshop whose first prompt holds `count` imported replies, `clusters` of them
 * grouped into named clusters (5 to 40 notes each), tidied. Returns the id of the first
 * cluster too.
 */
export function sampleWorkshop(
  count: number,
  clusters = 50,
): { workshop: Workshop; clusterId: string } {
  let workshop = createWorkshop(`Benchmark ${count}`)
  const promptId = workshop.prompts[0]!.id
  const table = readTable(surveyCsv(count))
  const rows = table.rows.slice(1)
  const slots = inboxSlots(obstaclesOf(boardOf(workshop, promptId)), rows.length, BOARD_ASPECT)
  const notes = rows.map(([, team, answer], i) =>
    createNote({
      promptId,
      text: answer!,
      author: team!,
      source: 'imported',
      color: NOTE_COLORS[i % NOTE_COLORS.length],
      ...slots[i]!,
    }),
  )
  workshop = applyAll(workshop, addRepliesWithStacking(workshop, notes).ops)
  let first = ''
  let taken = 0
  for (let k = 0; k < clusters && taken < count / 2; k++) {
    const size = 5 + ((k * 11) % 36)
    const loose = boardOf(workshop, promptId)
      .notes.filter((n) => n.clusterId === null)
      .sort((a, b) => a.y - b.y || a.x - b.x)
    // Replies spread through the inbox, as a facilitator picks them by theme.
    const stride = Math.max(1, Math.floor(loose.length / size / 3))
    const picked = Array.from(
      { length: size },
      (_, i) => loose[(k * 17 + i * stride) % loose.length]!,
    )
    const gesture = groupNotes(workshop, [...new Set(picked.map((n) => n.id))])
    workshop = applyAll(workshop, [
      ...gesture.ops,
      {
        type: 'renameCluster',
        id: gesture.createdCluster!,
        name: `Theme ${k + 1} ${WORDS[k % WORDS.length]}`,
      },
    ])
    first ||= gesture.createdCluster!
    taken += size
  }
  workshop = applyAll(workshop, tidyBoard(workshop, promptId, BOARD_ASPECT))
  return { workshop, clusterId: first }
}
