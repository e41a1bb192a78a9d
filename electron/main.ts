/**
 * The main process: one instance, one locked-down window serving the renderer from
 * `app://blankboard`, the workshop store behind IPC, a native menu whose commands reach
 * the page through `nextCommand`, workshop files handed over by the desktop (double-click,
 * a second launch, macOS open-file), the window's place remembered, and a close or quit
 * that first lets the page send what it holds and asks before dropping an unsaved change
 * (close-flow.ts).
 * Limits: one window.
 */
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, session } from 'electron'
import type { AppCommand, UnsavedChoice } from '../core/api.ts'
import { readAppFile } from './app-files.ts'
import { CloseFlow, UNSAVED_BUTTONS, unsavedDialog } from './close-flow.ts'
import { CommandQueue, workshopPathIn } from './command-queue.ts'
import { desktopApi } from './desktop-api.ts'
import { PathGrants } from './files/path-grants.ts'
import { exportDesktop } from './export-desktop.ts'
import { createExportHandlers } from './export-files.ts'
import { createWorkshopStore } from './files/workshop-store.ts'
import { registerIpc } from './ipc.ts'
import { createRoomManager, storeReader } from './room/room-manager.ts'
import { APP_ORIGIN, APP_SCHEME } from './security.ts'
import { loadWindowState, placeOnScreen, saveWindowState } from './window-state.ts'
import { denyPermissions, guardContents, keepOffline, windowOptions } from './window.ts'

const here = import.meta.dirname
const rendererRoot = join(here, '../renderer')
const commands = new CommandQueue()
/** The workshop files the page may open: only those the user or the desktop handed over. */
const grants = new PathGrants()

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

let window: BrowserWindow | null = null
/** Set once the close handshake is done: the window may close and the app quit. */
let mayClose = false
/** Present mode was started from the menu (the window went full screen for it). */
let presenting = false
let closeFlow: CloseFlow | null = null
/** The room phones reply to (local network only; see electron/room/). */
let room: ReturnType<typeof createRoomManager> | null = null

/** The native dialog for a workshop that could not be saved while closing. */
async function askUnsaved(title: string, reason: string): Promise<UnsavedChoice> {
  const options = unsavedDialog(title, reason)
  const { response } = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options)
  return UNSAVED_BUTTONS[response]?.choice ?? 'cancel'
}

/** Runs the close handshake, then does what was asked (close the window, or quit). */
function closeThen(done: () => void): void {
  if (!closeFlow) return done()
  void closeFlow.run().then((ok) => {
    if (!ok) return // the user chose to stay
    mayClose = true
    done()
  })
}

/** Asks where to save a workshop file (the save dialog); null when the user cancels. */
async function chooseWorkshopSavePath(title: string): Promise<string | null> {
  const options = {
    title,
    defaultPath: join(app.getPath('documents'), 'Blankboard', 'Workshop.blankboard'),
    filters: [{ name: 'Blankboard workshop', extensions: ['blankboard'] }],
  }
  const chosen = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options)
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath
}

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
  mayClose = false
  if (saved?.maximized) window.maximize()
  window.once('ready-to-show', () => window?.show())
  window.on('close', (event) => {
    if (!window) return
    void saveWindowState(stateFile, {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    })
    // Nothing the page holds, and no change the disk refused, is dropped by closing.
    if (mayClose) return
    event.preventDefault()
    closeThen(() => window?.close())
  })
  // A reloading page's pending request for the next command would swallow it.
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) commands.forgetWaiters()
  })
  // Leaving full screen any way (Escape, the window manager) brings the chrome back.
  window.on('leave-full-screen', () => {
    presenting = false
    commands.push({ kind: 'fullScreen', on: false })
  })
  // Escape leaves present mode in the page; the window leaves full screen with it.
  window.webContents.on('before-input-event', (_event, input) => {
    if (presenting && input.type === 'keyDown' && input.key === 'Escape') {
      presenting = false
      window?.setFullScreen(false)
    }
  })
  window.on('closed', () => {
    window = null
    // No board left to take replies: phones are told at once.
    void room?.closeAll()
  })
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
        {
          // Full screen with only the board: the window and the page change together.
          label: 'Full Screen (Board Only)',
          accelerator: 'F11',
          click: () => {
            if (!window) return
            const on = !window.isFullScreen()
            window.setFullScreen(on)
            send({ kind: 'fullScreen', on })
          },
        },
        {
          // Present mode: full screen, projector theme, one cluster at a time (Escape leaves).
          label: 'Present',
          accelerator: 'F5',
          click: () => {
            presenting = true
            window?.setFullScreen(true)
            send({ kind: 'present' })
          },
        },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [
            item('Light', { kind: 'theme', theme: 'light' }),
            item('Dark', { kind: 'theme', theme: 'dark' }),
            item('Projector (High Contrast)', { kind: 'theme', theme: 'projector' }),
          ],
        },
        {
          label: 'Timer',
          submenu: [
            item('1 Minute', { kind: 'timer', action: 'set', minutes: 1 }),
            item('3 Minutes', { kind: 'timer', action: 'set', minutes: 3 }),
            item('5 Minutes', { kind: 'timer', action: 'set', minutes: 5 }),
            item('10 Minutes', { kind: 'timer', action: 'set', minutes: 10 }),
            item('Other…', { kind: 'timer', action: 'set' }),
            { type: 'separator' },
            item('Pause or Resume', { kind: 'timer', action: 'toggle' }),
            item('Add a Minute', { kind: 'timer', action: 'addMinute' }),
            item('Clear', { kind: 'timer', action: 'stop' }),
          ],
        },
      ],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}

