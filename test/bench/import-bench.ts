/**
 * Capture at scale in headless Chromium: importing a 10,000-row CSV through the real
 * dialog, and pasting 5,000 lines into the capture bar; each timed from the confirming
 * click to every note drawn and saved (parsing, stacking duplicates, the ops applied here
 * and acknowledged durably by the store).
 * Limits: the file's rows are all distinct, so nothing stacks; one run per sample.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.ts'
import { startHarness } from '../harness/web-harness.ts'
import type { BenchSection } from './bench-table.ts'
import { median, ms, percentile } from './bench-table.ts'

const FILE = fileURLToPath(new URL('../fixtures/import/ten-thousand.csv', import.meta.url))

/** Times `runs` imports of the 10,000-row fixture, each into a fresh workshop. */
export async function importBench(staticDir: string, runs = 3): Promise<BenchSection> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
  const times: number[] = []
  const pastes: number[] = []
  try {
    for (let run = 0; run < runs; run++) {
      const dir = await mkdtemp(join(tmpdir(), 'blankboard-bench-import-'))
      const harness = await startHarness({ staticDir, dataDir: dir, port: 0 })
      try {
        const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
        await page.goto(harness.url)
        await page.getByLabel('New workshop').fill(`Import ${run}`)
        await page.getByRole('button', { name: 'Create' }).click()
        await page.waitForFunction(() => window.__blankboard !== undefined)
        const chooser = page.waitForEvent('filechooser')
        await page.getByRole('button', { name: 'Import…' }).click()
        await (await chooser).setFiles(FILE)
        const button = page
          .getByRole('dialog')
          .getByRole('button', { name: 'Import 10,000 replies' })
        await button.waitFor()
        const start = performance.now()
        await button.click()
        await page.waitForFunction(() => window.__blankboard?.noteIds().length === 10_000, null, {
          timeout: 60_000,
        })
        await page.evaluate(() => window.__blankboard!.frame())
        await page
          .getByRole('status')
          .filter({ hasText: /^\s*Saved\s*$/ })
          .waitFor()
        times.push(performance.now() - start)

        // A paste of 5,000 lines on the next prompt's empty board.
        await page.getByRole('button', { name: /^2 How do we/ }).click()
        await page.waitForFunction(() => window.__blankboard?.noteIds().length === 0)
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
        const lines = Array.from({ length: 5_000 }, (_, i) => `- pasted reply ${i + 1}`).join('\n')
        await page.evaluate((text) => navigator.clipboard.writeText(text), lines)
        await page.getByRole('textbox', { name: 'Reply' }).focus()
        await page.keyboard.press('Control+v')
        const confirm = page.getByRole('button', { name: 'Add 5,000 replies' })
        await confirm.waitFor()
        const pasteStart = performance.now()
        await confirm.click()
        await page.waitForFunction(() => window.__blankboard?.noteIds().length === 5_000)
        await page.evaluate(() => window.__blankboard!.frame())
        await page
          .getByRole('status')
          .filter({ hasText: /^\s*Saved\s*$/ })
          .waitFor()
        pastes.push(performance.now() - pasteStart)
        await page.close()
      } finally {
        await harness.close()
        await rm(dir, { recursive: true, force: true })
      }
    }
  } finally {
    await browser.close()
  }
  return {
    title: `Capture at scale (${runs} runs each, ms)`,
    columns: ['what', 'median', 'p95'],
    rows: [
      ['import a 10,000-row CSV', ms(median(times)), ms(percentile(times, 0.95))],
      ['paste 5,000 lines', ms(median(pastes)), ms(percentile(pastes, 0.95))],
    ],
    notes: [
      'Import: from the click on Import to all notes drawn on the board and saved to disk.',
      'Paste: from the confirming click to all notes drawn and saved.',
    ],
  }
}
