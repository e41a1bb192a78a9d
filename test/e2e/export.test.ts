import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { csvExport } from '../../core/export/csv.ts'
import { htmlReport } from '../../core/export/html-report.ts'
import { markdownReport } from '../../core/export/markdown.ts'
import { repliesOf } from '../../core/export/report.ts'
import { readPngHeader } from '../../core/export/png-header.ts'
import { decodeWorkshop } from '../../core/migrations.ts'
import type { Workshop } from '../../core/model.ts'
import { fixtureWorkshop, exportFixture } from '../unit/helpers/export-fixture.ts'
import { sampleWorkshop } from '../bench/sample-workshop.ts'
import type { App } from './app.ts'
import { openApp, savedWorkshop } from './app.ts'
import { filesEndingIn, openExportDialog, openWorkshopFile } from './export-helpers.ts'

let app: App | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const TITLE = 'Q3 retro: "Phoenix", launch & lessons'

async function openFixture(): Promise<App> {
  app = await openApp()
  await openWorkshopFile(app, exportFixture('workshop.blankboard'), TITLE)
  return app
}

/** Clicks an export button and waits for the dialog to name the saved file; its path. */
async function save(dialog: Locator, button: string, dir: string): Promise<string> {
  await dialog.getByRole('button', { name: button }).click()
  const status = dialog.getByRole('status')
  await status.getByText(/Saved “/).waitFor({ timeout: 120_000 })
  const name = /Saved “(.+)”\./.exec(await status.innerText())![1]!
  return join(dir, name)
}

/** The pixel colour at (x, y) of a PNG file, decoded by the browser. */
async function pixelsAt(page: Page, path: string, points: { x: number; y: number }[]) {
  const base64 = (await readFile(path)).toString('base64')
  return page.evaluate(
    async ({ base64, points }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      const context = canvas.getContext('2d')!
      context.drawImage(bitmap, 0, 0)
      const all = context.getImageData(0, 0, bitmap.width, bitmap.height).data
      const colours = new Set<number>()
      for (let i = 0; i < all.length; i += 4 * 97)
        colours.add((all[i]! << 16) | (all[i + 1]! << 8) | all[i + 2]!)
      return {
        width: bitmap.width,
        height: bitmap.height,
        colours: colours.size,
        at: points.map(({ x, y }) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]),
      }
    },
    { base64, points },
  )
}

const near = (actual: number[], expected: number[]) =>
  actual.every((v, i) => Math.abs(v - expected[i]!) <= 4)

