import * as fs from 'node:fs/promises'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppCommand, OpenWorkshop, UnsavedChoice } from '../../core/api.ts'
import { createNote } from '../../core/create.ts'
import { decodeWorkshop } from '../../core/migrations.ts'
import { CloseFlow, UNSAVED_BUTTONS, unsavedDialog } from '../../electron/close-flow.ts'
import { CommandQueue } from '../../electron/command-queue.ts'
import type { WorkshopStore } from '../../electron/files/store-api.ts'
import type { StoreOptions } from '../../electron/files/workshop-store.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'

let dir: string
let store: WorkshopStore
let fault: string | null = null
const faulty: StoreOptions['fs'] = {
  ...fs,
  open: (async (path: string, flags: string, mode?: number) => {
    if (fault && path.endsWith('.tmp')) throw Object.assign(new Error(fault), { code: fault })
    return fs.open(path, flags, mode)
  }) as typeof fs.open,
}

beforeEach(async () => {
  fault = null
  dir = await mkdtemp(join(tmpdir(), 'blankboard-close-'))
  store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, 'data') }, { fs: faulty })
})
afterEach(async () => {
  fault = null
  await store.closeAll()
  await rm(dir, { recursive: true, force: true })
})

async function unsavedWorkshop(text: string): Promise<OpenWorkshop> {
  const result = await store.createWorkshop('Quarterly')
  if (result.kind !== 'opened') throw new Error(result.kind)
  const open = result.workshop
  fault = 'ENOSPC'
  const note = createNote({ promptId: open.workshop.prompts[0]!.id, text, x: 0, y: 0 })
  const ack = await store.applyOps(open.handle, 0, [{ type: 'addNotes', notes: [note] }])
  expect(ack.saveError).toBe('the disk is full')
  return open
}

const texts = async (path: string) => {
  const result = decodeWorkshop(await readFile(path, 'utf8'))
  if (result.kind !== 'ok') throw new Error(result.kind)
  return Object.values(result.workshop.notes).map((n) => n.text)
}

function flow(answers: UnsavedChoice[], options: { page?: 'answers' | 'silent' | 'none' } = {}) {
  const asked: string[] = []
  const sent: AppCommand[] = []
  const closing: CloseFlow = new CloseFlow({
    store,
    sendToPage: (command) => {
      if (options.page === 'none') return false
      sent.push(command)
      if (options.page !== 'silent') setTimeout(() => closing.pageReady(true), 5)
      return true
    },
    ask: async (title, reason) => {
      asked.push(`${title}: ${reason}`)
      return answers.shift() ?? 'cancel'
    },
    chooseSavePath: async () => join(dir, 'Rescued.blankboard'),
    pageTimeoutMs: 50,
  })
  return { closing, asked, sent }
}

describe('closing the window or quitting', () => {
  it('asks the page first, then closes every workshop; a write that failed is written again', async () => {
    const open = await unsavedWorkshop('said while the disk was full')
    fault = null
    const { closing, sent, asked } = flow([])
    expect(await closing.run()).toBe(true)
    expect(sent).toEqual([{ kind: 'closeWindow' }])
    expect(asked).toEqual([])
    expect(await texts(open.path)).toEqual(['said while the disk was full'])
  })

  it('the page saying "stay" keeps everything open', async () => {
    const open = await unsavedWorkshop('x')
    fault = null
    const closing: CloseFlow = new CloseFlow({
      store,
      sendToPage: () => (setTimeout(() => closing.pageReady(false), 5), true),
      ask: async () => 'cancel',
      chooseSavePath: async () => null,
    })
    expect(await closing.run()).toBe(false)
    expect((await store.retrySave(open.handle)).saveError).toBeNull() // still open
  })

  it('a disk that stays full: Retry asks again, Cancel keeps the workshop open', async () => {
    const open = await unsavedWorkshop('precious')
    const { closing, asked } = flow(['retry', 'cancel'])
    expect(await closing.run()).toBe(false)
    expect(asked).toEqual(['Quarterly: the disk is full', 'Quarterly: the disk is full'])
    fault = null
    expect((await store.retrySave(open.handle)).saveError).toBeNull()
    expect(await texts(open.path)).toEqual(['precious'])
  })

  it('Save As puts the changes in another file, then the window closes', async () => {
    await unsavedWorkshop('rescued')
    const { closing } = flow(['saveAs'])
    const savingTo = join(dir, 'Rescued.blankboard')
    // The copy is written to a disk that works.
    const original = faulty!.open
    fault = null
    expect(
      await (async () => {
        fault = 'ENOSPC'
        faulty!.open = (async (path: string, flags: string, mode?: number) =>
          path.includes('Rescued')
            ? fs.open(path, flags, mode)
            : original(path, flags, mode)) as typeof fs.open
        return closing.run()
      })(),
    ).toBe(true)
    faulty!.open = original
    expect(await texts(savingTo)).toEqual(['rescued'])
  })

  it('Close without saving is the only way to drop a change, and a page that does not answer is not waited for', async () => {
    const open = await unsavedWorkshop('dropped on purpose')
    const { closing, asked } = flow(['discard'], { page: 'silent' })
    expect(await closing.run()).toBe(true)
    expect(asked).toHaveLength(1)
    fault = null
    expect(await texts(open.path)).toEqual([])
  })

  it('the native dialog offers the four choices, Cancel on Escape', () => {
    const options = unsavedDialog('Quarterly', 'the disk is full')
    expect(options.buttons).toEqual(['Retry', 'Save As…', 'Close without saving', 'Cancel'])
    expect(UNSAVED_BUTTONS[options.cancelId]!.choice).toBe('cancel')
    expect(options.detail).toMatch(/the disk is full/)
  })
})

describe('commands from the menu', () => {
  it('the first command after the page reloads reaches the new page', async () => {
    const queue = new CommandQueue()
    void queue.next() // the old page's request, never answered once it reloads
    queue.forgetWaiters() // the page started loading again
    queue.push({ kind: 'saveAs' })
    expect(await queue.next()).toEqual({ kind: 'saveAs' })
  })
})
