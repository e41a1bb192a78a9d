/**
 * Saving exports in the main process: the request (already shape-checked against the
 * API schema) is checked again for what its kind promises (a PNG is a PNG, a JSON copy
 * is a workshop), its size is capped, the user picks the place in a save dialog, and the
 * bytes are written atomically (temp file, fsync, rename). Only files written here in
 * this session can be shown in the file manager.
 *
 * Electron is not imported: the dialog, PDF printing and the file manager come in as
 * functions, so this runs and is tested in plain Node (the web harness uses it too).
 * Limits: one export in memory at a time, at most MAX_EXPORT_BYTES.
 */
import { constants } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type { ExportRequest, ExportSaved } from '../core/api.ts'
import type { ExportKind } from '../core/export/export-files.ts'
import { MAX_EXPORT_BYTES } from '../core/export/export-files.ts'
import { htmlReport } from '../core/export/html-report.ts'
import { readPngHeader } from '../core/export/png-header.ts'
import { decodeWorkshop } from '../core/migrations.ts'
import { tempPathFor } from './files/durable-write.ts'

/** The bytes an export request stands for, or why it is refused. */
export type ExportBytes = { ok: true; bytes: Uint8Array } | { ok: false; message: string }

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`

/** Checks a request's content against its kind and size, and gives the bytes to write. */
export async function exportBytes(
  request: ExportRequest,
  renderPdf: (html: string) => Promise<Uint8Array>,
): Promise<ExportBytes> {
  let bytes: Uint8Array
  switch (request.kind) {
    case 'md':
    case 'csv':
    case 'html':
      bytes = Buffer.from(request.text, 'utf8')
      break
    case 'json': {
      const decoded = decodeWorkshop(request.text)
      if (decoded.kind !== 'ok')
        return { ok: false, message: 'The workshop copy is not a Blankboard workshop file.' }
      bytes = Buffer.from(request.text, 'utf8')
      break
    }
    case 'png':
      bytes = Buffer.from(request.base64, 'base64')
      if (!readPngHeader(bytes)) return { ok: false, message: 'The image is not a PNG file.' }
      break
    case 'pdf':
      // The main process prints its own report of the (schema-checked) workshop; it
      // never renders markup handed over by the page.
      bytes = await renderPdf(htmlReport(request.workshop, { authors: request.authors }))
      break
  }
  if (bytes.byteLength > MAX_EXPORT_BYTES) {
    return {
      ok: false,
      message: `The export is ${MB(bytes.byteLength)}, more than the ${MB(MAX_EXPORT_BYTES)} Blankboard writes. Choose a smaller size.`,
    }
  }
  return { ok: true, bytes }
}

/** Replaces (or creates) `file` with `bytes`: unique temp file, fsync, rename. */
export async function writeExportFile(file: string, bytes: Uint8Array): Promise<void> {
  const temp = tempPathFor(file)
  const handle = await open(temp, 'wx', 0o644)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
    await handle.close()
    await rename(temp, file)
  } catch (error) {
    await handle.close().catch(() => {})
    await rm(temp, { force: true })
    throw error
  }
}

/** Writes `bytes` as a new file named `name` in `dir`, never replacing one: "name (2).md" and so on. */
export async function writeNewExportFile(
  dir: string,
  name: string,
  bytes: Uint8Array,
): Promise<string> {
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  for (let n = 1; ; n++) {
    const file = join(dir, n === 1 ? name : `${stem} (${n})${ext}`)
    let handle
    try {
      handle = await open(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && n < 1000) continue
      throw error
    }
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } catch (error) {
      await handle.close().catch(() => {})
      await rm(file, { force: true })
      throw error
    }
    await handle.close()
    return file
  }
}

/** What the export handlers need from the desktop. */
export interface ExportDesktop {
  /** Shows a save dialog for a file of `kind` named `name`; the chosen path, or null. */
  chooseSavePath(kind: ExportKind, name: string): Promise<string | null>
  /** Prints a report page to PDF bytes. */
  renderPdf(html: string): Promise<Uint8Array>
  /** Shows a file in the system's file manager. */
  reveal(path: string): void
}

/** A path the user chose, with the kind's extension added when they left it off. */
export function withExtension(path: string, kind: ExportKind): string {
  return extname(path).toLowerCase() === `.${kind}` ? path : `${path}.${kind}`
}

/** The `saveExport` and `showExportedFile` API methods over a desktop. */
export function createExportHandlers(desktop: ExportDesktop) {
  const written = new Set<string>()
  return {
    saveExport: async (request: ExportRequest): Promise<ExportSaved | null> => {
      const checked = await exportBytes(request, desktop.renderPdf)
      if (!checked.ok) throw new Error(checked.message)
      const chosen = await desktop.chooseSavePath(request.kind, request.name)
      if (chosen === null) return null
      let path = chosen
      if (withExtension(chosen, request.kind) !== chosen) {
        // The dialog confirmed replacing `chosen`, not the name with the extension added.
        path = await writeNewExportFile(
          dirname(chosen),
          basename(withExtension(chosen, request.kind)),
          checked.bytes,
        )
      } else {
        await writeExportFile(path, checked.bytes)
      }
      written.add(path)
      return { name: basename(path), path }
    },
    showExportedFile: async (path: string): Promise<boolean> => {
      if (!written.has(path)) return false
      desktop.reveal(path)
      return true
    },
  }
}
