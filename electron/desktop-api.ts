/**
 * The API as the desktop app answers it: the workshop store behind the main process's
 * own decisions about files. The page may open only paths the main process granted
 * (chosen in a dialog, handed over by the desktop, in the recent list, or created by the
 * app), and never names where a workshop is saved: Save As always asks with the save
 * dialog. A refused path is refused before anything touches the disk, with one message
 * whether or not the file exists.
 *
 * No Electron import: the dialogs come in as functions, so this runs in unit tests.
 * Limits: `nextCommand`, the close handshake (`readyToClose`, `chooseUnsavedAction`),
 * exports (electron/export-files.ts) and the room (electron/room/) belong to the shell
 * and are not here.
 */
import type { BlankboardApi, OpenResult } from '../core/api.ts'
import type { PathGrants } from './files/path-grants.ts'
import type { WorkshopStore } from './files/store-api.ts'

/** The message for a path the page names that the main process never granted. */
export const NOT_GRANTED =
  'Blankboard opens only workshops chosen with Open…, from the recent list or from the desktop. Use Open… to choose the file.'

/** The message for a Save As that names its own path. */
export const SAVE_AS_PATH_REFUSED =
  'Refused saveAs: only the save dialog chooses where a workshop is saved.'

/** What the desktop API needs from the shell. */
export interface DesktopParts {
  store: WorkshopStore
  grants: PathGrants
  /** Asks the user for a workshop to open (the open dialog); null when they cancel. */
  chooseOpenPath(): Promise<string | null>
  /** Asks the user where to save (the save dialog); null when they cancel. */
  chooseSavePath(): Promise<string | null>
  /** Called when the recent list may have changed (the Open Recent menu follows it). */
  recentChanged(): void
}

/** The desktop app's API, except what the shell answers itself. */
export function desktopApi(
  parts: DesktopParts,
): Omit<
  BlankboardApi,
  | 'nextCommand'
  | 'readyToClose'
  | 'chooseUnsavedAction'
  | 'saveExport'
  | 'beginExport'
  | 'appendExport'
  | 'finishExport'
  | 'cancelExport'
  | 'showExportedFile'
  | 'listRoomAddresses'
  | 'openRoom'
  | 'closeRoom'
  | 'nextRoomUpdate'
> {
  const { store, grants } = parts

  /** True when `path` was granted, or is in the recent list (and is granted now). */
  async function granted(path: string): Promise<boolean> {
    if (grants.has(path)) return true
    const recent = await store.listRecent()
    const entry = recent.find((e) => e.path === path)
    if (!entry) return false
    await grants.grant(entry.path)
    return grants.has(path)
  }

  /** Grants the file an open result names, so the page may open it again later. */
  async function grantOpened(result: OpenResult | null): Promise<void> {
    if (result?.kind === 'opened') await grants.grant(result.workshop.path)
  }

  return {
    listRecent: () => store.listRecent(),
    forgetRecent: async (path) => {
      const list = await store.forgetRecent(path)
      parts.recentChanged()
      return list
    },
    createWorkshop: async (title, prompts) => {
      const result = await store.createWorkshop(title, prompts)
      await grantOpened(result)
      parts.recentChanged()
      return result
    },
    openWorkshop: async (path) => {
      if (!(await granted(path))) throw new Error(NOT_GRANTED)
      const result = await store.openWorkshop(path)
      parts.recentChanged()
      return result
    },
    chooseWorkshopFile: async () => {
      const path = await parts.chooseOpenPath()
      if (path !== null) await grants.grant(path)
      return path
    },
    applyOps: (handle, base, ops) => store.applyOps(handle, base, ops),
    closeWorkshop: (handle, discard) => store.closeWorkshop(handle, discard),
    takeOverWorkshop: (handle) => store.takeOverWorkshop(handle),
    restoreBackup: async (path, backupPath) => {
      if (!(await granted(path))) throw new Error(NOT_GRANTED)
      const result = await store.restoreBackup(path, backupPath)
      parts.recentChanged()
      return result
    },
    retrySave: (handle) => store.retrySave(handle),
    saveAs: async (handle, path) => {
      if (path !== null) throw new Error(SAVE_AS_PATH_REFUSED)
      const chosen = await parts.chooseSavePath()
      if (chosen === null) return null
      const result = await store.saveAs(handle, chosen)
      await grantOpened(result)
      parts.recentChanged()
      return result
    },
  }
}
