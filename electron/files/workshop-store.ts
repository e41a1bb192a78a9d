/**
 * The workshop store: owns every open workshop file of one process. Opens files through
 * the envelope decoder, applies incoming op batches to the in-memory workshop, and
 * acknowledges each batch once it is durably on disk, with a revision number.
 *
 * Plain Node: no Electron import, so it runs in the web harness and in unit tests.
 * Each open file is locked against other processes (a second one gets it read-only),
 * backed up before every replace, and a file that cannot be read is never written: its
 * newest good backup is offered instead, and restoring it keeps the damaged file as
 * `<name>.corrupt-<timestamp>`. A file marked read-only, or saved by a newer version,
 * opens read-only.
 * Limits: one store per process; a workshop open twice in one process shares one handle.
 */
import { randomUUID } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { mkdir, open, readFile, realpath, rm } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { Low } from 'lowdb'
import type { Applied, OpenResult, RecentWorkshop } from '../../core/api.ts'
import { createWorkshop } from '../../core/create.ts'
import { decodeWorkshop, encodeWorkshop } from '../../core/migrations.ts'
import type { Workshop } from '../../core/model.ts'
import type { Op } from '../../core/ops.ts'
import { OpError, applyAll } from '../../core/ops.ts'
import { whyInvalidAfterChange } from '../../core/document-check.ts'
import { knownShape } from '../../core/newer-format.ts'
import { Backups } from './backups.ts'
import { withCheckedReads } from './checked-read.ts'
import type { FsCalls } from './durable-write.ts'
import { PRIVATE_FOLDER_MODE, removeLeftoverTemps, writeFileDurably } from './durable-write.ts'
import type { LockResult } from './file-lock.ts'
import { forceLockFile, lockFile } from './file-lock.ts'
import { RecentList } from './recent-list.ts'
import { SaveQueue } from './save-queue.ts'
import type { StoreFolders, UnsavedWorkshop, WorkshopStore } from './store-api.ts'
import type { LoadResult } from './workshop-file.ts'
import {
  WorkshopFile,
  describeFsError,
  keepDamagedCopy,
  whyFileIsReadOnly,
} from './workshop-file.ts'

/** The extension of workshop files. */
export const WORKSHOP_EXTENSION = '.blankboard'

interface OpenFile {
  /** The handle the renderer names it by; stays the same across Save As. */
  handle: string
  /** Where the workshop is saved; Save As changes it. */
  path: string
  /** The workshop in memory, written through a WorkshopFile adapter. */
  db: Low<Workshop>
  /** Count of op batches applied since opening. */
  revision: number
  /** Why it cannot be changed, or null. */
  readOnly: string | null
  /** Its writes: one in flight, bursts coalesced. */
  saves: SaveQueue
  /** Gives the file's lock back (a no-op when it was opened read-only). */
  release: () => Promise<void>
  /** Why the last write failed, or null once a write succeeded: closing writes again. */
  unsaved: string | null
  /** True when read-only only because another process holds the lock. */
  lockedElsewhere: boolean
}

/**
 * A file name for a workshop title: characters no desktop accepts in a name are
 * replaced, and the result is never empty.
 */
export function fileNameForTitle(title: string): string {
  const cleaned = title
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
  const short = [...cleaned].slice(0, 80).join('')
  return short === '' ? 'Workshop' : short
}

/** Options for tests. */
export interface StoreOptions {
  /** The file-system calls of reads and saves, to inject faults. */
  fs?: FsCalls & Pick<typeof import('node:fs/promises'), 'readFile'>
  /** The clock of backups and damaged-file names, so tests need not wait. */
  now?: () => number
  /** Decides on the real path of a file about to be opened (see checked-read.ts). */
  mayOpen?: (realPath: string) => boolean
}

type HeldLock = Extract<LockResult, { ok: true }>

/** The real path of `path` (symlinks resolved); `path` itself when it does not exist yet. */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return path
  }
}

