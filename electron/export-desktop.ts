/**
 * The desktop half of exporting: the native save dialog (asking before it replaces a
 * file), printing the report to PDF in a hidden window that runs no script and reaches
 * nothing outside the page, and "Show in folder".
 * Limits: one PDF at a time per call; the hidden window lives only while it prints.
 */
import { join } from 'node:path'
import type { BrowserWindow as Window } from 'electron'
import { BrowserWindow, app, dialog, session, shell } from 'electron'
import { EXPORT_LABELS } from '../core/export/export-files.ts'
import type { ExportDesktop } from './export-files.ts'

/** Prints a self-contained HTML page to PDF bytes (A4, backgrounds on). */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  // A partition of its own that refuses every request but the page itself.
  const printing = session.fromPartition('blankboard-pdf')
  printing.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !details.url.startsWith('data:') }),
  )
  const printer = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printing,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  try {
    await printer.loadURL(
      `data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`,
    )
    return await printer.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      // The report's own @page rule sets the margins.
      preferCSSPageSize: true,
    })
  } finally {
    printer.destroy()
  }
}

/** The desktop for the export handlers, with dialogs attached to `owner()`'s window. */
export function exportDesktop(owner: () => Window | null): ExportDesktop {
  let lastFolder = join(app.getPath('documents'), 'Blankboard')
  return {
    chooseSavePath: async (kind, name) => {
      const options = {
        title: 'Export',
        defaultPath: join(lastFolder, name),
        filters: [{ name: EXPORT_LABELS[kind], extensions: [kind] }],
        properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
      }
      const window = owner()
      const chosen = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options)
      if (chosen.canceled || !chosen.filePath) return null
      lastFolder = join(chosen.filePath, '..')
      return chosen.filePath
    },
    renderPdf: printHtmlToPdf,
    reveal: (path) => shell.showItemInFolder(path),
  }
}
