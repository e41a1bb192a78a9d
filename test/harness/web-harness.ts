/**
 * The web harness: serves a built renderer on 127.0.0.1 with `window.blankboard`
 * bridged over HTTP to a real workshop store, so the whole app except the Electron
 * shell runs in any browser. End-to-end tests, benchmarks and UI work use it.
 *
 * Contract: each API method is `POST /api/<method>` with a JSON array of arguments,
 * answering JSON; an error answers a non-2xx status with `{ "error": "<message>" }`;
 * `GET /` serves the app. Binds 127.0.0.1 only and answers only requests addressed to
 * 127.0.0.1 or localhost on its port, with no `Origin` or that same origin (see
 * electron/loopback-guard.ts): no other web page can drive it, DNS rebinding included.
 * A call's body is at most `callLimit(method)`, as over IPC; failures answer in words.
 * A call whose last argument is bytes (`appendExport`) comes as an
 * `application/octet-stream` body, the other arguments as a JSON array in the
 * `x-blankboard-args` header (URI-encoded).
 * The room (phones replying over the network) runs here too, from the same store, on
 * 127.0.0.1: the harness has no local network, so `allowLoopback` is set (the desktop
 * app never sets it); `--room-lan` in `npm run web` offers this computer's local-network
 * addresses as well, to try the room with a real phone.
 * Limits: no file dialogs here: `chooseWorkshopFile` answers null, `saveAs` needs a path,
 * and exports are written into the data folder (see harness-exports.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { access } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { BlankboardApi } from '../../core/api.ts'
import { checkArgs, isApiMethod } from '../../core/api.ts'
import { readAppFile } from '../../electron/app-files.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import type { StoreOptions } from '../../electron/files/workshop-store.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'
import { foreignRequestReason } from '../../electron/loopback-guard.ts'
import { publicMessage, publicResult } from '../../electron/public-errors.ts'
import { callLimit } from '../../electron/security.ts'
import { harnessExports } from './harness-exports.ts'
import type { RoomManager } from '../../electron/room/room-manager.ts'
import { createRoomManager, storeReader } from '../../electron/room/room-manager.ts'
import type { RoomLimits } from '../../electron/room/room-server.ts'

class HttpError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(JSON.stringify(body ?? null))
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `The call is larger than ${limit / (1024 * 1024)} MB.`)
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw tooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** A call's arguments: the JSON array of the body, or the header's array and then the body's bytes. */
async function readArgs(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit)
  if (req.headers['content-type'] !== 'application/octet-stream')
    return JSON.parse(body.toString('utf8'))
  const rest: unknown = JSON.parse(decodeURIComponent(String(req.headers['x-blankboard-args'])))
  if (!Array.isArray(rest)) throw new SyntaxError('the arguments are not an array')
  return [...rest, new Uint8Array(body.buffer, body.byteOffset, body.byteLength)]
}

/** A name beside an open workshop's file that no file has yet, for a copy. */
async function freeCopyName(store: WorkshopStore, handle: string): Promise<string> {
  const base = store.pathOf(handle).replace(/\.blankboard$/, '')
  for (let n = 1; ; n++) {
    const candidate = `${base} copy${n === 1 ? '' : ` ${n}`}.blankboard`
    try {
      await access(candidate)
    } catch {
      return candidate
    }
  }
}

/** The full API over a store: the store plus the desktop-only parts, stubbed; exports go to `exportDir`. */
export function harnessApi(
  store: WorkshopStore,
  exportDir: string,
  room: RoomManager = harnessRoom(store),
): BlankboardApi {
  return {
    ...store,
    ...harnessExports(exportDir),
    listRoomAddresses: room.listRoomAddresses,
    openRoom: room.openRoom,
    closeRoom: room.closeRoom,
    nextRoomUpdate: room.nextRoomUpdate,
    // A workshop that closes closes its room.
    closeWorkshop: async (handle, discard) => {
      await store.closeWorkshop(handle, discard)
      await room.closeFor(handle)
    },
    chooseWorkshopFile: async () => null,
    // No dialog here: without a path, the copy goes beside the file under a free name
    // ("<name> copy.blankboard"), as a dialog's suggestion would.
    saveAs: async (handle, path) =>
      store.saveAs(handle, path ?? (await freeCopyName(store, handle))),
    // No menu and no desktop here: no command ever comes.
    nextCommand: () => new Promise(() => {}),
    // No window to close from outside, and no native dialogs: the page asks itself.
    readyToClose: async () => {},
    chooseUnsavedAction: async () => null,
  }
}

/** The harness's room: on 127.0.0.1 (and the local network when `lan`), over `store`. */
export function harnessRoom(
  store: WorkshopStore,
  options: { lan?: boolean; limits?: Partial<RoomLimits> } = {},
): RoomManager {
  return createRoomManager({
    readWorkshop: storeReader(store),
    allowLoopback: true,
    offerLan: options.lan ?? false,
    limits: options.limits,
  })
}

/** How long a call waits for an earlier call of its page that never came. */
const ORDER_WAIT_MS = 30_000

