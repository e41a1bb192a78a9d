/**
 * Each attack on the app, tried for real and refused: a web page driving the web
 * harness (DNS rebinding, foreign origins) over HTTP and in a real Chromium; a page
 * that names its own paths over IPC (Save As anywhere, opening files never granted,
 * FIFOs, devices, folders, huge files, symlinks out of the granted set, oversized
 * calls); and user text that would reorder what is around it.
 * The IPC attacks go through the real main process, IPC handlers and workshop store,
 * with only Electron itself stood in for (it cannot run here).
 */
import { execFileSync } from 'node:child_process'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { API_CHANNELS } from '../../core/api.ts'
import type { BlankboardApi, OpenResult, OpenWorkshop } from '../../core/api.ts'
import { createWorkshop as newWorkshop } from '../../core/create.ts'
import { encodeWorkshop } from '../../core/migrations.ts'
import type { Harness } from '../harness/web-harness.ts'
import { startHarness } from '../harness/web-harness.ts'
import type { App } from './app.ts'
import { createWorkshop, openApp, readWorkshopFile, typeReplies, waitSaved } from './app.ts'
import { CHROMIUM_ARGS, findChromium } from './chromium.ts'

/** Electron, stood in for: records IPC handlers; the dialogs answer what a test sets. */
const electron = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown
  const noop = () => {}
  const state = {
    root: '',
    handlers: new Map<string, Handler>(),
    /** What the next open and save dialogs answer (null: cancelled). */
    openAnswer: null as string | null,
    saveAnswer: null as string | null,
  }
  const fakeWindow: Record<string, unknown> = {
    once: noop,
    on: noop,
    show: noop,
    maximize: noop,
    focus: noop,
    isMinimized: () => false,
    loadURL: () => Promise.resolve(),
    webContents: { on: noop },
  }
  let ready: () => void = noop
  const whenReady = new Promise<void>((resolve) => (ready = resolve))
  return {
    state,
    fireReady: () => ready(),
    module: {
      app: {
        requestSingleInstanceLock: () => true,
        getPath: (name: string) => `${state.root}/${name}`,
        on: noop,
        whenReady: () => whenReady,
        quit: noop,
      },
      protocol: { registerSchemesAsPrivileged: noop, handle: noop },
      ipcMain: { handle: (channel: string, h: Handler) => state.handlers.set(channel, h) },
      session: {
        defaultSession: {
          setPermissionRequestHandler: noop,
          setPermissionCheckHandler: noop,
          setSpellCheckerEnabled: noop,
          webRequest: { onBeforeRequest: noop },
        },
      },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: noop },
      screen: {
        getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
        getAllDisplays: () => [],
      },
      dialog: {
        showOpenDialog: async () => {
          const answer = state.openAnswer
          return { canceled: answer === null, filePaths: answer === null ? [] : [answer] }
        },
        showSaveDialog: async () => {
          const answer = state.saveAnswer
          return { canceled: answer === null, filePath: answer ?? '' }
        },
      },
      BrowserWindow: class {
        static getAllWindows(): unknown[] {
          return [fakeWindow]
        }
        constructor() {
          return fakeWindow
        }
      },
    },
  }
})
vi.mock('electron', () => electron.module)

const TRUSTED = { senderFrame: { url: 'app://blankboard/index.html' } }

let root: string
/** A folder outside the app's own, where the attacks aim. */
let elsewhere: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'blankboard-security-'))
  elsewhere = join(root, 'elsewhere')
  await mkdir(elsewhere)
  electron.state.root = root
  await import('../../electron/main.ts')
  electron.fireReady()
  await vi.waitFor(() => expect(electron.state.handlers.size).toBeGreaterThan(0))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Calls an API method over IPC as the app's own page would. */
async function ipc<M extends keyof BlankboardApi>(
  method: M,
  ...args: unknown[]
): Promise<Awaited<ReturnType<BlankboardApi[M]>>> {
  const handler = electron.state.handlers.get(API_CHANNELS[method].channel)!
  return (await handler(TRUSTED, ...args)) as Awaited<ReturnType<BlankboardApi[M]>>
}

