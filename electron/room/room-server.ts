/**
 * The room server: a tiny HTTP server on one local-network address that serves the phone
 * page and takes replies for one prompt. Replies wait in a queue until the board takes
 * them (`update`), adds them as notes and reports them saved; only then does the phone
 * hear "saved". Plain Node `http`, no Electron import: it runs in the main process, the
 * web harness and tests alike.
 *
 * What a phone can reach, all under `/<join code>/`: the page (`/`, `phone.js`,
 * `phone.css`), the prompt's sentence and that phone's own submissions
 * (`GET api/state?phone=…`), and sending a reply (`POST api/replies`). While the
 * prompt's vote is open, the state also lists the board's clusters (number and name, never
 * their notes or counts) and the dots this phone has left, and `POST api/dots` adds or
 * takes back one dot of this phone's own budget (the vote's dots per person). Nothing else:
 * no file names, no paths, no other notes. Every request is refused unless its `Host` is
 * the room's address and port, its `Origin` (when sent) is the room's own, and its path
 * starts with the join code (128 random bits, new each time the room opens). Bodies are
 * at most 4 kB of valid UTF-8 JSON; each phone may send 20 replies a minute and each
 * network address 120; at most 300 connections; headers must arrive within 10 s and a
 * whole request within 15 s, and an idle connection is dropped after 30 s.
 * A submission carries an id the phone chose: the same phone and id never make a second
 * note, however often the request is retried, for as long as the room is open.
 *
 * A dot change carries an id too, and goes through the same queue to the board, which
 * casts it as a click would; the phone hears "saved" only once it is on disk. Each phone's
 * dots per cluster are kept by phone id; a dot beyond its budget is refused in words.
 * Limits: one prompt per room; IPv4 only; the ledgers live in memory for the room's life.
 * A phone's dots on a cluster count at most the cluster's dots on the board, so a reset
 * or an undo on the board gives them back; which phone placed a board dot is not kept.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RoomDot, RoomReply, RoomUpdate } from '../../core/room.ts'
import { MAX_ROOM_NAME, MAX_ROOM_REPLY, ROOM_ID_PATTERN, tooLongMessage } from '../../core/room.ts'
import { isLoopbackOrLinkLocal } from './lan-addresses.ts'
import { PHONE_FILES } from './phone-files.ts'

/** The limits a room keeps; tests shorten the timeouts. */
export interface RoomLimits {
  /** Largest request body, in bytes. */
  maxBodyBytes: number
  /** New replies one phone may send per minute. */
  repliesPerPhonePerMinute: number
  /** Dot changes one phone may make per minute. */
  dotsPerPhonePerMinute: number
  /** New replies one network address may send per minute (several phones behind one). */
  repliesPerAddressPerMinute: number
  /** Most connections open at once; more are dropped. */
  maxConnections: number
  /** Time for a request's headers to arrive. */
  headersTimeoutMs: number
  /** Time for a whole request (headers and body) to arrive. */
  requestTimeoutMs: number
  /** A connection with no traffic for this long is dropped. */
  idleTimeoutMs: number
  /** How long a phone's request waits for the board to save its reply. */
  saveWaitMs: number
  /** Most replies waiting for the board at once. */
  maxWaiting: number
  /** A phone counts as connected this long after its last request. */
  phoneSeenMs: number
  /**
   * A reply the board took but never reported (a board that reloaded, an answer lost on
   * the way) goes to the board again when its phone retries after this long. The board
   * skips ids it already added, so this never doubles a note.
   */
  redeliverMs: number
}

/** The limits of a real room. */
export const ROOM_LIMITS: RoomLimits = {
  maxBodyBytes: 4 * 1024,
  repliesPerPhonePerMinute: 20,
  repliesPerAddressPerMinute: 120,
  dotsPerPhonePerMinute: 60,
  maxConnections: 300,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  idleTimeoutMs: 30_000,
  saveWaitMs: 15_000,
  maxWaiting: 5_000,
  phoneSeenMs: 30_000,
  redeliverMs: 30_000,
}

