/**
 * The board's side of the room: opens and closes it, and takes the replies phones send.
 * Each batch of replies is added to the board as typed replies are (free inbox slots,
 * face down when the prompt collects so, equal replies stacked, one undo step), and
 * reported saved only once the store has written it; a batch the store refused is
 * reported lost, so the phones send it again. A phone's dot is cast like a click (one op,
 * one undo step each); a dot the vote refuses is reported lost, and the phone says so.
 * Limits: one room per window, for the prompt it was opened on.
 */
import { SvelteSet } from 'svelte/reactivity'
import type { RoomAddress, RoomDot, RoomInfo, RoomReply } from '../../core/room.ts'
import { api, messageOf } from '../api.ts'
import type { WorkshopSession } from '../state/workshop-session.svelte.ts'

/** The room of one open workshop. */
export class RoomState {
  /** The open room, or null while closed. */
  info: RoomInfo | null = $state(null)
  /** Phones seen in the last half minute. */
  phones = $state(0)
  /** Replies saved from phones since the room opened. */
  replies = $state(0)
  /** The last problem, in words; empty when none. */
  error = $state('')
  /** True while the join screen covers the board. */
  showJoin = $state(true)
  /** Addresses to choose from when the computer is on several networks. */
  choices: RoomAddress[] = $state([])
  /** True while opening. */
  opening = $state(false)

  private readonly session: () => WorkshopSession
  private readonly add: (promptId: string, replies: RoomReply[]) => void
  /** Casts one phone's dot on the prompt's board; false when the vote refuses it. */
  private readonly cast: (promptId: string, dot: RoomDot) => boolean
  private waiting: { ids: string[]; refusals: number }[] = []
  /** Replies already on the board (the room may send one again; it is added once). */
  private added = new SvelteSet<string>()

  constructor(
    session: () => WorkshopSession,
    add: (promptId: string, replies: RoomReply[]) => void,
    cast: (promptId: string, dot: RoomDot) => boolean,
  ) {
    this.session = session
    this.add = add
    this.cast = cast
  }

  /**
   * Opens the room for `promptId`. Without an address, the only one the computer has;
   * when it has several, `choices` lists them and nothing opens until one is chosen.
   */
  async open(promptId: string, address?: string): Promise<void> {
    if (this.opening) return
    this.error = ''
    this.opening = true
    try {
      let chosen = address
      if (chosen === undefined) {
        const list = await api().listRoomAddresses()
        if (list.length === 0) {
          this.error =
            'This computer is on no local network. Join the room’s Wi-Fi (or start a hotspot), then open the room.'
          return
        }
        if (list.length > 1) {
          this.choices = list
          return
        }
        chosen = list[0]!.address
      }
      this.choices = []
      const info = await api().openRoom(this.session().handle, promptId, chosen, 0)
      this.info = info
      this.phones = 0
      this.replies = 0
      this.showJoin = true
      this.waiting = []
      this.added.clear()
      void this.follow(info.roomId)
    } catch (error) {
      this.error = messageOf(error)
    } finally {
      this.opening = false
    }
  }

  /** Closes the room: phones can no longer send. */
  async close(): Promise<void> {
    this.choices = []
    const info = this.info
    if (!info) return
    this.info = null
    try {
      await api().closeRoom(info.roomId)
    } catch (error) {
      this.error = messageOf(error)
    }
  }

  /** Takes replies until the room closes. */
  private async follow(roomId: string): Promise<void> {
    let saved: string[] = []
    let failed: string[] = []
    while (this.info?.roomId === roomId) {
      let update
      try {
        update = await api().nextRoomUpdate(roomId, saved, failed)
      } catch (error) {
        this.error = messageOf(error)
        await new Promise((resolve) => setTimeout(resolve, 2000))
        continue
      }
      saved = []
      failed = []
      if (this.info?.roomId !== roomId) return
      if (!update.open) {
        this.info = null
        this.error = 'The room closed.'
        return
      }
      this.error = ''
      this.phones = update.phones
      this.replies = update.replies
      const session = this.session()
      const dots = update.dots ?? []
      if (update.incoming.length > 0 || dots.length > 0) {
        const ids = update.incoming.map((r) => r.id)
        for (const d of dots) {
          if (this.added.has(d.id) || this.cast(this.info.promptId, d)) {
            this.added.add(d.id)
            ids.push(d.id)
          } else failed.push(d.id)
        }
        this.waiting.push({ ids, refusals: session.refusals })
        const fresh = update.incoming.filter((r) => !this.added.has(r.id))
        for (const r of fresh) this.added.add(r.id)
        if (fresh.length > 0) this.add(this.info.promptId, fresh)
        await session.settled()
      }
      const still: typeof this.waiting = []
      for (const batch of this.waiting) {
        if (session.refusals !== batch.refusals) {
          failed.push(...batch.ids)
          for (const id of batch.ids) this.added.delete(id)
        } else if (session.saveState.kind === 'saved') saved.push(...batch.ids)
        else still.push(batch) // not written yet (a failing disk): wait for a good save
      }
      this.waiting = still
    }
  }
}
