/**
 * The room server over real HTTP (Node's client and raw sockets) with a real store on a
 * temp folder and a headless board taking the replies: hostile requests are refused and
 * the room keeps answering everyone else; replies land once, on disk, as room notes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Workshop } from '../../core/model.ts'
import { decodeWorkshop } from '../../core/migrations.ts'
import { MAX_ROOM_REPLY } from '../../core/room.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'
import { isLoopbackOrLinkLocal, lanAddresses } from '../../electron/room/lan-addresses.ts'
import { PHONE_FILES } from '../../electron/room/phone-files.ts'
import type { RoomManager } from '../../electron/room/room-manager.ts'
import { createRoomManager, storeReader } from '../../electron/room/room-manager.ts'
import { newJoinCode, startRoomServer } from '../../electron/room/room-server.ts'
import type { RoomBoard } from '../harness/room-board.ts'
import { runRoomBoard } from '../harness/room-board.ts'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One HTTP request to 127.0.0.1:port with exactly these headers. */
function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

let dir: string
let store: WorkshopStore
let rooms: RoomManager
let handle: string
let promptId: string
let board: RoomBoard
let port: number
let code: string

async function openRoom(limits = {}): Promise<void> {
  rooms = createRoomManager({
    readWorkshop: storeReader(store),
    allowLoopback: true,
    limits: { headersTimeoutMs: 1000, requestTimeoutMs: 1500, idleTimeoutMs: 3000, ...limits },
  })
  const info = await rooms.openRoom(handle, promptId, '127.0.0.1', 0)
  port = info.port
  code = info.code
  board = runRoomBoard(rooms, store, handle, info.roomId, promptId)
}

async function savedWorkshop(): Promise<Workshop> {
  const decoded = decodeWorkshop(await readFile(store.pathOf(handle), 'utf8'))
  if (decoded.kind !== 'ok') throw new Error(decoded.kind)
  return decoded.workshop
}

function roomNotes(doc: Workshop): Workshop['notes'][string][] {
  return Object.values(doc.notes).filter((n) => n.source === 'room')
}

