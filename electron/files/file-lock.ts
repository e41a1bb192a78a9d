/**
 * One writer per workshop file, across processes: a lock file beside the workshop
 * (`.<name>.lock`) holding the owner's pid, host and start time, created with O_EXCL so
 * two processes can never both take it. A lock whose process is gone (a crash) is stale
 * and is taken over: it is first renamed away, so of two processes racing to take it
 * over only one succeeds.
 *
 * Limits: a lock from another host is trusted as live (its pid cannot be checked from
 * here); on file systems without O_EXCL (some network shares) the lock is advisory only.
 */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Who holds a lock. */
export interface LockOwner {
  pid: number
  host: string
  since: string
}

/** The outcome of taking a lock. */
export type LockResult =
  | { ok: true; release: () => Promise<void> }
  | { ok: false; owner: LockOwner | null; reason: string }

/** The lock file of a workshop file. */
export function lockPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.lock`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(lock: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(lock, 'utf8')) as LockOwner
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : null
  } catch {
    return null
  }
}

async function create(lock: string): Promise<boolean> {
  try {
    const handle = await open(lock, 'wx', 0o644)
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
    await handle.writeFile(JSON.stringify(owner))
    await handle.close()
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** Takes the lock of `file`, taking over a stale one. */
export async function lockFile(file: string): Promise<LockResult> {
  const lock = lockPathFor(file)
  const release = async () => {
    const owner = await readOwner(lock)
    if (owner?.pid === process.pid && owner.host === hostname()) await rm(lock, { force: true })
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (await create(lock)) return { ok: true, release }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const reason =
        code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
          ? 'its folder cannot be written to'
          : `its lock could not be taken (${code ?? (error as Error).message})`
      return { ok: false, owner: null, reason }
    }
    let owner = await readOwner(lock)
    if (owner === null) {
      // Perhaps created a moment ago and not written yet: look again before calling it stale.
      await new Promise((resolve) => setTimeout(resolve, 200))
      owner = await readOwner(lock)
    }
    if (owner && owner.pid === process.pid && owner.host === hostname()) {
      return { ok: false, owner, reason: 'it is already open in this window' }
    }
    const stale = owner === null || (owner.host === hostname() && !alive(owner.pid))
    if (!stale) {
      const who = owner
        ? `process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}`
        : 'another process'
      return { ok: false, owner, reason: `it is open in another Blankboard window (${who})` }
    }
    // Move the stale lock aside; if another process got there first, the rename fails
    // and the next attempt sees its fresh lock.
    const aside = `${lock}.stale-${randomBytes(4).toString('hex')}`
    try {
      await rename(lock, aside)
      await rm(aside, { force: true })
    } catch {
      // someone else took it over; try again
    }
  }
  return { ok: false, owner: null, reason: 'its lock keeps changing hands' }
}
