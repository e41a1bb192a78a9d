/**
 * What every report export shows, worked out once: for each prompt, its clusters in vote
 * order (most votes first, ties kept in the board's cluster order), each cluster's replies
 * in the order of its grid, then the loose replies in reading order. The Markdown, CSV
 * and printable exporters all read this, so they always agree.
 *
 * Face-down notes: the words of a reply that is still face down never leave the app in a
 * report. They are counted (`faceDown`) so the report can say how many are missing, and
 * revealing them puts them in the next export. The workshop file itself (Save a copy)
 * keeps everything, as the file does.
 * Limits: a pure function of the workshop; dates are the workshop's own, so the same file
 * gives the same report.
 */
import { boardOf } from '../board-gestures.ts'
import type { Cluster, Duplicate, Note, Prompt, Workshop } from '../model.ts'
import { BLANK } from '../model.ts'

/** One person's reply: a note, or one more person who gave the same words. */
export interface Reply {
  /** Their exact words. */
  text: string
  /** Who said it, or null. */
  author: string | null
  /** How it was captured. */
  source: Note['source']
  /** When it was captured (ISO 8601). */
  createdAt: string
}

/** A face-up note in a report, with everyone who gave it. */
export interface ReportNote {
  note: Note
  /** The note's own reply first, then each stacked duplicate. */
  replies: Reply[]
}

/** A cluster in a report. */
export interface ReportCluster {
  cluster: Cluster
  /** Its name, or "Unnamed cluster N" (N counts unnamed clusters of the prompt in report order). */
  label: string
  /** True when the room named it (the label is its name). */
  named: boolean
  /** Face-up notes, in grid order. */
  notes: ReportNote[]
  /** Replies given, duplicates included. */
  replyCount: number
  /** Notes of the cluster still face down. */
  faceDown: number
}

/** One prompt's section of a report. */
export interface ReportPrompt {
  prompt: Prompt
  clusters: ReportCluster[]
  /** Face-up notes in no cluster, in reading order. */
  loose: ReportNote[]
  /** Loose notes still face down. */
  looseFaceDown: number
  /** Every reply of the prompt (face-down ones included, duplicates included). */
  replyCount: number
  /** Notes of the prompt still face down. */
  faceDown: number
}

/** A workshop as its reports present it. */
export interface Report {
  title: string
  /** The workshop's date (YYYY-MM-DD). */
  date: string
  prompts: ReportPrompt[]
}

/** Every reply a note stands for: its own, then its stacked duplicates. */
export function repliesOf(note: Note): Reply[] {
  const own: Reply = {
    text: note.text,
    author: note.author,
    source: note.source,
    createdAt: note.createdAt,
  }
  return [own, ...note.duplicates.map((d: Duplicate) => ({ ...d }))]
}

function reading(a: Note, b: Note): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Clusters by votes, most first; equal votes keep their order in `clusters`. */
export function byVotes(clusters: readonly Cluster[]): Cluster[] {
  return clusters
    .map((cluster, index) => ({ cluster, index }))
    .sort((a, b) => b.cluster.votes - a.cluster.votes || a.index - b.index)
    .map((entry) => entry.cluster)
}

/** The report of a whole workshop. */
export function reportOf(workshop: Workshop): Report {
  return {
    title: workshop.title,
    date: workshop.createdAt.slice(0, 10),
    prompts: workshop.prompts.map((prompt) => promptReport(workshop, prompt)),
  }
}

function promptReport(workshop: Workshop, prompt: Prompt): ReportPrompt {
  const board = boardOf(workshop, prompt.id)
  let unnamed = 0
  const face = (notes: readonly Note[]) =>
    notes.filter((n) => !n.hidden).map((note) => ({ note, replies: repliesOf(note) }))
  const clusters = byVotes(board.clusters).map((cluster): ReportCluster => {
    const members = board.members.get(cluster.id) ?? []
    const named = cluster.name.trim() !== ''
    return {
      cluster,
      label: named ? cluster.name.trim() : `Unnamed cluster ${++unnamed}`,
      named,
      notes: face(members),
      replyCount: members.reduce((sum, n) => sum + 1 + n.duplicates.length, 0),
      faceDown: members.filter((n) => n.hidden).length,
    }
  })
  const looseNotes = board.notes.filter((n) => n.clusterId === null).sort(reading)
  return {
    prompt,
    clusters,
    loose: face(looseNotes),
    looseFaceDown: looseNotes.filter((n) => n.hidden).length,
    replyCount: board.notes.reduce((sum, n) => sum + 1 + n.duplicates.length, 0),
    faceDown: board.notes.filter((n) => n.hidden).length,
  }
}

/**
 * The prompt's sentence with `fill` in its blank (line breaks become spaces). A prompt
 * without a blank is followed by a dash and the fill.
 */
export function fillBlank(promptText: string, fill: string): string {
  const flat = fill.replace(/\s*[\r\n]+\s*/g, ' ').trim()
  const at = promptText.indexOf(BLANK)
  if (at === -1) return `${promptText.trim()} — ${flat}`
  return promptText.slice(0, at) + flat + promptText.slice(at + BLANK.length)
}

/** The distinct authors of some replies, in the order they first appear. */
export function authorsOf(replies: readonly Reply[]): string[] {
  const seen = new Set<string>()
  for (const r of replies) if (r.author?.trim()) seen.add(r.author.trim())
  return [...seen]
}

/** "1 reply", "3 replies" and the like. */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}

/** "40 replies, 31 of them in 6 clusters." */
export function summary(replies: number, clustered: number, clusters: number): string {
  const all = plural(replies, 'reply', 'replies')
  if (clusters === 0) return `${all}.`
  return `${all}, ${clustered.toLocaleString('en-US')} of them in ${plural(clusters, 'cluster', 'clusters')}.`
}