/** The prompt a room collects for, as phones see it. */
export interface RoomPrompt {
  /** The sentence, with `____` for the blank. */
  text: string
  /** True when replies land face down. */
  hidden: boolean
  /** The board's vote while it is open; null otherwise. */
  vote: RoomVote | null
}

/** An open vote, as the server sees it (the counts stay on the server). */
export interface RoomVote {
  dotsPerPerson: number
  /** The board's clusters in their numbering order. */
  clusters: { id: string; number: number; name: string; votes: number }[]
}

/** Options of `startRoomServer`. */
export interface RoomServerOptions {
  /** The address to listen on: a local-network IPv4 address. */
  address: string
  /** The port; 0 picks a free one. */
  port: number
  /**
   * Allows 127.0.0.1, for tests and the web harness only (they have no local network).
   * The desktop app never sets it.
   */
  allowLoopback?: boolean
  /** The prompt's sentence now; null when the prompt is gone. */
  prompt: () => Promise<RoomPrompt | null>
  /** Limits other than the real ones (tests). */
  limits?: Partial<RoomLimits>
  /** The clock (tests). */
  now?: () => number
}

/** A running room. */
export interface RoomServer {
  /** The join URL: `http://address:port/code/`. */
  readonly url: string
  /** The join code. */
  readonly code: string
  readonly address: string
  readonly port: number
  /** False once closed. */
  readonly open: boolean
  /**
   * Takes the board's report (replies now on disk, replies lost), then waits up to
   * `waitMs` for news: new replies, changed counts, or the room closing.
   */
  update(saved: readonly string[], failed: readonly string[], waitMs: number): Promise<RoomUpdate>
  /** Stops accepting: phones waiting for a reply are told it was not saved. */
  close(): Promise<void>
}

type Outcome = 'saved' | 'failed' | 'closed'

/** Longest cluster id a phone may name. */
const CLUSTER_ID_PATTERN = /^[0-9A-Za-z_-]{1,64}$/

interface Submission {
  /** The id the board names it by. */
  replyId: string
  phone: string
  /** The phone's own id for it. */
  id: string
  text: string
  author: string | null
  /** For a dot change: where and which way; null for a reply. */
  dot: { clusterId: string; delta: 1 | -1 } | null
  state: 'queued' | 'delivered' | 'saved'
  /** When the board last took it. */
  deliveredAt: number
  waiters: ((outcome: Outcome) => void)[]
}

class RoomError extends Error {
  readonly status: number
  readonly headers: Record<string, string>
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.status = status
    this.headers = headers
  }
}

/** What every answer carries: nothing but the room's own files may run or load. */
export const ROOM_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'cross-origin-resource-policy': 'same-origin',
}

/** A join code: 128 random bits in lower-case base 32 (26 letters and digits). */
export function newJoinCode(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  const bytes = randomBytes(16)
  let bits = 0
  let value = 0
  let code = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      code += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) code += alphabet[(value << (5 - bits)) & 31]
  return code
}

/** Reads a body of at most `limit` bytes as strict UTF-8. */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () =>
    new RoomError(413, 'This reply is too long to send. Shorten it and send it again.', {
      connection: 'close',
    })
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw tooLarge()
    chunks.push(chunk as Buffer)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw new RoomError(400, 'The reply is not valid text (UTF-8). Send it again.')
  }
}

/** Counts events per key over the last minute. */
class MinuteCounter {
  private readonly times = new Map<string, number[]>()
  private readonly now: () => number
  constructor(now: () => number) {
    this.now = now
  }

  /** True (and counted) when `key` has had fewer than `max` events in the last minute. */
  take(key: string, max: number): boolean {
    const since = this.now() - 60_000
    const list = (this.times.get(key) ?? []).filter((t) => t > since)
    if (list.length >= max) {
      this.times.set(key, list)
      return false
    }
    list.push(this.now())
    this.times.set(key, list)
    return true
  }

