import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpenWorkshop } from '../../core/api.ts'
import { createNote } from '../../core/create.ts'
import { Backups, SNAPSHOT_EVERY_MS } from '../../electron/files/backups.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'

const damaged = (name: string) => new URL(`../fixtures/damaged/${name}`, import.meta.url)
const formats = (name: string) => new URL(`../fixtures/formats/${name}`, import.meta.url)

let dir: string
let store: WorkshopStore

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-recovery-'))
  store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, 'data') })
})
afterEach(async () => {
  await store.closeAll()
  await rm(dir, { recursive: true, force: true })
})

async function opened(path: string): Promise<OpenWorkshop> {
  const result = await store.openWorkshop(path)
  if (result.kind !== 'opened') throw new Error(`not opened: ${result.kind}`)
  return result.workshop
}

async function addReply(open: OpenWorkshop, revision: number, text: string) {
  const note = createNote({
    promptId: open.workshop.prompts[0]!.id,
    text,
    x: revision * 240,
    y: 60,
  })
  const ack = await store.applyOps(open.handle, revision, [{ type: 'addNotes', notes: [note] }])
  expect(ack.saveError).toBeNull()
}

describe('opening damaged files', () => {
  const cases: [string, string, RegExp][] = [
    ['truncated.blankboard', 'unreadable', /not valid JSON/],
    ['empty.blankboard', 'unreadable', /empty/],
    ['all-nul.blankboard', 'unreadable', /not valid JSON/],
    ['invalid-utf8.blankboard', 'unreadable', /not UTF-8/],
    ['wrong-schema.blankboard', 'invalid', /notes\.n1\.x/],
  ]
  for (const [name, kind, reason] of cases) {
    it(`${name} is reported as ${kind}, with a reason, and left byte for byte as it was`, async () => {
      const path = join(dir, name)
      await copyFile(damaged(name), path)
      const before = await readFile(path)
      const result = await store.openWorkshop(path)
      expect(result.kind).toBe(kind)
      expect('reason' in result && result.reason).toMatch(reason)
      expect(await readFile(path)).toEqual(before)
    })
  }

  it('a file from a newer version opens read-only, and is never written', async () => {
    const path = join(dir, 'future.blankboard')
    await copyFile(formats('future-version.blankboard'), path)
    const before = await readFile(path)
    const open = await opened(path)
    expect(open.readOnly).toMatch(/newer version of Blankboard \(format 99\)/)
    await expect(
      store.applyOps(open.handle, 0, [{ type: 'editNote', id: 'n111aaa222bb', text: 'x' }]),
    ).rejects.toThrow(/newer version/)
    expect(await readFile(path)).toEqual(before)
  })
})

describe('backups and recovery', () => {
  it('keeps every save (and the file as opened) as a generation, at most five', async () => {
    const created = await store.createWorkshop('Backed up')
    if (created.kind !== 'opened') throw new Error(created.kind)
    const open = created.workshop
    for (let i = 0; i < 8; i++) await addReply(open, i, `reply ${i}`)
    const folders = await readdir(join(dir, 'data', 'backups'))
    const files = await readdir(join(dir, 'data', 'backups', folders[0]!))
    expect(files.filter((f) => f.startsWith('gen-'))).toHaveLength(5)
    expect(files.filter((f) => f.startsWith('snap-'))).toHaveLength(1)
  })

  it('takes a timed snapshot at most every five minutes, and keeps snapshots for seven days', async () => {
    let now = Date.UTC(2026, 10, 1)
    const backups = new Backups(join(dir, 'data'), join(dir, 'w.blankboard'), () => now)
    const snaps = async () =>
      (await readdir(join(dir, 'data', 'backups'))).length
        ? (
            await readdir(
              join(dir, 'data', 'backups', (await readdir(join(dir, 'data', 'backups')))[0]!),
            )
          ).filter((f) => f.startsWith('snap-')).length
        : 0
    await backups.keep('{}')
    now += SNAPSHOT_EVERY_MS - 1000
    await backups.keep('{}')
    expect(await snaps()).toBe(1)
    now += 2000
    await backups.keep('{}')
    expect(await snaps()).toBe(2)
    now += 8 * 24 * 3600 * 1000
    await backups.keep('{}')
    expect(await snaps()).toBe(1) // the two old ones are gone, a new one taken
  })

  it('a corrupted file is never overwritten; its newest good backup is offered and restored', async () => {
    const created = await store.createWorkshop('Precious')
    if (created.kind !== 'opened') throw new Error(created.kind)
    const open = created.workshop
    await addReply(open, 0, 'the room’s first reply')
    await addReply(open, 1, 'the room’s second reply')
    await store.closeWorkshop(open.handle)
    await writeFile(open.path, '{"format":"blankboard","formatVersion":2,"workshop":{"id":') // cut short

    const result = await store.openWorkshop(open.path)
    if (result.kind !== 'unreadable') throw new Error(result.kind)
    expect(result.backup).not.toBeNull()
    expect(Date.now() - new Date(result.backup!.takenAt).getTime()).toBeLessThan(60_000)

    const restored = await store.restoreBackup(open.path, result.backup!.path)
    if (restored.kind !== 'opened') throw new Error(restored.kind)
    // The newest backup is the last saved state: nothing the room said is lost.
    expect(Object.values(restored.workshop.workshop.notes).map((n) => n.text)).toEqual([
      'the room’s first reply',
      'the room’s second reply',
    ])
    const kept = (await readdir(dir)).filter((f) => f.startsWith('Precious.blankboard.corrupt-'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe(
      '{"format":"blankboard","formatVersion":2,"workshop":{"id":',
    )
  })

  it('refuses to restore from a file that is not one of the workshop’s backups', async () => {
    await writeFile(join(dir, 'other.blankboard'), 'x')
    await expect(
      store.restoreBackup(join(dir, 'w.blankboard'), join(dir, 'other.blankboard')),
    ).rejects.toThrow(/not a backup/)
  })
})