/** Creates the store for a pair of folders. */
export function createWorkshopStore(
  folders: StoreFolders,
  options: StoreOptions = {},
): WorkshopStore {
  const recent = new RecentList(folders.dataDir)
  const byHandle = new Map<string, OpenFile>()
  const ready = mkdir(folders.dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE })

  function fileOf(handle: string): OpenFile {
    const file = byHandle.get(handle)
    if (!file)
      throw new Error('This workshop is not open any more. Open it again from the home screen.')
    return file
  }

  function opened(file: OpenFile): OpenResult {
    return {
      kind: 'opened',
      workshop: {
        handle: file.handle,
        path: file.path,
        workshop: file.db.data,
        revision: file.revision,
        readOnly: file.readOnly,
        lockedElsewhere: file.lockedElsewhere,
      },
    }
  }

  const now = options.now ?? Date.now
  const backupsOf = (path: string) => new Backups(folders.dataDir, path, now)
  /** Opens under way, so two calls for one file share one open (and one lock). */
  const opening = new Map<string, Promise<OpenResult>>()
  /** Files whose last open found them damaged: only these may be replaced by a backup. */
  const damaged = new Set<string>()

  /** Opens a workshop; `mayOpen` decides on its real path (see checked-read.ts). */
  async function openWorkshop(requested: string, mayOpen = options.mayOpen): Promise<OpenResult> {
    // Through a symlink, the file itself is locked and written: two links to one file are
    // one workshop, and a save never replaces the link with a plain file.
    const path = await realPathOf(resolve(requested))
    for (const file of byHandle.values()) if (file.path === path) return opened(file)
    let pending = opening.get(path)
    if (!pending) {
      pending = openAt(path, null, mayOpen).finally(() => opening.delete(path))
      opening.set(path, pending)
    }
    return pending
  }

  /**
   * Opens `path`; `held` is its lock when the caller took it already (a restore);
   * `mayOpen` decides on its real path (none for a file the store just made).
   */
  async function openAt(
    path: string,
    held: HeldLock | null,
    mayOpen: ((realPath: string) => boolean) | undefined,
  ): Promise<OpenResult> {
    await ready
    // The lock comes before the read, so what is read is what this process goes on to own.
    let lock: HeldLock | null = held
    let lockRefusal: string | null = null
    if (!lock) {
      const taken = await lockFile(path)
      if (taken.ok) lock = taken
      else lockRefusal = taken.reason
    }
    const adapter = new WorkshopFile(
      path,
      withCheckedReads(
        options.fs ?? nodeFs,
        { isGranted: mayOpen },
        options.fs && ((file) => options.fs!.readFile(file)),
      ),
    )
    const backups = backupsOf(path)
    adapter.backups = backups
    const result = await adapter.load()
    damaged.delete(path)
    let workshop: Workshop
    let readOnly: string | null = null
    switch (result.kind) {
      case 'ok':
        workshop = result.workshop
        break
      case 'tooNew':
        // Not damaged, only newer: never offered a backup, never renamed, never written.
        if (!result.workshop) {
          await lock?.release()
          return { kind: 'tooNew', path, formatVersion: result.formatVersion }
        }
        workshop = result.workshop
        readOnly = `This workshop was saved by a newer version of Blankboard (format ${result.formatVersion}). It is open read-only; update Blankboard to change it.${result.skipped > 0 ? ` ${result.skipped} of its records cannot be shown by this version.` : ''}`
        break
      case 'missing':
      case 'notWorkshop':
      case 'unreadable':
      case 'invalid':
        await lock?.release()
        if (result.kind === 'unreadable' || result.kind === 'invalid') damaged.add(path)
        return refusedOpen(path, result, backups)
    }
    if (!readOnly) {
      const why = await whyFileIsReadOnly(path)
      if (why) readOnly = `This workshop is open read-only: ${why}. Save As… puts a copy elsewhere.`
    }
    const lockedElsewhere = !readOnly && lockRefusal !== null
    if (lockedElsewhere) readOnly = `This workshop is open read-only: ${lockRefusal}.`
    if (readOnly) {
      await lock?.release()
      lock = null
    }
    // With the lock held, temp files beside it can only be a crashed writer's.
    if (lock) await removeLeftoverTemps(path)
    const db = new Low<Workshop>(adapter, workshop)
    const file: OpenFile = {
      handle: randomUUID(),
      path,
      db,
      revision: 0,
      readOnly,
      saves: new SaveQueue(async () => {
        try {
          await db.write()
          file.unsaved = null
        } catch (error) {
          file.unsaved = describeFsError(error)
          throw error
        }
      }),
      release: lock?.release ?? (async () => {}),
      unsaved: null,
      lockedElsewhere,
    }
    byHandle.set(file.handle, file)
    await recent.touch(path, workshop.title)
    return opened(file)
  }

  /** The result for a file that did not open; a damaged one comes with its newest good backup. */
  async function refusedOpen(
    path: string,
    result: Exclude<LoadResult, { kind: 'ok' | 'tooNew' }>,
    backups: Backups,
  ): Promise<OpenResult> {
    switch (result.kind) {
      case 'missing':
        return { kind: 'missing', path }
      case 'notWorkshop':
        return { kind: 'notWorkshop', path, reason: result.reason }
      case 'unreadable':
      case 'invalid':
        return {
          kind: result.kind,
          path,
          reason: result.reason,
          backup: await backups.newestGood(),
        }
    }
  }

  async function createNewWorkshop(title: string, prompts?: string[]): Promise<OpenResult> {
    await mkdir(folders.workshopsDir, { recursive: true })
    const base = fileNameForTitle(title)
    const workshop = createWorkshop(title.trim(), new Date(), prompts)
    for (let n = 1; ; n++) {
      const path = join(
        folders.workshopsDir,
        `${base}${n === 1 ? '' : ` ${n}`}${WORKSHOP_EXTENSION}`,
      )
      try {
        // 'wx' claims the name, so an existing workshop is never replaced.
        await (await open(path, 'wx')).close()
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
        throw new Error(`Could not create ${basename(path)}: ${describeFsError(error)}.`, {
          cause: error,
        })
      }
      await writeFileDurably(path, encodeWorkshop(workshop))
      return openWorkshop(path, () => true) // the store just made it
    }
  }

  async function applyOps(handle: string, baseRevision: number, ops: Op[]): Promise<Applied> {
    const file = fileOf(handle)
    if (file.readOnly) throw new Error(file.readOnly)
    if (baseRevision !== file.revision) {
      throw new Error(
        `This window is out of step with the file (at revision ${baseRevision}, the file is at ${file.revision}). Reopen the workshop.`,
      )
    }
    let next: Workshop
    try {
      next = applyAll(file.db.data, ops)
    } catch (error) {
      if (error instanceof OpError)
        throw new Error(`Change refused: ${error.message}.`, { cause: error })
      throw error
    }
    // Never write what the loader would refuse: the whole batch is refused instead.
    const invalid = whyInvalidAfterChange(file.db.data, next)
    if (invalid) throw new Error(`Change refused: it would make the workshop invalid (${invalid}).`)
    file.db.data = next
    file.revision += 1
    const revision = file.revision
    try {
      await file.saves.request()
      return { revision, saveError: null }
    } catch (error) {
      return { revision, saveError: describeFsError(error) }
    }
  }

  async function closeWorkshop(handle: string, discard = false): Promise<void> {
    const file = byHandle.get(handle)
    if (!file) return
    await file.saves.idle()
    if (file.unsaved && !discard) {
      // The disk may have come back: write again rather than drop the changes.
      await file.saves.request().catch(() => {})
      if (file.unsaved) {
        throw new Error(`It could not be saved: ${file.unsaved}. It is still open.`)
      }
    }
    byHandle.delete(handle)
    await file.release()
  }

  async function restoreBackup(requested: string, backupPath: string): Promise<OpenResult> {
    await ready
    const path = await realPathOf(resolve(requested))
    const source = resolve(backupPath)
    if (!backupsOf(path).owns(source))
      throw new Error('That file is not a backup of this workshop.')
    // Only a file that just failed to open, and is still damaged, is ever replaced.
    if ([...byHandle.values()].some((file) => file.path === path) || !damaged.has(path)) {
      throw new Error('This workshop opens as it is; there is nothing to restore.')
    }
    const text = await readFile(source, 'utf8')
    if (decodeWorkshop(text).kind !== 'ok') throw new Error('That backup cannot be read either.')
    const lock = await lockFile(path)
    if (!lock.ok) throw new Error(`Could not restore the backup: ${lock.reason}.`)
    try {
      const current = await new WorkshopFile(path, options.fs).load()
      if (current.kind === 'ok' || current.kind === 'tooNew') {
        damaged.delete(path)
        throw new Error('the file opens as it is now')
      }
      // The damaged file is copied aside whole before it is replaced, in case it matters later.
      await keepDamagedCopy(path, new Date(now()))
      await writeFileDurably(path, text, options.fs)
    } catch (error) {
      await lock.release()
      throw new Error(`Could not restore the backup: ${describeFsError(error)}.`, { cause: error })
    }
    return openAt(path, lock, options.mayOpen)
  }

  async function saveAs(handle: string, requested: string): Promise<OpenResult> {
    const file = fileOf(handle)
    const path = resolve(requested)
    if (path === file.path) return opened(file)
    // No write of the old file runs while the workshop moves; writes asked for meanwhile
    // go to the new file once it is in place.
    return file.saves.exclusive(async () => {
      try {
        // 'wx' claims the name: Save As never replaces another file.
        await (await open(path, 'wx')).close()
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        throw new Error(
          code === 'EEXIST'
            ? `${basename(path)} already exists. Choose another name.`
            : `Could not save as ${basename(path)}: ${describeFsError(error)}.`,
          { cause: error },
        )
      }
      // A workshop from a newer version is copied with only the fields this one knows.
      const known = knownShape(file.db.data)
      if (!known.ok) {
        await rm(path, { force: true })
        throw new Error(`Could not save a copy: ${known.reason}.`)
      }
      const lock = await lockFile(path)
      const text = encodeWorkshop(known.workshop)
      try {
        if (!lock.ok) throw new Error(lock.reason)
        await writeFileDurably(path, text, options.fs)
      } catch (error) {
        // Nothing moved: the workshop keeps saving where it was, and the claimed name is freed.
        await rm(path, { force: true })
        if (lock.ok) await lock.release()
        throw new Error(`Could not save as ${basename(path)}: ${describeFsError(error)}.`, {
          cause: error,
        })
      }
      file.db.data = known.workshop
      await (file.db.adapter as WorkshopFile).adopt(path, backupsOf(path), text)
      await file.release()
      file.path = path
      file.release = lock.release
      // A copy of a workshop that was read-only here (open elsewhere, marked read-only,
      // or from a newer version: then written in this version's format) is this
      // window's own to change.
      file.readOnly = null
      file.lockedElsewhere = false
      file.unsaved = null
      await recent.touch(path, file.db.data.title)
      return opened(file)
    })
  }

  async function takeOverWorkshop(handle: string): Promise<OpenResult> {
    const file = fileOf(handle)
    if (!file.lockedElsewhere) return opened(file)
    const lock = await forceLockFile(file.path)
    if (!lock.ok) throw new Error(`Could not take the workshop over: ${lock.reason}.`)
    // The other window may have saved since this one read the file: read it again.
    const adapter = file.db.adapter as WorkshopFile
    const result = await adapter.load()
    if (result.kind !== 'ok') {
      await lock.release()
      throw new Error('The workshop changed on disk and cannot be read now. Open it again.')
    }
    file.db.data = result.workshop
    file.revision += 1
    file.readOnly = null
    file.lockedElsewhere = false
    file.release = lock.release
    await removeLeftoverTemps(file.path)
    return opened(file)
  }

  async function retrySave(handle: string): Promise<Applied> {
    const file = fileOf(handle)
    if (file.readOnly) throw new Error(file.readOnly)
    try {
      await file.saves.request()
      return { revision: file.revision, saveError: null }
    } catch (error) {
      return { revision: file.revision, saveError: describeFsError(error) }
    }
  }

  return {
    listRecent: async (): Promise<RecentWorkshop[]> => {
      await ready
      return recent.list()
    },
    forgetRecent: async (path: string): Promise<RecentWorkshop[]> => {
      await ready
      await recent.forget(path)
      return recent.list()
    },
    createWorkshop: async (title: string, prompts?: string[]) => {
      await ready
      return createNewWorkshop(title, prompts)
    },
    openWorkshop: (path: string) => openWorkshop(path),
    applyOps,
    closeWorkshop,
    restoreBackup,
    retrySave,
    takeOverWorkshop,
    saveAs,
    pathOf: (handle: string) => fileOf(handle).path,
    flushAll: async () => {
      await Promise.all([...byHandle.values()].map((file) => file.saves.idle()))
    },
    closeAll: async () => {
      const unsaved: UnsavedWorkshop[] = []
      await Promise.all(
        [...byHandle.values()].map(async (file) => {
          try {
            await closeWorkshop(file.handle)
          } catch {
            const { handle, path } = file
            unsaved.push({ handle, path, title: file.db.data.title, reason: file.unsaved ?? '' })
          }
        }),
      )
      return unsaved
    },
  }
}
