/**
 * The page's side of exporting: builds each export from the workshop with the core
 * exporters and hands it to the main process, which asks where to save it. Also copies
 * the Markdown report to the clipboard.
 * Limits: the page never chooses a folder; in the web harness the file goes to its data
 * folder and PDF is refused with a message.
 */
import type { ExportRequest, ExportSaved } from '../../core/api.ts'
import { csvExport } from '../../core/export/csv.ts'
import type { ExportKind } from '../../core/export/export-files.ts'
import { EXPORT_PIECE_BYTES, exportFileName } from '../../core/export/export-files.ts'
import { htmlReport } from '../../core/export/html-report.ts'
import type { ImageTarget } from '../../core/export/image-bounds.ts'
import { markdownReport } from '../../core/export/markdown.ts'
import { encodeWorkshop } from '../../core/migrations.ts'
import type { Workshop } from '../../core/model.ts'
import { api } from '../api.ts'
import { uploadExport } from './export-upload.ts'

/** The exports of the report kind (everything but the image). */
export type ReportKind = Exclude<ExportKind, 'png'>

/** The name a file of `kind` is offered under. */
export function suggestedName(doc: Workshop, kind: ExportKind, what = 'report'): string {
  const title = doc.title.trim() || 'Workshop'
  return exportFileName(kind === 'json' ? `${title} copy` : `${title} ${what}`, kind)
}

/** The name an image of `target` is offered under. */
export function imageName(doc: Workshop, target: ImageTarget): string {
  switch (target.kind) {
    case 'board': {
      const index = doc.prompts.findIndex((p) => p.id === target.promptId)
      return suggestedName(doc, 'png', doc.prompts.length > 1 ? `board ${index + 1}` : 'board')
    }
    case 'cluster':
      return suggestedName(doc, 'png', doc.clusters[target.clusterId]?.name.trim() || 'cluster')
    case 'ranking':
      return suggestedName(doc, 'png', 'ranking')
  }
}

/** The request that saves a report of `kind`. */
export function reportRequest(doc: Workshop, kind: ReportKind, authors: boolean): ExportRequest {
  const name = suggestedName(doc, kind)
  switch (kind) {
    case 'md':
      return { kind, name, text: markdownReport(doc, { authors }) }
    case 'csv':
      return { kind, name, text: csvExport(doc) }
    case 'html':
      return { kind, name, text: htmlReport(doc, { authors }) }
    case 'json':
      return { kind, name, text: encodeWorkshop(doc) }
    case 'pdf':
      return { kind, name, workshop: doc, authors }
  }
}

/**
 * Saves a report through the main process; null when the user cancelled. Text larger
 * than one piece (the CSV of a very large board) travels in pieces.
 */
export function saveReport(
  doc: Workshop,
  kind: ReportKind,
  authors: boolean,
): Promise<ExportSaved | null> {
  const request = reportRequest(doc, kind, authors)
  if ('text' in request && request.text.length > EXPORT_PIECE_BYTES / 4) {
    const bytes = new Blob([request.text], { type: 'text/plain' })
    if (bytes.size > EXPORT_PIECE_BYTES) return uploadExport(request.kind, request.name, bytes)
  }
  return api().saveExport(request)
}

/**
 * Puts text on the clipboard. The asynchronous clipboard needs a permission the desktop
 * app does not grant, so a copy from a hidden text field stands in for it there.
 */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    return
  } catch {
    // fall through to the copy command
  }
  const field = document.createElement('textarea')
  field.value = text
  field.setAttribute('readonly', '')
  field.style.position = 'fixed'
  field.style.opacity = '0'
  const focused = document.activeElement as HTMLElement | null
  document.body.append(field)
  field.select()
  const copied = document.execCommand('copy')
  field.remove()
  focused?.focus()
  if (!copied) throw new Error('The clipboard is not available here.')
}
