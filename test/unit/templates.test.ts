import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { templateSchema } from '../../core/templates.ts'

const dir = new URL('../../assets/templates/', import.meta.url)
const templates = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => templateSchema.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))))

describe('templates', () => {
  it('are valid, with unique ids, and include Blank and The Product Is The Process', () => {
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length)
    expect(templates[0]!.id).toBe('blank')
    expect(templates.find((t) => t.id === 'product-is-the-process')!.prompts).toEqual([
      'What if, in your attempt to ____?',
      'How do we course-correct without losing ____?',
      'How do we develop a new ability to ____?',
    ])
    expect(templates.length).toBeGreaterThanOrEqual(5)
  })
})
