/**
 * One workshop, one window: before a window shows a workshop, it asks the app's other
 * windows (same origin: the desktop app's windows, or the harness's tabs) over a
 * BroadcastChannel whether one of them shows it already. That one comes to the front
 * and this one does not open it, so two windows never write one file at once.
 *
 * Limits: a window that does not answer within 150 ms (busy, or gone) is taken as
 * absent; a browser may refuse to bring a tab to the front, so the asking window says
 * where the workshop is too.
 */

const CHANNEL = 'blankboard-open-workshops'
const WAIT_MS = 150

type Message = { type: 'whoHas'; handle: string; id: string } | { type: 'iHave'; id: string }

/** The handle this window shows now, or null. */
let shown: string | null = null
let channel: BroadcastChannel | null = null

function open(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel
  channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (event: MessageEvent<Message>) => {
    const message = event.data
    if (message.type === 'whoHas' && shown !== null && message.handle === shown) {
      channel?.postMessage({ type: 'iHave', id: message.id } satisfies Message)
      window.focus()
    }
  }
  return channel
}

/** Says which workshop this window shows (null: none), so others can ask. */
export function showing(handle: string | null): void {
  shown = handle
  open()
}

/** True when another window shows the workshop with this handle (it comes to the front). */
export function shownElsewhere(handle: string): Promise<boolean> {
  const bus = open()
  if (!bus) return Promise.resolve(false)
  const id = crypto.randomUUID()
  return new Promise((resolve) => {
    const answer = new BroadcastChannel(CHANNEL)
    const done = (found: boolean) => {
      clearTimeout(timer)
      answer.close()
      resolve(found)
    }
    answer.onmessage = (event: MessageEvent<Message>) => {
      if (event.data.type === 'iHave' && event.data.id === id) done(true)
    }
    const timer = setTimeout(() => done(false), WAIT_MS)
    bus.postMessage({ type: 'whoHas', handle, id } satisfies Message)
  })
}
