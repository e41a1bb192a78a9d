/**
 * Registers every method of the API channel table on `ipcMain`. Each call is checked
 * before anything runs: the sender must be one of the app's own pages, the arguments
 * must fit in `callLimit(method)` (measured before any schema walks them) and match the
 * method's schema. Refusals reject with a message; failures reach the page in words
 * (no paths, no system error text), their detail goes to the log.
 * Electron is a type-only import here; the caller hands in `ipcMain`.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { BlankboardApi } from '../core/api.ts'
import { API_CHANNELS, API_METHODS, checkArgs } from '../core/api.ts'
import { payloadSize } from './payload-size.ts'
import { publicMessage, publicResult } from './public-errors.ts'
import { callLimit, isAppUrl } from './security.ts'

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
          throw new Error(`Refused ${method}: the sender is not a Blankboard page.`)
        }
        const limit = callLimit(method)
        if (payloadSize(raw, limit) > limit) {
          const mb = limit / (1024 * 1024)
          throw new Error(`Refused ${method}: the call is larger than ${mb} MB.`)
        }
        const checked = checkArgs(method, raw)
        if (!checked.ok) throw new Error(`Refused ${method}: ${checked.message}`)
        const call = api[method] as (...args: unknown[]) => Promise<unknown>
        try {
          return publicResult(await call(...checked.args))
        } catch (error) {
          console.error(`${method} failed:`, error)
          throw new Error(publicMessage((error as Error).message ?? String(error)), {
            cause: error,
          })
        }
      },
    )
  }
}
