import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { API_CHANNELS, API_METHODS } from '../../core/api.ts'
import type { BlankboardApi } from '../../core/api.ts'
import { readAppFile, resolveAppFile } from '../../electron/app-files.ts'
import { registerIpc } from '../../electron/ipc.ts'
import { EXPORT_PIECE_BYTES } from '../../core/export/export-files.ts'
import { CONTENT_SECURITY_POLICY, MAX_CALL_BYTES } from '../../electron/security.ts'

/** A stand-in for the parts of Electron the shell touches, recording what it is asked. */
const electron = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown
  const handlers = new Map<string, Handler>()
  const appEvents = new Map<string, Handler>()
  const windows: { options: unknown; url: string | null }[] = []
  const exposed = new Map<string, unknown>()
  const invoked: unknown[][] = []
  let ready: () => void = () => {}
  const whenReady = new Promise<void>((resolve) => (ready = resolve))
  const session = {
    requestHandler: null as null | Handler,
    checkHandler: null as null | Handler,
    spellCheckerEnabled: true,
    beforeRequest: null as null | Handler,
    setSpellCheckerEnabled(enabled: boolean) {
      session.spellCheckerEnabled = enabled
    },
    webRequest: {
      onBeforeRequest(h: Handler) {
        session.beforeRequest = h
      },
    },
    setPermissionRequestHandler(h: Handler) {
      session.requestHandler = h
    },
    setPermissionCheckHandler(h: Handler) {
      session.checkHandler = h
    },
  }
  class BrowserWindow {
    static getAllWindows = () => windows
    record: { options: unknown; url: string | null }
    constructor(options: unknown) {
      this.record = { options, url: null }
      windows.push(this.record)
    }
    webContents = { on() {}, isCrashed: () => false }
    once() {}
    on() {}
    show() {}
    maximize() {}
    focus() {}
    isMinimized() {
      return false
    }
    loadURL(url: string) {
      this.record.url = url
      return Promise.resolve()
    }
  }
  return {
    handlers,
    appEvents,
    windows,
    exposed,
    invoked,
    session,
    fireReady: () => ready(),
    module: {
      app: {
        requestSingleInstanceLock: () => true,
        getPath: (name: string) => join(tmpdir(), `blankboard-shell-test-${name}`),
        on: (event: string, handler: Handler) => appEvents.set(event, handler),
        whenReady: () => whenReady,
        quit: () => {},
      },
      protocol: {
        privileged: [] as unknown[],
        handled: new Map<string, Handler>(),
        registerSchemesAsPrivileged(schemes: unknown[]) {
          this.privileged.push(...schemes)
        },
        handle(scheme: string, handler: Handler) {
          this.handled.set(scheme, handler)
        },
      },
      ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
      session: { defaultSession: session },
      Menu: {
        current: null as unknown,
        buildFromTemplate: (t: unknown) => t,
        setApplicationMenu(menu: unknown) {
          this.current = menu
        },
      },
      screen: {
        getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
        getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
      },
      dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
      BrowserWindow,
      contextBridge: {
        exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value),
      },
      ipcRenderer: { invoke: async (...args: unknown[]) => (invoked.push(args), 'answer') },
    },
  }
})
vi.mock('electron', () => electron.module)

const TRUSTED = { senderFrame: { url: 'app://blankboard/index.html' } }

/** An API whose every method records its call. */
function recordingApi() {
  const calls: [string, unknown[]][] = []
  const api = Object.fromEntries(
    API_METHODS.map((m) => [m, async (...args: unknown[]) => (calls.push([m, args]), `${m} done`)]),
  ) as unknown as BlankboardApi
  return { api, calls }
}

