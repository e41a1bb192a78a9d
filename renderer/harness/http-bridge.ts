/**
 * Harness builds only: `window.blankboard` as HTTP calls to the web harness
 * (`POST /api/<method>` with the argument array). Production builds never include it.
 *
 * Like IPC, calls reach the store in the order the page made them: each carries this
 * page's id and its number in an `x-blankboard-call` header, and the harness waits for
 * the earlier ones (requests on several connections may otherwise overtake each other).
 * A big body is handed to the browser a piece per task, so sending a 4 MB batch of ops
 * never holds the window for long. A call whose last argument is bytes (a piece of an
 * export) sends them as they are, as the body, with the other arguments as JSON in the
 * `x-blankboard-args` header: no base64, no JSON text of the bytes.
 */
import type { BlankboardApi } from '../../core/api.ts'
import { API_METHODS } from '../../core/api.ts'

/** Characters of a body turned into bytes per task. */
const PIECE = 256 * 1024
const page = globalThis.crypto.randomUUID()
let calls = 0

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The JSON text as a body: itself when small, else a Blob built a piece per task. */
async function bodyOf(json: string): Promise<string | Blob> {
  if (json.length <= PIECE) return json
  const pieces: Blob[] = []
  for (let start = 0; start < json.length;) {
    let end = Math.min(json.length, start + PIECE)
    // Never split a surrogate pair: each half alone would be written as U+FFFD.
    const last = json.charCodeAt(end - 1)
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end--
    pieces.push(new Blob([json.slice(start, end)]))
    start = end
    await nextTask()
  }
  return new Blob(pieces, { type: 'application/json' })
}

async function call(method: string, args: unknown[]): Promise<unknown> {
  const order = `${page}/${++calls}`
  const bytes = args.at(-1)
  const request: RequestInit =
    bytes instanceof Uint8Array
      ? {
          headers: {
            'content-type': 'application/octet-stream',
            'x-blankboard-call': order,
            'x-blankboard-args': encodeURIComponent(JSON.stringify(args.slice(0, -1))),
          },
          // As a Blob: fetch copies a Blob's bytes several times faster than an array's.
          body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
        }
      : {
          headers: { 'content-type': 'application/json', 'x-blankboard-call': order },
          body: await bodyOf(JSON.stringify(args)),
        }
  const response = await fetch(`./api/${method}`, { method: 'POST', ...request })
  const body: unknown = await response.json()
  if (!response.ok) {
    const message = (body as { error?: string } | null)?.error ?? `HTTP ${response.status}`
    throw new Error(message)
  }
  return body
}

/** Defines `window.blankboard` unless a preload already did. */
export function installHttpBridge(): void {
  if ('blankboard' in window) return
  const api = Object.fromEntries(
    API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as BlankboardApi
  Object.defineProperty(window, 'blankboard', { value: Object.freeze(api) })
}
