/**
 * The preload: exposes exactly one object, `window.blankboard`, typed as the API so
 * the compiler catches a missing or mistyped method. Each method is one `invoke` on its
 * channel; the page never sees `ipcRenderer`. Bundled to CommonJS (a sandboxed preload
 * cannot load local files), so it may import the channel names.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { BlankboardApi } from '../core/api.ts'
import { CHANNELS as C } from '../core/api-channels.ts'

const api: BlankboardApi = {
  listRecent: () => ipcRenderer.invoke(C.listRecent),
  forgetRecent: (path) => ipcRenderer.invoke(C.forgetRecent, path),
  createWorkshop: (title, prompts) => ipcRenderer.invoke(C.createWorkshop, title, prompts),
  openWorkshop: (path) => ipcRenderer.invoke(C.openWorkshop, path),
  chooseWorkshopFile: () => ipcRenderer.invoke(C.chooseWorkshopFile),
  applyOps: (handle, base, ops) => ipcRenderer.invoke(C.applyOps, handle, base, ops),
  closeWorkshop: (handle, discard) => ipcRenderer.invoke(C.closeWorkshop, handle, discard),
  restoreBackup: (path, backup) => ipcRenderer.invoke(C.restoreBackup, path, backup),
  retrySave: (handle) => ipcRenderer.invoke(C.retrySave, handle),
  takeOverWorkshop: (handle) => ipcRenderer.invoke(C.takeOverWorkshop, handle),
  saveAs: (handle, path) => ipcRenderer.invoke(C.saveAs, handle, path),
  nextCommand: () => ipcRenderer.invoke(C.nextCommand),
  readyToClose: (ready) => ipcRenderer.invoke(C.readyToClose, ready),
  chooseUnsavedAction: (title, reason) => ipcRenderer.invoke(C.chooseUnsavedAction, title, reason),
  saveExport: (request) => ipcRenderer.invoke(C.saveExport, request),
  beginExport: (kind, name) => ipcRenderer.invoke(C.beginExport, kind, name),
  appendExport: (upload, piece) => ipcRenderer.invoke(C.appendExport, upload, piece),
  finishExport: (upload) => ipcRenderer.invoke(C.finishExport, upload),
  cancelExport: (upload) => ipcRenderer.invoke(C.cancelExport, upload),
  showExportedFile: (path) => ipcRenderer.invoke(C.showExportedFile, path),
  listRoomAddresses: () => ipcRenderer.invoke(C.listRoomAddresses),
  openRoom: (handle, promptId, address, port) =>
    ipcRenderer.invoke(C.openRoom, handle, promptId, address, port),
  closeRoom: (roomId) => ipcRenderer.invoke(C.closeRoom, roomId),
  nextRoomUpdate: (roomId, saved, failed) =>
    ipcRenderer.invoke(C.nextRoomUpdate, roomId, saved, failed),
}

contextBridge.exposeInMainWorld('blankboard', api)
