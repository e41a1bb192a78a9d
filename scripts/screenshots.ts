/**
 * `npm run screenshots`: renders the app's main screens at projector size (1920x1080)
 * into docs/screenshots/, from a realistic workshop made through the real API.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/chromium.ts'
import { startHarness } from '../test/harness/web-harness.ts'
import { clusteredWorkshop } from './sample-offsite.ts'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'docs/screenshots')

const REPLIES = [
  'scale fast, we lose the people who got us here',
  'automate support, customers stop telling us what hurts',
  'hit the quarterly number, we borrow from next year',
  'ship weekly, nobody has time to think',
  'be everywhere, we stand for nothing',
  'cut costs, we cut the thing that made us different',
  'please every customer, the product turns to mush',
  'hire senior people only, no one learns to lead',
  'move faster, we stop writing things down',
  'look innovative, we chase what competitors do',
  'reduce meetings, decisions happen in DMs',
  'grow the team 🚀, the culture dilutes',
]

await build({ configFile: join(root, 'vite.config.ts'), mode: 'harness', logLevel: 'warn' })
const dataDir = await mkdtemp(join(tmpdir(), 'blankboard-shots-'))
const harness = await startHarness({ staticDir: join(root, 'dist/harness'), dataDir, port: 0 })
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
try {
  for (const title of ['Customer research synthesis', 'Q3 retrospective']) {
    await harness.store.createWorkshop(title)
  }
  const offsite = await harness.store.createWorkshop('Leadership offsite — day 2')
  if (offsite.kind !== 'opened') throw new Error(offsite.kind)
  const full = clusteredWorkshop(offsite.workshop.workshop)
  const notes = Object.values(full.notes)
  await harness.store.applyOps(offsite.workshop.handle, 0, [
    { type: 'addNotes', notes: notes.map((n) => ({ ...n, clusterId: null })) },
    { type: 'addClusters', clusters: Object.values(full.clusters) },
    {
      type: 'setNoteClusters',
      changes: notes.filter((n) => n.clusterId).map((n) => ({ id: n.id, clusterId: n.clusterId })),
    },
  ])
  await harness.store.closeWorkshop(offsite.workshop.handle)
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  await page.goto(harness.url)
  await page.getByLabel('New workshop').fill('Strategy offsite 2026')
  await page.getByRole('button', { name: 'Create' }).click()
  await page.getByRole('textbox', { name: 'Reply' }).waitFor()
  for (const reply of REPLIES) {
    await page.keyboard.type(reply)
    await page.keyboard.press('Enter')
  }
  await page
    .getByRole('status')
    .filter({ hasText: /^\s*Saved\s*$/ })
    .waitFor()
  await page.screenshot({ path: join(out, 'board.png') })

  await page.getByRole('button', { name: 'Workshops' }).click()
  await page.getByRole('heading', { name: 'Recent workshops' }).waitFor()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(out, 'home.png') })

  await page.getByRole('button', { name: /^Leadership offsite/ }).click()
  await page.waitForFunction(() => (window.__blankboard?.clusterIds().length ?? 0) === 6)
  // On the projector the facilitator hides the prompts panel to give the board the room.
  await page.getByRole('button', { name: 'Prompts' }).click()
  await page.evaluate(() => window.__blankboard?.frame())
  await page.getByRole('button', { name: 'Fit' }).click()
  await page.evaluate(() => window.__blankboard?.frame())
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(out, 'clusters.png') })
  console.log(`Screenshots written to ${out}`)
} finally {
  await browser.close()
  await harness.close()
  await rm(dataDir, { recursive: true, force: true })
}
