/**
 * The workshop store: owns every open workshop file of one process. Opens files through
 * the envelope decoder, applies incoming op batches to the in-memory workshop, and
 * acknowledges each batch once it is durably on disk, with a revision number.
 *
 * Plain Node: no Electron import, so it runs in the web harness and in unit tests.
 * Each open file is locked against other processes (a second one gets it read-only),
 * backed up before every replace, and a file that cannot be read is never written: its
 * newest good backup is offered instead.
 * Limits: one store per process.
 */
import { randomUUID } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { Low } from 'lowdb'
import type { Applied, OpenResult, RecentWorkshop } from '../../core/api.ts'
import { createWorkshop } from '../../core/create.ts'
import { decodeWorkshop, encodeWorkshop } from '../../core/migrations.ts'
import type { Workshop } from '../../core/model.ts'
import type { Op } from '../../core/ops.ts'
import { OpError, applyAll } from '../../core/ops.ts'
import { Backups } from './backups.ts'
import { withCheckedReads } from './checked-read.ts'
import type { FsCalls } from './durable-write.ts'
import { writeFileDurably } from './durable-write.ts'
import { lockFile } from './file-lock.ts'
import { RecentList } from './recent-list.ts'
import { SaveQueue } from './save-queue.ts'
import type { StoreFolders, WorkshopStore } from './store-api.ts'
import { WorkshopFile, describeFsError } from './workshop-file.ts'

/** The extension of workshop files. */
export const WORKSHOP_EXTENSION = '.blankboard'

interface OpenFile {
  handle: string
  /** Where the workshop is saved; Save As changes it. */
  path: string
  db: Low<Workshop>
  revision: number
  readOnly: string | null
  saves: SaveQueue
  /** Gives the file's lock back (a no-op when it was opened read-only). */
  release: () => Promise<void>
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

/** Options for tests: the file-system calls of saves, to inject faults. */
export interface StoreOptions {
  fs?: FsCalls & Pick<typeof import('node:fs/promises'), 'readFile'>
  /** Decides on the real path of a file about to be opened (see checked-read.ts). */
  mayOpen?: (realPath: string) => boolean
}

/** Creates the store for a pair of folders. */
export function createWorkshopStore(
  folders: StoreFolders,
  options: StoreOptions = {},
): WorkshopStore {
  const recent = new RecentList(folders.dataDir)
  const byHandle = new Map<string, OpenFile>()
  const ready = mkdir(folders.dataDir, { recursive: true })

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
      },
    }
  }

  /** Opens a file; `mayOpen` decides on its real path (none for a file the store just made). */
  async function openFile(
    requested: string,
    mayOpen: ((realPath: string) => boolean) | undefined,
  ): Promise<OpenResult> {
    await ready
    const path = resolve(requested)
    for (const file of byHandle.values()) if (file.path === path) return opened(file)
    const adapter = new WorkshopFile(
      path,
      withCheckedReads(options.fs ?? nodeFs, { isGranted: mayOpen }),
    )
    const backups = new Backups(folders.dataDir, path)
    adapter.backups = backups
    const result = await adapter.load()
    let workshop: Workshop
    let readOnly: string | null = null
    switch (result.kind) {
      case 'ok':
        workshop = result.workshop
        break
      case 'tooNew':
        if (!result.workshop) {
          return {
            kind: 'invalid',
            path,
            reason: `it was saved by a newer version of Blankboard (format ${result.formatVersion}). Update Blankboard to open it`,
            backup: await backups.newestGood(),
          }
        }
        workshop = result.workshop
        readOnly = `This workshop was saved by a newer version of Blankboard (format ${result.formatVersion}). It is open read-only; update Blankboard to change it.`
        break
      case 'missing':
        return { kind: 'missing', path }
      case 'notWorkshop':
        return { kind: 'notWorkshop', path, reason: result.reason }
      case 'unreadable':
        return {
          kind: 'unreadable',
          path,
          reason: result.reason,
          backup: await backups.newestGood(),
        }
      case 'invalid':
        return { kind: 'invalid', path, reason: result.reason, backup: await backups.newestGood() }
    }
    let release = async () => {}
    if (!readOnly) {
      const lock = await lockFile(path)
      if (lock.ok) release = lock.release
      else readOnly = `This workshop is open read-only: ${lock.reason}.`
    }
    const db = new Low<Workshop>(adapter, workshop)
    const file: OpenFile = {
      handle: randomUUID(),
      path,
      db,
      revision: 0,
      readOnly,
      saves: new SaveQueue(() => db.write()),
      release,
    }
    byHandle.set(file.handle, file)
    await recent.touch(path, workshop.title)
    return opened(file)
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
        throw new Error(`Could not create ${path}: ${describeFsError(error)}.`, { cause: error })
      }
      await writeFileDurably(path, encodeWorkshop(workshop))
      return openFile(path, undefined)
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
    try {
      file.db.data = applyAll(file.db.data, ops)
    } catch (error) {
      if (error instanceof OpError)
        throw new Error(`Change refused: ${error.message}.`, { cause: error })
      throw error
    }
    file.revision += 1
    const revision = file.revision
    try {
      await file.saves.request()
      return { revision, saveError: null }
    } catch (error) {
      return { revision, saveError: describeFsError(error) }
    }
  }

  async function closeWorkshop(handle: string): Promise<void> {
    const file = byHandle.get(handle)
    if (!file) return
    await file.saves.idle()
    byHandle.delete(handle)
    await file.release()
  }

  async function restoreBackup(requested: string, backupPath: string): Promise<OpenResult> {
    await ready
    const path = resolve(requested)
    const backups = new Backups(folders.dataDir, path)
    if (!backups.owns(resolve(backupPath))) {
      throw new Error('That file is not a backup of this workshop.')
    }
    const text = await readFile(backupPath, 'utf8')
    if (decodeWorkshop(text).kind !== 'ok') throw new Error('That backup cannot be read either.')
    // The damaged file is moved aside whole, never overwritten, in case it matters later.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    try {
      await rename(path, `${path}.corrupt-${stamp}`)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`Could not set the damaged file aside: ${describeFsError(error)}.`, {
          cause: error,
        })
      }
    }
    await writeFileDurably(path, text)
    return openFile(path, options.mayOpen)
  }

  async function saveAs(handle: string, requested: string): Promise<OpenResult> {
    const file = fileOf(handle)
    const path = resolve(requested)
    if (path === file.path) return opened(file)
    await file.saves.idle()
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
    const lock = await lockFile(path)
    const adapter = file.db.adapter as WorkshopFile
    adapter.path = path
    adapter.backups = new Backups(folders.dataDir, path)
    await file.release()
    file.path = path
    file.release = lock.ok ? lock.release : async () => {}
    file.readOnly = null
    await writeFileDurably(path, encodeWorkshop(file.db.data), options.fs)
    await recent.touch(path, file.db.data.title)
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
    openWorkshop: (path: string) => openFile(path, options.mayOpen),
    applyOps,
    closeWorkshop,
    restoreBackup,
    retrySave,
    saveAs,
    flushAll: async () => {
      await Promise.all([...byHandle.values()].map((file) => file.saves.idle()))
    },
    closeAll: async () => {
      await Promise.all([...byHandle.keys()].map((handle) => closeWorkshop(handle)))
    },
  }
}
