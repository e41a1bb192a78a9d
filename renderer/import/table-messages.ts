/**
 * The messages between the import dialog and the worker that reads a table: the page
 * sends a file once, then asks for plans and replies as the person changes columns; the
 * worker keeps the whole table, so only summaries and the chosen replies cross over.
 */
import type { ImportChoice, RowProblem } from '../../core/import-table.ts'
import type { TableEncoding } from '../../core/table-bytes.ts'

/** What the page asks the worker. */
export type WorkerRequest =
  | { type: 'read'; file: File; plainText: boolean }
  | { type: 'plan'; id: number; choice: ImportChoice }
  | { type: 'take'; id: number; choice: ImportChoice; limit: number }

/** What the page learns about a table once it is read. */
export interface TableInfo {
  encoding: TableEncoding
  /** The delimiter found, or null for one reply per line. */
  delimiter: string | null
  /** Every row, empty ones included. */
  rowCount: number
  /** The first rows, for the preview and the column names. */
  head: string[][]
  /** Guesses the dialog starts from. */
  hasHeader: boolean
  textColumn: number
  authorColumn: number | null
}

/** What an import with one choice of columns would do. */
export interface PlanSummary {
  replies: number
  /** Rows left out or read with a fix (the first few hundred). */
  skipped: RowProblem[]
  skippedCount: number
  /** Rows whose text is cut (the first ten). */
  cut: number[]
  cutCount: number
  emptyRows: number
  /** The row of the reply that would be the last one added under a limit. */
  rowAtLimit: number | null
}

/** A reply to import, with the text it stacks by (see core/duplicates.ts normalizeReply). */
export interface ImportedReply {
  text: string
  author: string | null
  key: string
}

/** What the worker tells the page. */
export type WorkerReply =
  | { type: 'progress'; rows: number; share: number }
  | { type: 'table'; info: TableInfo }
  | { type: 'refused'; message: string }
  | { type: 'failed'; message: string }
  | { type: 'plan'; id: number; plan: PlanSummary }
  | {
      type: 'replies'
      id: number
      replies: ImportedReply[]
      done: boolean
    }
