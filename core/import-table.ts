/**
 * Reading survey exports and lists into replies: CSV and TSV (any common delimiter,
 * quoted cells with commas and line breaks, a BOM, CRLF, empty rows) through papaparse,
 * and plain text as one reply per line. Nothing is dropped silently: every row that
 * does not become a reply is listed with its reason.
 *
 * Limits: the whole file is parsed in memory (a 10,000-row export is a few MB); cells
 * longer than a note holds are cut, and counted.
 */
import Papa from 'papaparse'
import { splitPastedReplies } from './paste.ts'
import { MAX_LABEL, MAX_NOTE_TEXT } from './schema.ts'

/** A file's cells, row by row, and how they were read. */
export interface Table {
  rows: string[][]
  /** The delimiter found (',' ';' '\t' '|'), or null for plain text. */
  delimiter: string | null
  /** Problems the parser reported, e.g. an unclosed quote, with their row. */
  problems: { row: number; message: string }[]
}

/** Reads a file's text as a table; `.txt` files (or `plainText`) give one cell per line. */
export function readTable(text: string, plainText = false): Table {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (plainText) {
    return { rows: splitPastedReplies(clean).map((line) => [line]), delimiter: null, problems: [] }
  }
  // The trailing line break of the last row is not an empty row of its own.
  const body = clean.replace(/(?:\r\n|\r|\n)+$/, '')
  // Guess the delimiter on non-empty rows, then read every row, empty ones too, so row
  // numbers match what a spreadsheet shows.
  const guess = Papa.parse<string[]>(body, {
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: 'greedy',
    preview: 200,
  })
  const result = Papa.parse<string[]>(body, {
    delimiter: guess.meta.delimiter,
    skipEmptyLines: false,
  })
  return {
    rows: result.data.map((row) => row.map((cell) => cell ?? '')),
    delimiter: result.meta.delimiter,
    problems: result.errors
      // A one-column file has nothing to guess from; that is not a problem.
      .filter((e) => e.code !== 'UndetectableDelimiter')
      .map((e) => ({ row: (e.row ?? 0) + 1, message: e.message })),
  }
}

/** True when the first row looks like column names rather than a reply. */
export function looksLikeHeader(table: Table): boolean {
  const [first, second] = table.rows.filter((row) => row.some((cell) => cell.trim() !== ''))
  if (!first || !second || first.length < 2) return false
  const names = first.map((c) => c.trim())
  return names.every((c) => c !== '' && c.length <= 80) && new Set(names).size === names.length
}

/** The columns a person picks from: names from the header, or "Column N". */
export function columnNames(table: Table, hasHeader: boolean): string[] {
  const width = Math.max(0, ...table.rows.slice(0, 200).map((r) => r.length))
  return Array.from({ length: width }, (_, i) =>
    hasHeader && table.rows[0]?.[i]?.trim() ? table.rows[0][i]!.trim() : `Column ${i + 1}`,
  )
}

/** What to take from each row. */
export interface ImportChoice {
  hasHeader: boolean
  textColumn: number
  /** Author or segment column, or null. */
  authorColumn: number | null
}

/** The replies a table gives, and the rows that gave none. */
export interface ImportPlan {
  replies: { text: string; author: string | null; row: number }[]
  skipped: { row: number; reason: string }[]
  /** Rows whose text was longer than a note holds and was cut. */
  cut: number[]
  /** Rows with nothing in any cell (counted, not listed one by one). */
  emptyRows: number
}

/** Turns rows into replies, saying why any row is left out. Rows count from 1 as in a spreadsheet. */
export function planImport(table: Table, choice: ImportChoice): ImportPlan {
  const plan: ImportPlan = { replies: [], skipped: [], cut: [], emptyRows: 0 }
  table.rows.forEach((cells, i) => {
    const row = i + 1
    if (choice.hasHeader && i === 0) return
    if (cells.every((cell) => cell.trim() === '')) {
      plan.emptyRows += 1
      return
    }
    if (choice.textColumn >= cells.length) {
      plan.skipped.push({ row, reason: `it has no column ${choice.textColumn + 1}` })
      return
    }
    const text = unneutralize(cells[choice.textColumn]!).trim()
    if (text === '') {
      plan.skipped.push({ row, reason: 'the reply cell is empty' })
      return
    }
    if (text.length > MAX_NOTE_TEXT) plan.cut.push(row)
    const author =
      choice.authorColumn === null
        ? ''
        : unneutralize(cells[choice.authorColumn] ?? '')
            .trim()
            .slice(0, MAX_LABEL)
    plan.replies.push({ text: text.slice(0, MAX_NOTE_TEXT), author: author || null, row })
  })
  for (const problem of table.problems)
    plan.skipped.push({ row: problem.row, reason: problem.message })
  plan.skipped.sort((a, b) => a.row - b.row)
  return plan
}

/**
 * A cell as its writer meant it: spreadsheets and Blankboard's own CSV export put an
 * apostrophe before text that would otherwise run as a formula (`'=SUM(…)`, `'-5%`);
 * that apostrophe is not part of the reply.
 */
export function unneutralize(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
}

const TEXT_NAMES = /^(reply|replies|response|answer|text|comment|feedback|note)s?$/i

/**
 * The column most likely to hold the replies: one whose header names it (Reply,
 * Response, Answer, Text, Comment…), otherwise the one with the longest cells.
 */
export function guessTextColumn(table: Table, hasHeader: boolean): number {
  const names = columnNames(table, hasHeader)
  if (hasHeader) {
    const named = names.findIndex((name) => TEXT_NAMES.test(name.trim()))
    if (named !== -1) return named
  }
  const sample = table.rows.slice(hasHeader ? 1 : 0, 200)
  const lengths = names.map((_, i) => sample.reduce((sum, row) => sum + (row[i]?.length ?? 0), 0))
  return lengths.indexOf(Math.max(...lengths))
}

const AUTHOR_NAMES =
  /\b(author|name|who|team|segment|group|role|department|dept|persona|cohort|region)\b/i

/** The column that most likely names who replied (by its header), other than `textColumn`. */
export function guessAuthorColumn(names: readonly string[], textColumn: number): number | null {
  const index = names.findIndex((name, i) => i !== textColumn && AUTHOR_NAMES.test(name))
  return index === -1 ? null : index
}
