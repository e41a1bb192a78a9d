import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  columnNames,
  guessAuthorColumn,
  guessTextColumn,
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
    expect(plan.replies.map((r) => r.row)).toEqual([2])
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

describe('malformed and unusual files', () => {
  it('lists each malformed row once with its reason, and imports the rest', () => {
    const table = readTable(fixture('unescaped-quotes.csv'))
    const plan = planImport(table, { hasHeader: true, textColumn: 2, authorColumn: 1 })
    expect(plan.replies.map((r) => [r.row, r.text, r.author])).toEqual([
      [2, 'He said "no" twice', 'Sales'],
      [3, 'Plain reply', 'Ops'],
      [5, 'After the broken row', 'Design'],
      [6, 'Properly "quoted" reply', 'Design'],
      [7, 'fewer meetings, more focus', 'Sales'],
    ])
    expect(plan.skipped.map((s) => s.row)).toEqual([2, 4, 7])
    expect(plan.skipped[0]!.reason).toMatch(/quote inside a quoted cell was not doubled/)
    expect(plan.skipped[1]!.reason).toMatch(/never closes.*left out.*Unclosed quote here/)
    expect(plan.skipped[2]!.reason).toMatch(/4 cells where the header has 3/)
  })

  it('never lists a row twice, whatever the quotes in a file do', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z ,"\n\r;]{0,30}$/), { minLength: 1, maxLength: 30 }),
        (lines) => {
          const table = readTable(lines.join('\n'))
          for (const hasHeader of [false, true]) {
            const plan = planImport(table, { hasHeader, textColumn: 0, authorColumn: null })
            const rows = plan.skipped.map((s) => s.row)
            expect(new Set(rows).size).toBe(rows.length)
            expect(rows).toEqual([...rows].sort((a, b) => a - b))
          }
        },
      ),
    )
  })

  it('a file of column names only has no replies', () => {
    const table = readTable(fixture('header-only.csv'))
    expect(looksLikeHeader(table)).toBe(true)
    const plan = planImport(table, { hasHeader: true, textColumn: 2, authorColumn: 1 })
    expect(plan.replies).toEqual([])
    expect(plan.skipped).toEqual([])
  })

  it('reads a CRLF Excel export with a BOM and RTL text and emoji intact', () => {
    const table = readTable(fixture('duplicate-pairs.csv'))
    const plan = planImport(table, { hasHeader: true, textColumn: 1, authorColumn: 0 })
    expect(plan.replies).toHaveLength(24)
    expect(plan.replies.map((r) => r.text)).toContain('مرحبا بالعالم')
    expect(plan.replies.map((r) => r.text)).toContain('Deploys 👎')
  })

  it('reports progress while reading a big table, ending at the whole text', () => {
    const text = ['id,reply', ...Array.from({ length: 12_000 }, (_, i) => `${i},reply ${i}`)].join(
      '\n',
    )
    const seen: [number, number][] = []
    const table = readTable(text, false, (rows, share) => seen.push([rows, share]))
    expect(table.rows).toHaveLength(12_001)
    expect(seen.map(([rows]) => rows)).toEqual([5_000, 10_000, 12_001])
    expect(seen.at(-1)![1]).toBe(1)
    expect(seen[0]![1]).toBeGreaterThan(0.3)
    expect(seen[0]![1]).toBeLessThan(0.5)
  })

  it('guesses the reply column from the most text', () => {
    const table = readTable(fixture('survey-quoted.csv'))
    expect(guessTextColumn(table, true)).toBe(2)
  })

  it('guesses the author or segment column from headers in several languages', () => {
    const cases: [string[], number][] = [
      [['Équipe', 'Réponse'], 0],
      [['Équipe / segment', 'Réponse'], 0],
      [['Nom', 'Votre idée'], 0],
      [['Name', 'Idea'], 0],
      [['Antwort', 'Abteilung'], 1],
      [['Bereich', 'Antwort'], 0],
      [['Autor', 'Antwort'], 0],
      [['Auteur', 'Réponse'], 0],
      [['Nombre', 'Respuesta'], 0],
      [['Equipo', 'Respuesta'], 0],
      [['Zeitstempel', 'Antwort', 'Team'], 2],
      [['部署', '回答'], 0],
    ]
    for (const [names, author] of cases) {
      const text = names.length === 3 ? 1 : 1 - author
      expect(guessAuthorColumn(names, text), names.join(' | ')).toBe(author)
    }
    // A question that merely mentions a name is not the author column.
    expect(guessAuthorColumn(['Name one thing we should stop doing this year', 'ID'], 1)).toBe(null)
  })
})
