/**
 * Exports in the web harness: there is no save dialog, so each export is written into
 * the harness's data folder under the name the page offered, never replacing a file
 * ("Report (2).md"), and the answer names the file. PDF needs Electron's printer and is
 * refused with a message; "Show in folder" has no file manager to open.
 */
import type { BlankboardApi } from '../../core/api.ts'
import type { ExportBytes } from '../../electron/export-files.ts'
import {
  createExportUploads,
  exportBytes,
  writeNewExportFile,
} from '../../electron/export-files.ts'

/** A message for the page when a PDF is asked of the harness. */
export const PDF_DESKTOP_ONLY =
  'PDF export is only in the desktop app. Save the printable report (HTML) and print it from your browser.'

/** The export methods (`saveExport`, the pieces, `showExportedFile`) writing into `dir`. */
export function harnessExports(
  dir: string,
): Pick<
  BlankboardApi,
  | 'saveExport'
  | 'beginExport'
  | 'appendExport'
  | 'finishExport'
  | 'cancelExport'
  | 'showExportedFile'
> {
  const uploads = createExportUploads()
  const save = async (name: string, checked: ExportBytes) => {
    if (!checked.ok) throw new Error(checked.message)
    const path = await writeNewExportFile(dir, name, checked.bytes)
    return { name: path.slice(dir.length + 1), path }
  }
  return {
    saveExport: async (request) =>
      save(
        request.name,
        await exportBytes(request, () => Promise.reject(new Error(PDF_DESKTOP_ONLY))),
      ),
    beginExport: async (kind, name) => uploads.begin(kind, name),
    appendExport: async (id, piece) => uploads.append(id, piece),
    finishExport: async (id) => {
      const { name, checked } = uploads.finish(id)
      return save(name, checked)
    },
    cancelExport: async (id) => uploads.cancel(id),
    showExportedFile: async () => false,
  }
}
