/**
 * `npm run examples`: the export examples in docs/examples/, from the sample workshop of
 * the screenshots with votes, segments and a few stacked replies added: the Markdown
 * report (report.md, from the core exporter) and a PNG of the board (board.png, saved
 * through the Export dialog in Chromium, as a person would).
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { markdownReport } from '../core/export/markdown.ts'
import type { Workshop } from '../core/model.ts'
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/chromium.ts'
import { startHarness } from '../test/harness/web-harness.ts'
import { clusteredWorkshop } from './sample-offsite.ts'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'docs/examples')
const SEGMENTS = ['Sales', 'Engineering', 'Support', 'Product', 'Finance', 'Leadership']
const CLUSTER_VOTES = [9, 6, 11, 4, 2, 7]

/** The sample with what a real session leaves behind: dot votes, segments, repeated replies. */
function votedWorkshop(base: Workshop): Workshop {
  const doc = clusteredWorkshop(base)
  const clusters = Object.values(doc.clusters).map((c, i) => ({
    ...c,
    votes: CLUSTER_VOTES[i] ?? 0,
  }))
  const notes = Object.values(doc.notes).map((n, i) => ({
    ...n,
    author: SEGMENTS[i % SEGMENTS.length]!,
    votes: i % 5 === 0 ? 2 : i % 7 === 0 ? 1 : 0,
    duplicates:
      i % 9 === 3
        ? [
            {
              text: n.text.replace(/,/, ' —'),
              author: SEGMENTS[(i + 2) % SEGMENTS.length]!,
              source: 'typed' as const,
              createdAt: n.createdAt,
            },
          ]
        : [],
  }))
  return {
    ...doc,
    notes: Object.fromEntries(notes.map((n) => [n.id, n])),
    clusters: Object.fromEntries(clusters.map((c) => [c.id, c])),
  }
}

await build({ configFile: join(root, 'vite.config.ts'), mode: 'harness', logLevel: 'warn' })
const dataDir = await mkdtemp(join(tmpdir(), 'blankboard-examples-'))
const harness = await startHarness({ staticDir: join(root, 'dist/harness'), dataDir, port: 0 })
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
try {
  await mkdir(out, { recursive: true })
  const opened = await harness.store.createWorkshop('Leadership offsite — day 2')
  if (opened.kind !== 'opened') throw new Error(opened.kind)
  const doc = votedWorkshop(opened.workshop.workshop)
  const notes = Object.values(doc.notes)
  await harness.store.applyOps(opened.workshop.handle, 0, [
    { type: 'addNotes', notes: notes.map((n) => ({ ...n, clusterId: null })) },
    { type: 'addClusters', clusters: Object.values(doc.clusters) },
    {
      type: 'setNoteClusters',
      changes: notes.filter((n) => n.clusterId).map((n) => ({ id: n.id, clusterId: n.clusterId })),
    },
  ])
  await harness.store.closeWorkshop(opened.workshop.handle)
  await writeFile(join(out, 'report.md'), markdownReport(doc, { authors: true }))

  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  await page.goto(harness.url)
  await page.getByRole('button', { name: /^Leadership offsite/ }).click()
  await page.waitForFunction(() => (window.__blankboard?.clusterIds().length ?? 0) === 6)
  await page.keyboard.press('Control+e')
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await dialog.getByRole('button', { name: 'Save image…' }).click()
  await dialog.getByText(/Saved “/).waitFor({ timeout: 120_000 })
  const png = (await readdir(dataDir)).find((name) => name.endsWith('.png'))!
  await copyFile(join(dataDir, png), join(out, 'board.png'))
  console.log(`Examples written to ${out}`)
} finally {
  await browser.close()
  await harness.close()
  await rm(dataDir, { recursive: true, force: true })
}
