/**
 * One writer per workshop file, across processes: a lock file beside the workshop
 * (`.<name>.lock`) naming its owner (pid, host, start time). The lock appears whole or
 * not at all: it is written to a temp file and hard-linked into place, which fails if a
 * lock is already there, so two processes can never both take it and nobody ever reads
 * a half-written one.
 *
 * A lock whose process is gone (a crash, a reboot) is stale and is taken over. Taking
 * over is done under a second, short-lived lock (`.<name>.lock.takeover`): its holder
 * reads the lock again, checks it still names the same dead owner, removes it and takes
 * its own. So of several processes that find the same stale lock, exactly one removes
 * it, and a live process's fresh lock is never removed by mistake.
 *
 * Limits: a lock from another host is trusted as live (its pid cannot be checked from
 * here). A reused pid is recognised exactly on Linux (the process start time in /proc);
 * elsewhere a lock taken before the last boot counts as stale. On file systems without
 * hard links the lock is created and then written, leaving a moment in which it is
 * empty; readers wait that out. A process that crashes in the few milliseconds it
 * holds the takeover lock leaves it behind; the next takeover takes that over by the
 * same rule. A lock whose owner cannot be judged (another host, a reused pid off Linux)
 * is only taken when the user says so (`forceLockFile`, "Open anyway"). Lock files are
 * private to their user (0600).
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { link, open, readFile, rm } from 'node:fs/promises'
import { hostname, uptime } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { isProcessRunning } from './process-alive.ts'

/** Who holds a lock. */
export interface LockOwner {
  /** The owning process. */
  pid: number
  /** The machine it runs on (a workshop folder may be shared over a network). */
  host: string
  /** When the lock was taken (ISO 8601). */
  since: string
  /** The process's start time in clock ticks after boot (Linux only): tells a reused pid apart. */
  startTicks?: number
}

/** The outcome of taking a lock. */
export type LockResult =
  | { ok: true; release: () => Promise<void> }
  | { ok: false; owner: LockOwner | null; reason: string }

/** How long a reader waits for a lock that exists but cannot be read yet. */
const UNREADABLE_GRACE_MS = 200
/** A lock taken this long before the last boot surely belongs to no running process. */
const BEFORE_BOOT_MARGIN_MS = 60_000
const ATTEMPTS = 5

