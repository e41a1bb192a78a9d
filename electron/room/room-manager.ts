/**
 * The room's share of the API: at most one room open at a time, for one prompt of one
 * open workshop. The Electron shell and the web harness both build it over their store.
 * Plain Node, no Electron import.
 * Limits: the desktop app offers only local-network addresses; `allowLoopback` (the web
 * harness and tests, which have no local network) adds 127.0.0.1.
 */
import { randomUUID } from 'node:crypto'
import type { BlankboardApi } from '../../core/api.ts'
import type { Workshop } from '../../core/model.ts'
import type { RoomAddress } from '../../core/room.ts'
import type { WorkshopStore } from '../files/store-api.ts'
import { lanAddresses } from './lan-addresses.ts'
import type { RoomLimits, RoomServer } from './room-server.ts'
import { startRoomServer } from './room-server.ts'

/** How long one `nextRoomUpdate` waits for news. */
export const ROOM_UPDATE_WAIT_MS = 20_000

/** The API methods of the room. */
export type RoomApi = Pick<
  BlankboardApi,
  'listRoomAddresses' | 'openRoom' | 'closeRoom' | 'nextRoomUpdate'
>

/** The room methods, plus what the shell needs. */
export interface RoomManager extends RoomApi {
  /** Closes the room if it collects for the workshop `handle` (which is closing). */
  closeFor(handle: string): Promise<void>
  /** Closes the room, whatever it is for (the app is quitting). */
  closeAll(): Promise<void>
  /** The open room's server, or null (tests and benchmarks). */
  current(): RoomServer | null
}

/** Options of `createRoomManager`. */
export interface RoomManagerOptions {
  /** The open workshop `handle` as saved now, or null when it is not open. */
  readWorkshop(handle: string): Promise<Workshop | null>
  /** Adds 127.0.0.1 to the addresses (web harness and tests only). */
  allowLoopback?: boolean
  /** Offers the computer's local-network addresses too (default: unless `allowLoopback`). */
  offerLan?: boolean
  /** Limits other than the real ones (tests and benchmarks). */
  limits?: Partial<RoomLimits>
}

/** Reads an open workshop from the store by its handle. */
export function storeReader(store: WorkshopStore): (handle: string) => Promise<Workshop | null> {
  return async (handle) => {
    try {
      const result = await store.openWorkshop(store.pathOf(handle))
      return result.kind === 'opened' && result.workshop.handle === handle
        ? result.workshop.workshop
        : null
    } catch {
      return null
    }
  }
}

/** Creates the room methods. */
export function createRoomManager(options: RoomManagerOptions): RoomManager {
  let room: { id: string; handle: string; server: RoomServer } | null = null

  function addresses(): RoomAddress[] {
    const list: RoomAddress[] = []
    if (options.allowLoopback) list.push({ address: '127.0.0.1', name: 'this computer only' })
    if (options.offerLan ?? !options.allowLoopback) list.push(...lanAddresses())
    return list
  }

  async function close(): Promise<void> {
    const open = room
    room = null
    await open?.server.close()
  }

  return {
    listRoomAddresses: async () => addresses(),
    openRoom: async (handle, promptId, address, port) => {
      if (!addresses().some((a) => a.address === address)) {
        throw new Error(
          'That network address is not available on this computer any more. Choose another.',
        )
      }
      const workshop = await options.readWorkshop(handle)
      if (!workshop) throw new Error('This workshop is not open any more.')
      if (!workshop.prompts.some((p) => p.id === promptId))
        throw new Error('This prompt is not in the workshop any more.')
      await close()
      const server = await startRoomServer({
        address,
        port,
        allowLoopback: options.allowLoopback,
        limits: options.limits,
        prompt: async () => {
          const doc = await options.readWorkshop(handle)
          const prompt = doc?.prompts.find((p) => p.id === promptId)
          if (!prompt || !doc) return null
          const vote =
            prompt.vote.state !== 'open'
              ? null
              : {
                  dotsPerPerson: prompt.vote.dotsPerPerson,
                  clusters: Object.values(doc.clusters)
                    .filter((c) => c.promptId === promptId)
                    .sort((a, b) => a.order - b.order)
                    .map((c, i) => ({ id: c.id, number: i + 1, name: c.name, votes: c.votes })),
                }
          return { text: prompt.text, hidden: prompt.hidden, vote }
        },
      })
      const id = randomUUID()
      room = { id, handle, server }
      return {
        roomId: id,
        url: server.url,
        code: server.code,
        address: server.address,
        port: server.port,
        promptId,
      }
    },
    closeRoom: async (roomId) => {
      if (room?.id === roomId) await close()
    },
    nextRoomUpdate: async (roomId, saved, failed) => {
      if (room?.id !== roomId) return { open: false, phones: 0, replies: 0, incoming: [], dots: [] }
      return room.server.update(saved, failed, ROOM_UPDATE_WAIT_MS)
    },
    closeFor: async (handle) => {
      if (room?.handle === handle) await close()
    },
    closeAll: close,
    current: () => room?.server ?? null,
  }
}
