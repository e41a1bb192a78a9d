/**
 * What the user sees on the failure paths: closing after a failed save, and an edit
 * longer than a note may be.
 */
import * as fs from 'node:fs/promises'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_NOTE_TEXT } from '../../core/schema.ts'
import type { StoreOptions } from '../../electron/files/workshop-store.ts'
import type { App } from './app.ts'
import {
  byText,
  centre,
  createWorkshop,
  openApp,
  readWorkshopFile,
  savedWorkshop,
  shownNote,
  typeReplies,
} from './app.ts'

/** When set, every save fails with this code (a full disk) until cleared. */
let fault: string | null = null
const faulty: StoreOptions['fs'] = {
  ...fs,
  open: (async (path: string, flags: string, mode?: number) => {
    if (fault && path.endsWith('.tmp')) throw Object.assign(new Error(fault), { code: fault })
    return fs.open(path, flags, mode)
  }) as typeof fs.open,
}

let app: App | undefined
afterEach(async () => {
  fault = null
  // A close the store refuses (the disk is still full) answers 500, which the browser logs.
  const errors = (app?.pageErrors ?? []).filter((e) => !/status of 500/.test(e))
  expect(errors).toEqual([])
  await app?.close()
  app = undefined
})

const texts = async (path: string) =>
  Object.values(
    JSON.parse(await fs.readFile(path, 'utf8')).workshop.notes as Record<string, { text: string }>,
  )
    .map((n) => n.text)
    .sort()

describe('closing after a failed save', () => {
  it('asks before dropping anything; once the disk is back, closing writes the replies', async () => {
    app = await openApp({ store: { fs: faulty } })
    const { page } = app
    await createWorkshop(page, 'Full disk')
    await typeReplies(page, ['saved before'])
    const { path } = await readWorkshopFile(app.dataDir)

    fault = 'ENOSPC'
    await page.keyboard.type('said while the disk was full')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Not saved: the disk is full' }).waitFor()

    // Closing while the disk is still full: the window asks.
    await page.getByRole('button', { name: 'Workshops' }).click()
    const dialog = page.getByRole('dialog', { name: '“Full disk” could not be saved' })
    await dialog.waitFor()
    await dialog.getByText(/the disk is full/).waitFor()
    await page.screenshot({ path: '/tmp/integrity-unsaved-dialog.png' })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    // Still open, nothing lost.
    await page.getByRole('textbox', { name: 'Reply' }).waitFor()
    expect(await texts(path)).toEqual(['saved before'])

    // The disk recovers; closing writes again and does not need to ask.
    fault = null
    await page.getByRole('button', { name: 'Workshops' }).click()
    await page.getByLabel('New workshop').waitFor()
    expect(await texts(path)).toEqual(['said while the disk was full', 'saved before'])
  })

  it('Save As… from the question keeps the replies in a copy; Close without saving is explicit', async () => {
    app = await openApp({ store: { fs: faulty } })
    const { page } = app
    await createWorkshop(page, 'Rescue')
    await typeReplies(page, ['first'])
    const { path } = await readWorkshopFile(app.dataDir)
    fault = 'ENOSPC'
    await page.keyboard.type('only in the window')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Not saved' }).waitFor()

    await page.getByRole('button', { name: 'Workshops' }).click()
    const dialog = page.getByRole('dialog', { name: /could not be saved/ })
    // The question comes once the write made on closing has failed too; only then may the
    // disk work again (for the copy), or that write would succeed and nothing would ask.
    await dialog.waitFor()
    fault = null
    await dialog.getByRole('button', { name: 'Save As…' }).click()
    await page.getByLabel('New workshop').waitFor()
    const copy = join(app.dataDir, 'Rescue copy.blankboard')
    expect(await texts(copy)).toEqual(['first', 'only in the window'])

    // Open the original again, change it while the disk is full, and drop the change on purpose.
    await page
      .getByRole('button', { name: /^Rescue\b(?! copy)/ })
      .first()
      .click()
    await page.getByRole('textbox', { name: 'Reply' }).waitFor()
    fault = 'EROFS'
    await page.keyboard.type('dropped on purpose')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Not saved' }).waitFor()
    await page.getByRole('button', { name: 'Workshops' }).click()
    await page
      .getByRole('dialog', { name: /could not be saved/ })
      .getByRole('button', { name: 'Close without saving' })
      .click()
    await page.getByLabel('New workshop').waitFor()
    fault = null
    expect(await texts(path)).toEqual(['first'])
    expect((await readdir(app.dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })
})

describe('text longer than the limit', () => {
  it('a paste over a note’s limit is cut with a message, and the board keeps saving', async () => {
    app = await openApp()
    const { page } = app
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await createWorkshop(page, 'Limits')
    await typeReplies(page, ['short reply', 'another'])
    const id = byText(await savedWorkshop(app)).get('short reply')!.id
    const note = centre(await shownNote(page, id))
    await page.mouse.dblclick(note.x, note.y)
    const editor = page.getByRole('textbox', { name: 'Note text' })
    await editor.waitFor()
    await page.keyboard.press('End')
    const huge = 'a very long reply '.repeat(400) // 7,200 characters
    await page.evaluate((text) => navigator.clipboard.writeText(text), huge)
    await page.keyboard.press('Control+v')
    await page
      .getByRole('status')
      .filter({ hasText: /Pasted text cut by [\d,]+ characters to fit the limit/ })
      .waitFor()
    await page
      .getByRole('status')
      .filter({
        hasText: `${MAX_NOTE_TEXT.toLocaleString('en-US')} / ${MAX_NOTE_TEXT.toLocaleString('en-US')}`,
      })
      .waitFor()
    await page.screenshot({ path: '/tmp/integrity-limit.png' })
    expect((await editor.inputValue()).length).toBe(MAX_NOTE_TEXT)
    await page.keyboard.type('more') // stops at the limit
    expect((await editor.inputValue()).length).toBe(MAX_NOTE_TEXT)
    await page.keyboard.press('Enter')
    let workshop = await savedWorkshop(app)
    expect(workshop.notes[id]!.text).toHaveLength(MAX_NOTE_TEXT)
    expect(workshop.notes[id]!.text.startsWith('short reply')).toBe(true)

    // Later gestures still reach the file.
    await page.getByRole('textbox', { name: 'Reply' }).click()
    await page.keyboard.type('after the long edit')
    await page.keyboard.press('Enter')
    workshop = await savedWorkshop(app)
    expect(byText(workshop).has('after the long edit')).toBe(true)
  })
})

describe('one workshop in two windows', () => {
  it('opening a workshop another window shows brings that one forward instead of opening it twice', async () => {
    app = await openApp()
    const { page } = app
    await createWorkshop(page, 'Shared')
    await typeReplies(page, ['from the first window'])
    // A second window of the same browser, as a second app window shares one origin.
    const [second] = await Promise.all([
      page.context().waitForEvent('page'),
      page.evaluate(
        (url) => void window.open(url, '_blank', 'width=1600,height=900'),
        app.harness.url,
      ),
    ])
    await second.getByRole('button', { name: /^Shared/ }).click()
    await second.getByText(/“Shared” is already open in another Blankboard window/).waitFor()
    expect(await second.getByRole('textbox', { name: 'Reply' }).count()).toBe(0)
    await second.close()
    // The first window goes on saving, undisturbed.
    await page.getByRole('textbox', { name: 'Reply' }).click()
    await page.keyboard.type('still saving')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => window.__blankboard?.noteIds().length === 2)
    expect([...byText(await savedWorkshop(app)).keys()].sort()).toEqual([
      'from the first window',
      'still saving',
    ])
  })
})
