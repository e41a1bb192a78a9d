/**
 * Reading survey exports and lists into replies: CSV and TSV (any common delimiter,
 * quoted cells with commas and line breaks, CRLF, empty rows) through papaparse, and
 * plain text as one reply per line. Nothing is dropped silently: every row that does not
 * become a reply, or was read with a fix, is listed once with its reason.
 *
 * Malformed rows are read the way a person would: a quote inside a quoted reply that was
 * not doubled is kept as text; a quote that opens and never closes spoils only its own
 * line, and reading goes on at the next one.
 * Limits: the whole text is held in memory (run it in a worker for big files); cells
 * longer than a note holds are cut, and counted; one import adds at most
 * MAX_IMPORT_REPLIES replies (a board is not usable with more).
 */
import Papa from 'papaparse'
import { splitPastedReplies } from './paste.ts'
import { MAX_LABEL, MAX_NOTE_TEXT } from './schema.ts'

/** Most replies one import adds; a bigger file asks before adding the first this many. */
export const MAX_IMPORT_REPLIES = 100_000

/** A row that was read with a fix, or could not be read. */
export interface RowProblem {
  /** The row, counting from 1 as a spreadsheet does. */
  row: number
  /** What was wrong, in words a person can act on. */
  reason: string
}

/** A file's cells, row by row, and how they were read. */
export interface Table {
  rows: string[][]
  /** The delimiter found (',' ';' '\t' '|'), or null for plain text. */
  delimiter: string | null
  /** Rows the parser had to fix or leave out, one entry per row, in row order. */
  problems: RowProblem[]
}

/** How far reading has got: rows read and the share of the text (0 to 1). */
export type ReadProgress = (rows: number, share: number) => void

const PROGRESS_EVERY = 5_000
const LINE_BREAK = /\r\n|\r|\n/

/**
 * Reads a file's text as a table; `plainText` (for `.txt` files) gives one cell per line.
 * Calls `onProgress` every few thousand rows.
 */
