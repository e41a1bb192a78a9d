import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { boardOf, frameOf, groupNotes } from '../../core/board-gestures.ts'
import { createNote, createWorkshop } from '../../core/create.ts'
import { inboxSlots, intersects, noteRect } from '../../core/layout.ts'
import type { Workshop } from '../../core/model.ts'
import { applyAll } from '../../core/ops.ts'
import { acceptSuggestions, suggestionInput } from '../../core/suggest/accept-suggestions.ts'
import { suggestClusters } from '../../core/suggest/suggest.ts'
import { undoableStep } from './helpers/undoable-step.ts'

const TEXTS = [
  'Too many meetings',
  'Not enough time for testing',
  'Meetings all afternoon',
  'Lack of time to refactor',
  'The coffee machine is broken',
  'Back-to-back meetings',
  'Secret reply',
]

/** A board of loose notes; the last is face down. */
function board(): { doc: Workshop; ids: string[]; promptId: string } {
  let doc = createWorkshop('Suggest')
  const promptId = doc.prompts[0]!.id
  const slots = inboxSlots({ loose: [], frames: [] }, TEXTS.length)
  const notes = TEXTS.map((text, i) =>
    createNote({ promptId, text, hidden: i === TEXTS.length - 1, ...slots[i]! }),
  )
  doc = applyAll(doc, [{ type: 'addNotes', notes }])
  return { doc, ids: notes.map((n) => n.id), promptId }
}

const names = (doc: Workshop) => Object.values(doc.clusters).map((c) => c.name)

describe('accepting suggestions', () => {
  it('reads loose, face-up notes only: face-down replies stay private, clusters stay put', () => {
    const { doc, ids, promptId } = board()
    const grouped = applyAll(doc, groupNotes(doc, [ids[4]!]).ops)
    const input = suggestionInput(grouped, promptId)
    expect(input.texts).not.toContain('Secret reply')
    expect(input.texts).not.toContain('The coffee machine is broken')
    expect(input.noteIds).toHaveLength(5)
  })

  it('makes one named cluster per suggestion, all in one undo step, covering no loose note', () => {
    const { doc, promptId } = board()
    const input = suggestionInput(doc, promptId)
    const { groups } = suggestClusters(input.texts, null)
    expect(groups.length).toBe(2)
    const { ops, clusterIds } = acceptSuggestions(
      doc,
      groups.map((g) => ({ name: g.name, noteIds: g.members.map((i) => input.noteIds[i]!) })),
    )
    const after = undoableStep(doc, ops)
    expect(clusterIds).toHaveLength(2)
    expect(names(after).sort()).toEqual(groups.map((g) => g.name).sort())
    const view = boardOf(after, promptId)
    expect(
      view.members
        .get(clusterIds[0]!)!
        .map((n) => n.text)
        .sort(),
    ).toEqual(['Back-to-back meetings', 'Meetings all afternoon', 'Too many meetings'])
    // No frame covers a loose note, nor another frame.
    const frames = view.clusters.map((c) => frameOf(view, c))
    for (const note of view.notes.filter((n) => n.clusterId === null)) {
      for (const frame of frames) expect(intersects(noteRect(note), frame)).toBe(false)
    }
    expect(intersects(frames[0]!, frames[1]!)).toBe(false)
  })

  it('keeps a name the user typed over the suggested one, and never renames an existing cluster', () => {
    const { doc, ids } = board()
    const existing = groupNotes(doc, [ids[4]!])
    let named = applyAll(doc, existing.ops)
    named = applyAll(named, [{ type: 'renameCluster', id: existing.createdCluster!, name: 'Kit' }])
    const { ops } = acceptSuggestions(named, [
      { name: '  Meeting overload ', noteIds: [ids[0]!, ids[2]!] },
      { name: '', noteIds: [ids[1]!, ids[3]!] },
    ])
    const after = undoableStep(named, ops)
    expect(names(after).sort()).toEqual(['', 'Kit', 'Meeting overload'])
    expect(ops.filter((op) => op.type === 'renameCluster')).toHaveLength(1)
  })

  it('skips notes deleted or clustered since the suggestion, and empty suggestions', () => {
    const { doc, ids } = board()
    const moved = applyAll(doc, groupNotes(doc, [ids[0]!]).ops)
    const { ops, clusterIds } = acceptSuggestions(moved, [
      { name: 'Meetings', noteIds: [ids[0]!, 'gone', ids[2]!] },
      { name: 'Nothing left', noteIds: ['gone'] },
    ])
    const after = undoableStep(moved, ops)
    expect(clusterIds).toHaveLength(1)
    expect(after.notes[ids[0]!]!.clusterId).not.toBe(clusterIds[0])
    expect(after.notes[ids[2]!]!.clusterId).toBe(clusterIds[0])
  })

  it('accepting all on a 60-note retrospective leaves no frame over another or over a loose note', () => {
    const texts = readFileSync(
      resolve(import.meta.dirname, '../fixtures/suggest/retro-60.txt'),
      'utf8',
    )
      .split('\n')
      .filter((t) => t.trim() !== '')
    let doc = createWorkshop('Retro')
    const promptId = doc.prompts[0]!.id
    const slots = inboxSlots({ loose: [], frames: [] }, texts.length)
    doc = applyAll(doc, [
      {
        type: 'addNotes',
        notes: texts.map((text, i) => createNote({ promptId, text, ...slots[i]! })),
      },
    ])
    const input = suggestionInput(doc, promptId)
    const { groups } = suggestClusters(input.texts, null)
    const { ops, clusterIds } = acceptSuggestions(
      doc,
      groups.map((g) => ({ name: g.name, noteIds: g.members.map((i) => input.noteIds[i]!) })),
    )
    const after = undoableStep(doc, ops)
    expect(clusterIds.length).toBe(groups.length)
    const view = boardOf(after, promptId)
    const frames = view.clusters.map((c) => frameOf(view, c))
    frames.forEach((a, i) =>
      frames.slice(i + 1).forEach((b) => expect(intersects(a, b)).toBe(false)),
    )
    for (const note of view.notes.filter((n) => n.clusterId === null)) {
      for (const frame of frames) expect(intersects(noteRect(note), frame)).toBe(false)
    }
  })

  it('takes clustered notes only when the user includes them; their cluster keeps its name', () => {
    const { doc, ids, promptId } = board()
    const existing = groupNotes(doc, [ids[0]!, ids[4]!])
    let named = applyAll(doc, existing.ops)
    named = applyAll(named, [{ type: 'renameCluster', id: existing.createdCluster!, name: 'Mine' }])
    expect(suggestionInput(named, promptId).texts).not.toContain('Too many meetings')
    expect(suggestionInput(named, promptId, true).texts).toContain('Too many meetings')
    const suggestion = [{ name: 'Meetings', noteIds: [ids[0]!, ids[2]!, ids[5]!] }]
    const kept = undoableStep(named, acceptSuggestions(named, suggestion).ops)
    expect(kept.notes[ids[0]!]!.clusterId).toBe(existing.createdCluster)
    const moved = undoableStep(named, acceptSuggestions(named, suggestion, true).ops)
    expect(moved.notes[ids[0]!]!.clusterId).not.toBe(existing.createdCluster)
    expect(moved.clusters[existing.createdCluster!]!.name).toBe('Mine')
    expect(moved.notes[ids[4]!]!.clusterId).toBe(existing.createdCluster)
  })
})
