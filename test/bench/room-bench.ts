/**
 * The room under load: 100 simulated phones each send 10 replies over real HTTP, all
 * phones at once (each phone one reply after another, as the phone page does), into a
 * real store on a temp folder; then again with 10% of requests sent twice (a retry
 * while the first is still on its way). The file must hold 1,000 room notes, each reply
 * once. Times are from sending to the success answer, which comes after the write.
 * Limits: the board here is the headless one of the tests (test/harness/room-board.ts),
 * which adds replies as the renderer does but without drawing them; every phone is on
 * 127.0.0.1, so the per-address limit (meant for several phones behind one address) is
 * lifted, the per-phone one is not.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeWorkshop } from '../../core/migrations.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'
import { createRoomManager, storeReader } from '../../electron/room/room-manager.ts'
import { runRoomBoard } from '../harness/room-board.ts'
import type { BenchSection } from './bench-table.ts'
import { ms, percentile } from './bench-table.ts'

const PHONES = 100
const EACH = 10

/** One reply sent until it succeeds; resolves with the status of the answer. */
function post(agent: Agent, port: number, code: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/${code}/api/replies`,
        method: 'POST',
        agent,
        headers: {
          host: `127.0.0.1:${port}`,
          origin: `http://127.0.0.1:${port}`,
          'content-type': 'application/json',
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

interface Run {
  times: number[]
  seconds: number
  notes: number
  distinct: number
  requests: number
  refused: number
}

/** One run on a fresh workshop; `retryEvery` sends every n-th request twice (0: none). */
async function run(retryEvery: number): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'blankboard-bench-room-'))
  const store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, '.app-data') })
  const rooms = createRoomManager({
    readWorkshop: storeReader(store),
    allowLoopback: true,
    limits: { repliesPerAddressPerMinute: Infinity },
  })
  try {
    const created = await store.createWorkshop('Room bench')
    if (created.kind !== 'opened') throw new Error(created.kind)
    const { handle } = created.workshop
    const promptId = created.workshop.workshop.prompts[0]!.id
    const info = await rooms.openRoom(handle, promptId, '127.0.0.1', 0)
    const board = runRoomBoard(rooms, store, handle, info.roomId, promptId)
    const times: number[] = []
    let requests = 0
    let refused = 0
    let n = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: PHONES }, async (_, p) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 2 })
        const phone = `phone-${String(p).padStart(6, '0')}`
        for (let r = 0; r < EACH; r++) {
          const body = JSON.stringify({
            phone,
            id: `reply-${String(r).padStart(6, '0')}`,
            text: `Phone ${p} says reply ${r}`,
            name: `Person ${p}`,
          })
          const twice = retryEvery > 0 && n++ % retryEvery === 0
          const start = performance.now()
          const sends = [post(agent, info.port, info.code, body)]
          if (twice) {
            await new Promise((resolve) => setTimeout(resolve, 5 + (p % 20)))
            sends.push(post(agent, info.port, info.code, body))
          }
          requests += sends.length
          // The check mark shows at the first success.
          const statuses = await Promise.all(
            sends.map((s) => s.then((status) => (status === 200 ? performance.now() : status))),
          )
          const firstOk = statuses.filter((s) => s > 1000).sort((a, b) => a - b)[0]
          if (firstOk === undefined) refused++
          else times.push(firstOk - start)
        }
        agent.destroy()
      }),
    )
    const seconds = (performance.now() - started) / 1000
    await rooms.closeAll()
    await board.done
    await store.flushAll()
    const decoded = decodeWorkshop(await readFile(store.pathOf(handle), 'utf8'))
    if (decoded.kind !== 'ok') throw new Error(decoded.kind)
    const texts: string[] = []
    for (const note of Object.values(decoded.workshop.notes)) {
      if (note.source !== 'room') continue
      texts.push(note.text, ...note.duplicates.map((d) => d.text))
    }
    await store.closeAll()
    return { times, seconds, notes: texts.length, distinct: new Set(texts).size, requests, refused }
  } finally {
    await rooms.closeAll()
    await rm(dir, { recursive: true, force: true })
  }
}

/** Both runs, as a table. */
export async function roomBench(): Promise<BenchSection> {
  const rows: (string | number)[][] = []
  for (const [label, every] of [
    ['100 phones × 10 replies', 0],
    ['… with 10% retried', 10],
  ] as const) {
    const r = await run(every)
    const expected = PHONES * EACH
    const verdict =
      r.notes === expected && r.distinct === expected && r.refused === 0
        ? 'none lost, none doubled'
        : `LOST OR DOUBLED (${r.notes} replies, ${r.distinct} distinct, ${r.refused} refused)`
    rows.push([
      label,
      r.requests,
      r.notes,
      ms(percentile(r.times, 0.5)),
      ms(percentile(r.times, 0.95)),
      ms(percentile(r.times, 0.99)),
      (expected / r.seconds).toFixed(0),
      verdict,
    ])
  }
  return {
    title: 'Room: replies from phones, time to the check mark (ms)',
    columns: ['run', 'requests', 'in file', 'p50', 'p95', 'p99', 'replies/s', 'check'],
    rows,
    notes: [
      'Real HTTP on 127.0.0.1 into a real store; each success answer comes after the durable write.',
      'Goal: 1,000 replies in the file, none lost or doubled; p95 under 2 s on a laptop.',
    ],
  }
}
