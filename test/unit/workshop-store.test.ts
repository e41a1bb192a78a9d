import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpenWorkshop } from '../../core/api.ts'
import { createNote } from '../../core/create.ts'
import { NO_VOTE } from '../../core/model.ts'
import { FORMAT_VERSION } from '../../core/migrations.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import { createWorkshopStore, fileNameForTitle } from '../../electron/files/workshop-store.ts'

let dir: string
let store: WorkshopStore

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-store-'))
  store = createWorkshopStore({ workshopsDir: join(dir, 'Blankboard'), dataDir: join(dir, 'data') })
})
afterEach(async () => {
  await store.flushAll()
  await rm(dir, { recursive: true, force: true })
})

async function created(title: string): Promise<OpenWorkshop> {
  const result = await store.createWorkshop(title)
  if (result.kind !== 'opened') throw new Error(`not opened: ${result.kind}`)
  return result.workshop
}

function note(open: OpenWorkshop, text: string, x = 0, y = 0) {
  return createNote({ promptId: open.workshop.prompts[0]!.id, text, x, y })
}

describe('the workshop store', () => {
  it('creates a named .blankboard file with the first prompt, in the workshops folder', async () => {
    const open = await created('Team offsite')
    expect(open.path).toBe(join(dir, 'Blankboard', 'Team offsite.blankboard'))
    const onDisk = JSON.parse(await readFile(open.path, 'utf8'))
    expect(onDisk).toMatchObject({ format: 'blankboard', formatVersion: FORMAT_VERSION })
    expect(onDisk.workshop.prompts).toEqual([
      {
        id: expect.any(String),
        text: 'What if, in your attempt to ____?',
        hidden: false,
        vote: NO_VOTE,
      },
    ])
  })

  it('never replaces an existing workshop when a name is reused', async () => {
    const first = await created('Retro')
    const second = await created('Retro')
    expect(second.path).toBe(join(dir, 'Blankboard', 'Retro 2.blankboard'))
    expect(second.workshop.id).not.toBe(first.workshop.id)
    expect(JSON.parse(await readFile(first.path, 'utf8')).workshop.id).toBe(first.workshop.id)
  })

  it('makes a safe file name from any title', () => {
    expect(fileNameForTitle('Q3: plan / review?')).toBe('Q3- plan - review-')
    expect(fileNameForTitle('  ...  ')).toBe('Workshop')
    expect(fileNameForTitle('Atelier équipe 🚀')).toBe('Atelier équipe 🚀')
  })

  it('writes applied ops to disk before acknowledging them, and reopens them intact', async () => {
    const open = await created('Persist')
    const texts = ['Café ☕ au lait', 'e\u0301 combining', '👩‍👩‍👧 family', 'مرحبا بالعالم', '漢字かな']
    const notes = texts.map((text, i) => note(open, text, i * 240, 0))
    const ack = await store.applyOps(open.handle, 0, [{ type: 'addNotes', notes }])
    expect(ack).toEqual({ revision: 1, saveError: null })
    const moved = await store.applyOps(open.handle, 1, [
      { type: 'moveNotes', moves: [{ id: notes[2]!.id, x: 700, y: 400 }] },
    ])
    expect(moved.revision).toBe(2)

    // A second store is a fresh process's view of the same disk.
    const other = createWorkshopStore({
      workshopsDir: join(dir, 'Blankboard'),
      dataDir: join(dir, 'd2'),
    })
    const reopened = await other.openWorkshop(open.path)
    if (reopened.kind !== 'opened') throw new Error(reopened.kind)
    const byId = reopened.workshop.workshop.notes
    expect(notes.map((n) => byId[n.id]?.text)).toEqual(texts)
    expect(byId[notes[2]!.id]).toMatchObject({ x: 700, y: 400 })
  })

  it('refuses a batch from a window that is out of step, or one that does not fit', async () => {
    const open = await created('Steps')
    await expect(
      store.applyOps(open.handle, 5, [{ type: 'deleteNotes', ids: ['x'] }]),
    ).rejects.toThrow(/out of step/)
    await expect(
      store.applyOps(open.handle, 0, [{ type: 'deleteNotes', ids: ['x'] }]),
    ).rejects.toThrow(/Change refused: no note with id x/)
    await expect(store.applyOps('not-a-handle', 0, [])).rejects.toThrow(/not open/)
  })

  it('coalesces a burst of batches and leaves no temp files behind', async () => {
    const open = await created('Burst')
    const n = note(open, 'moving')
    await store.applyOps(open.handle, 0, [{ type: 'addNotes', notes: [n] }])
    const acks = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.applyOps(open.handle, i + 1, [
          { type: 'moveNotes', moves: [{ id: n.id, x: i, y: i }] },
        ]),
      ),
    )
    expect(acks.map((a) => a.revision)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2))
    const saved = JSON.parse(await readFile(open.path, 'utf8'))
    expect(saved.workshop.notes[n.id]).toMatchObject({ x: 49, y: 49 })
    expect((await readdir(join(dir, 'Blankboard'))).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('says why a file cannot be opened, and never writes to it', async () => {
    const bad = join(dir, 'broken.blankboard')
    await writeFile(bad, '{"format":"blankboard", "formatVersion": 1, "workshop": {')
    expect(await store.openWorkshop(bad)).toMatchObject({ kind: 'unreadable' })
    expect(await readFile(bad, 'utf8')).toBe(
      '{"format":"blankboard", "formatVersion": 1, "workshop": {',
    )

    const notOurs = join(dir, 'package.blankboard')
    await writeFile(notOurs, '{"name":"something"}')
    expect(await store.openWorkshop(notOurs)).toMatchObject({ kind: 'notWorkshop' })

    const binary = join(dir, 'binary.blankboard')
    await writeFile(binary, Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]))
    expect(await store.openWorkshop(binary)).toMatchObject({
      kind: 'unreadable',
      reason: 'the file is not UTF-8 text',
    })

    expect(await store.openWorkshop(join(dir, 'gone.blankboard'))).toMatchObject({
      kind: 'missing',
    })
  })

  it('keeps a recent list, newest first, marking files that have gone missing', async () => {
    const a = await created('Alpha')
    await created('Beta')
    await store.closeWorkshop(a.handle)
    await store.openWorkshop(a.path)
    let recent = await store.listRecent()
    expect(recent.map((r) => r.title)).toEqual(['Alpha', 'Beta'])
    await rm(a.path)
    recent = await store.listRecent()
    expect(recent.map((r) => [r.title, r.exists])).toEqual([
      ['Alpha', false],
      ['Beta', true],
    ])
    recent = await store.forgetRecent(a.path)
    expect(recent.map((r) => r.title)).toEqual(['Beta'])
  })
})
