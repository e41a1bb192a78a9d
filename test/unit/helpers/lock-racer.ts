/**
 * A child process for the lock race test: on each `go` from its parent it tries to take
 * the lock of one file and says whether it got it; it gives the lock back on `release`.
 */
import type { LockResult } from '../../../electron/files/file-lock.ts'
import { lockFile } from '../../../electron/files/file-lock.ts'

const [path] = process.argv.slice(2) as [string]
let held: LockResult | null = null

process.on('message', (message: { go?: number; release?: number; exit?: true }) => {
  void (async () => {
    if (message.go !== undefined) {
      held = await lockFile(path)
      process.send?.({ round: message.go, ok: held.ok })
    } else if (message.release !== undefined) {
      if (held?.ok) await held.release()
      held = null
      process.send?.({ released: message.release })
    } else if (message.exit) {
      process.exit(0)
    }
  })()
})
process.send?.({ ready: true })