export function readTable(text: string, plainText = false, onProgress?: ReadProgress): Table {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (plainText) {
    return { rows: splitPastedReplies(clean).map((line) => [line]), delimiter: null, problems: [] }
  }
  // The trailing line break of the last row is not an empty row of its own.
  const body = clean.replace(/(?:\r\n|\r|\n)+$/, '')
  // Guess the delimiter on non-empty rows, then read every row, empty ones too, so row
  // numbers match what a spreadsheet shows.
  const guess = Papa.parse<string[]>(body.slice(0, 256 * 1024), {
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: 'greedy',
    preview: 200,
  })
  const delimiter = guess.meta.delimiter
  const rows: string[][] = []
  const problems: RowProblem[] = []
  let offset = 0
  while (offset <= body.length) {
    const start = offset
    let rowStart = 0 // where the current row starts in the slice being parsed
    let unclosed = -1 // slice index of a row whose quote never closes
    Papa.parse<string[]>(body.slice(start), {
      delimiter,
      skipEmptyLines: false,
      step(result, parser) {
        const row = result.data
        const codes = new Set(result.errors.map((e) => e.code))
        // A quote that never closes swallows the rest of the file, or runs on until some
        // later quote and spans lines with a stray quote inside: either way, only its
        // first line is this row.
        const runsOn =
          codes.has('InvalidQuotes') &&
          row.some((cell) => cell !== undefined && /[\r\n]/.test(cell))
        if (codes.has('MissingQuotes') || runsOn) {
          unclosed = rowStart
          parser.abort()
          return
        }
        rows.push(row.map((cell) => cell ?? ''))
        if (codes.has('InvalidQuotes')) {
          problems.push({
            row: rows.length,
            reason: 'a quote inside a quoted cell was not doubled; read as it appears',
          })
        }
        rowStart = result.meta.cursor
        if (onProgress && rows.length % PROGRESS_EVERY === 0) {
          onProgress(rows.length, (start + result.meta.cursor) / Math.max(1, body.length))
        }
      },
    })
    if (unclosed === -1) break
    // The row with an unclosed quote is its first line only; reading goes on after it.
    const from = start + unclosed
    const rest = body.slice(from)
    const lineEnd = rest.search(LINE_BREAK)
    const line = lineEnd === -1 ? rest : rest.slice(0, lineEnd)
    rows.push([])
    problems.push({
      row: rows.length,
      reason: `a quote opens and never closes, so this row is left out (“${preview(line)}”)`,
    })
    if (lineEnd === -1) break
    offset = from + lineEnd + (rest.startsWith('\r\n', lineEnd) ? 2 : 1)
  }
  onProgress?.(rows.length, 1)
  return { rows, delimiter, problems }
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

/** True when the first row looks like column names rather than a reply. */
export function looksLikeHeader(table: Table): boolean {
  const [first, second] = table.rows.filter((row) => row.some((cell) => cell.trim() !== ''))
  if (!first || first.length < 2) return false
  const names = first.map((c) => c.trim())
  const named =
    names.every((c) => c !== '' && c.length <= 80) && new Set(names).size === names.length
  // A file of one row with several short, distinct cells is a header with no replies.
  return named && (second !== undefined || names.every((c) => c.length <= 40))
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

/** One reply a table gives. */
export interface PlannedReply {
  text: string
  author: string | null
  /** Its row, counting from 1. */
  row: number
}

/** The replies a table gives, and the rows that gave none. */
export interface ImportPlan {
  replies: PlannedReply[]
  /** Rows left out or read with a fix, once each, in row order. */
  skipped: RowProblem[]
  /** Rows whose text was longer than a note holds and was cut. */
  cut: number[]
  /** Rows with nothing in any cell (counted, not listed one by one). */
  emptyRows: number
}

/** Turns rows into replies, saying why any row is left out. Rows count from 1 as in a spreadsheet. */
export function planImport(table: Table, choice: ImportChoice): ImportPlan {
  const plan: ImportPlan = { replies: [], skipped: [], cut: [], emptyRows: 0 }
  const troubled = new Map(table.problems.map((p) => [p.row, p.reason]))
  const width = choice.hasHeader ? (table.rows[0]?.length ?? 0) : 0
  const joinsExtra = width > 1 && choice.textColumn === width - 1 && table.delimiter !== null
  table.rows.forEach((cells, i) => {
    const row = i + 1
    if (choice.hasHeader && i === 0) return
    const problem = troubled.get(row)
    if (cells.length === 0 && problem) {
      plan.skipped.push({ row, reason: problem })
      return
    }
    if (cells.every((cell) => cell.trim() === '')) {
      plan.emptyRows += 1
      return
    }
    if (choice.textColumn >= cells.length) {
      plan.skipped.push({ row, reason: `it has no column ${choice.textColumn + 1}` })
      return
    }
    let text = unneutralize(cells[choice.textColumn]!).trim()
    let fixed = problem
    if (joinsExtra && cells.length > width) {
      // A reply holding the delimiter without quotes spills into extra cells: join them back.
      text = cells.slice(choice.textColumn).join(table.delimiter!).trim()
      fixed = `it has ${cells.length} cells where the header has ${width} (a “${table.delimiter === '\t' ? 'tab' : table.delimiter}” in the reply without quotes?); the extra cells were joined to the reply`
    }
    if (text === '') {
      plan.skipped.push({ row, reason: 'the reply cell is empty' })
      return
    }
    if (fixed) plan.skipped.push({ row, reason: fixed })
    if (text.length > MAX_NOTE_TEXT) plan.cut.push(row)
    const author =
      choice.authorColumn === null
        ? ''
        : unneutralize(cells[choice.authorColumn] ?? '')
            .trim()
            .slice(0, MAX_LABEL)
    plan.replies.push({ text: text.slice(0, MAX_NOTE_TEXT), author: author || null, row })
  })
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
  return Math.max(0, lengths.indexOf(Math.max(...lengths)))
}

// Header words that name who replied or their group, in the languages workshops run in.
const AUTHOR_WORDS = new Set(
  [
    // English
    'author',
    'name',
    'names',
    'who',
    'team',
    'segment',
    'group',
    'role',
    'department',
    'dept',
    'persona',
    'cohort',
    'region',
    'respondent',
    'participant',
    'division',
    'unit',
    'office',
    'location',
    'site',
    'squad',
    'tribe',
    'function',
    'area',
    'country',
    'city',
    // French
    'equipe',
    'nom',
    'prenom',
    'auteur',
    'groupe',
    'service',
    'departement',
    'role',
    'pole',
    'direction',
    'participant',
    'participante',
    'site',
    'agence',
    // German
    'abteilung',
    'bereich',
    'autor',
    'gruppe',
    'rolle',
    'standort',
    'vorname',
    'nachname',
    'teilnehmer',
    'teilnehmerin',
    'funktion',
    // Spanish and Portuguese
    'nombre',
    'equipo',
    'grupo',
    'rol',
    'departamento',
    'area',
    'autor',
    'segmento',
    'nome',
    'equipa',
    'equipe',
    'sede',
    'funcao',
    'cargo',
    'participante',
    // Italian and Dutch
    'squadra',
    'autore',
    'gruppo',
    'ruolo',
    'reparto',
    'naam',
    'afdeling',
    'groep',
    'rol',
  ].map(fold),
)
// Scripts written without spaces: matched as parts of the header.
const AUTHOR_PARTS = [
  '名前',
  '氏名',
  '部署',
  'チーム',
  '担当',
  '团队',
  '部门',
  '姓名',
  '作者',
  '팀',
  '부서',
  '이름',
]

/** Lower case without accents, for comparing header words. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** How surely a header names who replied: 2 when all of it does, 1 when a word of a short header does. */
function authorScore(header: string): number {
  const words = fold(header)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
  if (words.length === 0) return 0
  if (words.length <= 4 && words.every((w) => AUTHOR_WORDS.has(w))) return 2
  if (words.length <= 4 && words.some((w) => AUTHOR_WORDS.has(w))) return 1
  if (header.length <= 12 && AUTHOR_PARTS.some((part) => header.includes(part))) return 2
  return 0
}

/** The column that most likely names who replied (by its header), other than `textColumn`. */
export function guessAuthorColumn(names: readonly string[], textColumn: number): number | null {
  let best: number | null = null
  let bestScore = 0
  names.forEach((name, i) => {
    const score = i === textColumn ? 0 : authorScore(name)
    if (score > bestScore) {
      best = i
      bestScore = score
    }
  })
  return best
}
