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
  'chooseWorkshopFile' | 'saveAs' | 'nextCommand' | 'saveExport' | 'showExportedFile'
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
  /** Flushes and closes every open workshop, giving back their locks (at quit). */
  closeAll(): Promise<void>
}
