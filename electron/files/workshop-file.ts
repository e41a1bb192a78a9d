/**
 * The lowdb adapter for one workshop file: reads through the envelope decoder (never
 * turning a bad file into defaults, as lowdb's own adapters would) and writes through
 * the durable writer.
 *
 * Limits: reads the whole file into memory (workshops are a few MB at most); bytes
 * that are not UTF-8 are refused rather than replaced.
 */
import * as nodeFs from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import type { DecodeResult } from '../../core/migrations.ts'
import { decodeWorkshop, encodeWorkshop } from '../../core/migrations.ts'
import type { Workshop } from '../../core/model.ts'
import { systemErrorWords } from '../public-errors.ts'
import type { Backups } from './backups.ts'
import type { FsCalls } from './durable-write.ts'
import { ReadOnlyFileError, isMarkedReadOnly, writeFileDurably } from './durable-write.ts'

/** What reading a workshop file found. */
export type LoadResult =
  DecodeResult | { kind: 'missing' } | { kind: 'unreadable'; reason: string; code?: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Person-readable words for the file-system errors people actually meet. */
export function describeFsError(error: unknown): string {
  if (error instanceof ReadOnlyFileError) return 'the file is marked read-only'
  const e = error as NodeJS.ErrnoException
  // System errors (ENOSPC…) in words; the store's own refusals already say what happened.
  return e.code && /^E[A-Z0-9]+$/.test(e.code)
    ? systemErrorWords(e.code)
    : (e.message ?? String(error))
}

/**
 * Why this process may not change `file`, or null when it may: its owner marked it
 * read-only (honoured even for root, who could write it anyway), or this user lacks
 * permission. A folder that cannot be written is found by the lock, which needs it.
 */
export async function whyFileIsReadOnly(file: string): Promise<string | null> {
  try {
    if (isMarkedReadOnly((await nodeFs.stat(file)).mode)) return 'the file is marked read-only'
    await nodeFs.access(file, nodeFs.constants.W_OK)
    return null
  } catch (error) {
    return describeFsError(error)
  }
}

/**
 * Keeps a copy of a damaged file beside it as `<name>.corrupt-<timestamp>`, synced to
 * disk, before anything replaces it. A copy rather than a rename, so that a crash in
 * between leaves the damaged file where it was rather than no file at all. Returns the
 * copy's path, or null when there was no file.
 */
export async function keepDamagedCopy(file: string, now: Date): Promise<string | null> {
  const copy = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`
  try {
    await nodeFs.copyFile(file, copy, nodeFs.constants.COPYFILE_EXCL)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const handle = await nodeFs.open(copy, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
  return copy
}

/** A workshop file on disk, as a lowdb adapter. */
export class WorkshopFile implements Adapter<Workshop> {
  /** The file read and written; `moveTo` changes it. */
  path: string
  /** Where the previous content goes before each replace; null for none. */
  backups: Backups | null = null
  /** The text on disk now, as last read or written (what a backup keeps). */
  private onDisk: string | null = null
  /** True once `onDisk` is in the backups. */
  private keptOnDisk = false
  private readonly fs: FsCalls & Pick<typeof nodeFs, 'readFile'>

  constructor(path: string, fs: FsCalls & Pick<typeof nodeFs, 'readFile'> = nodeFs) {
    this.path = path
    this.fs = fs
  }

  /** Reads and decodes the file, saying exactly what was found. */
  async load(): Promise<LoadResult> {
    let bytes: Uint8Array
    try {
      bytes = await this.fs.readFile(this.path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return { kind: 'missing' }
      return { kind: 'unreadable', reason: describeFsError(error), code }
    }
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      return { kind: 'unreadable', reason: 'the file is not UTF-8 text' }
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1) // a BOM added by an editor
    const result = decodeWorkshop(text)
    if (result.kind === 'ok' || result.kind === 'tooNew') this.onDisk = text
    return result
  }

  /**
   * Points this adapter at another file (Save As) that now holds `text`, written there
   * by the caller: later writes go there, backed up in `backups`, starting with `text`.
   */
  async adopt(path: string, backups: Backups | null, text: string): Promise<void> {
    this.path = path
    this.backups = backups
    this.onDisk = text
    this.keptOnDisk = await this.keep(text)
  }

  /** lowdb's read: the workshop, or an Error naming why it cannot be read. */
  async read(): Promise<Workshop | null> {
    const result = await this.load()
    switch (result.kind) {
      case 'ok':
        return result.workshop
      case 'missing':
        return null
      case 'tooNew':
        throw new Error(`the file was saved by a newer Blankboard (format ${result.formatVersion})`)
      case 'notWorkshop':
      case 'unreadable':
      case 'invalid':
        throw new Error(result.reason)
    }
  }

  /** lowdb's write: the envelope, durably. */
  async write(workshop: Workshop): Promise<void> {
    const text = encodeWorkshop(workshop)
    // The content a save replaces is always in the backups: the file as opened is kept
    // before the first save, and each save's own content right after it, so the newest
    // backup is the last saved state.
    if (this.onDisk !== null && !this.keptOnDisk) await this.keep(this.onDisk)
    await writeFileDurably(this.path, text, this.fs)
    this.onDisk = text
    this.keptOnDisk = await this.keep(text)
  }

  /** Keeps a backup; a backup that cannot be written must not stop the save itself. */
  private async keep(text: string): Promise<boolean> {
    if (!this.backups) return false
    try {
      await this.backups.keep(text)
      return true
    } catch (error) {
      console.warn(`Backup of ${this.path} failed: ${describeFsError(error)}`)
      return false
    }
  }
}
