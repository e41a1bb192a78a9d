import { describe, expect, it } from 'vitest'
import { createNote, createWorkshop } from '../../core/create.ts'
import { History } from '../../core/history.ts'
import type { Op } from '../../core/ops.ts'
import { applyAll } from '../../core/ops.ts'

const doc = createWorkshop('History')
const promptId = doc.prompts[0]!.id
const add = (text: string): Op => ({
  type: 'addNotes',
  notes: [createNote({ promptId, text, x: 0, y: 0 })],
})

describe('History', () => {
  it('one gesture of several ops is one undo step, undone in reverse order', () => {
    const history = new History()
    const first = add('a')
    const noteId = first.type === 'addNotes' ? first.notes[0]!.id : ''
    const gesture: Op[] = [
      first,
      { type: 'moveNotes', moves: [{ id: noteId, x: 10, y: 10 }] },
      { type: 'editNote', id: noteId, text: 'b' },
    ]
    history.record(doc, gesture)
    const after = applyAll(doc, gesture)
    expect(applyAll(after, history.undo()!)).toEqual(doc)
    expect(history.canUndo).toBe(false)
    expect(history.undo()).toBeNull()
  })

  it('redo replays the undone gesture; a new gesture clears what could be redone', () => {
    const history = new History()
    const a = add('a')
    history.record(doc, [a])
    const one = applyAll(doc, [a])
    history.undo()
    expect(history.canRedo).toBe(true)
    expect(applyAll(doc, history.redo()!)).toEqual(one)
    history.undo()
    history.record(doc, [add('b')])
    expect(history.canRedo).toBe(false)
    expect(history.redo()).toBeNull()
  })

  it('an empty gesture is no step', () => {
    const history = new History()
    history.record(doc, [])
    expect(history.canUndo).toBe(false)
  })

  it('keeps the last 500 gestures', () => {
    const history = new History()
    let current = doc
    for (let i = 0; i < 510; i++) {
      const op = add(`n${i}`)
      history.record(current, [op])
      current = applyAll(current, [op])
    }
    let steps = 0
    while (history.undo()) steps++
    expect(steps).toBe(500)
  })

  it('clear forgets every step (a workshop reloaded from the file)', () => {
    const history = new History()
    history.record(doc, [add('a')])
    history.undo()
    history.record(doc, [add('b')])
    history.clear()
    expect(history.canUndo).toBe(false)
    expect(history.canRedo).toBe(false)
  })
})
