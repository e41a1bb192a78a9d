/**
 * The kinds of file an export writes, their extensions and limits, and the names they
 * are offered under. Shared by the page (suggested names), the main process (which
 * checks every request before it writes) and the web harness.
 * Limits: names are checked as plain file names; where they go is the main process's
 * business, never the page's.
 */

/** Every kind of export file. */
export const EXPORT_KINDS = ['md', 'csv', 'html', 'json', 'png', 'pdf'] as const

/** One kind of export file (also its extension). */
export type ExportKind = (typeof EXPORT_KINDS)[number]

/** What each kind is called in a save dialog's filter. */
export const EXPORT_LABELS: Record<ExportKind, string> = {
  md: 'Markdown report',
  csv: 'CSV spreadsheet',
  html: 'Printable report (HTML)',
  json: 'Blankboard workshop (JSON)',
  png: 'PNG image',
  pdf: 'PDF report',
}

/** Largest export written, in bytes (a 4× image of a big cluster fits; beyond, choose a smaller size). */
export const MAX_EXPORT_BYTES = 40 * 1024 * 1024

/**
 * Most bytes one piece of a large export carries (`appendExport`): small enough that
 * encoding, sending and checking a piece never holds up the page for long.
 */
export const EXPORT_PIECE_BYTES = 512 * 1024

/** Longest file name offered or accepted. */
export const MAX_EXPORT_NAME = 200

/** Characters no file name may hold on any desktop system. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/

/**
 * A file name for an export: `base` made safe on every desktop system, with the kind's
 * extension (replacing a wrong one). Empty bases become "Blankboard export".
 */
export function exportFileName(base: string, kind: ExportKind): string {
  const clean = base
    .replace(new RegExp(UNSAFE.source, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;!])/g, '$1')
    .trim()
    .replace(/^\.+/, '')
    .replace(/\.+$/, '')
  const stem = clean.replace(new RegExp(`\\.${kind}$`, 'i'), '') || 'Blankboard export'
  return `${stem.slice(0, MAX_EXPORT_NAME - kind.length - 1).trim()}.${kind}`
}

/** True when `name` is a plain file name (no folders) ending in the kind's extension. */
export function isExportFileName(name: string, kind: ExportKind): boolean {
  return (
    name.length <= MAX_EXPORT_NAME &&
    !UNSAFE.test(name) &&
    !name.startsWith('.') &&
    name.toLowerCase().endsWith(`.${kind}`) &&
    name.length > kind.length + 1
  )
}