describe('exporting a workshop', () => {
  it('saves the Markdown report, the CSV, the printable report and a copy of the file, each as the exporters make them', async () => {
    const { page, dataDir } = await openFixture()
    const dialog = await openExportDialog(page)
    const workshop = fixtureWorkshop()

    const md = await save(dialog, 'Markdown (.md)', dataDir)
    expect(md.endsWith('Q3 retro Phoenix, launch & lessons report.md')).toBe(true)
    expect(await readFile(md, 'utf8')).toBe(markdownReport(workshop, { authors: true }))

    await dialog.getByLabel('Name who gave each reply').uncheck()
    const html = await save(dialog, 'Printable (.html)', dataDir)
    expect(await readFile(html, 'utf8')).toBe(htmlReport(workshop, { authors: false }))

    const csv = await save(dialog, 'Spreadsheet (.csv)', dataDir)
    const bytes = await readFile(csv)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toBe(csvExport(workshop))

    const copy = await save(dialog, 'Save a copy (.json)', dataDir)
    const decoded = decodeWorkshop(await readFile(copy, 'utf8'))
    expect(decoded.kind === 'ok' && decoded.workshop).toEqual(workshop)

    // Saving again never replaces the first file.
    const again = await save(dialog, 'Markdown (.md)', dataDir)
    expect(again.endsWith('report (2).md')).toBe(true)
    expect(await filesEndingIn(dataDir, 'md')).toHaveLength(2)
    expect(app!.pageErrors).toEqual([])
  })

  it('the exported CSV, imported through the import dialog, gives the same replies', async () => {
    const { page, dataDir } = await openFixture()
    const csv = await save(await openExportDialog(page), 'Spreadsheet (.csv)', dataDir)
    await page
      .getByRole('dialog', { name: 'Export' })
      .getByRole('button', { name: 'Close' })
      .click()

    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…' }).click()
    await (await chooser).setFiles(csv)
    const dialog = page.getByRole('dialog')
    const column = (name: string) => dialog.getByRole('combobox', { name }).inputValue()
    await expect.poll(() => column('Replies are in'), { timeout: 30_000 }).toBe('2')
    expect(await column('Author or segment')).toBe('7')
    const prompts = fixtureWorkshop().prompts
    await dialog.getByRole('combobox', { name: 'Add to prompt' }).selectOption(prompts[2]!.id)
    await dialog.getByRole('button', { name: /^Import 15 replies$/ }).click()
    await dialog.waitFor({ state: 'detached' })

    const pairs = (w: Workshop, promptIds: string[]) =>
      Object.values(w.notes)
        .filter((n) => promptIds.includes(n.promptId) && !n.hidden)
        .flatMap(repliesOf)
        .map((r) => `${r.text.trim()} | ${r.author ?? ''}`)
        .sort()
    const saved = await savedWorkshop(app!)
    expect(pairs(saved, [prompts[2]!.id])).toEqual(
      pairs(fixtureWorkshop(), [prompts[0]!.id, prompts[1]!.id]),
    )
  })

  it('copies the Markdown report to the clipboard', async () => {
    const { page } = await openFixture()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(app!.harness.url).origin,
    })
    const dialog = await openExportDialog(page)
    await dialog.getByRole('button', { name: 'Copy as Markdown' }).click()
    await dialog.getByText('The Markdown report is on the clipboard.').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      markdownReport(fixtureWorkshop(), { authors: true }),
    )
  })

  it('says PDF is for the desktop app, writes nothing, and the dialog carries on', async () => {
    const { page, dataDir } = await openFixture()
    const dialog = await openExportDialog(page)
    await dialog.getByRole('button', { name: 'PDF' }).click()
    await dialog
      .getByRole('alert')
      .getByText(/PDF export is only in the desktop app/)
      .waitFor()
    expect(await filesEndingIn(dataDir, 'pdf')).toEqual([])
    const md = await save(dialog, 'Markdown (.md)', dataDir)
    expect(await readFile(md, 'utf8')).toContain('# Q3 retro')
    await expect.poll(() => dialog.getByRole('alert').count(), { timeout: 30_000 }).toBe(0)
  })

  it(
    'saves PNGs at 1×, 2× and 4× whose sizes match the dialog, of the board, and of one cluster in its colour',
    { timeout: 180_000 },
    async () => {
      const { page, dataDir } = await openFixture()
      const dialog = await openExportDialog(page)
      const board = await pixelsAt(page, await save(dialog, 'Save image…', dataDir), [])
      expect(board.colours).toBeGreaterThan(20)

      await dialog.getByLabel('One cluster').check()
      const sizes: { width: number; height: number }[] = []
      for (const scale of [1, 2, 4]) {
        await dialog.getByRole('radio', { name: new RegExp(`^(Screen|Print) ${scale}×`) }).check()
        const label = await dialog
          .getByRole('radio', { name: new RegExp(`^(Screen|Print) ${scale}×`) })
          .evaluate((r) => (r as HTMLInputElement).labels![0]!.textContent!)
        const path = await save(dialog, 'Save image…', dataDir)
        const header = readPngHeader(await readFile(path))!
        expect(label.replace(/\s+/g, ' ')).toContain(
          `${header.width.toLocaleString('en')} × ${header.height.toLocaleString('en')} px`,
        )
        sizes.push(header)
      }
      expect(sizes[1]).toEqual({ width: sizes[0]!.width * 2, height: sizes[0]!.height * 2 })
      expect(sizes[2]).toEqual({ width: sizes[0]!.width * 4, height: sizes[0]!.height * 4 })

      // "ship faster 🚀" is a green cluster: the strip inside its frame, beside its notes, is
      // its green tint over the board (rgba(185, 226, 197, 0.3) over #efece5).
      await dialog.getByLabel('Cluster', { exact: true }).selectOption({ label: 'ship faster 🚀' })
      await dialog.getByRole('radio', { name: /^Print 2×/ }).check()
      const cluster = await save(dialog, 'Save image…', dataDir)
      expect(cluster.endsWith('ship faster 🚀.png')).toBe(true)
      const { width, height } = readPngHeader(await readFile(cluster))!
      const inside = { x: (48 + 8) * 2, y: height - (48 + 8) * 2 }
      const outside = { x: 20, y: height - 20 }
      const image = await pixelsAt(page, cluster, [inside, outside])
      expect([image.width, image.height]).toEqual([width, height])
      expect(near(image.at[0]!, [223, 233, 219]), String(image.at[0])).toBe(true)
      expect(near(image.at[1]!, [0xef, 0xec, 0xe5]), String(image.at[1])).toBe(true)
    },
  )

  it('exports the ranking, white for print', async () => {
    const { page, dataDir } = await openFixture()
    const dialog = await openExportDialog(page)
    await dialog.getByLabel(/The ranking/).check()
    await dialog.getByLabel('White, for print').check()
    const path = await save(dialog, 'Save image…', dataDir)
    expect(path.endsWith('ranking.png')).toBe(true)
    const image = await pixelsAt(page, path, [{ x: 5, y: 5 }])
    expect(image.at[0]).toEqual([255, 255, 255])
    expect(image.colours).toBeGreaterThan(10)
  })

  it('a 5,000-note board: the image draws with progress, the window answers input, and Cancel or Escape stops it writing nothing', async () => {
    app = await openApp()
    const { page, dataDir } = app
    await openWorkshopFile(app, sampleWorkshop(5_000).workshop, 'Benchmark 5000')
    const dialog = await openExportDialog(page)
    const progress = dialog.getByRole('progressbar', { name: 'Drawing the image' })
    for (const stop of ['Cancel', 'Escape']) {
      await dialog.getByRole('button', { name: 'Save image…' }).click()
      await expect
        .poll(() => progress.getAttribute('value').then(Number), { timeout: 30_000 })
        .toBeGreaterThan(0)
      const first = Number(await progress.getAttribute('value'))
      // Input is handled while it draws: a checkbox toggles, and drawing goes on.
      const authors = dialog.getByLabel('Name who gave each reply')
      const before = await authors.isChecked()
      await authors.click()
      expect(await authors.isChecked()).toBe(!before)
      await expect
        .poll(() => progress.getAttribute('value').then(Number), { timeout: 30_000 })
        .toBeGreaterThan(first)
      if (stop === 'Cancel') await dialog.getByRole('button', { name: 'Cancel' }).click()
      else await page.keyboard.press('Escape')
      await dialog.getByText('The image was not saved: export cancelled.').waitFor()
      await progress.waitFor({ state: 'detached' })
    }
    // Escape during a drawing cancelled the drawing, not the dialog.
    await dialog.waitFor()
    expect(await filesEndingIn(dataDir, 'png')).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