describe('the main process', () => {
  beforeAll(async () => {
    await import('../../electron/main.ts')
    electron.fireReady()
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1))
  })

  it('opens one window with isolation, the sandbox and no Node, from app://', () => {
    expect(electron.windows).toHaveLength(1)
    const [window] = electron.windows
    const prefs = (window!.options as { webPreferences: Record<string, unknown> }).webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    })
    for (const risky of [
      'nodeIntegrationInSubFrames',
      'experimentalFeatures',
      'enableBlinkFeatures',
    ])
      expect(prefs[risky], risky).toBeUndefined()
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/)
    expect(window!.url).toBe('app://blankboard/index.html')
    expect(electron.module.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('registers a handler for every API method', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(
      API_METHODS.map((m) => API_CHANNELS[m].channel).sort(),
    )
  })

  it('keeps the session off the network: no spell-check, no request outside app://', () => {
    expect(electron.session.spellCheckerEnabled).toBe(false)
    const request = (url: string) => {
      let answer: { cancel: boolean } | undefined
      electron.session.beforeRequest!({ url }, (a: { cancel: boolean }) => (answer = a))
      return answer!.cancel
    }
    // The dictionary download Chromium would make, and the other ways off the machine.
    for (const url of [
      'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic',
      'http://127.0.0.1:5173/api/listRecent',
      'file:///etc/passwd',
      'ws://example.com/',
      'app://other/index.html',
    ])
      expect(request(url), url).toBe(true)
    for (const url of ['app://blankboard/index.html', 'app://blankboard/assets/a.js', 'data:,x'])
      expect(request(url), url).toBe(false)
  })

  it('denies every permission request', () => {
    let granted: boolean | undefined
    electron.session.requestHandler!({}, 'media', (ok: boolean) => (granted = ok))
    expect(granted).toBe(false)
    expect(electron.session.checkHandler!({}, 'notifications')).toBe(false)
  })

  it('refuses navigation off the app, new windows and webviews', () => {
    const listeners = new Map<string, (...a: unknown[]) => void>()
    let openHandler: ((details: unknown) => unknown) | null = null
    const contents = {
      on: (event: string, fn: (...a: unknown[]) => void) => listeners.set(event, fn),
      setWindowOpenHandler: (fn: (details: unknown) => unknown) => (openHandler = fn),
    }
    electron.appEvents.get('web-contents-created')!({}, contents)
    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) }
      listeners.get('will-navigate')!(event, url)
      return event.prevented
    }
    expect(navigate('https://example.com/')).toBe(true)
    expect(navigate('file:///etc/passwd')).toBe(true)
    expect(navigate('app://blankboard/index.html')).toBe(false)
    const redirect = (url: string) => {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) }
      listeners.get('will-redirect')!(event, url)
      return event.prevented
    }
    expect(redirect('https://example.com/')).toBe(true)
    expect(redirect('http://127.0.0.1:5173/')).toBe(true)
    expect(redirect('app://blankboard/index.html')).toBe(false)
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    const webview = { prevented: false, preventDefault: () => (webview.prevented = true) }
    listeners.get('will-attach-webview')!(webview)
    expect(webview.prevented).toBe(true)
  })

  it('sends menu commands to the page, which asks for them with nextCommand', async () => {
    type Item = { label?: string; click?: () => void; submenu?: Item[] }
    const menu = electron.module.Menu.current as Item[]
    const file = menu.find((m) => m.label === 'File')!.submenu!
    const next = electron.handlers.get(API_CHANNELS.nextCommand.channel)!
    const waiting = next(TRUSTED)
    file.find((m) => m.label === 'New Workshop')!.click!()
    await expect(waiting).resolves.toEqual({ kind: 'new' })
    file.find((m) => m.label === 'Save As…')!.click!()
    await expect(next(TRUSTED)).resolves.toEqual({ kind: 'saveAs' })
    file.find((m) => m.label === 'Export…')!.click!()
    await expect(next(TRUSTED)).resolves.toEqual({ kind: 'export' })
  })

  it('hands a workshop file from a second launch to the page', async () => {
    electron.appEvents.get('second-instance')!({}, [
      '/usr/bin/blankboard',
      '--flag',
      '/home/me/Retro.blankboard',
    ])
    await expect(
      electron.handlers.get(API_CHANNELS.nextCommand.channel)!(TRUSTED),
    ).resolves.toEqual({
      kind: 'openPath',
      path: '/home/me/Retro.blankboard',
    })
  })

  it('serves the renderer through app:// with the strict CSP', async () => {
    const handler = electron.module.protocol.handled.get('app')!
    const response = (await handler({ url: 'app://blankboard/../../../etc/passwd' })) as Response
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })
})

