/**
 * From a board to the engine and back: which notes a suggestion run reads, and the ops
 * that turn accepted suggestions into real, named clusters, through the same gesture
 * as pressing G (`groupNotes`), so one accept (or accept all) is one undo step.
 *
 * A new cluster forms where its first note was, as with G, and like G pushes its
 * neighbours aside rather than covering them.
 *
 * Limits: only face-up notes are suggested (face-down replies stay private until the
 * reveal), and only loose ones unless the user includes clustered notes; accepting
 * never renames an existing cluster, so a name a person typed is never changed.
 */
import { groupNotes } from '../board-gestures.ts'
import type { Workshop } from '../model.ts'
import type { Op } from '../ops.ts'
import { applyAll } from '../ops.ts'

/**
 * The notes a suggestion run reads, in board reading order, with their texts: the loose
 * face-up ones, and the clustered ones too when the user asks to include them.
 */
export function suggestionInput(
  doc: Workshop,
  promptId: string,
  includeClustered = false,
): { noteIds: string[]; texts: string[] } {
  const notes = Object.values(doc.notes)
    .filter(
      (n) => n.promptId === promptId && (includeClustered || n.clusterId === null) && !n.hidden,
    )
    .sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
  return { noteIds: notes.map((n) => n.id), texts: notes.map((n) => n.text) }
}

/** A suggestion as the user leaves it: its name (perhaps edited) and its notes. */
export interface AcceptedSuggestion {
  /** The new cluster's name; blank leaves it unnamed. */
  name: string
  /** Its notes. */
  noteIds: string[]
}

/**
 * Ops that make one named cluster per suggestion, in order, as one gesture. Notes that
 * are gone are skipped, and so are clustered ones unless `moveClustered` (the user chose
 * to include clustered notes: they leave their clusters, which keep their names; one
 * left empty is removed, as when its last note is dragged out). A suggestion left with
 * no note makes nothing. Returns the new clusters' ids too.
 */
export function acceptSuggestions(
  doc: Workshop,
  suggestions: readonly AcceptedSuggestion[],
  moveClustered = false,
): { ops: Op[]; clusterIds: string[] } {
  const made = new Set<string>()
  let current = doc
  const ops: Op[] = []
  const clusterIds: string[] = []
  for (const suggestion of suggestions) {
    const ids = suggestion.noteIds.filter((id) => {
      const note = current.notes[id]
      if (!note) return false
      // Never take a note from a cluster this same accept just made.
      if (note.clusterId !== null && made.has(note.clusterId)) return false
      return note.clusterId === null || moveClustered
    })
    if (ids.length === 0) continue
    const gesture = groupNotes(current, ids)
    const step = [...gesture.ops]
    const name = suggestion.name.trim()
    if (gesture.createdCluster && name !== '') {
      step.push({ type: 'renameCluster', id: gesture.createdCluster, name })
    }
    current = applyAll(current, step)
    if (gesture.createdCluster) {
      clusterIds.push(gesture.createdCluster)
      made.add(gesture.createdCluster)
    }
    ops.push(...step)
  }
  return { ops, clusterIds }
}
