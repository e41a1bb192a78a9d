import * as fs from 'node:fs/promises'
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpenWorkshop } from '../../core/api.ts'
import { createNote } from '../../core/create.ts'
import { decodeWorkshop } from '../../core/migrations.ts'
import { Backups } from '../../electron/files/backups.ts'
import { lockPathFor } from '../../electron/files/file-lock.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import type { StoreOptions } from '../../electron/files/workshop-store.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'

const formats = (name: string) => new URL(`../fixtures/formats/${name}`, import.meta.url)

let dir: string
let store: WorkshopStore
/** Whether the lock file existed each time the store read a workshop file. */
let lockedWhenRead: boolean[] = []

const watching: StoreOptions['fs'] = {
  ...fs,
  readFile: (async (path: string, ...rest: []) => {
    if (String(path).endsWith('.blankboard')) {
      lockedWhenRead.push(
        await fs.access(lockPathFor(String(path))).then(
          () => true,
          () => false,
        ),
      )
    }
    return fs.readFile(path, ...rest)
  }) as typeof fs.readFile,
}

beforeEach(async () => {
  lockedWhenRead = []
  dir = await mkdtemp(join(tmpdir(), 'blankboard-integrity-'))
  store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, 'data') }, { fs: watching })
})
afterEach(async () => {
  await store.closeAll()
  await rm(dir, { recursive: true, force: true })
})

async function created(title = 'Integrity'): Promise<OpenWorkshop> {
  const result = await store.createWorkshop(title)
  if (result.kind !== 'opened') throw new Error(result.kind)
  return result.workshop
}

const reply = (open: OpenWorkshop, text: string, extra: { id?: string } = {}) => ({
  ...createNote({ promptId: open.workshop.prompts[0]!.id, text, x: 0, y: 0 }),
  ...extra,
})

