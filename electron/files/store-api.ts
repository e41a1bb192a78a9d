/**
 * What the workshop store offers: the whole `BlankboardApi` except the parts that need
 * a desktop (file dialogs), plus the shutdown handshake. The Electron shell and the
 * web harness each wrap one store.
 */
import type { BlankboardApi, OpenResult } from '../../core/api.ts'

/**
 * The store's share of the API; Save As takes a path here (the shell asks for one), and
 * the shell (not the store) answers `chooseWorkshopFile` and `nextCommand`.
 */
export type StoreApi = Omit<
  BlankboardApi,
  | 'chooseWorkshopFile'
  | 'saveAs'
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
> & {
  saveAs(handle: string, path: string): Promise<OpenResult>
}

/** Where a store keeps things. */
export interface StoreFolders {
  /** Where new workshops are created (Documents/Blankboard on a desktop). */
  workshopsDir: string
  /** The app's own data: the recent list, later backups. */
  dataDir: string
}

/** A workshop store. */
export interface WorkshopStore extends StoreApi {
  /** Resolves once every pending write of every open workshop is on disk. */
  flushAll(): Promise<void>
  /**
   * Closes every open workshop as `closeWorkshop` does (at quit), giving back their
   * locks. Those that still cannot be written stay open and are returned, so the shell
   * can ask what to do with them; none is ever dropped silently.
   */
  closeAll(): Promise<UnsavedWorkshop[]>
  /** Where an open workshop is saved; throws when the handle names none. */
  pathOf(handle: string): string
}

/** An open workshop whose changes could not be written. */
export interface UnsavedWorkshop {
  /** Its handle. */
  handle: string
  /** Its file. */
  path: string
  /** Its title. */
  title: string
  /** Why it could not be written. */
  reason: string
}
