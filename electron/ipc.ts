/**
 * Registers every method of the API channel table on `ipcMain`. Each call is checked
 * before anything runs: the sender must be one of the app's own pages, and the
 * arguments must match the method's schema. Refusals reject with a message.
 * Electron is a type-only import here; the caller hands in `ipcMain`.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { BlankboardApi } from '../core/api.ts'
import { API_CHANNELS, API_METHODS, checkArgs } from '../core/api.ts'
import { isAppUrl } from './security.ts'

/** Registers a handler for every API method; `isTrusted` decides by the sender frame's URL. */
export function registerIpc(
  ipc: Pick<IpcMain, 'handle'>,
  api: BlankboardApi,
  isTrusted: (url: string) => boolean = isAppUrl,
): void {
  for (const method of API_METHODS) {
    ipc.handle(
      API_CHANNELS[method].channel,
      async (event: IpcMainInvokeEvent, ...raw: unknown[]) => {
        const url = event.senderFrame?.url ?? ''
        if (!isTrusted(url)) {
          throw new Error(
            `Refused ${method}: the sender (${url || 'unknown'}) is not a Blankboard page.`,
          )
        }
        const checked = checkArgs(method, raw)
        if (!checked.ok) throw new Error(`Refused ${method}: ${checked.message}`)
        const call = api[method] as (...args: unknown[]) => Promise<unknown>
        return call(...checked.args)
      },
    )
  }
}
