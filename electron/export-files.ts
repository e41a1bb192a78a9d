/**
 * Saving exports in the main process: the request (already shape-checked against the
 * API schema) is checked again for what its kind promises (a PNG is a PNG, a JSON copy
 * is a workshop), its size is capped, the user picks the place in a save dialog, and the
 * bytes are written atomically (temp file, fsync, rename). Only files written here in
 * this session can be shown in the file manager.
 *
 * Electron is not imported: the dialog, PDF printing and the file manager come in as
 * functions, so this runs and is tested in plain Node (the web harness uses it too).
 * A large export (a big PNG) comes in pieces of at most EXPORT_PIECE_BYTES, as bytes
 * (`beginExport`, `appendExport`, `finishExport`), so no single call is large enough to hold up the page
 * or this process; the total is capped as it arrives, and the finished bytes pass the
 * same checks and the same dialog as `saveExport`.
 * Limits: one export in memory at a time, at most MAX_EXPORT_BYTES.
 */
import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type { ExportRequest, ExportSaved, PiecewiseExportKind } from '../core/api.ts'
import type { ExportKind } from '../core/export/export-files.ts'
import { EXPORT_PIECE_BYTES, MAX_EXPORT_BYTES } from '../core/export/export-files.ts'
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
  switch (request.kind) {
    case 'md':
    case 'csv':
    case 'html':
    case 'json':
      return checkExportBytes(request.kind, Buffer.from(request.text, 'utf8'))
    case 'png':
      return checkExportBytes('png', Buffer.from(request.base64, 'base64'))
    case 'pdf':
      // The main process prints its own report of the (schema-checked) workshop; it
      // never renders markup handed over by the page.
      return sizeChecked(
        await renderPdf(htmlReport(request.workshop, { authors: request.authors })),
      )
  }
}

/** Checks bytes the page sent against what their kind promises, and their size. */
export function checkExportBytes(kind: PiecewiseExportKind, bytes: Uint8Array): ExportBytes {
  switch (kind) {
    case 'md':
    case 'csv':
    case 'html':
    case 'json': {
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        return { ok: false, message: 'The export is not UTF-8 text.' }
      }
      if (kind === 'json' && decodeWorkshop(text).kind !== 'ok')
        return { ok: false, message: 'The workshop copy is not a Blankboard workshop file.' }
      break
    }
    case 'png':
      if (!readPngHeader(bytes)) return { ok: false, message: 'The image is not a PNG file.' }
      break
  }
  return sizeChecked(bytes)
}

function sizeChecked(bytes: Uint8Array): ExportBytes {
  if (bytes.byteLength > MAX_EXPORT_BYTES) return { ok: false, message: tooLarge(bytes.byteLength) }
  return { ok: true, bytes }
}

const tooLarge = (bytes: number) =>
  `The export is ${bytes > MAX_EXPORT_BYTES ? `over ${MB(MAX_EXPORT_BYTES)}` : MB(bytes)}, more than the ${MB(MAX_EXPORT_BYTES)} Blankboard writes. Choose a smaller size.`

/** An export arriving in pieces. */
interface Upload {
  id: string
  kind: PiecewiseExportKind
  name: string
  pieces: Uint8Array[]
  size: number
}

/**
 * Exports that arrive in pieces, one at a time: ids are random, so the page can only
 * add to the upload it started; the total is capped before a piece is kept.
 */
export function createExportUploads() {
  let current: Upload | null = null
  const find = (id: string): Upload => {
    if (!current || current.id !== id) throw new Error('That export is no longer in progress.')
    return current
  }
  return {
    begin(kind: PiecewiseExportKind, name: string): string {
      current = { id: randomUUID(), kind, name, pieces: [], size: 0 }
      return current.id
    },
    append(id: string, piece: Uint8Array): number {
      const upload = find(id)
      if (piece.byteLength > EXPORT_PIECE_BYTES) {
        current = null
        throw new Error('A piece of the export is larger than allowed.')
      }
      if (upload.size + piece.byteLength > MAX_EXPORT_BYTES) {
        current = null
        throw new Error(tooLarge(upload.size + piece.byteLength))
      }
      upload.pieces.push(piece)
      upload.size += piece.byteLength
      return upload.size
    },
    /** The finished upload's kind, name and checked bytes; the upload is gone after. */
    finish(id: string): { kind: PiecewiseExportKind; name: string; checked: ExportBytes } {
      const upload = find(id)
      current = null
      return {
        kind: upload.kind,
        name: upload.name,
        checked: checkExportBytes(upload.kind, Buffer.concat(upload.pieces, upload.size)),
      }
    },
    cancel(id: string): void {
      if (current?.id === id) current = null
    },
  }
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

/** The export API methods (`saveExport`, the pieces, `showExportedFile`) over a desktop. */
export function createExportHandlers(desktop: ExportDesktop) {
  const written = new Set<string>()
  const uploads = createExportUploads()

  async function save(
    kind: ExportKind,
    name: string,
    checked: ExportBytes,
  ): Promise<ExportSaved | null> {
    if (!checked.ok) throw new Error(checked.message)
    const chosen = await desktop.chooseSavePath(kind, name)
    if (chosen === null) return null
    let path = chosen
    if (withExtension(chosen, kind) !== chosen) {
      // The dialog confirmed replacing `chosen`, not the name with the extension added.
      path = await writeNewExportFile(
        dirname(chosen),
        basename(withExtension(chosen, kind)),
        checked.bytes,
      )
    } else {
      await writeExportFile(path, checked.bytes)
    }
    written.add(path)
    return { name: basename(path), path }
  }

  return {
    saveExport: async (request: ExportRequest): Promise<ExportSaved | null> =>
      save(request.kind, request.name, await exportBytes(request, desktop.renderPdf)),
    beginExport: async (kind: PiecewiseExportKind, name: string) => uploads.begin(kind, name),
    appendExport: async (id: string, piece: Uint8Array) => uploads.append(id, piece),
    finishExport: async (id: string): Promise<ExportSaved | null> => {
      const { kind, name, checked } = uploads.finish(id)
      return save(kind, name, checked)
    },
    cancelExport: async (id: string) => uploads.cancel(id),
    showExportedFile: async (path: string): Promise<boolean> => {
      if (!written.has(path)) return false
      desktop.reveal(path)
      return true
    },
  }
}
