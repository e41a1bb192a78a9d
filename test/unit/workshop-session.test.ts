/**
 * The page-side session against a real store in a temp folder, reached through the
 * same API object the harness serves (only the HTTP hop is left out).
 */
import * as fs from 'node:fs/promises'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BlankboardApi, UnsavedChoice } from '../../core/api.ts'
import { checkArgs } from '../../core/api.ts'
import { createNote } from '../../core/create.ts'
import { decodeWorkshop } from '../../core/migrations.ts'
import type { Op } from '../../core/ops.ts'
import { MAX_NOTE_TEXT } from '../../core/schema.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import type { StoreOptions } from '../../electron/files/workshop-store.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'
import { WorkshopSession } from '../../renderer/state/workshop-session.svelte.ts'
import { harnessApi } from '../harness/web-harness.ts'

let dir: string
let store: WorkshopStore
/** Every batch the page sent, as the main process received it. */
let batches: Op[][]
/** When set, saves fail with this code (a full disk) until cleared. */
let fault: string | null

const faulty: StoreOptions['fs'] = {
  ...fs,
  open: (async (path: string, flags: string, mode?: number) => {
    if (fault && path.endsWith('.tmp')) throw Object.assign(new Error(fault), { code: fault })
    return fs.open(path, flags, mode)
  }) as typeof fs.open,
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-session-'))
  store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, 'data') }, { fs: faulty })
  batches = []
  fault = null
  const base = harnessApi(store, dir)
  const api: BlankboardApi = {
    ...base,
    applyOps: async (handle, revision, ops) => {
      batches.push(ops)
      // Checked as the main process checks every call.
      const checked = checkArgs('applyOps', [handle, revision, ops])
      if (!checked.ok) throw new Error(checked.message)
      // The main process's own limit on a batch's size.
      if (JSON.stringify(ops).length > 4 * 1024 * 1024) throw new Error('batch too big')
      return base.applyOps(handle, revision, ops)
    },
  }
  Object.assign(globalThis, { window: { blankboard: api } })
})
afterEach(async () => {
  fault = null
  await store.closeAll()
  await rm(dir, { recursive: true, force: true })
})

async function session(title = 'Session'): Promise<WorkshopSession> {
  const result = await store.createWorkshop(title)
  if (result.kind !== 'opened') throw new Error(result.kind)
  return new WorkshopSession(result.workshop)
}

const addNote = (s: WorkshopSession, text: string): Op => ({
  type: 'addNotes',
  notes: [createNote({ promptId: s.doc.prompts[0]!.id, text, x: 0, y: 0 })],
})

async function onDisk(s: WorkshopSession) {
  const result = decodeWorkshop(await readFile(s.path, 'utf8'))
  if (result.kind !== 'ok') throw new Error(result.kind)
  return Object.values(result.workshop.notes)
    .map((n) => n.text)
    .sort()
}