/**
 * Calls of one page reach the store in the order the page made them, as over IPC: a
 * call numbered n (in its `x-blankboard-call: <page>/<n>` header) waits until calls 1 to
 * n-1 have reached the store or failed, or ORDER_WAIT_MS passed. Calls without the
 * header go at once.
 */
class CallOrder {
  private readonly pages = new Map<
    string,
    { next: number; finished: Set<number>; waiting: Map<number, () => void> }
  >()

  private of(page: string) {
    let state = this.pages.get(page)
    if (!state) {
      state = { next: 1, finished: new Set(), waiting: new Map() }
      this.pages.set(page, state)
    }
    return state
  }

  /** Resolves once it is this call's turn. */
  turn(page: string, n: number): Promise<void> {
    const state = this.of(page)
    if (n <= state.next) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        state.waiting.delete(n)
        resolve()
      }, ORDER_WAIT_MS)
      state.waiting.set(n, () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /** The call reached the store (or failed before it): the next one may go. */
  done(page: string, n: number): void {
    const state = this.of(page)
    if (n >= state.next) state.finished.add(n)
    while (state.finished.delete(state.next)) state.next++
    const wake = state.waiting.get(state.next)
    state.waiting.delete(state.next)
    wake?.()
  }
}

/** The page and number of a call, from its `x-blankboard-call` header, or null. */
function orderOf(req: IncomingMessage): { page: string; n: number } | null {
  const match = /^([\w-]{1,64})\/(\d{1,12})$/.exec(String(req.headers['x-blankboard-call'] ?? ''))
  return match ? { page: match[1]!, n: Number(match[2]) } : null
}

/**
 * Handles `POST /api/<method>`; answers false for any other request so the caller can
 * serve it (static files here, Vite's dev server in `npm run dev`).
 */
export function createApiHandler(
  api: BlankboardApi,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const calls = new CallOrder()
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith('/api/')) return false
    const order = orderOf(req)
    let reached = false
    const reach = () => {
      if (order && !reached) calls.done(order.page, order.n)
      reached = true
    }
    try {
      // No other web page may drive the store, whatever name it reaches this server by.
      const foreign = foreignRequestReason(req)
      if (foreign) throw new HttpError(403, foreign)
      if (req.method !== 'POST') throw new HttpError(405, 'Use POST.')
      const method = url.pathname.slice('/api/'.length)
      if (!isApiMethod(method))
        throw new HttpError(404, `There is no API method named "${method}".`)
      let args: unknown
      try {
        args = await readArgs(req, callLimit(method))
      } catch (error) {
        if (error instanceof HttpError) throw error
        throw new HttpError(400, 'The body is not JSON.')
      }
      if (order) await calls.turn(order.page, order.n)
      const checked = checkArgs(method, args)
      if (!checked.ok) throw new HttpError(400, checked.message)
      const call = api[method] as (...a: unknown[]) => Promise<unknown>
      const result = call(...checked.args)
      reach() // the store has taken the call in: a later one may follow it
      sendJson(res, 200, publicResult(await result))
    } catch (error) {
      reach()
      const status = error instanceof HttpError ? error.status : 500
      if (status === 500) console.error(error)
      sendJson(res, status, { error: publicMessage((error as Error).message) })
    }
    return true
  }
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end()
    return
  }
  const file = await readAppFile(root, new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
  res.writeHead(file.status, file.headers)
  res.end(
    req.method === 'HEAD' || !file.body
      ? file.status === 404
        ? 'Not found'
        : undefined
      : file.body,
  )
}

/** A running harness. */
export interface Harness {
  /** Where the app is served, e.g. http://127.0.0.1:5173/ */
  url: string
  /** The store behind the API. */
  store: WorkshopStore
  /** The room behind the API. */
  room: RoomManager
  /** Waits for pending writes, then stops serving. */
  close(): Promise<void>
}

/** Options of `startHarness`. */
export interface HarnessOptions {
  /** The built renderer (`dist/harness`). */
  staticDir: string
  /** Folder for workshop files; the app's own data goes in its `.app-data` subfolder. */
  dataDir: string
  /** TCP port; 0 picks a free one. */
  port: number
  /** Options of the store (tests inject file-system faults here). */
  store?: StoreOptions
  /** Offers the local-network addresses to the room too, besides 127.0.0.1. */
  roomLan?: boolean
  /** Room limits other than the real ones (tests). */
  roomLimits?: Partial<RoomLimits>
}

/** Serves the harness build and the API until `close` is called. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const store = createWorkshopStore(
    { workshopsDir: options.dataDir, dataDir: join(options.dataDir, '.app-data') },
    options.store,
  )
  const room = harnessRoom(store, { lan: options.roomLan, limits: options.roomLimits })
  const handleApi = createApiHandler(harnessApi(store, options.dataDir, room))
  const root = resolve(options.staticDir)
  const server = createServer((req, res) => {
    const foreign = foreignRequestReason(req)
    if (foreign) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(foreign)
      return
    }
    void handleApi(req, res).then((handled) => (handled ? undefined : serveStatic(root, req, res)))
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(options.port, '127.0.0.1', ok)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    store,
    room,
    close: async () => {
      await room.closeAll()
      await store.flushAll()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
    },
  }
}
