/**
 * The main process: one instance, one locked-down window serving the renderer from
 * `app://blankboard`, the workshop store behind IPC, a native menu whose commands reach
 * the page through `nextCommand`, workshop files handed over by the desktop (double-click,
 * a second launch, macOS open-file), the window's place remembered, and a quit that waits
 * for the last write.
 * Limits: one window.
 */
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, session } from 'electron'
import type { AppCommand } from '../core/api.ts'
import { readAppFile } from './app-files.ts'
import { CommandQueue, workshopPathIn } from './command-queue.ts'
import { exportDesktop } from './export-desktop.ts'
import { createExportHandlers } from './export-files.ts'
import { createWorkshopStore } from './files/workshop-store.ts'
import { registerIpc } from './ipc.ts'
import { APP_ORIGIN, APP_SCHEME } from './security.ts'
import { loadWindowState, placeOnScreen, saveWindowState } from './window-state.ts'
import { denyPermissions, guardContents, windowOptions } from './window.ts'

const here = import.meta.dirname
const rendererRoot = join(here, '../renderer')
const commands = new CommandQueue()

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

let window: BrowserWindow | null = null

function send(command: AppCommand): void {
  commands.push(command)
  if (window) {
    if (window.isMinimized()) window.restore()
    window.focus()
  }
}

async function createWindow(): Promise<void> {
  const stateFile = join(app.getPath('userData'), 'window-state.json')
  const saved = await loadWindowState(stateFile)
  const options = windowOptions(join(here, 'preload.cjs'))
  const areas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea)
  const bounds = placeOnScreen(saved?.bounds ?? null, areas, {
    width: options.width ?? 1440,
    height: options.height ?? 900,
  })
  window = new BrowserWindow({ ...options, ...bounds })
  if (saved?.maximized) window.maximize()
  window.once('ready-to-show', () => window?.show())
  window.on('close', () => {
    if (!window) return
    void saveWindowState(stateFile, {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    })
  })
  window.on('closed', () => (window = null))
  void window.loadURL(`${APP_ORIGIN}/index.html`)
}

function menu(recent: { path: string; title: string }[]): Menu {
  const isMac = process.platform === 'darwin'
  const item = (label: string, command: AppCommand, accelerator?: string) => ({
    label,
    accelerator,
    click: () => send(command),
  })
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('New Workshop', { kind: 'new' }, 'CmdOrCtrl+N'),
        item('Open…', { kind: 'open' }, 'CmdOrCtrl+O'),
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.slice(0, 10).map((r) => item(r.title, { kind: 'openPath', path: r.path }))
            : [{ label: 'No recent workshops', enabled: false }],
        },
        { type: 'separator' },
        item('Save As…', { kind: 'saveAs' }, 'CmdOrCtrl+Shift+S'),
        item('Export…', { kind: 'export' }, 'CmdOrCtrl+E'),
        { type: 'separator' },
        item('Close Workshop', { kind: 'close' }, 'CmdOrCtrl+W'),
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // The page handles these keys itself (board undo, or text undo in a field); the
        // menu shows them and sends the command when clicked.
        { ...item('Undo', { kind: 'undo' }, 'CmdOrCtrl+Z'), registerAccelerator: false },
        { ...item('Redo', { kind: 'redo' }, 'CmdOrCtrl+Shift+Z'), registerAccelerator: false },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}

// macOS hands files over with this event, possibly before the app is ready.
app.on('open-file', (event, path) => {
  event.preventDefault()
  send({ kind: 'openPath', path })
})

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const store = createWorkshopStore({
    workshopsDir: join(app.getPath('documents'), 'Blankboard'),
    dataDir: app.getPath('userData'),
  })
  const launched = workshopPathIn(process.argv.slice(1))
  if (launched) send({ kind: 'openPath', path: launched })
  const refreshMenu = async () => Menu.setApplicationMenu(menu(await store.listRecent()))

  app.on('second-instance', (_event, argv) => {
    const path = workshopPathIn(argv.slice(1))
    if (path) send({ kind: 'openPath', path })
    else if (window) window.focus()
  })

  app.on('web-contents-created', (_event, contents) => guardContents(contents))

  let closed = false
  app.on('before-quit', (event) => {
    if (closed) return
    // The last change must reach the disk, and the file locks be given back, before the end.
    event.preventDefault()
    void store.closeAll().finally(() => {
      closed = true
      app.quit()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(async () => {
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
      // The Open Recent menu follows the recent list.
      openWorkshop: async (path) => {
        const result = await store.openWorkshop(path)
        void refreshMenu()
        return result
      },
      createWorkshop: async (title, prompts) => {
        const result = await store.createWorkshop(title, prompts)
        void refreshMenu()
        return result
      },
      forgetRecent: async (path) => {
        const list = await store.forgetRecent(path)
        void refreshMenu()
        return list
      },
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
      nextCommand: () => commands.next(),
      ...createExportHandlers(exportDesktop(() => window)),
    })
    await refreshMenu()
    await createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow()
    })
  })
}
