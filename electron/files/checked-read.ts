/**
 * Reading a workshop file the page asked for, trusting nothing about it: the path is
 * resolved through its symlinks and the real path must be granted; what it names must be
 * a regular file (no FIFO, which would block every read; no device such as /dev/zero,
 * which never ends; no folder); it must be at most `MAX_WORKSHOP_BYTES`, checked from
 * the file's size before reading and again while reading (a file that grows is cut off);
 * network paths are refused on Windows before anything touches them.
 *
 * Refusals are errors with a `code` and a message in words for the user: no path, no
 * file content, no raw system error. The details go to the log.
 * Plain Node, no Electron import. Limits: a local user who can swap a folder of a granted
 * path for a symlink between the check and the open is outside what this guards against.
 */
import { constants } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { open, realpath } from 'node:fs/promises'
import { systemErrorWords } from '../public-errors.ts'
import { isNetworkPath } from './path-grants.ts'

/** The largest workshop file opened: 200 MB. */
export const MAX_WORKSHOP_BYTES = 200 * 1024 * 1024

/** Why a checked read refused, beside the system's own error codes (ENOENT, EACCES…). */
export type RefusalCode = 'NOT_GRANTED' | 'NOT_A_FILE' | 'TOO_LARGE' | 'NETWORK_PATH'

/** A read the checks refused, or a system error put in words. */
export class ReadRefused extends Error {
  /** A `RefusalCode`, or the system's error code (ENOENT keeps meaning "missing"). */
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'ReadRefused'
    this.code = code
  }
}

/** Options of a checked read. */
export interface CheckedReadOptions {
  /** Largest size accepted, in bytes (`MAX_WORKSHOP_BYTES` by default). */
  maxBytes?: number
  /** Decides on the real path; by default every path may be read. */
  isGranted?: (realPath: string) => boolean
  /** The platform whose path rules apply (this one by default). */
  platform?: NodeJS.Platform
}

const CHUNK = 1024 * 1024

/** Words for a system error met while reading; the raw error goes to the log. */
function systemError(error: unknown): ReadRefused {
  const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN'
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ReadRefused('ENOENT', systemErrorWords('ENOENT'))
    case 'EISDIR':
      return new ReadRefused('NOT_A_FILE', 'that is a folder, not a workshop file')
    default:
      console.warn('Workshop read failed:', error)
      return new ReadRefused(code, systemErrorWords(code))
  }
}

function tooLarge(maxBytes: number): ReadRefused {
  const mb = Math.round(maxBytes / (1024 * 1024))
  return new ReadRefused('TOO_LARGE', `the file is larger than ${mb} MB, too large for a workshop`)
}

/**
 * Reads the whole of `handle`, expecting `expected` bytes (its size when opened) and
 * refusing once it passes `maxBytes` (a file that grows, or one whose size says 0).
 */
async function readAll(handle: FileHandle, expected: number, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  let size = Math.max(expected, 1)
  for (;;) {
    const chunk = Buffer.allocUnsafe(size)
    let filled = 0
    while (filled < size) {
      const { bytesRead } = await handle.read(chunk, filled, size - filled, null)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    total += filled
    if (total > maxBytes) throw tooLarge(maxBytes)
    if (filled > 0) chunks.push(filled === size ? chunk : chunk.subarray(0, filled))
    if (filled < size) break
    size = CHUNK // more than its size said: read on in chunks, up to the cap
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)
}

/**
 * The bytes of the file at `path`, after the checks above; rejects with `ReadRefused`.
 */
export async function readCheckedFile(
  path: string,
  options: CheckedReadOptions = {},
): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_WORKSHOP_BYTES
  const platform = options.platform ?? process.platform
  const networkPath = new ReadRefused(
    'NETWORK_PATH',
    'the file is on a network share; copy it to this computer to open it',
  )
  if (isNetworkPath(path, platform)) throw networkPath
  let real: string
  try {
    real = await realpath(path)
  } catch (error) {
    throw systemError(error)
  }
  if (isNetworkPath(real, platform)) throw networkPath
  if (options.isGranted && !options.isGranted(real)) {
    console.warn(`Workshop read refused: ${path} resolves to ${real}, which was not granted.`)
    throw new ReadRefused('NOT_GRANTED', 'it leads to a file Blankboard was not given')
  }
  // Non-blocking, so a FIFO cannot hang the open; no following a link swapped in since.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)
  let handle: FileHandle
  try {
    handle = await open(real, flags)
  } catch (error) {
    throw systemError(error)
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) {
      throw new ReadRefused(
        'NOT_A_FILE',
        stats.isDirectory()
          ? 'that is a folder, not a workshop file'
          : 'it is not a regular file (a device, pipe or socket)',
      )
    }
    if (stats.size > maxBytes) throw tooLarge(maxBytes)
    return await readAll(handle, stats.size, maxBytes)
  } catch (error) {
    throw error instanceof ReadRefused ? error : systemError(error)
  } finally {
    await handle.close()
  }
}

/**
 * The file-system calls of a workshop file whose reads are checked: `fs`'s own calls for
 * writing, `readCheckedFile` for reading.
 */
export function withCheckedReads<T extends object>(
  fs: T,
  options: CheckedReadOptions = {},
  /** Tests only: after the checks, read through this instead (to watch or fail reads). */
  readAfterCheck?: (path: string) => Promise<Buffer | string>,
): T & { readFile: (path: string) => Promise<Buffer> } {
  return {
    ...fs,
    readFile: async (path: string) => {
      const bytes = await readCheckedFile(path, options)
      if (!readAfterCheck) return bytes
      const read = await readAfterCheck(path)
      return typeof read === 'string' ? Buffer.from(read) : read
    },
  }
}
