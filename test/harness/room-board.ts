/**
 * A board without a window, for room tests and the room benchmark: takes the room's
 * replies as the renderer does (new notes in free inbox slots, face down when the
 * prompt collects so, equal replies stacked), applies them to the real store, and
 * reports them saved once the store's write resolved without error. Phones' dots are cast
 * one by one as clicks would be (a dot the vote refuses is reported failed).
 */
import { boardOf, obstaclesOf } from '../../core/board-gestures.ts'
import { castDot } from '../../core/vote.ts'
import { createNote } from '../../core/create.ts'
import { addRepliesWithStacking } from '../../core/duplicates.ts'
import { inboxSlots } from '../../core/layout.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import type { RoomApi } from '../../electron/room/room-manager.ts'

/** A running headless board. */
export interface RoomBoard {
  /** Resolves when the room has closed (or `stop` was called). */
  done: Promise<void>
  /** Stops taking replies after the current update. */
  stop(): void
  /** The latest counts the room reported. */
  counts: { phones: number; replies: number }
}

/** Takes the room's replies into the workshop `handle` until the room closes. */
export function runRoomBoard(
  room: RoomApi,
  store: WorkshopStore,
  handle: string,
  roomId: string,
  promptId: string,
): RoomBoard {
  let stopped = false
  const counts = { phones: 0, replies: 0 }
  const added = new Set<string>()
  const done = (async () => {
    let saved: string[] = []
    let failed: string[] = []
    while (!stopped) {
      const update = await room.nextRoomUpdate(roomId, saved, failed)
      saved = []
      failed = []
      counts.phones = update.phones
      counts.replies = update.replies
      if (!update.open) return
      if (update.dots.length > 0) {
        // Each dot is cast as a click would be, one op at a time; a refused one is failed.
        for (const d of update.dots) {
          if (added.has(d.id)) {
            saved.push(d.id)
            continue
          }
          try {
            const opened = await store.openWorkshop(store.pathOf(handle))
            if (opened.kind !== 'opened') throw new Error(opened.kind)
            const doc = opened.workshop.workshop
            const prompt = doc.prompts.find((p) => p.id === promptId)!
            const target = { kind: 'cluster' as const, id: d.clusterId }
            const result = castDot(doc, boardOf(doc, promptId), prompt, target, d.delta)
            if ('refused' in result) {
              failed.push(d.id)
              continue
            }
            const applied = await store.applyOps(handle, opened.workshop.revision, result.ops)
            if (applied.saveError) failed.push(d.id)
            else {
              added.add(d.id)
              saved.push(d.id)
            }
          } catch {
            failed.push(d.id)
          }
        }
      }
      if (update.incoming.length === 0) continue
      const ids = update.incoming.map((r) => r.id)
      // A reply sent again by the room is added once.
      const fresh = update.incoming.filter((r) => !added.has(r.id))
      if (fresh.length === 0) {
        saved.push(...ids)
        continue
      }
      try {
        const opened = await store.openWorkshop(store.pathOf(handle))
        if (opened.kind !== 'opened') throw new Error(opened.kind)
        const doc = opened.workshop.workshop
        const prompt = doc.prompts.find((p) => p.id === promptId)!
        const slots = inboxSlots(obstaclesOf(boardOf(doc, promptId)), fresh.length)
        const now = new Date()
        const notes = fresh.map((r, i) =>
          createNote(
            {
              promptId,
              text: r.text,
              author: r.author,
              source: 'room',
              hidden: prompt.hidden,
              ...slots[i]!,
            },
            now,
          ),
        )
        const { ops } = addRepliesWithStacking(doc, notes)
        const applied = await store.applyOps(handle, opened.workshop.revision, ops)
        if (applied.saveError) failed.push(...ids)
        else {
          saved.push(...ids)
          for (const r of fresh) added.add(r.id)
        }
      } catch {
        failed.push(...ids)
      }
    }
  })()
  return {
    done,
    stop: () => {
      stopped = true
    },
    counts,
  }
}
