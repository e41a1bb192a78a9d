import { fork } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeWorkshop } from '../../core/migrations.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'

const LOOP = fileURLToPath(new URL('./helpers/save-loop.ts', import.meta.url))
const KILLS = 200

let dir: string
let path: string
let store: WorkshopStore

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-crash-'))
  store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, 'data') })
  const created = await store.createWorkshop('Crash test')
  if (created.kind !== 'opened') throw new Error(created.kind)
  path = created.workshop.path
  await store.closeWorkshop(created.workshop.handle)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs the save loop in a child until it has saved `saves` times, then kills it after `delay` ms. */
function saveThenKill(saves: number, delay: number): Promise<{ before: number; acked: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(LOOP, [path, join(dir, 'data')], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    let stderr = ''
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    let before = -1
    let acked = -1
    child.on('message', (message: { ready?: number; saved?: number; error?: string }) => {
      if (message.error) reject(new Error(`the child could not open the file: ${message.error}`))
      if (message.ready !== undefined) before = acked = message.ready
      if (message.saved !== undefined) {
        acked = message.saved
        if (acked - before === saves) setTimeout(() => child.kill('SIGKILL'), delay)
      }
    })
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve({ before, acked })
      else reject(new Error(`the child ended by itself: ${stderr}`))
    })
  })
}

describe('a crash at any moment', () => {
  it(`leaves the previous or the new file, never a broken one (${KILLS} kills)`, async () => {
    let seed = 12345
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < KILLS; i++) {
      const { acked } = await saveThenKill(1 + Math.floor(random() * 3), random() * 12)
      const result = decodeWorkshop(await readFile(path, 'utf8'))
      if (result.kind !== 'ok') throw new Error(`after kill ${i + 1} the file is ${result.kind}`)
      const count = Object.keys(result.workshop.notes).length
      // Every acknowledged reply is there; at most the one in flight is there too.
      expect([acked, acked + 1], `after kill ${i + 1}`).toContain(count)
    }
    // Leftover temp files and the killed child's lock never stop the next open.
    const reopened = await store.openWorkshop(path)
    expect(reopened.kind).toBe('opened')
    if (reopened.kind === 'opened') expect(reopened.workshop.readOnly).toBeNull() // stale lock taken over
    await store.closeAll()
  }, 240_000)

  it('a second process opens a file that is open here read-only, and says why', async () => {
    const open = await store.openWorkshop(path)
    if (open.kind !== 'opened') throw new Error(open.kind)
    const error = await new Promise<string>((resolve) => {
      const child = fork(LOOP, [path, join(dir, 'data2')], {
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      })
      child.on('message', (message: { error?: string }) => message.error && resolve(message.error))
      child.on('exit', () => resolve('exited without saying'))
    })
    expect(error).toMatch(/open read-only: it is open in another Blankboard window \(process \d+\)/)
    await store.closeWorkshop(open.workshop.handle)
  }, 30_000) // a child process starts slowly on a busy machine
})
