/**
 * Reads an import file off the main thread: bytes → text (or a refusal) → table, with
 * progress every few thousand rows; then answers plans and hands over the chosen
 * replies in chunks, each with its duplicate-matching key. The page cancels by terminating the worker.
 * Limits: holds one file's table at a time; the file must fit in memory twice over
 * (bytes and text), which the dialog's size limit keeps true.
 */
import type { ImportPlan, Table } from '../../core/import-table.ts'
import {
  MAX_IMPORT_REPLIES,
  columnNames,
  guessAuthorColumn,
  guessTextColumn,
  looksLikeHeader,
  planImport,
  readTable,
} from '../../core/import-table.ts'
import { normalizeReply } from '../../core/duplicates.ts'
import { decodeTableBytes, refusalMessage } from '../../core/table-bytes.ts'
import type { PlanSummary, WorkerReply, WorkerRequest } from './table-messages.ts'

const HEAD_ROWS = 201
// Small enough that the page takes in one message well within a frame.
const REPLIES_PER_MESSAGE = 2_000
const LISTED_PROBLEMS = 500

const scope = self as unknown as {
  postMessage(message: WorkerReply): void
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
}

let table: Table | null = null
let lastPlan: { key: string; plan: ImportPlan } | null = null

function planFor(choice: WorkerRequest & { type: 'plan' | 'take' }): ImportPlan {
  const key = JSON.stringify(choice.choice)
  if (lastPlan?.key !== key) lastPlan = { key, plan: planImport(table!, choice.choice) }
  return lastPlan.plan
}

function summary(plan: ImportPlan, limit: number): PlanSummary {
  return {
    replies: plan.replies.length,
    skipped: plan.skipped.slice(0, LISTED_PROBLEMS),
    skippedCount: plan.skipped.length,
    cut: plan.cut.slice(0, 10),
    cutCount: plan.cut.length,
    emptyRows: plan.emptyRows,
    rowAtLimit: plan.replies.length > limit ? plan.replies[limit - 1]!.row : null,
  }
}

async function read(file: File, plainText: boolean): Promise<void> {
  scope.postMessage({ type: 'progress', rows: 0, share: 0 })
  const decoded = decodeTableBytes(new Uint8Array(await file.arrayBuffer()))
  if (!decoded.ok) {
    scope.postMessage({ type: 'refused', message: refusalMessage(file.name, decoded.refusal) })
    return
  }
  const read = readTable(decoded.text, plainText, (rows, share) =>
    scope.postMessage({ type: 'progress', rows, share }),
  )
  table = read
  lastPlan = null
  const hasHeader = looksLikeHeader(read)
  const textColumn = guessTextColumn(read, hasHeader)
  scope.postMessage({
    type: 'table',
    info: {
      encoding: decoded.encoding,
      delimiter: read.delimiter,
      rowCount: read.rows.length,
      head: read.rows.slice(0, HEAD_ROWS),
      hasHeader,
      textColumn,
      authorColumn: hasHeader ? guessAuthorColumn(columnNames(read, hasHeader), textColumn) : null,
    },
  })
}

scope.onmessage = (event) => {
  const request = event.data
  try {
    switch (request.type) {
      case 'read':
        read(request.file, request.plainText).catch((error: Error) =>
          scope.postMessage({ type: 'failed', message: error.message }),
        )
        return
      case 'plan':
        scope.postMessage({
          type: 'plan',
          id: request.id,
          plan: summary(planFor(request), MAX_IMPORT_REPLIES),
        })
        return
      case 'take': {
        const replies = planFor(request).replies.slice(0, request.limit)
        for (let i = 0; i === 0 || i < replies.length; i += REPLIES_PER_MESSAGE) {
          scope.postMessage({
            type: 'replies',
            id: request.id,
            // Each with the text duplicates are matched by, worked out here, off the page.
            replies: replies
              .slice(i, i + REPLIES_PER_MESSAGE)
              .map((r) => ({ text: r.text, author: r.author, key: normalizeReply(r.text) })),
            done: i + REPLIES_PER_MESSAGE >= replies.length,
          })
        }
        return
      }
    }
  } catch (error) {
    scope.postMessage({ type: 'failed', message: (error as Error).message })
  }
}