function send(
  fields: { phone?: string; id: string; text: string; name?: string },
  headers: Record<string, string> = {},
): Promise<Answer> {
  return call(port, `/${code}/api/replies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ phone: 'phone-aaaaaaaa', ...fields }),
  })
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-room-'))
  store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, '.app-data') })
  const result = await store.createWorkshop('Room test')
  if (result.kind !== 'opened') throw new Error(result.kind)
  handle = result.workshop.handle
  promptId = result.workshop.workshop.prompts[0]!.id
})

afterEach(async () => {
  await rooms?.closeAll()
  await board?.done
  await store.closeAll()
  await rm(dir, { recursive: true, force: true })
})

describe('the room server', () => {
  it('serves the phone page under the join code, with a strict CSP, under 50 kB', async () => {
    await openRoom()
    const page = await call(port, `/${code}/`)
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).toContain("default-src 'none'")
    expect(page.body).toContain('<script src="phone.js"')
    expect(page.body).not.toMatch(/<script>|<script [^>]*>[^<]/) // no inline script
    expect(page.body).not.toMatch(/https?:\/\//) // no external fonts or scripts
    for (const name of ['/phone.js', '/phone.css']) {
      const file = await call(port, `/${code}${name}`)
      expect(file.status).toBe(200)
      expect(file.body).not.toMatch(/https?:\/\//)
    }
    expect((await call(port, `/${code}/icon.svg`)).headers['content-type']).toBe('image/svg+xml')
    // Old phones: no syntax newer than ES5 in the script.
    const script = PHONE_FILES.get('/phone.js')!.body.toString('utf8')
    expect(script).not.toMatch(/=>|`|\?\.|\?\?|\b(let|const|class|async|await)\s|catch \{/)
    const total = [...PHONE_FILES.values()].reduce((sum, f) => sum + f.body.length, 0)
    expect(total).toBeLessThan(50 * 1024)
    // Without the trailing slash, the page's own files would lose the code.
    const bare = await call(port, `/${code}`)
    expect(bare.status).toBe(308)
    expect(bare.headers.location).toBe(`/${code}/`)
  })

  it('refuses a missing or wrong code, a wrong Host, a foreign Origin and other paths', async () => {
    await openRoom()
    const other = newJoinCode()
    expect((await call(port, '/')).status).toBe(403)
    expect((await call(port, `/${other}/`)).status).toBe(403)
    expect((await call(port, `/${code.slice(0, -1)}/`)).status).toBe(403)
    expect((await call(port, `/${other}/api/state?phone=phone-aaaaaaaa`)).status).toBe(403)
    expect((await send({ id: 'reply-00000001', text: 'hi' }, {})).status).toBe(200)
    const wrongCode = await call(port, `/${other}/api/replies`, {
      method: 'POST',
      body: JSON.stringify({ phone: 'phone-aaaaaaaa', id: 'reply-00000002', text: 'no' }),
    })
    expect(wrongCode.status).toBe(403)
    // DNS rebinding: a page of another name sends its own Host (and Origin).
    for (const host of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:1`]) {
      expect((await call(port, `/${code}/`, { headers: { host } })).status).toBe(403)
    }
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      `https://127.0.0.1:${port}`,
      'null',
    ]) {
      const answer = await send({ id: 'reply-00000003', text: 'from elsewhere' }, { origin })
      expect(answer.status).toBe(403)
    }
    expect(
      (
        await send(
          { id: 'reply-00000004', text: 'same origin' },
          { origin: `http://127.0.0.1:${port}` },
        )
      ).status,
    ).toBe(200)
    // Nothing but the page, the prompt and the phone's own replies.
    for (const path of [
      `/${code}/index.html`,
      `/${code}/../../etc/passwd`,
      `/${code}/%2e%2e/%2e%2e/etc/passwd`,
      `/${code}/api/workshop`,
      `/${code}/api/notes`,
      `/${code}/api/`,
      `/${code}/phone.js/`,
      `/${code}//phone.js`,
    ]) {
      const answer = await call(port, path)
      expect([403, 404], path).toContain(answer.status)
      expect(answer.body).not.toContain(dir)
    }
    const doc = await savedWorkshop()
    expect(
      roomNotes(doc)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['hi', 'same origin'])
  })

  it('shows a phone the prompt and only its own replies, never a path', async () => {
    await openRoom()
    expect((await send({ id: 'mine-0000001', text: 'Mine' })).status).toBe(200)
    expect(
      (await send({ phone: 'phone-bbbbbbbb', id: 'theirs-000001', text: 'Theirs' })).status,
    ).toBe(200)
    const state = await call(port, `/${code}/api/state?phone=phone-aaaaaaaa`)
    expect(state.status).toBe(200)
    const body = JSON.parse(state.body) as {
      prompt: string
      mine: { text: string; saved: boolean }[]
    }
    expect(body.prompt).toBe((await savedWorkshop()).prompts[0]!.text)
    expect(body.mine).toEqual([{ id: 'mine-0000001', text: 'Mine', saved: true }])
    expect(state.body).not.toContain('Theirs')
    expect(state.body).not.toContain(dir)
    expect(state.body).not.toContain('blankboard')
  })

  it('puts a reply on disk, as a room note, before the phone hears it was saved', async () => {
    await openRoom()
    const answer = await send({ id: 'disk-0000001', text: 'Saved first', name: ' Ada ' })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ id: 'disk-0000001', saved: true })
    // Read right away: the answer came after the store's write resolved.
    const note = roomNotes(await savedWorkshop())[0]!
    expect(note).toMatchObject({
      text: 'Saved first',
      author: 'Ada',
      source: 'room',
      hidden: false,
    })
  })

  it('lands face down when the prompt collects face down, and stacks equal replies', async () => {
    const opened = await store.openWorkshop(store.pathOf(handle))
    if (opened.kind !== 'opened') throw new Error(opened.kind)
    await store.applyOps(handle, opened.workshop.revision, [
      { type: 'setPromptHidden', id: promptId, hidden: true },
    ])
    await openRoom()
    expect((await send({ id: 'face-0000001', text: 'Incentives' })).status).toBe(200)
    expect(
      (await send({ phone: 'phone-cccccccc', id: 'face-0000002', text: 'incentives!' })).status,
    ).toBe(200)
    const notes = roomNotes(await savedWorkshop())
    expect(notes).toHaveLength(1)
    expect(notes[0]!.hidden).toBe(true)
    expect(notes[0]!.duplicates).toMatchObject([{ text: 'incentives!', source: 'room' }])
  })

  it('makes one note of a submission however often it is retried', async () => {
    await openRoom()
    const fields = { id: 'retry-000001', text: 'Only once' }
    const answers = await Promise.all([send(fields), send(fields), send(fields)])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect((await send(fields)).status).toBe(200)
    // Even with other words under the same id: the first one stands.
    expect((await send({ ...fields, text: 'Changed' })).status).toBe(200)
    const doc = await savedWorkshop()
    expect(roomNotes(doc).map((n) => n.text)).toEqual(['Only once'])
    expect(roomNotes(doc)[0]!.duplicates).toEqual([])
  })

  it('asks the phone to send again when the board lost a reply or is slow to save it', async () => {
    rooms = createRoomManager({
      readWorkshop: storeReader(store),
      allowLoopback: true,
      limits: { saveWaitMs: 300, redeliverMs: 0 },
    })
    const info = await rooms.openRoom(handle, promptId, '127.0.0.1', 0)
    port = info.port
    code = info.code
    const next = async (failed: string[] = []) => {
      let update = await rooms.nextRoomUpdate(info.roomId, [], failed)
      while (update.incoming.length === 0) update = await rooms.nextRoomUpdate(info.roomId, [], [])
      return update
    }
    const fields = { id: 'lost-0000001', text: 'Lost once' }
    // A board whose write was refused reports the reply lost: the phone is told to send again.
    const first = send(fields)
    const taken = await next()
    expect(taken.incoming.map((r) => r.text)).toEqual(['Lost once'])
    const again = next([taken.incoming[0]!.id])
    const refused = await first
    expect(refused.status).toBe(503)
    expect(JSON.parse(refused.body).error).toMatch(/could not save this reply/)
    // A board that takes it and says nothing: the phone hears "not yet".
    const slow = send(fields)
    await again
    const waited = await slow
    expect(waited.status).toBe(503)
    expect(JSON.parse(waited.body).error).toMatch(/not saved this reply yet/)
    // The phone's next try reaches a working board: one note, however it went before.
    board = runRoomBoard(rooms, store, handle, info.roomId, promptId)
    expect((await send(fields)).status).toBe(200)
    expect((await send(fields)).status).toBe(200)
    expect(roomNotes(await savedWorkshop()).map((n) => n.text)).toEqual(['Lost once'])
  })

  it('refuses a 1 MB body, invalid UTF-8 and an overlong reply, and answers the next phone', async () => {
    await openRoom()
    const huge = await call(port, `/${code}/api/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: 'phone-aaaaaaaa',
        id: 'huge-0000001',
        text: 'x'.repeat(1 << 20),
      }),
    }).catch((error: Error) => ({ status: -1, body: error.message, headers: {} }))
    // Either the 413 arrives, or the connection is cut while the client is still sending.
    expect([413, -1]).toContain(huge.status)
    if (huge.status === 413) expect(JSON.parse(huge.body).error).toMatch(/too long/)

    const invalid = Buffer.concat([
      Buffer.from('{"phone":"phone-aaaaaaaa","id":"utf8-0000001","text":"bad '),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ])
    const bad = await call(port, `/${code}/api/replies`, { method: 'POST', body: invalid })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error).toMatch(/UTF-8/)

    const long = await send({ id: 'long-0000001', text: 'y'.repeat(MAX_ROOM_REPLY + 1) })
    expect(long.status).toBe(400)
    expect(JSON.parse(long.body).error).toMatch(/the most is 1,000/)

    expect((await send({ id: 'fine-0000001', text: 'Still here' })).status).toBe(200)
    expect(roomNotes(await savedWorkshop()).map((n) => n.text)).toEqual(['Still here'])
  })

  it('answers 429 with a message to 100 replies a second from one phone', async () => {
    await openRoom()
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        send({ id: `burst-${String(i).padStart(6, '0')}`, text: `Burst ${i}` }),
      ),
    )
    const ok = answers.filter((a) => a.status === 200)
    const limited = answers.filter((a) => a.status === 429)
    expect(ok).toHaveLength(20)
    expect(limited).toHaveLength(80)
    expect(JSON.parse(limited[0]!.body).error).toMatch(/kept on this phone/)
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThan(0)
    // Another phone is not held back by it.
    expect(
      (await send({ phone: 'phone-dddddddd', id: 'other-000001', text: 'Other' })).status,
    ).toBe(200)
    expect(roomNotes(await savedWorkshop())).toHaveLength(21)
  })

  it('drops a slow sender and keeps answering the others meanwhile', async () => {
    await openRoom()
    const slow = connect(port, '127.0.0.1')
    const closed = new Promise<number>((resolve) => slow.on('close', () => resolve(Date.now())))
    const started = Date.now()
    await new Promise<void>((resolve) => slow.on('connect', () => resolve()))
    // Headers one byte at a time, never finished.
    const head = `POST /${code}/api/replies HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 100\r\n`
    let i = 0
    const drip = setInterval(() => {
      if (i < head.length && !slow.destroyed) slow.write(head[i++]!)
    }, 100)
    // A body that never finishes, on another connection.
    const slowBody = connect(port, '127.0.0.1')
    const bodyClosed = new Promise<void>((resolve) => slowBody.on('close', () => resolve()))
    slowBody.write(
      `POST /${code}/api/replies HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"phone":`,
    )
    expect((await send({ id: 'meanwhile-01', text: 'Meanwhile' })).status).toBe(200)
    const at = await closed
    clearInterval(drip)
    await bodyClosed
    expect(at - started).toBeLessThan(5_000)
    expect((await send({ id: 'after-000001', text: 'After' })).status).toBe(200)
    expect(
      roomNotes(await savedWorkshop())
        .map((n) => n.text)
        .sort(),
    ).toEqual(['After', 'Meanwhile'])
  })

  it('caps concurrent connections', async () => {
    await openRoom({ maxConnections: 5 })
    const sockets = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<ReturnType<typeof connect>>((resolve) => {
            const s = connect(port, '127.0.0.1', () => resolve(s))
          }),
      ),
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    const extra = connect(port, '127.0.0.1')
    const dropped = await new Promise<boolean>((resolve) => {
      extra.on('close', () => resolve(true))
      extra.on('data', () => resolve(false))
      extra.write(`GET /${code}/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
    })
    expect(dropped).toBe(true)
    for (const s of sockets) s.destroy()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await call(port, `/${code}/`)).status).toBe(200)
  })

  it('stops accepting when closed, and opens again with a new code', async () => {
    await openRoom()
    const first = code
    expect((await send({ id: 'open-0000001', text: 'While open' })).status).toBe(200)
    await rooms.closeAll()
    await expect(send({ id: 'open-0000002', text: 'After close' })).rejects.toThrow()
    const again = await rooms.openRoom(handle, promptId, '127.0.0.1', 0)
    expect(again.code).not.toBe(first)
    expect(again.code).toMatch(/^[a-z2-7]{26}$/)
    expect(again.url).toBe(`http://127.0.0.1:${again.port}/${again.code}/`)
    expect((await call(again.port, `/${first}/`)).status).toBe(403)
  })
})

