import { describe, expect, it } from 'vitest'
import { splitPastedReplies } from '../../core/paste.ts'

describe('pasting many replies', () => {
  it('makes one reply per non-empty line, bullets and numbering stripped', () => {
    const pasted = [
      '• Hire for curiosity',
      '',
      '- Ship smaller',
      '* Write it down  ',
      '1. Listen first',
      '2) Cut scope',
      '(3) Fewer meetings',
      'a. Ask why',
      '   ',
      '– Protect focus time',
      '-5% churn is the goal', // a minus sign glued to a number is text, not a bullet
    ].join('\r\n')
    expect(splitPastedReplies(pasted)).toEqual([
      'Hire for curiosity',
      'Ship smaller',
      'Write it down',
      'Listen first',
      'Cut scope',
      'Fewer meetings',
      'Ask why',
      'Protect focus time',
      '-5% churn is the goal',
    ])
  })

  it('keeps emoji, accents and right-to-left text whole', () => {
    expect(splitPastedReplies('🚀 ship it\nréduire les délais\n• שלום עולם\n')).toEqual([
      '🚀 ship it',
      'réduire les délais',
      'שלום עולם',
    ])
  })

  it('splits a paste of 5,000 lines', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `- reply number ${i + 1}`).join('\n')
    const replies = splitPastedReplies(lines)
    expect(replies).toHaveLength(5000)
    expect(replies[4999]).toBe('reply number 5000')
  })
})
