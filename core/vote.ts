/**
 * Dot voting on one board, as pure functions from a facilitator's action to ops.
 *
 * Rules:
 * - A board's vote is off, open or ended (Prompt.vote). Dots are added and removed only
 *   while it is open; the result stands once it has ended, and reset clears it (undoable).
 * - Dots go on clusters; on notes too when the vote allows it. A dot aimed at a note when
 *   notes cannot take dots goes to the note's cluster, and is refused for a loose note.
 * - Counts never go below 0: removing a dot from a cluster or note with none is refused.
 * - With a number of voters the board has a budget of dots × voters; a dot beyond it is
 *   refused with words the facilitator can read, never dropped silently.
 * Limits: the budget counts the board's dots, not who placed them (the app does not know
 * people); every change is one `setVotes` or `setVote` op, so each is one undo step.
 */
import type { BoardView } from './board-gestures.ts'
import type { Prompt, Vote, Workshop } from './model.ts'
import type { Op } from './ops.ts'
import { MAX_VOTES } from './schema.ts'

/** What a dot is aimed at. */
export type DotTarget = { kind: 'cluster' | 'note'; id: string }

/** The ops that carry a dot action out, or why it is refused. */
export type DotResult = { ops: Op[]; target: DotTarget } | { refused: string }

/** Every dot on a board: on its clusters and on its notes. */
export function dotsUsed(board: BoardView): number {
  let used = 0
  for (const cluster of board.clusters) used += cluster.votes
  for (const note of board.notes) used += note.votes
  return used
}

/** The board's budget (dots × voters), or null when the number of voters is not set. */
export function budgetOf(vote: Vote): number | null {
  return vote.voters === null ? null : vote.dotsPerPerson * vote.voters
}

/** "27 of 36 dots used", or "27 dots used" without a budget. */
export function usedText(used: number, vote: Vote): string {
  const budget = budgetOf(vote)
  const dots = (n: number) => `${n} ${n === 1 ? 'dot' : 'dots'}`
  return budget === null ? `${dots(used)} used` : `${used} of ${dots(budget)} used`
}

/** "3 dots × 12 voters", or "3 dots each". */
export function budgetText(vote: Vote): string {
  const dots = `${vote.dotsPerPerson} ${vote.dotsPerPerson === 1 ? 'dot' : 'dots'}`
  return vote.voters === null
    ? `${dots} each`
    : `${dots} × ${vote.voters} ${vote.voters === 1 ? 'voter' : 'voters'}`
}

/**
 * Adds (`delta` 1) or removes (`delta` -1) one dot on a cluster or note of the board,
 * as the vote's rules allow.
 */
export function castDot(
  doc: Workshop,
  board: BoardView,
  prompt: Prompt,
  aimed: DotTarget,
  delta: 1 | -1,
): DotResult {
  const vote = prompt.vote
  if (vote.state !== 'open') return { refused: 'Start a vote to add dots.' }
  let target = aimed
  if (aimed.kind === 'note' && !vote.notesVotable) {
    const note = Object.hasOwn(doc.notes, aimed.id) ? doc.notes[aimed.id] : undefined
    if (!note?.clusterId) {
      return {
        refused:
          'Dots go on clusters in this vote. Put this note in a cluster, or allow dots on notes in the vote settings.',
      }
    }
    target = { kind: 'cluster', id: note.clusterId }
  }
  const record =
    target.kind === 'cluster'
      ? Object.hasOwn(doc.clusters, target.id)
        ? doc.clusters[target.id]
        : undefined
      : Object.hasOwn(doc.notes, target.id)
        ? doc.notes[target.id]
        : undefined
  if (!record || record.promptId !== prompt.id) return { refused: 'That is not on this board.' }
  const what = target.kind === 'cluster' ? 'cluster' : 'note'
  if (delta < 0 && record.votes === 0) return { refused: `This ${what} has no dot to remove.` }
  if (delta > 0) {
    const budget = budgetOf(vote)
    if (budget !== null && dotsUsed(board) >= budget) {
      return {
        refused: `All ${budget} dots are used (${budgetText(vote)}). Remove a dot first, or raise the number of voters.`,
      }
    }
    if (record.votes >= MAX_VOTES) return { refused: `This ${what} holds as many dots as it can.` }
  }
  const change = [{ id: target.id, votes: record.votes + delta }]
  const op: Op =
    target.kind === 'cluster'
      ? { type: 'setVotes', notes: [], clusters: change }
      : { type: 'setVotes', notes: change, clusters: [] }
  return { ops: [op], target }
}

/** Clears every dot on the board (one undoable step); no ops when there is none. */
export function resetVotes(board: BoardView): Op[] {
  const clusters = board.clusters.filter((c) => c.votes > 0).map((c) => ({ id: c.id, votes: 0 }))
  const notes = board.notes.filter((n) => n.votes > 0).map((n) => ({ id: n.id, votes: 0 }))
  return clusters.length + notes.length > 0 ? [{ type: 'setVotes', notes, clusters }] : []
}

/** The op that changes a board's vote settings or state; none when nothing changes. */
export function changeVote(prompt: Prompt, change: Partial<Vote>): Op[] {
  const vote = { ...prompt.vote, ...change }
  const before = prompt.vote
  const same = (Object.keys(vote) as (keyof Vote)[]).every((k) => vote[k] === before[k])
  return same ? [] : [{ type: 'setVote', id: prompt.id, vote }]
}
