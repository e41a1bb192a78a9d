/**
 * The IPC channel of each API method. Kept apart from the argument schemas so the
 * preload can use it without bundling the schema library.
 */
import type { BlankboardApi } from './api.ts'

/** Each API method's channel name. */
export const CHANNELS = {
  listRecent: 'blankboard:list-recent',
  forgetRecent: 'blankboard:forget-recent',
  createWorkshop: 'blankboard:create-workshop',
  openWorkshop: 'blankboard:open-workshop',
  chooseWorkshopFile: 'blankboard:choose-workshop-file',
  applyOps: 'blankboard:apply-ops',
  closeWorkshop: 'blankboard:close-workshop',
  restoreBackup: 'blankboard:restore-backup',
  retrySave: 'blankboard:retry-save',
  takeOverWorkshop: 'blankboard:take-over-workshop',
  saveAs: 'blankboard:save-as',
  nextCommand: 'blankboard:next-command',
  readyToClose: 'blankboard:ready-to-close',
  chooseUnsavedAction: 'blankboard:choose-unsaved-action',
  saveExport: 'blankboard:save-export',
  beginExport: 'blankboard:begin-export',
  appendExport: 'blankboard:append-export',
  finishExport: 'blankboard:finish-export',
  cancelExport: 'blankboard:cancel-export',
  showExportedFile: 'blankboard:show-exported-file',
  listRoomAddresses: 'blankboard:list-room-addresses',
  openRoom: 'blankboard:open-room',
  closeRoom: 'blankboard:close-room',
  nextRoomUpdate: 'blankboard:next-room-update',
} as const satisfies { [K in keyof BlankboardApi]: string }
