import { describe, expect, it } from 'vitest'
import { groupNotes } from '../../core/board-gestures.ts'
import { createNote, createWorkshop } from '../../core/create.ts'
import { applyAll } from '../../core/ops.ts'
import { undoableStep } from './helpers/undoable-step.ts'
import { addPrompt, deletePrompt, fillBlank, shiftPrompt } from '../../core/prompt-gestures.ts'

describe('prompts', () => {
  it('are added, reworded and reordered, each one undoable step', () => {
    let doc = createWorkshop('Prompts')
    const first = doc.prompts[0]!.id
    const a = addPrompt(doc, 'How do we course-correct without losing ____?')
    doc = undoableStep(doc, a.ops)
    const b = addPrompt(doc, 'How do we develop a new ability to ____?', 0)
    doc = undoableStep(doc, b.ops)
    expect(doc.prompts.map((p) => p.id)).toEqual([b.prompt.id, first, a.prompt.id])
    doc = undoableStep(doc, [
      { type: 'editPrompt', id: a.prompt.id, text: 'What must we keep ____?' },
    ])
    doc = undoableStep(doc, shiftPrompt(doc, a.prompt.id, -1))
    expect(doc.prompts.map((p) => p.text)).toEqual([
      'How do we develop a new ability to ____?',
      'What must we keep ____?',
      'What if, in your attempt to ____?',
    ])
    expect(shiftPrompt(doc, b.prompt.id, -1)).toEqual([])
  })

  it('deleting a prompt takes its board along, and undo restores all of it', () => {
    let doc = createWorkshop('Prompts')
    const extra = addPrompt(doc, 'Second ____')
    doc = undoableStep(doc, extra.ops)
    const notes = ['x', 'y', 'z'].map((text, i) =>
      createNote({ promptId: extra.prompt.id, text, x: i * 300, y: 60 }),
    )
    doc = undoableStep(doc, [{ type: 'addNotes', notes }])
    doc = undoableStep(doc, groupNotes(doc, [notes[0]!.id, notes[1]!.id]).ops)
    const after = undoableStep(doc, deletePrompt(doc, extra.prompt.id))
    expect(after.prompts).toHaveLength(1)
    expect(after.notes).toEqual({})
    expect(after.clusters).toEqual({})
  })

  it('the last prompt cannot be deleted', () => {
    const doc = createWorkshop('Prompts')
    expect(() => applyAll(doc, deletePrompt(doc, doc.prompts[0]!.id))).toThrow(
      /at least one prompt/,
    )
  })

  it('a sentence shows a reply or a cluster name in its blank', () => {
    expect(fillBlank('What if, in your attempt to ____?', 'scale fast')).toBe(
      'What if, in your attempt to scale fast?',
    )
    expect(fillBlank('What went well', 'pairing')).toBe('What went well pairing')
  })

  it('puts a reply with $& or $$ in the blank word for word', () => {
    expect(fillBlank('We could ____ today', 'earn $$ and $& more')).toBe(
      'We could earn $$ and $& more today',
    )
    expect(fillBlank('Price: ____', "$'$`")).toBe("Price: $'$`")
  })
})
