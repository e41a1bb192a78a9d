/**
 * Durable file replacement: a unique temp file in the same folder, write, fsync, close,
 * rename over the target (retried while Windows holds the file), then fsync the folder
 * so the rename itself survives a power cut. A failure leaves the previous file as it
 * was and removes the temp file. The replaced file's permission bits carry over (a
 * private 0600 file stays private), and a file its owner marked read-only is refused
 * rather than silently replaced (a rename would otherwise get past the mark).
 *
 * Limits: one call replaces one file; callers keep one write in flight per file
 * (see save-queue.ts). Folder fsync is skipped where the platform cannot do it. The
 * file's owner, extended attributes and hard links are not carried over: a rename
 * makes a new file.
 */
import { randomBytes } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isProcessRunning } from './process-alive.ts'

/** The file-system calls a durable write makes; tests pass a wrapper to inject faults. */
export type FsCalls = Pick<typeof nodeFs, 'stat' | 'open' | 'rename' | 'rm'>

/** Thrown instead of replacing a file that has no write permission bit left. */
export class ReadOnlyFileError extends Error {
  /** Like the error the system gives for a file that may not be written. */
  readonly code = 'EACCES'
  constructor(file: string) {
    super(`${file} is marked read-only`)
    this.name = 'ReadOnlyFileError'
  }
}

/** True when a file's mode has no write bit for anyone: its owner marked it read-only. */
export function isMarkedReadOnly(mode: number): boolean {
  return (mode & 0o222) === 0
}

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES'])
const RENAME_TRIES = 10

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The temp file name for a write to `file`: hidden, unique per write and per process. */
export function tempPathFor(file: string): string {
  return join(
    dirname(file),
    `.${basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
  )
}

/** True when `name` is a temp file left by a durable write (say, after a crash). */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && /\.\d+-[0-9a-f]{12}\.tmp$/.test(name)
}

/**
 * Removes the temp files a crashed writer left beside `file` (their pid is dead). Call
 * only while holding the file's lock, so no live write of this file can be touched.
 * Returns the names removed; a folder that cannot be listed is left alone.
 */
export async function removeLeftoverTemps(file: string): Promise<string[]> {
  const prefix = `.${basename(file)}.`
  let names: string[]
  try {
    names = await nodeFs.readdir(dirname(file))
  } catch {
    return []
  }
  const leftovers = names.filter((name) => {
    const writer =
      name.startsWith(prefix) && /^(\d+)-[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length))
    return writer && Number(writer[1]) !== process.pid && !isProcessRunning(Number(writer[1]))
  })
  await Promise.all(leftovers.map((name) => nodeFs.rm(join(dirname(file), name), { force: true })))
  return leftovers
}

async function renameWithRetry(fs: FsCalls, from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.rename(from, to)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      // Antivirus and indexers on Windows hold files briefly; a later try succeeds.
      if (!RETRYABLE.has(code) || attempt >= RENAME_TRIES) throw error
      await sleep(attempt * 20)
    }
  }
}

async function syncFolder(fs: FsCalls, folder: string): Promise<void> {
  if (process.platform === 'win32') return // folders cannot be opened for fsync there
  const handle = await fs.open(folder, 'r')
  try {
    await handle.sync()
  } catch (error) {
    // Some file systems (certain network mounts) refuse fsync on a folder: the data
    // itself is already synced, so this is not worth failing the save for.
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR') throw error
  } finally {
    await handle.close()
  }
}

/** The permission bits of the file being replaced, or null when there is none yet. */
async function modeToKeep(fs: FsCalls, file: string): Promise<number | null> {
  let mode: number
  try {
    mode = (await fs.stat(file)).mode & 0o777
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  if (isMarkedReadOnly(mode)) throw new ReadOnlyFileError(file)
  return mode
}

/** Permission bits for new files the app keeps for itself (backups, lists): the user's only. */
export const PRIVATE_FILE_MODE = 0o600
/** Permission bits for folders the app keeps for itself. */
export const PRIVATE_FOLDER_MODE = 0o700

/**
 * Replaces `file` with `text` (UTF-8) atomically and durably. `durable: false` skips the
 * fsyncs (still atomic), for copies such as backups. A file that exists keeps its
 * permission bits; a new one gets `newFileMode` (less the umask).
 */
export async function writeFileDurably(
  file: string,
  text: string,
  fs: FsCalls = nodeFs,
  durable = true,
  newFileMode = 0o644,
): Promise<void> {
  const mode = await modeToKeep(fs, file)
  const temp = tempPathFor(file)
  let handle: nodeFs.FileHandle | null = null
  try {
    handle = await fs.open(temp, 'wx', mode ?? newFileMode)
    // The umask applied to open's mode; chmod gives the replaced file's bits exactly.
    if (mode !== null) await handle.chmod(mode)
    await handle.writeFile(text, 'utf8')
    if (durable) await handle.sync()
    await handle.close()
    handle = null
    await renameWithRetry(fs, temp, file)
  } catch (error) {
    if (handle) await handle.close().catch(() => {})
    await fs.rm(temp, { force: true }).catch(() => {})
    throw error
  }
  if (durable) await syncFolder(fs, dirname(file))
}