async function onDisk(path: string) {
  const result = decodeWorkshop(await readFile(path, 'utf8'))
  if (result.kind !== 'ok') throw new Error(`${result.kind}`)
  return result.workshop
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('one op cannot make a file unopenable', () => {
  it('ids such as constructor and hasOwnProperty are records like any other, and the file reopens', async () => {
    const open = await created()
    const ack = await store.applyOps(open.handle, 0, [
      { type: 'addNotes', notes: [reply(open, 'a', { id: 'constructor' })] },
    ])
    expect(ack.saveError).toBeNull()
    // An inherited key is not a cluster: the note cannot join it.
    await expect(
      store.applyOps(open.handle, 1, [
        { type: 'setNoteClusters', changes: [{ id: 'constructor', clusterId: 'hasOwnProperty' }] },
      ]),
    ).rejects.toThrow(/no cluster with id hasOwnProperty/)
    await expect(
      store.applyOps(open.handle, 1, [
        {
          type: 'addNotes',
          notes: [{ ...reply(open, 'b'), clusterId: 'toString' }],
        },
      ]),
    ).rejects.toThrow(/no cluster with id toString/)
    await store.closeWorkshop(open.handle)
    const reopened = await store.openWorkshop(open.path)
    if (reopened.kind !== 'opened') throw new Error(reopened.kind)
    expect(reopened.workshop.workshop.notes['constructor' as string]?.text).toBe('a')
  })

  it('an id outside the one pattern (__proto__, upper case, spaces) is refused', async () => {
    const { API_CHANNELS } = await import('../../core/api.ts')
    const open = await created()
    for (const id of ['__proto__', 'Note1', 'a b', '', 'x'.repeat(65)]) {
      const args = [open.handle, 0, [{ type: 'addNotes', notes: [reply(open, 'a', { id })] }]]
      expect(API_CHANNELS.applyOps.args.safeParse(args).success, id).toBe(false)
    }
  })
})

describe('files the user keeps', () => {
  it('a save keeps the file’s permissions (a private 0600 file stays private)', async () => {
    const open = await created()
    await chmod(open.path, 0o600)
    await store.applyOps(open.handle, 0, [{ type: 'addNotes', notes: [reply(open, 'kept')] }])
    expect((await stat(open.path)).mode & 0o777).toBe(0o600)
  })

  it('the lock is taken before the file is read', async () => {
    const open = await created()
    await store.closeWorkshop(open.handle)
    lockedWhenRead = []
    await store.openWorkshop(open.path)
    expect(lockedWhenRead).toEqual([true])
  })

  it('a workshop reached through a symlink is one workshop, and the link stays a link', async () => {
    const open = await created('Real')
    await store.closeWorkshop(open.handle)
    await mkdir(join(dir, 'links'))
    const link = join(dir, 'links', 'Shortcut.blankboard')
    await symlink(open.path, link)
    const viaLink = await store.openWorkshop(link)
    const viaFile = await store.openWorkshop(open.path)
    if (viaLink.kind !== 'opened' || viaFile.kind !== 'opened') throw new Error('not opened')
    expect(viaLink.workshop.handle).toBe(viaFile.workshop.handle)
    expect(viaLink.workshop.readOnly).toBeNull()
    await store.applyOps(viaLink.workshop.handle, 0, [
      { type: 'addNotes', notes: [reply(open, 'through the link')] },
    ])
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(Object.values((await onDisk(open.path)).notes).map((n) => n.text)).toEqual([
      'through the link',
    ])
    // The lock sits beside the file itself, where a process coming by any name looks.
    expect((await lstat(lockPathFor(open.path))).isFile()).toBe(true)
  })

  it('temp files a crashed save left behind are removed at open; a live writer’s are not', async () => {
    const open = await created('Crashed')
    await store.closeWorkshop(open.handle)
    const crashed = join(dir, `.Crashed.blankboard.${deadPid()}-0123456789ab.tmp`)
    const live = join(dir, `.Crashed.blankboard.${process.ppid}-ba9876543210.tmp`)
    await writeFile(crashed, 'half a workshop')
    await writeFile(live, 'being written')
    await store.openWorkshop(open.path)
    const names = await readdir(dir)
    expect(names).not.toContain(crashed.split('/').pop())
    expect(names).toContain(live.split('/').pop())
  })

  it('the app’s own folders and files are private: data and backups 0700, backups and the recent list 0600', async () => {
    const open = await created()
    await store.applyOps(open.handle, 0, [{ type: 'addNotes', notes: [reply(open, 'a')] }])
    const data = join(dir, 'data')
    expect((await stat(data)).mode & 0o777).toBe(0o700)
    const backups = join(data, 'backups')
    expect((await stat(backups)).mode & 0o777).toBe(0o700)
    const [folder] = await readdir(backups)
    expect((await stat(join(backups, folder!))).mode & 0o777).toBe(0o700)
    for (const name of await readdir(join(backups, folder!))) {
      expect((await stat(join(backups, folder!, name))).mode & 0o777, name).toBe(0o600)
    }
    const recent = (await readdir(data)).find((n) => n.includes('recent'))!
    expect((await stat(join(data, recent))).mode & 0o777).toBe(0o600)
  })

  it('timed snapshots of one workshop stay within their byte budget; the newest is kept', async () => {
    let now = Date.UTC(2026, 10, 1)
    const backups = new Backups(join(dir, 'data'), join(dir, 'w.blankboard'), () => now, 10_000)
    for (let i = 0; i < 12; i++) {
      await backups.keep(`${i}`.padEnd(3_000, '.'))
      now += 6 * 60 * 1000
    }
    const [folder] = await readdir(join(dir, 'data', 'backups'))
    const snaps = (await readdir(join(dir, 'data', 'backups', folder!))).filter((n) =>
      n.startsWith('snap-'),
    )
    expect(snaps.length).toBe(3)
    const newest = snaps.sort().at(-1)!
    expect(await readFile(join(dir, 'data', 'backups', folder!, newest), 'utf8')).toMatch(/^11/)
  })
})

describe('restoring a backup', () => {
  it('is refused for a healthy file, open or not, and never moves it aside', async () => {
    const open = await created('Healthy')
    await store.applyOps(open.handle, 0, [{ type: 'addNotes', notes: [reply(open, 'keep me')] }])
    const [folder] = await readdir(join(dir, 'data', 'backups'))
    const [backup] = await readdir(join(dir, 'data', 'backups', folder!))
    const backupPath = join(dir, 'data', 'backups', folder!, backup!)
    await expect(store.restoreBackup(open.path, backupPath)).rejects.toThrow(/nothing to restore/)
    await store.closeWorkshop(open.handle)
    await expect(store.restoreBackup(open.path, backupPath)).rejects.toThrow(/nothing to restore/)
    expect((await readdir(dir)).filter((n) => n.includes('.corrupt-'))).toEqual([])
    expect(Object.values((await onDisk(open.path)).notes).map((n) => n.text)).toEqual(['keep me'])
  })

  it('a newer version’s file is shown read-only, never offered a backup, never renamed', async () => {
    const path = join(dir, 'Future.blankboard')
    await copyFile(formats('future-version.blankboard'), path)
    const before = await readFile(path)
    const result = await store.openWorkshop(path)
    if (result.kind !== 'opened') throw new Error(result.kind)
    expect(result.workshop.readOnly).toMatch(/newer version.*format 99.*1 of its records/)
    expect(result.workshop.workshop.notes.n111aaa222bb?.text).toMatch(/scale too fast/)
    await store.closeWorkshop(result.workshop.handle)
    await expect(
      store.restoreBackup(path, join(dir, 'data', 'backups', 'x', 'gen-1.blankboard')),
    ).rejects.toThrow()
    expect(await readFile(path)).toEqual(before)
    expect((await readdir(dir)).filter((n) => n.includes('.corrupt-'))).toEqual([])
  })
})

describe('a lock whose owner is gone', () => {
  it('opens read-only and says so; "Open anyway" takes it over, reads the file again and saves', async () => {
    const open = await created('Elsewhere')
    await store.closeWorkshop(open.handle)
    const owner = { pid: 4242, host: 'crashed-laptop.local', since: new Date().toISOString() }
    await writeFile(lockPathFor(open.path), JSON.stringify(owner))
    const result = await store.openWorkshop(open.path)
    if (result.kind !== 'opened') throw new Error(result.kind)
    expect(result.workshop).toMatchObject({ lockedElsewhere: true })
    expect(result.workshop.readOnly).toMatch(
      /another Blankboard window \(process 4242 on crashed-laptop.local\)/,
    )
    const taken = await store.takeOverWorkshop(result.workshop.handle)
    if (taken.kind !== 'opened') throw new Error(taken.kind)
    expect(taken.workshop).toMatchObject({ readOnly: null, lockedElsewhere: false })
    const ack = await store.applyOps(taken.workshop.handle, taken.workshop.revision, [
      { type: 'addNotes', notes: [reply(open, 'mine now')] },
    ])
    expect(ack.saveError).toBeNull()
    expect(JSON.parse(await readFile(lockPathFor(open.path), 'utf8')).pid).toBe(process.pid)
  })

  it('a workshop this process can judge is never offered for taking over', async () => {
    const open = await created('Mine')
    expect(open.lockedElsewhere).toBe(false)
    const other = await store.takeOverWorkshop(open.handle)
    expect(other.kind === 'opened' && other.workshop.handle).toBe(open.handle)
  })
})
