/**
 * The CSV export: one row per reply, so a stacked duplicate gives one row per person
 * who gave it. Columns: prompt, the sentence with the reply in its blank, reply, cluster,
 * cluster votes, note votes, times given, author or segment, source, time.
 *
 * For spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents and emoji
 * right), CRLF line ends, RFC 4180 quoting (commas, quotes and line breaks inside
 * cells), and every text cell that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) neutralised by a leading apostrophe.
 * The import parser (core/import-table.ts) takes that apostrophe off again, so an
 * exported file re-imported gives the same replies.
 * Limits: face-down replies are left out (see report.ts). Note votes belong to the note,
 * so each row of a stack repeats them; "Times given" says how many rows share them.
 */
import type { Workshop } from '../model.ts'
import type { ReportNote } from './report.ts'
import { fillBlank, reportOf } from './report.ts'

/** The header row. */
export const CSV_COLUMNS = [
  'Prompt',
  'Sentence',
  'Reply',
  'Cluster',
  'Cluster votes',
  'Note votes',
  'Times given',
  'Author or segment',
  'Source',
  'Time',
] as const

/** The byte-order mark at the start of the file. */
export const BOM = '\ufeff'

// Apostrophes already in front are counted in, so a reply that really starts "'=" survives the trip.
const FORMULA_START = /^'*[=+\-@\t\r]/

/** A text cell a spreadsheet will show as text: formula starts get a leading apostrophe. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One cell, quoted when it holds a delimiter, a quote, a line break or edge spaces. */
export function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The rows of the export (header first), as cell values before quoting. */
export function csvRows(workshop: Workshop): (string | number)[][] {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]]
  const text = (value: string) => neutralizeFormula(value)
  for (const section of reportOf(workshop).prompts) {
    const prompt = section.prompt.text
    const add = (entry: ReportNote, cluster: string, clusterVotes: number | '') => {
      for (const reply of entry.replies) {
        rows.push([
          text(prompt),
          text(fillBlank(prompt, reply.text)),
          text(reply.text),
          text(cluster),
          clusterVotes,
          entry.note.votes,
          entry.replies.length,
          text(reply.author ?? ''),
          reply.source,
          reply.createdAt,
        ])
      }
    }
    for (const c of section.clusters) for (const n of c.notes) add(n, c.label, c.cluster.votes)
    for (const n of section.loose) add(n, '', '')
  }
  return rows
}

/** The whole CSV file's text: BOM, header, one row per reply, CRLF after every row. */
export function csvExport(workshop: Workshop): string {
  return (
    BOM +
    csvRows(workshop)
      .map((row) => row.map(csvCell).join(',') + '\r\n')
      .join('')
  )
}
