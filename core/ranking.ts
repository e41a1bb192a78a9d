/**
 * The ranking of one board after a dot vote: what the room chose, in order.
 *
 * Rules:
 * - Every cluster is ranked (a cluster with no dots still appears, last); a loose note
 *   appears only when it has dots.
 * - A cluster's score is the dots on the cluster plus the dots on its notes, so a room
 *   that votes on single replies still ranks their themes.
 * - Equal scores share a place ("1, 2, 2, 4"): ties are shown as ties, never broken
 *   silently. Within a tie, clusters come before notes, clusters by number, notes by text.
 * Limits: pure; reads only the board it is given.
 */
import type { BoardView } from './board-gestures.ts'
import type { Cluster, Note } from './model.ts'

/** A cluster's or a voted loose note's score, before places are given. */
type Scored =
  | { kind: 'cluster'; cluster: Cluster; number: number; notes: number; votes: number }
  | { kind: 'note'; note: Note; votes: number }

/** One ranked item: a cluster or a loose note with dots, its place and whether it shares it. */
export type RankedItem = Scored & { place: number; tied: boolean }

/** The board's clusters and voted loose notes, most dots first, with shared places for ties. */
export function rankingOf(board: BoardView): RankedItem[] {
  const items: Scored[] = []
  board.clusters.forEach((cluster, i) => {
    const members = board.members.get(cluster.id) ?? []
    let votes = cluster.votes
    for (const note of members) votes += note.votes
    items.push({ kind: 'cluster', cluster, number: i + 1, notes: members.length, votes })
  })
  for (const note of board.notes) {
    if (note.clusterId === null && note.votes > 0)
      items.push({ kind: 'note', note, votes: note.votes })
  }
  items.sort((a, b) => {
    if (a.votes !== b.votes) return b.votes - a.votes
    if (a.kind !== b.kind) return a.kind === 'cluster' ? -1 : 1
    if (a.kind === 'cluster' && b.kind === 'cluster') return a.number - b.number
    if (a.kind === 'note' && b.kind === 'note')
      return a.note.text.localeCompare(b.note.text) || (a.note.id < b.note.id ? -1 : 1)
    return 0
  })
  const counts = new Map<number, number>()
  for (const item of items) counts.set(item.votes, (counts.get(item.votes) ?? 0) + 1)
  let place = 0
  return items.map((item, i) => {
    if (i === 0 || items[i - 1]!.votes !== item.votes) place = i + 1
    return { ...item, place, tied: counts.get(item.votes)! > 1 }
  })
}

/** The clusters in ranking order (present mode steps through these). */
export function clustersByRank(board: BoardView): Cluster[] {
  const ranked: Cluster[] = []
  for (const item of rankingOf(board)) if (item.kind === 'cluster') ranked.push(item.cluster)
  return ranked
}
