/**
 * Durable file replacement: a unique temp file in the same folder, write, fsync, close,
 * rename over the target (retried while Windows holds the file), then fsync the folder
 * so the rename itself survives a power cut. A failure leaves the previous file as it
 * was and removes the temp file.
 *
 * Limits: one call replaces one file; callers keep one write in flight per file
 * (see save-queue.ts). Folder fsync is skipped where the platform cannot do it.
 */
import { randomBytes } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The file-system calls a durable write makes; tests pass a wrapper to inject faults. */
export type FsCalls = Pick<typeof nodeFs, 'open' | 'rename' | 'rm'>

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

/**
 * Replaces `file` with `text` (UTF-8) atomically and durably. `durable: false` skips the
 * fsyncs (still atomic), for copies such as backups.
 */
export async function writeFileDurably(
  file: string,
  text: string,
  fs: FsCalls = nodeFs,
  durable = true,
): Promise<void> {
  const temp = tempPathFor(file)
  let handle: nodeFs.FileHandle | null = null
  try {
    handle = await fs.open(temp, 'wx', 0o644)
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