describe('dots from phones', () => {
  /** Two clusters on the board, and a vote open (or not) with 2 dots each. */
  async function board(open: boolean): Promise<void> {
    const opened = await store.openWorkshop(store.pathOf(handle))
    if (opened.kind !== 'opened') throw new Error(opened.kind)
    const cluster = (id: string, name: string, order: number) => ({
      id,
      promptId,
      name,
      color: 'yellow' as const,
      x: order * 400,
      y: 0,
      votes: 0,
      order,
    })
    await store.applyOps(handle, opened.workshop.revision, [
      {
        type: 'addClusters',
        clusters: [cluster('clusteraaaaa', 'Time', 1), cluster('clusterbbbbb', 'Money', 2)],
      },
      {
        type: 'setVote',
        id: promptId,
        vote: {
          state: open ? 'open' : 'off',
          dotsPerPerson: 2,
          voters: null,
          countsHidden: true,
          notesVotable: false,
        },
      },
    ])
  }

  function dot(phone: string, id: string, cluster: string, delta: 1 | -1): Promise<Answer> {
    return call(port, `/${code}/api/dots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, id, cluster, delta }),
    })
  }

  async function votesOf(id: string): Promise<number> {
    return (await savedWorkshop()).clusters[id]!.votes
  }

  it('lets a phone place its own budget of dots, on disk before it hears so, and no more', async () => {
    await board(true)
    await openRoom()
    const state = JSON.parse((await call(port, `/${code}/api/state?phone=phone-aaaaaaaa`)).body)
    expect(state.vote).toEqual({
      left: 2,
      dotsPerPerson: 2,
      clusters: [
        { id: 'clusteraaaaa', number: 1, name: 'Time', mine: 0 },
        { id: 'clusterbbbbb', number: 2, name: 'Money', mine: 0 },
      ],
    })
    const first = await dot('phone-aaaaaaaa', 'dot-00000001', 'clusteraaaaa', 1)
    expect(first.status).toBe(200)
    expect(JSON.parse(first.body)).toMatchObject({ saved: true, left: 1 })
    expect(await votesOf('clusteraaaaa')).toBe(1)
    expect((await dot('phone-aaaaaaaa', 'dot-00000002', 'clusterbbbbb', 1)).status).toBe(200)
    const over = await dot('phone-aaaaaaaa', 'dot-00000003', 'clusteraaaaa', 1)
    expect(over.status).toBe(409)
    expect(JSON.parse(over.body).error).toMatch(/used all 2 dots/)
    expect(await votesOf('clusteraaaaa')).toBe(1)
    // Another phone has its own budget; a phone takes back only its own dots.
    expect((await dot('phone-bbbbbbbb', 'dot-00000004', 'clusteraaaaa', 1)).status).toBe(200)
    expect((await dot('phone-bbbbbbbb', 'dot-00000005', 'clusterbbbbb', -1)).status).toBe(409)
    expect((await dot('phone-aaaaaaaa', 'dot-00000006', 'clusterbbbbb', -1)).status).toBe(200)
    expect(await votesOf('clusteraaaaa')).toBe(2)
    expect(await votesOf('clusterbbbbb')).toBe(0)
    const after = JSON.parse((await call(port, `/${code}/api/state?phone=phone-aaaaaaaa`)).body)
    expect(after.vote.left).toBe(1)
    // Counts are never sent to phones.
    expect(JSON.stringify(after)).not.toMatch(/votes/)
  })

  it('gives a phone its dots back when the board clears them', async () => {
    await board(true)
    await openRoom()
    expect((await dot('phone-aaaaaaaa', 'dot-clear001', 'clusteraaaaa', 1)).status).toBe(200)
    expect((await dot('phone-aaaaaaaa', 'dot-clear002', 'clusteraaaaa', 1)).status).toBe(200)
    const opened = await store.openWorkshop(store.pathOf(handle))
    if (opened.kind !== 'opened') throw new Error(opened.kind)
    await store.applyOps(handle, opened.workshop.revision, [
      { type: 'setVotes', notes: [], clusters: [{ id: 'clusteraaaaa', votes: 0 }] },
    ])
    const state = JSON.parse((await call(port, `/${code}/api/state?phone=phone-aaaaaaaa`)).body)
    expect(state.vote.left).toBe(2)
    expect(state.vote.clusters[0].mine).toBe(0)
    expect((await dot('phone-aaaaaaaa', 'dot-clear003', 'clusteraaaaa', 1)).status).toBe(200)
    expect(await votesOf('clusteraaaaa')).toBe(1)
  })

  it('counts a retried dot change once', async () => {
    await board(true)
    await openRoom()
    const answers = await Promise.all([
      dot('phone-aaaaaaaa', 'dot-retry001', 'clusteraaaaa', 1),
      dot('phone-aaaaaaaa', 'dot-retry001', 'clusteraaaaa', 1),
      dot('phone-aaaaaaaa', 'dot-retry001', 'clusteraaaaa', 1),
    ])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect((await dot('phone-aaaaaaaa', 'dot-retry001', 'clusteraaaaa', 1)).status).toBe(200)
    expect(await votesOf('clusteraaaaa')).toBe(1)
    const state = JSON.parse((await call(port, `/${code}/api/state?phone=phone-aaaaaaaa`)).body)
    expect(state.vote.left).toBe(1)
  })

  it('refuses dots when no vote is open, and a cluster not on the board', async () => {
    await board(false)
    await openRoom()
    const state = JSON.parse((await call(port, `/${code}/api/state?phone=phone-aaaaaaaa`)).body)
    expect(state.vote).toBeNull()
    const none = await dot('phone-aaaaaaaa', 'dot-novote01', 'clusteraaaaa', 1)
    expect(none.status).toBe(409)
    expect(JSON.parse(none.body).error).toMatch(/no vote/)
    expect(await votesOf('clusteraaaaa')).toBe(0)
    // The vote opens while the room is open: the phone sees it on its next poll.
    const opened = await store.openWorkshop(store.pathOf(handle))
    if (opened.kind !== 'opened') throw new Error(opened.kind)
    const prompt = opened.workshop.workshop.prompts[0]!
    await store.applyOps(handle, opened.workshop.revision, [
      { type: 'setVote', id: promptId, vote: { ...prompt.vote, state: 'open' } },
    ])
    const now = JSON.parse((await call(port, `/${code}/api/state?phone=phone-aaaaaaaa`)).body)
    expect(now.vote.left).toBe(2)
    expect((await dot('phone-aaaaaaaa', 'dot-nowhere1', 'clusterzzzzz', 1)).status).toBe(409)
    const wrongCode = await call(port, `/${newJoinCode()}/api/dots`, {
      method: 'POST',
      body: JSON.stringify({
        phone: 'phone-aaaaaaaa',
        id: 'dot-nocode01',
        cluster: 'clusteraaaaa',
        delta: 1,
      }),
    })
    expect(wrongCode.status).toBe(403)
  })
})

describe('the room address', () => {
  it('is never loopback or link-local', async () => {
    expect(isLoopbackOrLinkLocal('127.0.0.1')).toBe(true)
    expect(isLoopbackOrLinkLocal('169.254.10.2')).toBe(true)
    expect(isLoopbackOrLinkLocal('0.0.0.0')).toBe(true)
    expect(isLoopbackOrLinkLocal('fe80::1')).toBe(true)
    expect(isLoopbackOrLinkLocal('192.168.1.20')).toBe(false)
    const info = (address: string, internal = false) => ({
      address,
      netmask: '255.255.255.0',
      family: 'IPv4' as const,
      mac: '00:00:00:00:00:00',
      internal,
      cidr: null,
    })
    expect(
      lanAddresses({
        lo: [info('127.0.0.1', true)],
        eth0: [info('169.254.3.4'), info('10.0.0.7')],
        wlan0: [info('192.168.1.20'), { ...info('fe80::1'), family: 'IPv6' as const, scopeid: 1 }],
      }),
    ).toEqual([
      { address: '10.0.0.7', name: 'eth0' },
      { address: '192.168.1.20', name: 'wlan0' },
    ])
    const prompt = async () => ({ text: 'x', hidden: false, vote: null })
    await expect(startRoomServer({ address: '127.0.0.1', port: 0, prompt })).rejects.toThrow(
      /local network/,
    )
    await expect(
      startRoomServer({ address: '169.254.1.1', port: 0, prompt, allowLoopback: true }),
    ).rejects.toThrow(/local network/)
  })

  it('is one the computer offers', async () => {
    const desktop = createRoomManager({ readWorkshop: storeReader(store) })
    expect((await desktop.listRoomAddresses()).map((a) => a.address)).not.toContain('127.0.0.1')
    await expect(desktop.openRoom(handle, promptId, '127.0.0.1', 0)).rejects.toThrow(
      /not available/,
    )
  })
})
