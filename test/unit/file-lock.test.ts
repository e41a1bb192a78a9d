import { fork, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LockOwner } from '../../electron/files/file-lock.ts'
import { forceLockFile, lockFile, lockPathFor } from '../../electron/files/file-lock.ts'

const RACER = new URL('./helpers/lock-racer.ts', import.meta.url).pathname

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-lock-'))
  file = join(dir, 'Race.blankboard')
  await writeFile(file, '{}')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

const owner = (pid: number, extra: Partial<LockOwner> = {}): LockOwner => ({
  pid,
  host: hostname(),
  since: new Date().toISOString(),
  ...extra,
})

/** Start time of a live process in ticks after boot (Linux), as the lock records it. */
function startTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
}

describe('the file lock', () => {
  it('a second taker is refused while the first holds it, and may take it once given back', async () => {
    const first = await lockFile(file)
    expect(first.ok).toBe(true)
    const second = await lockFile(file)
    expect(second).toMatchObject({ ok: false, reason: 'it is already open in this window' })
    if (first.ok) await first.release()
    const third = await lockFile(file)
    expect(third.ok).toBe(true)
    if (third.ok) await third.release()
  })

  it('the lock file is private to its user (0600)', async () => {
    const lock = await lockFile(file)
    expect((await stat(lockPathFor(file))).mode & 0o777).toBe(0o600)
    if (lock.ok) await lock.release()
  })

  it("a crashed owner's lock is taken over", async () => {
    await writeFile(lockPathFor(file), JSON.stringify(owner(deadPid())))
    const lock = await lockFile(file)
    expect(lock.ok).toBe(true)
    expect(JSON.parse(await readFile(lockPathFor(file), 'utf8')).pid).toBe(process.pid)
    if (lock.ok) await lock.release()
  })

  it.runIf(process.platform === 'linux')(
    'a pid reused by another process after a crash does not keep the file read-only',
    async () => {
      // The parent of this process is alive, but it is not the process that took the lock:
      // the start time the lock recorded is not that process's.
      const live = process.ppid
      await writeFile(
        lockPathFor(file),
        JSON.stringify(owner(live, { startTicks: startTicks(live) + 1 })),
      )
      const reused = await lockFile(file)
      expect(reused.ok).toBe(true)
      if (reused.ok) await reused.release()
      // The same pid with its true start time is a live owner: refused.
      await writeFile(
        lockPathFor(file),
        JSON.stringify(owner(live, { startTicks: startTicks(live) })),
      )
      expect(await lockFile(file)).toMatchObject({ ok: false, owner: { pid: live } })
    },
  )

  it('a lock held on another computer is refused, and "Open anyway" takes it', async () => {
    await writeFile(lockPathFor(file), JSON.stringify(owner(12345, { host: 'elsewhere.local' })))
    const refused = await lockFile(file)
    expect(refused).toMatchObject({ ok: false, reason: /another Blankboard window.*elsewhere/ })
    const forced = await forceLockFile(file)
    expect(forced.ok).toBe(true)
    expect(JSON.parse(await readFile(lockPathFor(file), 'utf8')).pid).toBe(process.pid)
    if (forced.ok) await forced.release()
  })

  it('a takeover guard left by a crash does not block takeovers for good', async () => {
    const dead = deadPid()
    await writeFile(lockPathFor(file), JSON.stringify(owner(dead)))
    await writeFile(`${lockPathFor(file)}.takeover`, JSON.stringify(owner(dead)))
    const lock = await lockFile(file)
    expect(lock.ok).toBe(true)
    if (lock.ok) await lock.release()
  })
})

describe('the file lock under races between processes', () => {
  const PROCESSES = 4
  const ROUNDS = 120
  let children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children) child.kill()
    children = []
  })

  it(`${PROCESSES} processes, ${ROUNDS} rounds of racing for one lock (free, stale, stale with a stale guard): never two writers`, async () => {
    const replies = new Map<ChildProcess, ((message: Record<string, unknown>) => void)[]>()
    const next = (child: ChildProcess) =>
      new Promise<Record<string, unknown>>((resolve) => replies.get(child)!.push(resolve))
    children = Array.from({ length: PROCESSES }, () => {
      const child = fork(RACER, [file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      replies.set(child, [])
      child.on('message', (message: Record<string, unknown>) =>
        replies.get(child)!.shift()?.(message),
      )
      return child
    })
    await Promise.all(children.map(next)) // ready
    const dead = deadPid()
    const winners: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 3 >= 1) await writeFile(lockPathFor(file), JSON.stringify(owner(dead)))
      if (round % 3 === 2) {
        await writeFile(`${lockPathFor(file)}.takeover`, JSON.stringify(owner(dead)))
      }
      const answers = children.map(next)
      for (const child of children) child.send({ go: round })
      const results = (await Promise.all(answers)) as { ok: boolean }[]
      const won = results.filter((r) => r.ok).length
      winners.push(won)
      const released = children.map(next)
      for (const child of children) child.send({ release: round })
      await Promise.all(released)
    }
    // Exactly one writer each round: never two, and a stale lock never blocks everyone.
    expect(winners.filter((w) => w !== 1)).toEqual([])
  }, 60_000)
})