/** The lock file of a workshop file. */
export function lockPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.lock`)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The start time of process `pid` in ticks after boot, or null where /proc cannot say. */
function startTicksOf(pid: number | 'self'): number | null {
  if (process.platform !== 'linux') return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count from its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[19]) // field 22 of the whole line
    return Number.isFinite(ticks) ? ticks : null
  } catch {
    return null
  }
}

/** True when the lock's owner cannot be running any more; another host's owner is trusted. */
export function isStale(owner: LockOwner | null): boolean {
  if (owner === null) return true // unreadable even after the grace period: garbage
  if (owner.host !== hostname()) return false
  if (!isProcessRunning(owner.pid)) return true
  const ticks = owner.startTicks === undefined ? null : startTicksOf(owner.pid)
  if (ticks !== null) return ticks !== owner.startTicks // the pid now names another process
  const bootedAt = Date.now() - uptime() * 1000
  return Date.parse(owner.since) < bootedAt - BEFORE_BOOT_MARGIN_MS
}

function ownLock(): LockOwner {
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
  const ticks = startTicksOf('self')
  if (ticks !== null) owner.startTicks = ticks
  return owner
}

const isOurs = (owner: LockOwner | null) =>
  owner !== null && owner.pid === process.pid && owner.host === hostname()

const sameOwner = (a: LockOwner | null, b: LockOwner | null) =>
  a === b ||
  (a !== null && b !== null && a.pid === b.pid && a.host === b.host && a.since === b.since)

/** Reads a lock's owner; null when it is missing, empty or garbled. */
export async function readLockOwner(lock: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(lock, 'utf8')) as Partial<LockOwner>
    return typeof owner.pid === 'number' &&
      typeof owner.host === 'string' &&
      typeof owner.since === 'string'
      ? (owner as LockOwner)
      : null
  } catch {
    return null
  }
}

/** Creates `lock` with this process as owner; false when a lock is already there. */
async function create(lock: string): Promise<boolean> {
  const text = JSON.stringify(ownLock())
  const temp = `${lock}.${randomBytes(6).toString('hex')}.tmp`
  try {
    const handle = await open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(text)
    } finally {
      await handle.close()
    }
    await link(temp, lock)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error
    return createWithoutLinks(lock, text) // FAT drives and some shares have no hard links
  } finally {
    await rm(temp, { force: true })
  }
}

async function createWithoutLinks(lock: string, text: string): Promise<boolean> {
  try {
    const handle = await open(lock, 'wx', 0o600)
    await handle.writeFile(text)
    await handle.close()
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** How deep takeovers of takeover guards may nest (each level needs a crash in a few ms). */
const MAX_GUARD_DEPTH = 3

/**
 * Replaces `lock`, judged stale with owner `judged`, by our own. False when another
 * process is taking it over, or the lock changed hands since it was judged.
 *
 * The check and the replacement run under a guard (`<lock>.takeover`) taken the same
 * way as the lock itself, so no two processes ever replace the same lock. A guard left
 * by a process that crashed while holding it is taken over by the same rule, one level
 * deeper, rather than removed by name (which could remove a live process's fresh guard).
 */
async function takeOver(lock: string, judged: LockOwner | null, depth = 0): Promise<boolean> {
  const guard = `${lock}.takeover`
  if (!(await create(guard))) {
    if (depth >= MAX_GUARD_DEPTH) return false
    let holder = await readLockOwner(guard)
    if (holder === null) {
      await sleep(UNREADABLE_GRACE_MS)
      holder = await readLockOwner(guard)
    }
    if (!isStale(holder) || !(await takeOver(guard, holder, depth + 1))) return false
  }
  try {
    if (!sameOwner(await readLockOwner(lock), judged)) return false
    await rm(lock, { force: true })
    return await create(lock)
  } finally {
    await rm(guard, { force: true })
  }
}

/**
 * Takes the lock of `file` even from a live owner: for "Open anyway", when the user
 * says the owner is gone (another computer that crashed, say). Under the same guard as
 * a stale takeover, so it never races one.
 */
export async function forceLockFile(file: string): Promise<LockResult> {
  const lock = lockPathFor(file)
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      if (await create(lock)) return { ok: true, release: releaser(lock) }
      const owner = await readLockOwner(lock)
      if (isOurs(owner)) return { ok: false, owner, reason: 'it is already open in this window' }
      if (await takeOver(lock, owner)) return { ok: true, release: releaser(lock) }
    } catch (error) {
      return { ok: false, owner: null, reason: lockError(error) }
    }
    await sleep(10 + Math.random() * 40)
  }
  return { ok: false, owner: null, reason: 'another window is taking its lock at this moment' }
}

function releaser(lock: string): () => Promise<void> {
  return async () => {
    if (isOurs(await readLockOwner(lock))) await rm(lock, { force: true })
  }
}

function lockError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
    ? 'its folder cannot be written to'
    : `its lock could not be taken (${code ?? (error as Error).message})`
}

function refusal(owner: LockOwner | null): string {
  if (owner === null) return 'it is open in another Blankboard window'
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`
  return `it is open in another Blankboard window (process ${owner.pid}${where})`
}

/** Takes the lock of `file`, taking over a stale one. Never waits for a live owner. */
export async function lockFile(file: string): Promise<LockResult> {
  const lock = lockPathFor(file)
  const release = releaser(lock)
  let owner: LockOwner | null = null
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      if (await create(lock)) return { ok: true, release }
      owner = await readLockOwner(lock)
      if (owner === null) {
        // Being written on a file system without hard links, or garbage: look again.
        await sleep(UNREADABLE_GRACE_MS)
        owner = await readLockOwner(lock)
      }
      if (isOurs(owner)) return { ok: false, owner, reason: 'it is already open in this window' }
      if (!isStale(owner)) return { ok: false, owner, reason: refusal(owner) }
      if (await takeOver(lock, owner)) return { ok: true, release }
    } catch (error) {
      return { ok: false, owner: null, reason: lockError(error) }
    }
    // Another process is taking the stale lock over: give it a moment, then look again.
    await sleep(10 + Math.random() * 40)
  }
  return { ok: false, owner, reason: refusal(owner) }
}
