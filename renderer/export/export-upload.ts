/**
 * Sends a large export to the main process in pieces: `beginExport`, then one
 * `appendExport` per EXPORT_PIECE_BYTES slice (its bytes read by the browser, off the
 * main thread, and sent as they are), then `finishExport`, which shows the save dialog.
 * No call carries more than half a MB, so the page keeps answering input while a 20 MB
 * image travels.
 * Cancelling (the signal) drops the upload in the main process.
 * Limits: one upload at a time (the main process keeps only the latest).
 */
import type { ExportSaved, PiecewiseExportKind } from '../../core/api.ts'
import { EXPORT_PIECE_BYTES } from '../../core/export/export-files.ts'
import { api } from '../api.ts'
import { ExportCancelled } from './board-image.ts'

/** Bytes sent so far out of the whole, for a progress bar. */
export interface UploadProgress {
  done: number
  total: number
}

/** Saves `bytes` as a file of `kind` named `name`; null when the user cancels the dialog. */
export async function uploadExport(
  kind: PiecewiseExportKind,
  name: string,
  bytes: Blob,
  options: { signal?: AbortSignal; onProgress?: (progress: UploadProgress) => void } = {},
): Promise<ExportSaved | null> {
  const { signal, onProgress } = options
  const upload = await api().beginExport(kind, name)
  try {
    for (let start = 0; start < bytes.size; start += EXPORT_PIECE_BYTES) {
      if (signal?.aborted) throw new ExportCancelled()
      const piece = await bytes.slice(start, start + EXPORT_PIECE_BYTES).bytes()
      const received = await api().appendExport(upload, piece)
      onProgress?.({ done: received, total: bytes.size })
    }
    if (signal?.aborted) throw new ExportCancelled()
  } catch (error) {
    await api()
      .cancelExport(upload)
      .catch(() => {})
    throw error
  }
  return api().finishExport(upload)
}
