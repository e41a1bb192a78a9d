import { readFileSync, writeFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createNote, createWorkshop } from '../../core/create.ts'
import { BOM, CSV_COLUMNS, csvExport, neutralizeFormula } from '../../core/export/csv.ts'
import { repliesOf } from '../../core/export/report.ts'
import {
  columnNames,
  guessAuthorColumn,
  guessTextColumn,
  looksLikeHeader,
  planImport,
  readTable,
} from '../../core/import-table.ts'
import type { Workshop } from '../../core/model.ts'
import { exportFixture, fixtureWorkshop } from './helpers/export-fixture.ts'

/** Reads an exported CSV back the way the import dialog does, with its own column guesses. */
function reimport(csv: string) {
  const table = readTable(csv)
  const hasHeader = looksLikeHeader(table)
  const textColumn = guessTextColumn(table, hasHeader)
  const authorColumn = guessAuthorColumn(columnNames(table, hasHeader), textColumn)
  return {
    table,
    hasHeader,
    textColumn,
    authorColumn,
    plan: planImport(table, { hasHeader, textColumn, authorColumn }),
  }
}

/** Every face-up reply of a workshop (duplicates one by one), as text and author. */
function faceUpReplies(workshop: Workshop) {
  return Object.values(workshop.notes)
    .filter((n) => !n.hidden)
    .flatMap(repliesOf)
    .map((r) => ({ text: r.text.trim(), author: r.author }))
}

const sorted = <T>(list: T[]) =>
  [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))

describe('the CSV export', () => {
  it('matches the golden file of the fixture workshop', () => {
    const csv = csvExport(fixtureWorkshop())
    if (process.env.UPDATE_GOLDEN) writeFileSync(exportFixture('report.csv'), csv)
    expect(csv).toBe(readFileSync(exportFixture('report.csv'), 'utf8'))
  })

  it('starts with a BOM and the header, and ends every row with CRLF', () => {
    const csv = csvExport(fixtureWorkshop())
    expect(csv.startsWith(BOM + CSV_COLUMNS.join(',') + '\r\n')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
  })

  it('gives one row per person: a reply given three times is three rows', () => {
    const { plan } = reimport(csvExport(fixtureWorkshop()))
    const stacked = plan.replies.filter((r) => /^misaligned\s+incentives!?$/i.test(r.text))
    expect(stacked.map((r) => r.author)).toEqual(['Chen', 'Dana', null])
  })

  it('re-imported through the import parser, gives the same replies, authors and all', () => {
    const workshop = fixtureWorkshop()
    const again = reimport(csvExport(workshop))
    expect(again.hasHeader).toBe(true)
    expect(again.textColumn).toBe(CSV_COLUMNS.indexOf('Reply'))
    expect(again.authorColumn).toBe(CSV_COLUMNS.indexOf('Author or segment'))
    expect(again.plan.skipped).toEqual([])
    expect(sorted(again.plan.replies.map(({ text, author }) => ({ text, author })))).toEqual(
      sorted(faceUpReplies(workshop)),
    )
  })

  it('leaves face-down replies out', () => {
    const csv = csvExport(fixtureWorkshop())
    expect(csv).not.toContain('secret')
    expect(csv).not.toContain('Another hidden one')
  })

  it('neutralises every cell a spreadsheet would run as a formula', () => {
    const { table } = reimport(csvExport(fixtureWorkshop()))
    const cells = table.rows.slice(1).flatMap((row) => row.filter((_, i) => ![4, 5, 6].includes(i)))
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([])
    expect(cells).toContain(`'=HYPERLINK("http://example.invalid","click me")`)
    expect(cells).toContain("'@mallory")
    expect(cells).toContain("'-5% churn since the relaunch")
    expect(neutralizeFormula('\tcmd')).toBe("'\tcmd")
    expect(neutralizeFormula('\rcmd')).toBe("'\rcmd")
    expect(neutralizeFormula("'=already")).toBe("''=already")
    expect(neutralizeFormula('plain')).toBe('plain')
  })

  it('round-trips any replies and authors: commas, quotes, line breaks, formula starts, any script', () => {
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((s) => s.trim())
      .filter((s) => s !== '')
    const reply = fc.record({ text, author: fc.option(text, { nil: null }) })
    fc.assert(
      fc.property(fc.array(reply, { minLength: 1, maxLength: 12 }), (replies) => {
        let workshop = createWorkshop('Round trip')
        const promptId = workshop.prompts[0]!.id
        const notes = replies.map((r, i) =>
          createNote({ promptId, text: r.text, author: r.author, x: i * 240, y: 0 }),
        )
        workshop = { ...workshop, notes: Object.fromEntries(notes.map((n) => [n.id, n])) }
        const { plan } = reimport(csvExport(workshop))
        expect(plan.skipped).toEqual([])
        expect(sorted(plan.replies.map(({ text, author }) => ({ text, author })))).toEqual(
          sorted(replies.map((r) => ({ text: r.text, author: r.author?.trim() || null }))),
        )
      }),
      { numRuns: 300 },
    )
  })
})
