import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  columnNames,
  guessAuthorColumn,
  looksLikeHeader,
  planImport,
  readTable,
} from '../../core/import-table.ts'
import { MAX_NOTE_TEXT } from '../../core/schema.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8')

describe('importing survey exports', () => {
  it('reads an Excel CSV with a BOM, semicolons, CRLF and a quoted line break', () => {
    const table = readTable(fixture('excel-semicolon-bom.csv'))
    expect(table.delimiter).toBe(';')
    expect(looksLikeHeader(table)).toBe(true)
    expect(columnNames(table, true)).toEqual(['Respondent', 'Team', 'What would you change?'])
    const plan = planImport(table, { hasHeader: true, textColumn: 2, authorColumn: 1 })
    expect(plan.replies.map((r) => [r.text, r.author])).toEqual([
      ['Fewer meetings; more focus', 'Sales'],
      ['Écouter les clients', 'Support'],
      ['Ship smaller,\r\nlearn sooner', 'Sales'],
    ])
    expect(plan.skipped).toEqual([{ row: 5, reason: 'the reply cell is empty' }])
    expect(plan.emptyRows).toBe(1)
  })

  it('reads survey answers with quoted commas, doubled quotes and multi-line text', () => {
    const table = readTable(fixture('survey-quoted.csv'))
    expect(table.delimiter).toBe(',')
    const plan = planImport(table, { hasHeader: true, textColumn: 2, authorColumn: 1 })
    expect(plan.replies.map((r) => r.text)).toEqual([
      'Our best people, because "growth" means more meetings, not more impact',
      'The habit of writing things down.\nWe used to have great docs.',
      'Customer trust 🚀 — שלום',
    ])
    expect(plan.skipped.map((s) => s.row)).toEqual([4])
  })

  it('reads a TSV and a plain list', () => {
    const tsv = readTable(fixture('segments.tsv'))
    expect(tsv.delimiter).toBe('\t')
    expect(planImport(tsv, { hasHeader: true, textColumn: 1, authorColumn: 0 }).replies).toEqual([
      { text: 'listen first', author: 'Berlin', row: 2 },
      { text: 'cut scope, not quality', author: 'Lisbon', row: 3 },
      { text: 'protect focus time', author: 'Oslo', row: 5 },
    ])
    const txt = readTable(fixture('list.txt'), true)
    expect(
      planImport(txt, { hasHeader: false, textColumn: 0, authorColumn: null }).replies.map(
        (r) => r.text,
      ),
    ).toEqual(['ship smaller', 'listen first', 'write it down'])
  })

  it('cuts very long cells, and says which rows were cut', () => {
    const long = 'x'.repeat(MAX_NOTE_TEXT + 500)
    const table = readTable(`reply,who\n"${long}",me\nshort,you\n`)
    const plan = planImport(table, { hasHeader: true, textColumn: 0, authorColumn: 1 })
    expect(plan.replies[0]!.text).toHaveLength(MAX_NOTE_TEXT)
    expect(plan.cut).toEqual([2])
  })

  it('lists rows it cannot import, with the reason, never dropping them silently', () => {
    const table = readTable('a,b,c\n1,2,3\nonly one\n4,5,"unclosed\n')
    const plan = planImport(table, { hasHeader: true, textColumn: 2, authorColumn: null })
    expect(plan.replies.map((r) => r.row)).toEqual([2, 4])
    expect(plan.skipped.map((s) => s.row)).toContain(3)
    expect(plan.skipped.find((s) => s.row === 3)!.reason).toMatch(/no column 3/)
    expect(plan.skipped.some((s) => /quote/i.test(s.reason))).toBe(true)
  })

  it('reads 10,000 rows', () => {
    const table = readTable(fixture('ten-thousand.csv'))
    const plan = planImport(table, { hasHeader: true, textColumn: 2, authorColumn: 1 })
    expect(plan.replies).toHaveLength(10_000)
    expect(plan.replies[9999]).toEqual({
      text: 'reply number 10000, with a comma',
      author: 'segment 4',
      row: 10_001,
    })
  })

  it('guesses the author or segment column from its header', () => {
    expect(guessAuthorColumn(['Timestamp', 'Role', 'Answer'], 2)).toBe(1)
    expect(guessAuthorColumn(['team', 'reply'], 1)).toBe(0)
    expect(guessAuthorColumn(['id', 'answer'], 1)).toBeNull()
    expect(guessAuthorColumn(['Your name?', 'Name'], 1)).toBe(0)
  })
})
