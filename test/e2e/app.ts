/**
 * One running app for an end-to-end test: a web harness on a temp folder and a real
 * Chromium page at 1920x1080 pointed at it, plus the few steps every test takes.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import type { Workshop } from '../../core/model.ts'
import type { Envelope } from '../../core/migrations.ts'
import type { StoreOptions } from '../../electron/files/workshop-store.ts'
import type { Harness } from '../harness/web-harness.ts'
import { startHarness } from '../harness/web-harness.ts'
import { CHROMIUM_ARGS, findChromium } from './chromium.ts'

const STATIC_DIR = fileURLToPath(new URL('../../dist/harness', import.meta.url))

/** A running harness, browser and page. */
export interface App {
  page: Page
  harness: Harness
  dataDir: string
  /** Every problem the page reported (console errors, uncaught exceptions, CSP). */
  pageErrors: string[]
  close(): Promise<void>
}

/** Starts the harness on a fresh temp folder (or `dataDir`) and opens the app. */
export async function openApp(
  options: { dataDir?: string; browser?: Browser; store?: StoreOptions } = {},
): Promise<App> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'blankboard-e2e-')))
  const harness = await startHarness({
    staticDir: STATIC_DIR,
    dataDir,
    port: 0,
    store: options.store,
  })
  const browser =
    options.browser ??
    (await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS }))
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
  await page.goto(harness.url)
  return {
    page,
    harness,
    dataDir,
    pageErrors,
    close: async () => {
      await page.close()
      if (!options.browser) await browser.close()
      await harness.close()
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Creates a workshop from the home screen and waits for its board. */
export async function createWorkshop(
  page: Page,
  title: string,
  template = 'The Product Is The Process',
): Promise<void> {
  await page.getByLabel('New workshop').fill(title)
  await page.getByRole('radio', { name: template }).check()
  await page.getByRole('button', { name: 'Create' }).click()
  await page.getByRole('textbox', { name: 'Reply' }).waitFor()
  await page.waitForFunction(() => window.__blankboard !== undefined)
}

/** Types replies into the capture bar, pressing Enter after each, and waits until they are saved. */
export async function typeReplies(page: Page, replies: string[]): Promise<void> {
  for (const reply of replies) {
    await page.keyboard.type(reply)
    await page.keyboard.press('Enter')
  }
  await page.waitForFunction((n) => window.__blankboard?.noteIds().length === n, replies.length)
  await waitSaved(page) // so the file on disk holds them too
}

/** Waits until the window says everything is saved. */
export async function waitSaved(page: Page): Promise<void> {
  // One drawn frame first, so a change made just now already shows "Saving…".
  await page.evaluate(() => window.__blankboard?.frame())
  await page
    .getByRole('status')
    .filter({ hasText: /^\s*Saved\s*$/ })
    .waitFor()
}

/** The only workshop file in a folder, read and parsed as it is on disk. */
export async function readWorkshopFile(
  dataDir: string,
): Promise<{ path: string; workshop: Workshop }> {
  const files = (await readdir(dataDir)).filter((name) => name.endsWith('.blankboard'))
  if (files.length !== 1) throw new Error(`expected one workshop file, found ${files.join(', ')}`)
  const path = join(dataDir, files[0]!)
  const envelope = JSON.parse(await readFile(path, 'utf8')) as Envelope
  return { path, workshop: envelope.workshop }
}

/** A note's rectangle on screen, from the harness's test surface. */
export async function noteRect(page: Page, id: string) {
  return page.evaluate((noteId) => window.__blankboard?.noteRect(noteId) ?? null, id)
}

/** The ids of the notes on the current board. */
export async function noteIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__blankboard?.noteIds() ?? [])
}

type Box = { x: number; y: number; width: number; height: number }

/** The middle of a rectangle. */
export function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** A real mouse drag from one page point to another, in small steps. */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 })
  await page.mouse.move(to.x, to.y, { steps: 6 })
  await page.mouse.up()
}

/** A note's rectangle on screen; fails when it is not drawn. */
export async function shownNote(page: Page, id: string): Promise<Box> {
  const rect = await noteRect(page, id)
  if (!rect) throw new Error(`note ${id} is not drawn`)
  return rect
}

/** A cluster's title bar on screen; fails when it is not drawn. */
export async function clusterTitle(page: Page, id: string): Promise<Box> {
  const rect = await page.evaluate((i) => window.__blankboard?.clusterTitleRect(i) ?? null, id)
  if (!rect) throw new Error(`cluster ${id} is not drawn`)
  return rect
}

/** The ids of the clusters on the current board, in number order. */
export async function clusterIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__blankboard?.clusterIds() ?? [])
}

/** The workshop on disk once the window says everything is saved. */
export async function savedWorkshop(app: App): Promise<Workshop> {
  await waitSaved(app.page)
  return (await readWorkshopFile(app.dataDir)).workshop
}

/**
 * Drops the note `draggedId` on the note `ontoId` (making a cluster of the two), types
 * `name` as its name, and returns the new cluster's id once it is saved.
 */
export async function makeCluster(
  app: App,
  draggedId: string,
  ontoId: string,
  name: string,
): Promise<string> {
  const { page } = app
  await drag(page, centre(await shownNote(page, draggedId)), centre(await shownNote(page, ontoId)))
  await page.getByRole('textbox', { name: 'Cluster name' }).waitFor()
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
  await page.getByRole('textbox', { name: 'Cluster name' }).waitFor({ state: 'detached' })
  const cluster = Object.values((await savedWorkshop(app)).clusters).find((c) => c.name === name)
  if (!cluster) throw new Error(`no cluster named ${name} was saved`)
  return cluster.id
}

/** Notes of a workshop by their text. */
export function byText(workshop: Workshop): Map<string, Workshop['notes'][string]> {
  return new Map(Object.values(workshop.notes).map((n) => [n.text, n]))
}
