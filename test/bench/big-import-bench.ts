/**
 * Big imports in headless Chromium through the real dialog, with the file generated in a
 * temp folder: a 50 MB, 400,000-row export (read in the worker until the preview shows,
 * with the first 100,000 then added) and a 100,000-row export imported whole. Each is timed
 * from choosing the file to the preview, from the Import click to every note drawn and
 * saved, then from Undo to the board empty again and saved; the longest main-thread task
 * in each phase, and how many took over 100 ms, come from the page's PerformanceObserver
 * for long tasks (those over 50 ms).
 * `npm run bench -- big-import 100000` runs only the sizes given.
 * Limits: one run each (they take minutes); software rendering on a shared machine, so
 * the load of other processes shows in every number.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.ts'
import { startHarness } from '../harness/web-harness.ts'
import { writeBigCsv } from './big-csv.ts'
import type { BenchSection } from './bench-table.ts'
import { ms } from './bench-table.ts'

declare global {
  interface Window {
    __longTasks?: number[]
  }
}

async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__longTasks = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks!.push(entry.duration)
    }).observe({ type: 'longtask' })
  })
}

/**
 * The longest main-thread task since the last call (0 when none went over 50 ms), and
 * how many went over 100 ms.
 */
async function longTasks(page: Page): Promise<{ longest: number; over100: number }> {
  return page.evaluate(() => {
    const tasks = window.__longTasks!
    window.__longTasks = []
    return { longest: Math.max(0, ...tasks), over100: tasks.filter((t) => t > 100).length }
  })
}

/** Waits until the board holds `notes` notes, drawn, and the workshop shows Saved. */
async function drawnAndSaved(page: Page, notes: number): Promise<void> {
  await page.waitForFunction((n) => window.__blankboard?.noteIds().length === n, notes, {
    timeout: 300_000,
    polling: 500,
  })
  await page.evaluate(() => window.__blankboard!.frame())
  await page
    .getByRole('status')
    .filter({ hasText: /^\s*Saved\s*$/ })
    .waitFor({ timeout: 300_000 })
}

/** Imports `rows` generated rows; returns the section's rows. */
async function importOnce(
  staticDir: string,
  rows: number,
  browser: Awaited<ReturnType<typeof chromium.launch>>,
): Promise<(string | number)[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'blankboard-bench-big-'))
  const harness = await startHarness({ staticDir, dataDir: join(dir, 'data'), port: 0 })
  try {
    const file = join(dir, `survey-${rows}.csv`)
    const bytes = await writeBigCsv(file, rows)
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(harness.url)
    await page.getByLabel('New workshop').fill(`Big ${rows}`)
    await page.getByRole('button', { name: 'Create' }).click()
    await page.waitForFunction(() => window.__blankboard !== undefined)
    await watchLongTasks(page)
    const adds = Math.min(rows, 100_000).toLocaleString('en')
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…' }).click()
    const start = performance.now()
    await (await chooser).setFiles(file)
    const button = page
      .getByRole('dialog')
      .getByRole('button', { name: new RegExp(`${adds} replies`) })
    await button.waitFor({ timeout: 120_000 })
    const previewed = performance.now() - start
    const readTasks = await longTasks(page)
    const clicked = performance.now()
    await button.click()
    await drawnAndSaved(page, Math.min(rows, 100_000))
    const saved = performance.now() - clicked
    const addTasks = await longTasks(page)
    // Then the import undone, as one step.
    const undoStart = performance.now()
    await page.getByRole('button', { name: 'Undo' }).click()
    await drawnAndSaved(page, 0)
    const undone = performance.now() - undoStart
    const undoTasks = await longTasks(page)
    await page.close()
    const mb = (bytes / 1024 / 1024).toFixed(0)
    return [
      [
        `read ${rows.toLocaleString('en')} rows (${mb} MB) to the preview`,
        rows.toLocaleString('en'),
        ms(previewed),
        ms(readTasks.longest),
        readTasks.over100,
      ],
      [
        `add ${adds} of them, drawn and saved`,
        adds,
        ms(saved),
        ms(addTasks.longest),
        addTasks.over100,
      ],
      [
        `undo the ${adds}, drawn and saved`,
        adds,
        ms(undone),
        ms(undoTasks.longest),
        undoTasks.over100,
      ],
    ]
  } finally {
    await harness.close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** The big-import table, for files of `sizes` rows (by default 400,000 and 100,000). */
export async function bigImportBench(
  staticDir: string,
  sizes: number[] = [400_000, 100_000],
): Promise<BenchSection> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
  try {
    const rows: (string | number)[][] = []
    for (const size of sizes) rows.push(...(await importOnce(staticDir, size, browser)))
    return {
      title: 'Big imports (one run each, ms)',
      columns: ['what', 'rows', 'time', 'longest main-thread task', 'tasks over 100 ms'],
      rows,
      notes: [
        'Reading runs in a worker: the longest task while reading is the page showing progress.',
        'Goal: no task over 100 ms while reading, adding or undoing; all 100,000 notes saved within 10 s.',
        'Adding makes and stacks the notes a slice per task, applies them and indexes the board in',
        'tasks of their own, then shows them in one step (one undo step), and sends them to the',
        'store in 4 MB batches, each measured and sent in a task of its own, that it saves together.',
      ],
    }
  } finally {
    await browser.close()
  }
}
