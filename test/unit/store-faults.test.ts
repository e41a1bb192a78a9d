import * as fs from 'node:fs/promises'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpenWorkshop } from '../../core/api.ts'
import { createNote } from '../../core/create.ts'
import { decodeWorkshop } from '../../core/migrations.ts'
import type { Note } from '../../core/model.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import type { StoreOptions } from '../../electron/files/workshop-store.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'

let dir: string
let store: WorkshopStore
/**
 * When set, writing a save's temp file fails with this code half-way through (a full or
 * read-only disk): the temp file exists by then, so the store must clean it up.
 */
let fault: string | null = null

const faulty: StoreOptions['fs'] = {
  readFile: fs.readFile,
  rename: fs.rename,
  rm: fs.rm,
  stat: fs.stat,
  open: (async (path: string, flags: string, mode?: number) => {
    const handle = await fs.open(path, flags, mode)
    if (!path.endsWith('.tmp')) return handle
    return new Proxy(handle, {
      get(h, key) {
        if (key === 'writeFile' && fault) {
          const code = fault
          return async (data: string) => {
            await h.writeFile(data.slice(0, data.length / 2))
            throw Object.assign(new Error(code), { code })
          }
        }
        const value = Reflect.get(h, key)
        return typeof value === 'function' ? value.bind(h) : value
      },
    })
  }) as typeof fs.open,
}

beforeEach(async () => {
  fault = null
  dir = await mkdtemp(join(tmpdir(), 'blankboard-faults-'))
  store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, 'data') }, { fs: faulty })
})
afterEach(async () => {
  fault = null
  await store.closeAll()
  await rm(dir, { recursive: true, force: true })
})

async function created(title = 'Faults'): Promise<OpenWorkshop> {
  const result = await store.createWorkshop(title)
  if (result.kind !== 'opened') throw new Error(result.kind)
  return result.workshop
}

function notes(open: OpenWorkshop, count: number, text = (i: number) => `reply ${i}`): Note[] {
  const promptId = open.workshop.prompts[0]!.id
  return Array.from({ length: count }, (_, i) =>
    createNote({ promptId, text: text(i), x: i, y: 0 }),
  )
}

const onDisk = async (path: string) => {
  const result = decodeWorkshop(await readFile(path, 'utf8'))
  if (result.kind !== 'ok') throw new Error(result.kind)
  return result.workshop
}

describe('saving when the disk says no', () => {
  for (const [code, words] of [
    ['ENOSPC', 'the disk is full'],
    ['EROFS', 'the disk is read-only'],
    ['EACCES', 'permission denied'],
  ] as const) {
    it(`${code}: the change stays in memory, the old file is untouched, and Retry saves it later`, async () => {
      const open = await created()
      const before = await readFile(open.path)
      fault = code
      const ack = await store.applyOps(open.handle, 0, [
        { type: 'addNotes', notes: notes(open, 1) },
      ])
      expect(ack).toEqual({ revision: 1, saveError: words })
      expect(await readFile(open.path)).toEqual(before)
      expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
      expect((await store.retrySave(open.handle)).saveError).toBe(words)
      fault = null
      expect(await store.retrySave(open.handle)).toEqual({ revision: 1, saveError: null })
      expect(Object.values((await onDisk(open.path)).notes).map((n) => n.text)).toEqual(['reply 0'])
    })
  }

  it('Save As puts the workshop elsewhere and keeps working there; it never replaces a file', async () => {
    const open = await created('Original')
    await store.applyOps(open.handle, 0, [{ type: 'addNotes', notes: notes(open, 2) }])
    const elsewhere = join(dir, 'Elsewhere.blankboard')
    const moved = await store.saveAs(open.handle, elsewhere)
    if (moved.kind !== 'opened') throw new Error(moved.kind)
    expect(moved.workshop).toMatchObject({ handle: open.handle, path: elsewhere, readOnly: null })
    await store.applyOps(open.handle, 1, [
      { type: 'addNotes', notes: notes(open, 1, () => 'later') },
    ])
    expect(Object.keys((await onDisk(elsewhere)).notes)).toHaveLength(3)
    expect(Object.keys((await onDisk(open.path)).notes)).toHaveLength(2)
    await expect(store.saveAs(open.handle, open.path)).rejects.toThrow(/already exists/)
  })
})

describe('the last change and big workshops', () => {
  it('closing waits for a pending write: the last change is on disk', async () => {
    const open = await created()
    const pending = store.applyOps(open.handle, 0, [{ type: 'addNotes', notes: notes(open, 500) }])
    await store.closeAll() // as the app does when it quits
    expect(Object.keys((await onDisk(open.path)).notes)).toHaveLength(500)
    expect((await pending).saveError).toBeNull()
  })

  it('opens and saves a 10 MB workshop', async () => {
    const open = await created('Big')
    const long = (i: number) => `reply ${i}: ` + 'the words of a long survey answer '.repeat(4)
    const big = notes(open, 20_000, long)
    await store.applyOps(open.handle, 0, [{ type: 'addNotes', notes: big }])
    await store.closeWorkshop(open.handle)
    const size = (await fs.stat(open.path)).size
    expect(size).toBeGreaterThan(10 * 1024 * 1024)
    const reopened = await store.openWorkshop(open.path)
    if (reopened.kind !== 'opened') throw new Error(reopened.kind)
    expect(Object.keys(reopened.workshop.workshop.notes)).toHaveLength(20_000)
    const ack = await store.applyOps(reopened.workshop.handle, 0, [
      { type: 'editNote', id: big[9_999]!.id, text: 'changed' },
    ])
    expect(ack.saveError).toBeNull()
    expect((await onDisk(open.path)).notes[big[9_999]!.id]!.text).toBe('changed')
  }, 30_000)
})