/** The path the page is handed by the open dialog, as a user choosing it would. */
async function choose(path: string): Promise<void> {
  electron.state.openAnswer = path
  expect(await ipc('chooseWorkshopFile')).toBe(path)
  electron.state.openAnswer = null
}

function opened(result: OpenResult | null): OpenWorkshop {
  if (result?.kind !== 'opened') throw new Error(`not opened: ${JSON.stringify(result)}`)
  return result.workshop
}

/** A valid workshop file at `path`. */
async function workshopFile(path: string, title: string): Promise<void> {
  await writeFile(path, encodeWorkshop(newWorkshop(title, new Date())))
}

describe('over IPC, the page names no path of its own', () => {
  it('saveAs with a path is refused and writes nothing; the save dialog still works', async () => {
    const open = opened(await ipc('createWorkshop', 'Retro'))
    for (const target of [
      join(elsewhere, 'profile.sh'),
      join(elsewhere, '.bashrc'),
      join(elsewhere, 'Startup', 'run.bat'),
      open.path,
    ]) {
      await expect(ipc('saveAs', open.handle, target)).rejects.toThrow(
        /only the save dialog chooses/,
      )
    }
    expect(await readdir(elsewhere)).toEqual([])

    // What the user does next: Save As with the dialog, cancelled, then chosen.
    electron.state.saveAnswer = null
    expect(await ipc('saveAs', open.handle, null)).toBeNull()
    electron.state.saveAnswer = join(elsewhere, 'Retro copy.blankboard')
    const moved = opened(await ipc('saveAs', open.handle, null))
    expect(moved.path).toBe(join(elsewhere, 'Retro copy.blankboard'))
    // The file Save As made is granted: it opens again after closing.
    await ipc('closeWorkshop', open.handle)
    expect(opened(await ipc('openWorkshop', moved.path)).workshop.title).toBe('Retro')
    // A Save As onto an existing file says so, without the folder's path.
    const again = opened(await ipc('openWorkshop', moved.path))
    await writeFile(join(elsewhere, 'Existing.blankboard'), 'keep me')
    electron.state.saveAnswer = join(elsewhere, 'Existing.blankboard')
    const error = (await ipc('saveAs', again.handle, null).catch((e: Error) => e)) as Error
    expect(error.message).toMatch(/^Existing\.blankboard already exists/)
    expect(error.message).not.toContain(elsewhere)
    expect(await readFile(join(elsewhere, 'Existing.blankboard'), 'utf8')).toBe('keep me')
    electron.state.saveAnswer = null
  })

  it('openWorkshop on a path never granted is refused the same way, existing or not', async () => {
    await workshopFile(join(elsewhere, 'Not given.blankboard'), 'Not given')
    const refusals: string[] = []
    for (const path of [
      '/etc/passwd',
      join(elsewhere, 'Not given.blankboard'),
      join(elsewhere, 'missing.blankboard'),
      '../../../../etc/passwd',
      '/dev/zero',
    ]) {
      const error = await ipc('openWorkshop', path).catch((e: Error) => e)
      expect(error, path).toBeInstanceOf(Error)
      refusals.push((error as Error).message)
    }
    expect(new Set(refusals).size).toBe(1)
    expect(refusals[0]).toMatch(/opens only workshops chosen with Open…/)
    expect(refusals[0]).not.toMatch(/root|passwd|ENOENT|EACCES|\//)
    // Restoring "a backup" over a file never granted is refused too.
    await expect(
      ipc('restoreBackup', join(elsewhere, 'Not given.blankboard'), '/etc/passwd'),
    ).rejects.toThrow(/opens only workshops chosen/)
    // Nothing made it into the recent list.
    expect((await ipc('listRecent')).map((r) => r.path)).not.toContain(
      join(elsewhere, 'Not given.blankboard'),
    )
  })

  it('a granted path that is no regular file is refused at once, and the app carries on', async () => {
    const fifo = join(elsewhere, 'pipe.blankboard')
    execFileSync('mkfifo', [fifo])
    const folder = join(elsewhere, 'folder.blankboard')
    await mkdir(folder)
    const cases: [string, RegExp][] = [
      [fifo, /not a regular file/],
      ['/dev/zero', /not a regular file/],
      [folder, /folder/],
    ]
    for (const [path, reason] of cases) {
      await choose(path)
      const result = await ipc('openWorkshop', path)
      expect(result, path).toMatchObject({
        kind: 'unreadable',
        reason: expect.stringMatching(reason),
      })
    }
    // Four FIFOs at once used to block every file operation: the app still answers.
    const results = await Promise.all([1, 2, 3, 4].map(() => ipc('openWorkshop', fifo)))
    expect(results.every((r) => r.kind === 'unreadable')).toBe(true)
    expect(opened(await ipc('createWorkshop', 'After the pipe')).workshop.title).toBe(
      'After the pipe',
    )
  })

  it('a granted file over 200 MB is refused before it is read', async () => {
    const big = join(elsewhere, 'huge.blankboard')
    await writeFile(big, '')
    await truncate(big, 300 * 1024 * 1024) // sparse: no disk used
    expect((await stat(big)).size).toBe(300 * 1024 * 1024)
    await choose(big)
    const heapBefore = process.memoryUsage().rss
    const result = await ipc('openWorkshop', big)
    expect(result).toMatchObject({
      kind: 'unreadable',
      reason: 'the file is larger than 200 MB, too large for a workshop',
    })
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(100 * 1024 * 1024)
  })

  it('a granted name turned into a symlink out of the granted set is refused', async () => {
    const given = join(elsewhere, 'given.blankboard')
    const secret = join(elsewhere, 'secret.blankboard')
    await workshopFile(given, 'Given')
    await workshopFile(secret, 'Secret plans')
    await choose(given)
    const first = opened(await ipc('openWorkshop', given))
    await ipc('closeWorkshop', first.handle)

    await rm(given)
    await symlink(secret, given)
    const result = await ipc('openWorkshop', given)
    expect(result).toMatchObject({
      kind: 'unreadable',
      reason: 'it leads to a file Blankboard was not given',
    })
    expect(JSON.stringify(result)).not.toContain('Secret plans')

    await rm(given)
    await symlink('/etc/passwd', given)
    const passwd = await ipc('openWorkshop', given)
    expect(passwd.kind).toBe('unreadable')
    expect(JSON.stringify(passwd)).not.toMatch(/root:/)
  })

  it('a granted file that is not a workshop is described without its content or folders', async () => {
    const notOurs = join(elsewhere, 'accounts.blankboard')
    await writeFile(notOurs, 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin\n')
    await choose(notOurs)
    const result = await ipc('openWorkshop', notOurs)
    expect(result.kind).toBe('unreadable')
    const reason = (result as { reason: string }).reason
    expect(reason).toMatch(/^the file is not valid JSON/)
    expect(reason).not.toMatch(/root|daemon|bin|sbin/)
  })

  it('a call larger than 16 MB is refused before its arguments are checked', async () => {
    const open = opened(await ipc('createWorkshop', 'Big batch'))
    const huge = [{ type: 'addNotes', notes: [{ text: 'x'.repeat(17 * 1024 * 1024) }] }]
    await expect(ipc('applyOps', open.handle, 0, huge)).rejects.toThrow(/larger than 16 MB/)
    const ids = ['note-aaaaaaaa', 'note-bbbbbbbb', 'note-cccccccc']
    const many = Array.from({ length: 300_000 }, () => ({ type: 'deleteNotes', ids }))
    await expect(ipc('applyOps', open.handle, 0, many)).rejects.toThrow(/larger than 16 MB/)
  })
})

/** One raw HTTP request, with whatever Host and Origin an attacker would send. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      )
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('the web harness answers no other web page', () => {
  let harness: Harness
  let dataDir: string
  let port: number
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'blankboard-rebind-'))
    harness = await startHarness({
      staticDir: join(import.meta.dirname, '../../dist/harness'),
      dataDir,
      port: 0,
    })
    port = Number(new URL(harness.url).port)
  })
  afterAll(async () => {
    await harness.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  const create = (headers: Record<string, string>) =>
    raw(`http://127.0.0.1:${port}/api/createWorkshop`, {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(['Planted by a web page']),
    })

  it('refuses every Host and Origin pair a rebinding or foreign page can send', async () => {
    const evil = `rebind.evil.example:${port}`
    const pairs: Record<string, string>[] = [
      // DNS rebinding: the page's own name in both headers (this pair used to get 200).
      { host: evil, origin: `http://${evil}` },
      { host: evil },
      { host: `127.0.0.1:${port}`, origin: `http://${evil}` },
      { host: `localhost:${port}`, origin: 'http://evil.example' },
      { host: `127.0.0.1:${port}`, origin: 'null' },
      { host: `127.0.0.1:${port}`, origin: `https://127.0.0.1:${port}` },
      { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port + 1}` },
      { host: `127.0.0.1:${port + 1}` },
      { host: `127.0.0.1.evil.example:${port}` },
      { host: '127.0.0.1' },
    ]
    for (const headers of pairs) {
      const response = await create(headers)
      expect(response.status, JSON.stringify(headers)).toBe(403)
    }
    const page = await raw(`http://127.0.0.1:${port}/`, { method: 'GET', headers: { host: evil } })
    expect(page.status).toBe(403)
    expect((await readdir(dataDir)).filter((f) => f.endsWith('.blankboard'))).toEqual([])
  })

  it('answers its own origin, by either name, and scripts that send no Origin', async () => {
    const allowed: Record<string, string>[] = [
      { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` },
      { host: `localhost:${port}`, origin: `http://localhost:${port}` },
      { host: `127.0.0.1:${port}` },
      { host: `LOCALHOST:${port}` },
    ]
    for (const headers of allowed) {
      const response = await raw(`http://127.0.0.1:${port}/api/listRecent`, {
        headers: { 'content-type': 'application/json', ...headers },
        body: '[]',
      })
      expect(response.status, JSON.stringify(headers)).toBe(200)
    }
  })

  it('refuses a body over 16 MB before parsing it', async () => {
    const response = await raw(`http://127.0.0.1:${port}/api/applyOps`, {
      headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json' },
      body: JSON.stringify(['h', 0, [{ type: 'x', text: 'y'.repeat(17 * 1024 * 1024) }]]),
    })
    expect(response.status).toBe(413)
    expect(JSON.parse(response.body).error).toMatch(/larger than 16 MB/)
  })

  it('in a real browser, a rebinding page and a foreign page get nothing', async () => {
    const browser = await chromium.launch({
      executablePath: findChromium(),
      // rebind.evil.example resolves to this machine, as after a DNS rebinding.
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.evil.example 127.0.0.1'],
    })
    try {
      const page = await browser.newPage()
      const rebound = await page.goto(`http://rebind.evil.example:${port}/`)
      expect(rebound?.status()).toBe(403)
      // The rebinding page's script posts to "its own" origin, which is the harness.
      const status = await page.evaluate(async (p) => {
        const response = await fetch(`http://rebind.evil.example:${p}/api/createWorkshop`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify(['Planted by a web page']),
        })
        return response.status
      }, port)
      expect(status).toBe(403)
      // A page from another server on this machine posts straight to the harness (a
      // "simple" request: the browser sends it without asking first, and hides the answer).
      const attacker = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<title>attacker</title>'),
      )
      await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', ok))
      try {
        await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`)
        const answer = await page.evaluate(async (p) => {
          const response = await fetch(`http://127.0.0.1:${p}/api/createWorkshop`, {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'content-type': 'text/plain' },
            body: JSON.stringify(['Planted by a web page']),
          })
          return response.type
        }, port)
        expect(answer).toBe('opaque')
      } finally {
        attacker.close()
      }
      expect((await readdir(dataDir)).filter((f) => f.endsWith('.blankboard'))).toEqual([])
    } finally {
      await browser.close()
    }
  })
})

describe('user text never reorders what is around it', () => {
  let app: App
  beforeAll(async () => {
    app = await openApp()
  })
  afterAll(async () => {
    expect(app.pageErrors).toEqual([])
    await app.close()
  })

  const RLO = '\u202e'
  const trick = `invoice${RLO}fdp.exe`

  it('isolates it in the page and drops the controls on the canvas and the window title', async () => {
    const { page } = app
    await createWorkshop(page, `Budget${RLO} review`)
    // The same reply twice stacks as one note, "×2".
    await typeReplies(page, [trick, 'plain reply'])
    await page.keyboard.type(trick)
    await page.keyboard.press('Enter')
    await waitSaved(page)

    // On disk the reply is kept exactly as typed.
    const { workshop } = await readWorkshopFile(app.dataDir)
    expect(Object.values(workshop.notes).map((n) => n.text)).toContain(trick)

    // The canvas draws no bidi control (nothing isolates text there).
    const drawn = await page.evaluate(() => {
      const konva = (window as unknown as { Konva: { stages: { find(s: string): unknown[] }[] } })
        .Konva
      return konva.stages.flatMap((s) =>
        s.find('Text').map((t) => (t as { text(): string }).text()),
      )
    })
    expect(drawn).toContain('invoicefdp.exe')
    expect(drawn.some((t) => /[\u202a-\u202e\u2066-\u2069]/.test(t))).toBe(false)
    expect(await page.title()).toBe('Budget review — Blankboard')

    // The page isolates the text: the ×2 after the reply stays after it.
    await page.getByRole('button', { name: 'Outline' }).click()
    const row = page.locator('.outline li.note').filter({ hasText: 'invoice' })
    const text = row.locator('bdi').first()
    expect(await text.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe('isolate')
    const textBox = (await text.boundingBox())!
    const stackBox = (await row.getByRole('button', { name: /Given 2 times/ }).boundingBox())!
    expect(stackBox.x).toBeGreaterThanOrEqual(textBox.x + textBox.width - 1)
    // It reads as on the board: the override does not turn "fdp.exe" into "exe.pdf".
    expect(await text.textContent()).toBe('invoicefdp.exe')
    const title = page.locator('.title', { hasText: 'Budget' })
    expect(await title.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe('isolate')
    expect((await title.textContent())?.trim()).toBe('Budget review')
  })

  it('a 5,000-letter word wraps in the Outline and its row keeps its controls in view', async () => {
    const { page } = app
    const word = 'a'.repeat(5000)
    await page.getByRole('textbox', { name: 'Reply' }).fill(word)
    await page.getByRole('textbox', { name: 'Reply' }).press('Enter')
    await waitSaved(page)
    const outline = (await page.getByRole('complementary', { name: 'Outline' }).boundingBox())!
    const row = page.locator('.outline li.note').filter({ hasText: 'aaaa' })
    const remove = (await row.getByRole('button', { name: /^Delete/ }).boundingBox())!
    expect(remove.x + remove.width).toBeLessThanOrEqual(outline.x + outline.width)
    expect(remove.x).toBeGreaterThan(outline.x)
    // At the top of the tall row, not in its middle far below.
    const rowBox = (await row.boundingBox())!
    expect(rowBox.height).toBeGreaterThan(500)
    expect(remove.y - rowBox.y).toBeLessThan(40)
    const file = await readFile((await readWorkshopFile(app.dataDir)).path, 'utf8')
    expect(file).toContain(word)
  })

  it('the page requests nothing outside its own origin (fonts and all are bundled)', async () => {
    const { page, harness } = app
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    await page.reload()
    // Home, then the workshop again from the recent list, its board drawn.
    await page
      .getByRole('button', { name: /Budget/ })
      .first()
      .click()
    await page.getByRole('textbox', { name: 'Reply' }).waitFor()
    await page.evaluate(() => window.__blankboard?.frame())
    expect(requested.length).toBeGreaterThan(0)
    const outside = requested.filter(
      (url) => !url.startsWith(harness.url) && !/^(data|blob):/.test(url),
    )
    expect(outside).toEqual([])
  })
})
