import { describe, expect, it } from 'vitest'
import { SaveQueue } from '../../electron/files/save-queue.ts'

/** A write that records the state it saw and finishes only when the test says so. */
function gatedWrites() {
  let state = 0
  const written: number[] = []
  const gates: (() => void)[] = []
  let fail: Error | null = null
  const queue = new SaveQueue(async () => {
    const seen = state
    await new Promise<void>((resolve) => gates.push(resolve))
    if (fail) throw fail
    written.push(seen)
  })
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0))
  return {
    queue,
    written,
    change: () => ++state,
    failNext: (error: Error | null) => (fail = error),
    /** Lets the write in flight finish. */
    finish: async () => {
      await tick()
      gates.shift()?.()
      await tick()
    },
    pending: () => gates.length,
  }
}

describe('the save queue', () => {
  it('a burst of 50 changes while idle makes exactly two writes: the first change, then the latest', async () => {
    const w = gatedWrites()
    const answers: Promise<void>[] = []
    for (let i = 0; i < 50; i++) {
      w.change()
      answers.push(w.queue.request())
    }
    await w.finish()
    await w.finish()
    await Promise.all(answers)
    expect(w.written).toEqual([1, 50])
    await w.finish()
    expect(w.written).toHaveLength(2) // nothing more was written
  })

  it('changes made while a write is in flight share one write after it, which has the latest state', async () => {
    const w = gatedWrites()
    w.change()
    const first = w.queue.request()
    await new Promise((resolve) => setTimeout(resolve, 0))
    const later = [1, 2, 3, 4, 5].map(() => (w.change(), w.queue.request()))
    expect(w.pending()).toBe(1) // one write in flight, never two
    await w.finish()
    await first
    await w.finish()
    await Promise.all(later)
    expect(w.written).toEqual([1, 6])
  })

  it('a failed write rejects exactly the requests it was to answer; the next request writes again', async () => {
    const w = gatedWrites()
    w.failNext(Object.assign(new Error('disk full'), { code: 'ENOSPC' }))
    w.change()
    const failed = w.queue.request()
    const failedCheck = expect(failed).rejects.toThrow('disk full')
    await w.finish()
    await failedCheck
    w.failNext(null)
    const retried = w.queue.request()
    await w.finish()
    await retried
    expect(w.written).toEqual([1])
  })

  it('idle waits for every write asked for, and an exclusive task runs with no write beside it', async () => {
    const w = gatedWrites()
    w.change()
    const first = w.queue.request()
    let exclusiveRan = false
    const exclusive = w.queue.exclusive(async () => {
      expect(w.pending()).toBe(0) // the write in flight finished first
      exclusiveRan = true
    })
    const during = (w.change(), w.queue.request())
    await w.finish()
    await first
    await exclusive
    expect(exclusiveRan).toBe(true)
    let idle = false
    const idled = w.queue.idle().then(() => (idle = true))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(idle).toBe(false) // the write asked for during the task is still to come
    await w.finish()
    await during
    await idled
    expect(w.written).toEqual([1, 2])
  })
})