  /** Seconds until `key` may send again. */
  wait(key: string): number {
    const first = this.times.get(key)?.[0]
    return first === undefined ? 1 : Math.max(1, Math.ceil((first + 60_000 - this.now()) / 1000))
  }
}

/** Starts a room on `options.address`; rejects in words when it cannot listen there. */
export async function startRoomServer(options: RoomServerOptions): Promise<RoomServer> {
  const limits = { ...ROOM_LIMITS, ...options.limits }
  const now = options.now ?? Date.now
  const loopbackTest = options.allowLoopback === true && options.address === '127.0.0.1'
  if (isLoopbackOrLinkLocal(options.address) && !loopbackTest) {
    throw new Error(
      'The room needs an address on a local network (not a loopback or link-local one).',
    )
  }
  const code = newJoinCode()
  const codeBytes = Buffer.from(code)
  const byKey = new Map<string, Submission>()
  const byReplyId = new Map<string, Submission>()
  const byPhone = new Map<string, Submission[]>()
  const queue: Submission[] = []
  const seen = new Map<string, number>()
  const phoneRate = new MinuteCounter(now)
  const dotRate = new MinuteCounter(now)
  /** Each phone's saved dots, by cluster id. */
  const phoneDots = new Map<string, Map<string, number>>()
  const addressRate = new MinuteCounter(now)
  let waiting = 0
  let savedCount = 0
  let open = true
  let reported = { phones: -1, replies: -1 }
  let wake: (() => void) | null = null

  const server: Server = createServer({
    maxHeaderSize: 8 * 1024,
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: 5_000,
  })
  server.maxConnections = limits.maxConnections
  server.maxHeadersCount = 50
  server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy())

  await new Promise<void>((ok, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${options.port} is in use on this computer. Choose another, or let Blankboard pick one.`
            : `The room could not be opened on ${options.address} (${error.code ?? 'error'}).`,
          { cause: error },
        ),
      ),
    )
    server.listen({ host: options.address, port: options.port, exclusive: true }, ok)
  })
  const port = (server.address() as AddressInfo).port
  const host = `${options.address}:${port}`
  const origin = `http://${host}`
  // On port 80 a browser leaves the port out of Host and Origin.
  const hosts = port === 80 ? [host, options.address] : [host]
  const origins = port === 80 ? [origin, `http://${options.address}`] : [origin]

  function phonesNow(): number {
    const since = now() - limits.phoneSeenMs
    let count = 0
    for (const [phone, at] of seen) {
      if (at > since) count++
      else seen.delete(phone)
    }
    return count
  }

  function notify(): void {
    const w = wake
    wake = null
    w?.()
  }

  function sawPhone(phone: string): void {
    const fresh = !seen.has(phone)
    seen.set(phone, now())
    if (fresh) notify()
  }

  function settle(submission: Submission, outcome: Outcome): void {
    const waiters = submission.waiters
    submission.waiters = []
    for (const w of waiters) w(outcome)
  }

  /** The code must open the path; compared in constant time. */
  function pathAfterCode(path: string): string | null {
    const slash = path.indexOf('/', 1)
    const first = Buffer.from(path.slice(1, slash === -1 ? undefined : slash))
    if (first.length !== codeBytes.length || !timingSafeEqual(first, codeBytes)) return null
    return slash === -1 ? '' : path.slice(slash)
  }

  function guard(req: IncomingMessage): void {
    if (!open) throw new RoomError(503, 'The room is closed.', { connection: 'close' })
    if (!hosts.includes((req.headers.host ?? '').toLowerCase()))
      throw new RoomError(403, 'This server answers only its own address.')
    const from = req.headers.origin
    if (from !== undefined && !origins.includes(from.toLowerCase()))
      throw new RoomError(403, 'Requests from other web pages are refused.')
  }

  async function state(url: URL): Promise<unknown> {
    const phone = url.searchParams.get('phone') ?? ''
    if (!ROOM_ID_PATTERN.test(phone)) throw new RoomError(400, 'This phone has no valid id.')
    sawPhone(phone)
    const prompt = await options.prompt()
    if (!prompt) throw new RoomError(410, 'This prompt is gone; the room is closed.')
    const vote = prompt.vote
    const dots = vote && dotsOf(phone, vote)
    return {
      vote: vote &&
        dots && {
          left: vote.dotsPerPerson - dots.used,
          dotsPerPerson: vote.dotsPerPerson,
          clusters: vote.clusters.map((c) => ({
            id: c.id,
            number: c.number,
            name: c.name,
            mine: dots.mine.get(c.id) ?? 0,
          })),
        },
      prompt: prompt.text,
      hidden: prompt.hidden,
      maxReply: MAX_ROOM_REPLY,
      maxName: MAX_ROOM_NAME,
      mine: (byPhone.get(phone) ?? []).slice(-200).map((s) => ({
        id: s.id,
        text: s.text,
        saved: s.state === 'saved',
      })),
    }
  }

  /** The fields of a reply, checked. */
  function parseReply(body: string): { phone: string; id: string; text: string; name: string } {
    let value: unknown
    try {
      value = JSON.parse(body)
    } catch {
      throw new RoomError(400, 'The reply did not arrive whole. Send it again.')
    }
    const v = value as Record<string, unknown> | null
    if (
      typeof v !== 'object' ||
      v === null ||
      typeof v.phone !== 'string' ||
      typeof v.id !== 'string' ||
      typeof v.text !== 'string' ||
      (v.name !== undefined && v.name !== null && typeof v.name !== 'string') ||
      !ROOM_ID_PATTERN.test(v.phone) ||
      !ROOM_ID_PATTERN.test(v.id)
    ) {
      throw new RoomError(400, 'The reply did not arrive whole. Reload the page and send it again.')
    }
    return {
      phone: v.phone,
      id: v.id,
      text: v.text,
      name: typeof v.name === 'string' ? v.name : '',
    }
  }

  async function reply(req: IncomingMessage): Promise<unknown> {
    const fields = parseReply(await readBody(req, limits.maxBodyBytes))
    sawPhone(fields.phone)
    if (!(await options.prompt())) throw new RoomError(410, 'The room is closed.')
    // No await from here until the submission is in the ledger: two copies of one
    // request arriving together must find each other.
    const key = `${fields.phone}/${fields.id}`
    let submission = byKey.get(key)
    if (submission?.dot) throw new RoomError(400, 'This id is taken. Reload the page.')
    if (!submission) {
      const text = fields.text.trim()
      const name = fields.name.trim()
      if (text === '') throw new RoomError(400, 'Type a reply first.')
      if (text.length > MAX_ROOM_REPLY) throw new RoomError(400, tooLongMessage(text.length))
      if (name.length > MAX_ROOM_NAME)
        throw new RoomError(400, `A name is at most ${MAX_ROOM_NAME} characters.`)
      if (!phoneRate.take(fields.phone, limits.repliesPerPhonePerMinute)) {
        const wait = phoneRate.wait(fields.phone)
        throw new RoomError(
          429,
          `That is a lot of replies at once. Your reply is kept on this phone and will be sent in ${wait} s.`,
          { 'retry-after': String(wait) },
        )
      }
      const address = req.socket.remoteAddress ?? ''
      if (!addressRate.take(address, limits.repliesPerAddressPerMinute)) {
        const wait = addressRate.wait(address)
        throw new RoomError(
          429,
          `Too many replies from this network address. Your reply is kept and will be sent in ${wait} s.`,
          { 'retry-after': String(wait) },
        )
      }
      if (waiting >= limits.maxWaiting)
        throw new RoomError(
          503,
          'The board is busy. Your reply is kept on this phone and will be sent again.',
          { 'retry-after': '5' },
        )
      submission = {
        replyId: randomUUID(),
        phone: fields.phone,
        id: fields.id,
        text,
        author: name === '' ? null : name,
        dot: null,
        state: 'queued',
        deliveredAt: 0,
        waiters: [],
      }
      byKey.set(key, submission)
      byReplyId.set(submission.replyId, submission)
      const list = byPhone.get(fields.phone) ?? []
      list.push(submission)
      byPhone.set(fields.phone, list)
      queue.push(submission)
      waiting++
      notify()
    }
    if (submission.state === 'saved') return { id: submission.id, saved: true }
    if (submission.state === 'delivered' && now() - submission.deliveredAt >= limits.redeliverMs) {
      submission.state = 'queued'
      queue.push(submission)
      notify()
    }
    await outcomeOf(submission, 'reply')
    return { id: submission.id, saved: true }
  }

  /**
   * A phone's dots in `vote`: saved ones (at most the cluster's dots on the board) plus
   * changes on their way, per cluster and in all.
   */
  function dotsOf(phone: string, vote: RoomVote): { mine: Map<string, number>; used: number } {
    const saved = phoneDots.get(phone) ?? new Map<string, number>()
    const mine = new Map<string, number>()
    for (const c of vote.clusters) mine.set(c.id, Math.min(saved.get(c.id) ?? 0, c.votes))
    for (const s of byKey.values()) {
      if (s.phone !== phone || !s.dot || s.state === 'saved') continue
      mine.set(s.dot.clusterId, (mine.get(s.dot.clusterId) ?? 0) + s.dot.delta)
    }
    let used = 0
    for (const n of mine.values()) used += Math.max(0, n)
    return { mine, used }
  }

  /** Waits for the board to save `pending`, or says why not. */
  async function outcomeOf(pending: Submission, what: 'reply' | 'dot'): Promise<void> {
    const outcome = await new Promise<Outcome | 'timeout'>((resolve) => {
      const timer = setTimeout(() => {
        pending.waiters = pending.waiters.filter((w) => w !== done)
        resolve('timeout')
      }, limits.saveWaitMs)
      const done = (o: Outcome) => {
        clearTimeout(timer)
        resolve(o)
      }
      pending.waiters.push(done)
    })
    switch (outcome) {
      case 'saved':
        return
      case 'timeout':
        throw new RoomError(
          503,
          what === 'reply'
            ? 'The board has not saved this reply yet. It is kept on this phone and will be sent again.'
            : 'The board has not saved this dot yet. Try again in a moment.',
          { 'retry-after': '2' },
        )
      case 'failed':
        if (what === 'reply')
          throw new RoomError(
            503,
            'The board could not save this reply. It is kept on this phone and will be sent again.',
            { 'retry-after': '2' },
          )
        throw new RoomError(
          409,
          'The board did not take this dot: the vote may have ended, or all its dots are used. Try again.',
        )
      case 'closed':
        throw new RoomError(503, `The room closed before this ${what} was saved.`)
    }
  }

  /** Adds or takes back one of a phone's dots, once per change id. */
  async function dot(req: IncomingMessage): Promise<unknown> {
    let v: Record<string, unknown> | null
    try {
      v = JSON.parse(await readBody(req, limits.maxBodyBytes)) as Record<string, unknown> | null
    } catch (error) {
      if (error instanceof RoomError) throw error
      v = null
    }
    if (
      typeof v !== 'object' ||
      v === null ||
      typeof v.phone !== 'string' ||
      typeof v.id !== 'string' ||
      typeof v.cluster !== 'string' ||
      (v.delta !== 1 && v.delta !== -1) ||
      !ROOM_ID_PATTERN.test(v.phone) ||
      !ROOM_ID_PATTERN.test(v.id) ||
      !CLUSTER_ID_PATTERN.test(v.cluster)
    ) {
      throw new RoomError(400, 'The dot did not arrive whole. Reload the page and try again.')
    }
    const phone = v.phone
    const clusterId = v.cluster
    const delta = v.delta
    sawPhone(phone)
    const prompt = await options.prompt()
    if (!prompt) throw new RoomError(410, 'The room is closed.')
    // No await from here until the change is in the ledger (see `reply`).
    const key = `${phone}/${v.id}`
    let change = byKey.get(key)
    if (change && !change.dot) throw new RoomError(400, 'This id is taken. Reload the page.')
    if (!change) {
      const vote = prompt.vote
      if (!vote) throw new RoomError(409, 'There is no vote on the board right now.')
      if (!vote.clusters.some((c) => c.id === clusterId))
        throw new RoomError(409, 'That cluster is not on the board any more.')
      const { mine, used } = dotsOf(phone, vote)
      if (delta > 0 && used >= vote.dotsPerPerson) {
        const dots = `${vote.dotsPerPerson} ${vote.dotsPerPerson === 1 ? 'dot' : 'dots'}`
        throw new RoomError(
          409,
          `You have used all ${dots} of this phone. Take one back to place it elsewhere.`,
        )
      }
      if (delta < 0 && (mine.get(clusterId) ?? 0) <= 0)
        throw new RoomError(409, 'This phone has no dot on that cluster to take back.')
      if (!dotRate.take(phone, limits.dotsPerPhonePerMinute)) {
        const wait = dotRate.wait(phone)
        throw new RoomError(429, `That is a lot of dots at once. Try again in ${wait} s.`, {
          'retry-after': String(wait),
        })
      }
      if (waiting >= limits.maxWaiting)
        throw new RoomError(503, 'The board is busy. Try again in a moment.', {
          'retry-after': '5',
        })
      change = {
        replyId: randomUUID(),
        phone,
        id: v.id,
        text: '',
        author: null,
        dot: { clusterId, delta },
        state: 'queued',
        deliveredAt: 0,
        waiters: [],
      }
      byKey.set(key, change)
      byReplyId.set(change.replyId, change)
      queue.push(change)
      waiting++
      notify()
    }
    if (change.state !== 'saved') {
      if (change.state === 'delivered' && now() - change.deliveredAt >= limits.redeliverMs) {
        change.state = 'queued'
        queue.push(change)
        notify()
      }
      await outcomeOf(change, 'dot')
    }
    const vote = (await options.prompt())?.vote
    return {
      id: change.id,
      saved: true,
      left: vote ? vote.dotsPerPerson - dotsOf(phone, vote).used : 0,
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    guard(req)
    const url = new URL(req.url ?? '/', origin)
    const rest = pathAfterCode(url.pathname)
    if (rest === null)
      throw new RoomError(403, 'This join code is not valid. Scan the code on the screen again.')
    if (rest === '') {
      res.writeHead(308, { ...ROOM_HEADERS, location: `/${code}/` }).end()
      return
    }
    const method = req.method ?? 'GET'
    if (rest === '/api/replies') {
      if (method !== 'POST') throw new RoomError(405, 'Use POST.', { allow: 'POST' })
      sendJson(res, 200, await reply(req))
      return
    }
    if (rest === '/api/dots') {
      if (method !== 'POST') throw new RoomError(405, 'Use POST.', { allow: 'POST' })
      sendJson(res, 200, await dot(req))
      return
    }
    if (rest === '/api/state') {
      if (method !== 'GET') throw new RoomError(405, 'Use GET.', { allow: 'GET' })
      sendJson(res, 200, await state(url))
      return
    }
    const file = PHONE_FILES.get(rest)
    if (!file) throw new RoomError(404, 'Not found.')
    if (method !== 'GET' && method !== 'HEAD')
      throw new RoomError(405, 'Use GET.', { allow: 'GET, HEAD' })
    res.writeHead(200, {
      ...ROOM_HEADERS,
      'content-type': file.type,
      'content-length': String(file.body.length),
    })
    res.end(method === 'HEAD' ? undefined : file.body)
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body)
    res.writeHead(status, {
      ...ROOM_HEADERS,
      'content-type': 'application/json; charset=utf-8',
    })
    res.end(text)
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof RoomError ? error.status : 500
      // A phone that went away mid-request needs no answer and leaves nothing to log.
      if (req.socket.destroyed || (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        res.destroy()
        return
      }
      if (status === 500) console.error('Room request failed:', error)
      const message = error instanceof RoomError ? error.message : 'Something went wrong.'
      if (res.headersSent) {
        res.destroy()
        return
      }
      const headers = error instanceof RoomError ? error.headers : {}
      res.writeHead(status, {
        ...ROOM_HEADERS,
        ...headers,
        'content-type': 'application/json; charset=utf-8',
      })
      res.end(JSON.stringify({ error: message }))
      // A body left unread (too large, or never sent) is not waited for.
      if (headers.connection === 'close') res.on('finish', () => req.socket.destroy())
    })
  })
  // Malformed requests (bad headers, too large, timed out) end the connection at once.
  server.on('clientError', (_error, socket) => socket.destroy())

  function counts(): { phones: number; replies: number } {
    return { phones: phonesNow(), replies: savedCount }
  }

  function take(): RoomUpdate {
    const incoming: RoomReply[] = []
    const dots: RoomDot[] = []
    for (const s of queue.splice(0)) {
      s.state = 'delivered'
      s.deliveredAt = now()
      if (s.dot) dots.push({ id: s.replyId, clusterId: s.dot.clusterId, delta: s.dot.delta })
      else incoming.push({ id: s.replyId, text: s.text, author: s.author })
    }
    const c = counts()
    reported = c
    return { open, ...c, incoming, dots }
  }

  return {
    url: `${origin}/${code}/`,
    code,
    address: options.address,
    port,
    get open() {
      return open
    },
    async update(saved, failed, waitMs) {
      for (const id of saved) {
        const s = byReplyId.get(id)
        if (!s || s.state !== 'delivered') continue
        s.state = 'saved'
        if (s.dot) {
          const mine = phoneDots.get(s.phone) ?? new Map<string, number>()
          mine.set(s.dot.clusterId, Math.max(0, (mine.get(s.dot.clusterId) ?? 0) + s.dot.delta))
          phoneDots.set(s.phone, mine)
        } else savedCount++
        waiting--
        settle(s, 'saved')
      }
      for (const id of failed) {
        const s = byReplyId.get(id)
        if (!s || s.state !== 'delivered') continue
        // Forgotten, so the phone's next try makes the note afresh.
        byReplyId.delete(id)
        byKey.delete(`${s.phone}/${s.id}`)
        const list = byPhone.get(s.phone) ?? []
        byPhone.set(
          s.phone,
          list.filter((x) => x !== s),
        )
        waiting--
        settle(s, 'failed')
      }
      const c = counts()
      if (
        !open ||
        queue.length > 0 ||
        c.phones !== reported.phones ||
        c.replies !== reported.replies
      )
        return take()
      // One board waits at a time; a newer call answers the older one.
      notify()
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if (wake === done) wake = null
          resolve()
        }, waitMs)
        const done = () => {
          clearTimeout(timer)
          resolve()
        }
        wake = done
      })
      return take()
    },
    async close() {
      if (!open) return
      open = false
      for (const s of byKey.values()) if (s.state !== 'saved') settle(s, 'closed')
      notify()
      server.closeIdleConnections()
      await new Promise<void>((ok) => {
        server.close(() => ok())
        // Phones' keep-alive connections and stalled senders end now, not at their timeouts.
        setTimeout(() => server.closeAllConnections(), 200)
      })
    },
  }
}
