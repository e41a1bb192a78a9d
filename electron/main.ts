/**
 * The main process: one instance, one locked-down window serving the renderer from
 * `app://blankboard`, the workshop store behind IPC, a native menu, and a quit that
 * waits for the last write.
 * Limits: one window; the menu has the standard roles only (file commands live in the
 * app's own screens for now).
 */
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session } from 'electron'
import { readAppFile } from './app-files.ts'
import { createWorkshopStore } from './files/workshop-store.ts'
import { registerIpc } from './ipc.ts'
import { APP_ORIGIN, APP_SCHEME } from './security.ts'
import { denyPermissions, guardContents, windowOptions } from './window.ts'

const here = import.meta.dirname
const rendererRoot = join(here, '../renderer')

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

let window: BrowserWindow | null = null

function createWindow(): void {
  window = new BrowserWindow(windowOptions(join(here, 'preload.cjs')))
  window.once('ready-to-show', () => window?.show())
  window.on('closed', () => (window = null))
  void window.loadURL(`${APP_ORIGIN}/index.html`)
}

function menu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const store = createWorkshopStore({
    workshopsDir: join(app.getPath('documents'), 'Blankboard'),
    dataDir: app.getPath('userData'),
  })

  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.on('web-contents-created', (_event, contents) => guardContents(contents))

  let flushed = false
  app.on('before-quit', (event) => {
    if (flushed) return
    // The last change must reach the disk before the process ends.
    event.preventDefault()
    void store.closeAll().finally(() => {
      flushed = true
      app.quit()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, async (request) => {
      const file = await readAppFile(rendererRoot, new URL(request.url).pathname)
      return new Response(file.body as BodyInit | null, {
        status: file.status,
        headers: file.headers,
      })
    })
    denyPermissions(session.defaultSession)
    registerIpc(ipcMain, {
      ...store,
      saveAs: async (handle, path) => {
        if (path !== null) return store.saveAs(handle, path)
        const options = {
          title: 'Save the workshop as',
          defaultPath: join(app.getPath('documents'), 'Blankboard', 'Workshop.blankboard'),
          filters: [{ name: 'Blankboard workshop', extensions: ['blankboard'] }],
        }
        const chosen = window
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options)
        return chosen.canceled || !chosen.filePath ? null : store.saveAs(handle, chosen.filePath)
      },
      chooseWorkshopFile: async () => {
        const options = {
          title: 'Open a workshop',
          properties: ['openFile' as const],
          filters: [{ name: 'Blankboard workshop', extensions: ['blankboard'] }],
        }
        const result = window
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options)
        return result.canceled ? null : (result.filePaths[0] ?? null)
      },
    })
    Menu.setApplicationMenu(menu())
    createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })
}