describe('WorkshopSession', () => {
  it('a burst of gestures is applied at once and sent in order, coalesced: one batch in flight', async () => {
    const s = await session()
    for (let i = 0; i < 20; i++) s.perform([addNote(s, `reply ${i}`)])
    expect(Object.keys(s.doc.notes)).toHaveLength(20) // the board never waits for the disk
    await s.settled()
    expect(batches.map((b) => b.length)).toEqual([1, 19])
    expect(s.saveState).toEqual({ kind: 'saved' })
    expect(await onDisk(s)).toHaveLength(20)
  })

  it('undo and redo each send the inverse of one whole gesture', async () => {
    const s = await session()
    const first = addNote(s, 'kept')
    s.perform([first])
    const id = first.type === 'addNotes' ? first.notes[0]!.id : ''
    s.perform([
      { type: 'editNote', id, text: 'changed' },
      { type: 'moveNotes', moves: [{ id, x: 99, y: 99 }] },
    ])
    s.undo()
    await s.settled()
    expect(s.doc.notes[id]).toMatchObject({ text: 'kept', x: 0 })
    s.redo()
    await s.settled()
    expect(await onDisk(s)).toEqual(['changed'])
    expect(s.canUndo).toBe(true)
  })

  it('a huge import travels in batches of at most 4 MB, yet is one undo step', async () => {
    const s = await session()
    const promptId = s.doc.prompts[0]!.id
    const long = 'a long survey answer, the kind people write when they care. '.repeat(10)
    const notes = Array.from({ length: 8_000 }, (_, i) =>
      createNote({ promptId, text: `${i} ${long}`, x: i, y: 0 }),
    )
    s.perform([{ type: 'addNotes', notes }])
    await s.settled()
    expect(batches.length).toBeGreaterThan(1)
    for (const batch of batches)
      expect(JSON.stringify(batch).length).toBeLessThanOrEqual(4 * 1024 * 1024)
    expect(await onDisk(s)).toHaveLength(8_000)
    s.undo()
    await s.settled()
    expect(s.canUndo).toBe(false)
    expect(await onDisk(s)).toEqual([])
  }, 60_000)

  it('an over-long edit is refused whole; the window reloads, shows the words, and the next gestures are saved', async () => {
    const s = await session()
    s.perform([addNote(s, 'first')])
    const note = Object.values(s.doc.notes)[0]!
    const tooLong = 'w'.repeat(MAX_NOTE_TEXT + 1)
    s.perform([addNote(s, 'same batch'), { type: 'editNote', id: note.id, text: tooLong }])
    await s.settled()
    expect(s.notice?.text).toContain(tooLong)
    expect(s.notice?.text).toContain('same batch')
    expect(Object.values(s.doc.notes).map((n) => n.text)).toEqual(['first'])
    s.perform([addNote(s, 'after the refusal')])
    await s.settled()
    expect(await onDisk(s)).toEqual(['after the refusal', 'first'])
    expect(s.saveState).toEqual({ kind: 'saved' })
  })

  it('after a refusal the window shows the file’s state, says so with the refused words, and goes on', async () => {
    const s = await session()
    s.perform([addNote(s, 'kept reply')])
    await s.settled()
    const note = Object.values(s.doc.notes)[0]!
    // Another writer moved the store on (as a second window would): this window's next
    // batch names an old revision and is refused.
    const other = await store.openWorkshop(s.path)
    if (other.kind !== 'opened') throw new Error(other.kind)
    await store.applyOps(s.handle, 1, [addNote(s, 'added elsewhere')])
    s.perform([{ type: 'editNote', id: note.id, text: 'the refused words' }])
    await s.settled()
    expect(s.notice?.message).toMatch(/could not be saved .*reloaded from its file/)
    expect(s.notice?.text).toBe('the refused words')
    expect(
      Object.values(s.doc.notes)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['added elsewhere', 'kept reply'])
    expect(s.canUndo).toBe(false) // history starts afresh on the reloaded document
    // The next gesture is not ignored: it reaches the file.
    s.perform([{ type: 'editNote', id: note.id, text: 'typed again' }])
    await s.settled()
    expect(await onDisk(s)).toEqual(['added elsewhere', 'typed again'])
    expect(s.saveState).toEqual({ kind: 'saved' })
  })

  it('closing after a failed save writes again once the disk is back: nothing is lost', async () => {
    const s = await session()
    fault = 'ENOSPC'
    s.perform([addNote(s, 'said while the disk was full')])
    await s.settled()
    expect(s.saveState).toMatchObject({ kind: 'failed', reason: 'the disk is full' })
    fault = null // the disk recovers; the facilitator closes
    const asked: string[] = []
    expect(await s.close(async (reason) => (asked.push(reason), 'cancel'))).toBe(true)
    expect(asked).toEqual([])
    expect(await onDisk(s)).toEqual(['said while the disk was full'])
  })

  it('closing while the disk still fails asks: Cancel keeps it open, Retry writes, Close without saving closes', async () => {
    const s = await session()
    fault = 'ENOSPC'
    s.perform([addNote(s, 'precious')])
    await s.settled()
    const choices: UnsavedChoice[] = ['cancel']
    const asked: string[] = []
    const ask = async (reason: string) => (asked.push(reason), choices.shift()!)
    expect(await s.close(ask)).toBe(false)
    expect(asked[0]).toMatch(/could not be saved: the disk is full/)
    // Still open: the next gesture is kept.
    s.perform([addNote(s, 'more')])
    await s.settled()
    // Retry once the disk is back.
    choices.push('retry')
    const closing = s.close(async (reason) => {
      asked.push(reason)
      fault = null
      return choices.shift()!
    })
    expect(await closing).toBe(true)
    expect(await onDisk(s)).toEqual(['more', 'precious'])
  })

  it('Close without saving closes and leaves the file as last saved', async () => {
    const s = await session()
    s.perform([addNote(s, 'saved before')])
    await s.settled()
    fault = 'EROFS'
    s.perform([addNote(s, 'never written')])
    await s.settled()
    expect(await s.close(async () => 'discard')).toBe(true)
    fault = null
    expect(await onDisk(s)).toEqual(['saved before'])
    // The workshop is closed: reopening it gets a fresh handle.
    const again = await store.openWorkshop(s.path)
    expect(again.kind === 'opened' && again.workshop.handle).not.toBe(s.handle)
  })

  it('Save As from the close question puts the changes in a new file, then closes', async () => {
    const s = await session('Offsite')
    fault = 'ENOSPC'
    s.perform([addNote(s, 'rescued')])
    await s.settled()
    const choices: UnsavedChoice[] = ['saveAs']
    const original = s.path
    const closing = s.close(async () => {
      fault = null // the copy goes to a disk that works
      return choices.shift()!
    })
    expect(await closing).toBe(true)
    expect(s.path).not.toBe(original)
    expect(await onDisk(s)).toEqual(['rescued'])
  })
})