describe('IPC handlers', () => {
  let api: ReturnType<typeof recordingApi>
  const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>()
  beforeEach(() => {
    api = recordingApi()
    handlers.clear()
    const ipc = {
      handle: (channel: string, fn: (...args: unknown[]) => Promise<unknown>) =>
        handlers.set(channel, fn),
    }
    registerIpc(ipc as unknown as Parameters<typeof registerIpc>[0], api.api)
  })
  const call = (method: keyof BlankboardApi, event: unknown, ...args: unknown[]) =>
    handlers.get(API_CHANNELS[method].channel)!(event, ...args)

  it('pass a trusted, well-formed call to the API with its parsed arguments', async () => {
    await expect(call('openWorkshop', TRUSTED, '/tmp/a.blankboard')).resolves.toBe(
      'openWorkshop done',
    )
    expect(api.calls).toEqual([['openWorkshop', ['/tmp/a.blankboard']]])
  })

  it('refuse a call from a foreign origin, and never reach the API', async () => {
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      '',
    ]) {
      await expect(call('listRecent', { senderFrame: { url } })).rejects.toThrow(
        /not a Blankboard page/,
      )
    }
    await expect(call('listRecent', {})).rejects.toThrow(/not a Blankboard page/)
    expect(api.calls).toEqual([])
  })

  it('refuse malformed arguments with a clear message, and never reach the API', async () => {
    await expect(call('openWorkshop', TRUSTED, 42)).rejects.toThrow(
      /Invalid arguments to openWorkshop/,
    )
    await expect(call('openWorkshop', TRUSTED)).rejects.toThrow(/Invalid arguments/)
    await expect(call('openWorkshop', TRUSTED, '/a', '/b')).rejects.toThrow(/Invalid arguments/)
    await expect(
      call('applyOps', TRUSTED, 'handle', 0, [{ type: 'dropEverything' }]),
    ).rejects.toThrow(/Invalid arguments to applyOps/)
    expect(api.calls).toEqual([])
  })

  it('take a piece of an export as bytes, and refuse text or too many bytes before the API', async () => {
    const piece = new Uint8Array(EXPORT_PIECE_BYTES).fill(7)
    await expect(call('appendExport', TRUSTED, 'upload', piece)).resolves.toBe('appendExport done')
    expect(api.calls).toEqual([['appendExport', ['upload', piece]]])
    await expect(call('appendExport', TRUSTED, 'upload', 'iVBORw0KGgo=')).rejects.toThrow(
      /Invalid arguments to appendExport/,
    )
    await expect(
      call('appendExport', TRUSTED, 'upload', new Uint8Array(EXPORT_PIECE_BYTES + 1)),
    ).rejects.toThrow(/Invalid arguments to appendExport/)
    await expect(
      call('appendExport', TRUSTED, 'upload', new Uint8Array(MAX_CALL_BYTES + 1)),
    ).rejects.toThrow(/larger than 16 MB/)
    expect(api.calls).toHaveLength(1)
  })
})

describe('the preload', () => {
  it('exposes exactly window.blankboard, each method one invoke on its channel', async () => {
    await import('../../electron/preload.ts')
    expect([...electron.exposed.keys()]).toEqual(['blankboard'])
    const exposed = electron.exposed.get('blankboard') as BlankboardApi
    expect(Object.keys(exposed).sort()).toEqual([...API_METHODS].sort())
    await exposed.applyOps('h', 3, [])
    await exposed.openWorkshop('/x.blankboard')
    expect(electron.invoked).toEqual([
      [API_CHANNELS.applyOps.channel, 'h', 3, []],
      [API_CHANNELS.openWorkshop.channel, '/x.blankboard'],
    ])
  })
})

describe('serving the renderer', () => {
  let root: string
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'blankboard-app-files-'))
    await mkdir(join(root, 'renderer', 'assets'), { recursive: true })
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
    await writeFile(join(root, 'renderer', 'assets', 'a.js'), 'export {}')
    await writeFile(join(root, 'secret.txt'), 'secret')
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('maps paths inside the renderer folder and refuses every way out of it', () => {
    const base = join(root, 'renderer')
    expect(resolveAppFile(base, '/')).toBe(join(base, 'index.html'))
    expect(resolveAppFile(base, '/assets/a.js')).toBe(join(base, 'assets', 'a.js'))
    for (const escape of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      expect(resolveAppFile(base, escape), escape).toBeNull()
    }
  })

  it('answers files with their type and the CSP, and anything else with 404', async () => {
    const base = join(root, 'renderer')
    const js = await readAppFile(base, '/assets/a.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toMatch(/javascript/)
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect((await readAppFile(base, '/..%2fsecret.txt')).status).toBe(404)
    expect((await readAppFile(base, '/missing.js')).status).toBe(404)
  })
})