/** Grants a file the desktop handed over, then asks the page to open it. */
function openFromDesktop(path: string): void {
  void grants.grant(path).then(() => send({ kind: 'openPath', path }))
}

// macOS hands files over with this event, possibly before the app is ready.
app.on('open-file', (event, path) => {
  event.preventDefault()
  openFromDesktop(path)
})

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const store = createWorkshopStore(
    {
      workshopsDir: join(app.getPath('documents'), 'Blankboard'),
      dataDir: app.getPath('userData'),
    },
    { mayOpen: (realPath) => grants.has(realPath) },
  )
  const rooms = createRoomManager({ readWorkshop: storeReader(store) })
  room = rooms
  const launched = workshopPathIn(process.argv.slice(1))
  if (launched) openFromDesktop(launched)
  const refreshMenu = async () => Menu.setApplicationMenu(menu(await store.listRecent()))

  app.on('second-instance', (_event, argv) => {
    const path = workshopPathIn(argv.slice(1))
    if (path) openFromDesktop(path)
    else if (window) window.focus()
  })

  app.on('web-contents-created', (_event, contents) => guardContents(contents))

  closeFlow = new CloseFlow({
    store,
    sendToPage: (command) => {
      if (!window || window.webContents.isCrashed()) return false
      commands.push(command)
      return true
    },
    ask: askUnsaved,
    chooseSavePath: () => chooseWorkshopSavePath('Save a copy of the workshop'),
  })
  app.on('before-quit', (event) => {
    if (mayClose) return
    // The page's queued ops and the last change must reach the disk, and the file locks
    // be given back, before the end; a change the disk refuses is asked about.
    event.preventDefault()
    closeThen(() => app.quit())
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
    keepOffline(session.defaultSession)
    registerIpc(ipcMain, {
      ...desktopApi({
        store,
        grants,
        recentChanged: () => void refreshMenu(),
        chooseSavePath: () => chooseWorkshopSavePath('Save the workshop as'),
        chooseOpenPath: async () => {
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
      }),
      listRoomAddresses: rooms.listRoomAddresses,
      openRoom: rooms.openRoom,
      closeRoom: rooms.closeRoom,
      nextRoomUpdate: rooms.nextRoomUpdate,
      // A workshop that closes closes its room.
      closeWorkshop: async (handle, discard) => {
        await store.closeWorkshop(handle, discard)
        await rooms.closeFor(handle)
      },
      nextCommand: () => commands.next(),
      readyToClose: async (ready) => closeFlow?.pageReady(ready),
      chooseUnsavedAction: async (title, reason) => {
        closeFlow?.pageIsAsking()
        return askUnsaved(title, reason)
      },
      ...createExportHandlers(exportDesktop(() => window)),
    })
    await refreshMenu()
    await createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow()
    })
  })
}
