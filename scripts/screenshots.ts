/**
 * `npm run screenshots`: renders the app's main screens at projector size (1920x1080)
 * into docs/screenshots/, from a realistic workshop made through the real API.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { groupNotes, tidyBoard } from '../core/board-gestures.ts'
import { createNote } from '../core/create.ts'
import { inboxSlots } from '../core/layout.ts'
import type { Workshop } from '../core/model.ts'
import { applyAll } from '../core/ops.ts'
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/chromium.ts'
import { replyText } from '../test/bench/sample-workshop.ts'
import type { Harness } from '../test/harness/web-harness.ts'
import { startHarness } from '../test/harness/web-harness.ts'
import { clusteredWorkshop } from './sample-offsite.ts'
import { roomScreenshots } from './room-screenshots.ts'

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

/** A 2,000-reply survey board with a dozen themes drawn from it, made with the app's gestures. */
function surveyWorkshop(base: Workshop): Workshop {
  const promptId = base.prompts[0]!.id
  const slots = inboxSlots({ loose: [], frames: [] }, 2000, 2.3)
  const colors = ['yellow', 'blue', 'green', 'pink', 'orange', 'grey'] as const
  let doc = applyAll(base, [
    {
      type: 'addNotes',
      notes: slots.map((slot, i) =>
        createNote({ promptId, text: replyText(i), author: `Team ${(i % 7) + 1}`, ...slot }),
      ),
    },
  ])
  const names = ['Trust', 'Speed vs care', 'Customers', 'Craft', 'Ownership', 'Clarity of goals']
  for (let k = 0; k < 12; k++) {
    const loose = Object.values(doc.notes).filter((n) => n.clusterId === null)
    const gesture = groupNotes(
      doc,
      loose.slice(k * 40, k * 40 + 6 + ((k * 7) % 30)).map((n) => n.id),
    )
    const id = gesture.createdCluster!
    doc = applyAll(doc, [
      ...gesture.ops,
      { type: 'renameCluster', id, name: names[k % names.length]! + (k >= 6 ? ' (2)' : '') },
      { type: 'recolor', notes: [], clusters: [{ id, color: colors[k % colors.length]! }] },
    ])
  }
  return applyAll(doc, tidyBoard(doc, promptId, 2.3))
}

/** Puts a workshop made in memory into a file of the store, through its API. */
async function fill(harness: Harness, title: string, make: (base: Workshop) => Workshop) {
  const created = await harness.store.createWorkshop(title)
  if (created.kind !== 'opened') throw new Error(created.kind)
  const full = make(created.workshop.workshop)
  const notes = Object.values(full.notes)
  await harness.store.applyOps(created.workshop.handle, 0, [
    { type: 'addNotes', notes: notes.map((n) => ({ ...n, clusterId: null })) },
    { type: 'addClusters', clusters: Object.values(full.clusters) },
    {
      type: 'setNoteClusters',
      changes: notes.filter((n) => n.clusterId).map((n) => ({ id: n.id, clusterId: n.clusterId })),
    },
  ])
  await harness.store.closeWorkshop(created.workshop.handle)
}

/**
 * The sample workshop mid-vote (voting.png): a vote of 3 dots for 12 voters started from
 * the vote bar, dots clicked onto the clusters with the mouse; then the ranking (ranking.png).
 */
async function voteShots(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Vote', exact: true }).click()
  await page.getByLabel('Dots per person').fill('3')
  await page.getByLabel(/^Voters/).fill('12')
  await page.getByRole('button', { name: 'Start vote' }).click()
  await page.getByText('0 of 36 dots used').waitFor()
  // As in a room: the board as large as it goes.
  await page.getByRole('button', { name: 'Prompts' }).click()
  await page.getByRole('button', { name: 'Fit' }).click()
  await page.evaluate(() => window.__blankboard?.frame())
  const ids = await page.evaluate(() => window.__blankboard?.clusterIds() ?? [])
  // The room's dots so far: a clear favourite, a tie for second, a long tail.
  const dots = [9, 6, 2, 6, 1, 3]
  for (const [i, id] of ids.entries()) {
    const title = await page.evaluate((c) => window.__blankboard?.clusterTitleRect(c), id)
    if (!title) throw new Error(`cluster ${id} is not drawn`)
    for (let k = 0; k < dots[i]!; k++) {
      await page.mouse.click(title.x + title.width * 0.5, title.y + title.height / 2)
    }
  }
  await page.getByText('27 of 36 dots used').waitFor()
  await page.evaluate(() => window.__blankboard?.frame())
  await page
    .getByRole('status')
    .filter({ hasText: /^\s*Saved\s*$/ })
    .waitFor()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(out, 'voting.png') })
  await page.getByRole('button', { name: 'End vote' }).click()
  await page.getByRole('button', { name: 'Ranking', exact: true }).first().click()
  await page.getByRole('list', { name: 'Clusters by dots' }).waitFor()
  await page.screenshot({ path: join(out, 'ranking.png') })
}

/** The survey overview and the suggestions, after the sample workshop's screens. */
async function laterShots(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Workshops' }).click()
  await page.getByRole('button', { name: /^Employee survey/ }).click()
  await page.waitForFunction(() => (window.__blankboard?.noteIds().length ?? 0) === 2000)
  await page.evaluate(() => window.__blankboard?.frame())
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(out, 'overview.png') })

  // Sixty retrospective replies, loose, for the suggestions screenshot.
  const retro = await harness.store.createWorkshop('Team retrospective')
  if (retro.kind !== 'opened') throw new Error(retro.kind)
  const retroPrompt = retro.workshop.workshop.prompts[0]!.id
  const retroTexts = (await readFile(join(root, 'test/fixtures/suggest/retro-60.txt'), 'utf8'))
    .split('\n')
    .filter((t) => t.trim() !== '')
  const retroSlots = inboxSlots({ loose: [], frames: [] }, retroTexts.length)
  await harness.store.applyOps(retro.workshop.handle, 0, [
    {
      type: 'addNotes',
      notes: retroTexts.map((text, i) =>
        createNote({ promptId: retroPrompt, text, source: 'imported', ...retroSlots[i]! }),
      ),
    },
  ])
  await harness.store.closeWorkshop(retro.workshop.handle)
  await page.getByRole('button', { name: 'Workshops' }).click()
  await page.getByRole('button', { name: /^Team retrospective/ }).click()
  await page.waitForFunction(() => (window.__blankboard?.noteIds().length ?? 0) === 60)
  await page.getByRole('button', { name: 'Suggest' }).click()
  await page.getByRole('list', { name: 'Suggested groups' }).waitFor()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(out, 'suggestions.png') })
}

await build({ configFile: join(root, 'vite.config.ts'), mode: 'harness', logLevel: 'warn' })
const dataDir = await mkdtemp(join(tmpdir(), 'blankboard-shots-'))
const harness = await startHarness({ staticDir: join(root, 'dist/harness'), dataDir, port: 0 })
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
try {
  for (const title of ['Customer research synthesis', 'Q3 retrospective']) {
    await harness.store.createWorkshop(title)
  }
  await fill(harness, 'Leadership offsite — day 2', clusteredWorkshop)
  await fill(harness, 'Employee survey 2026', surveyWorkshop)
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
  await page.evaluate(() => window.__blankboard?.frame())
  await page.mouse.move(0, 0)
  // As it opens: fitted to its content, readable by cluster name.
  await page.screenshot({ path: join(out, 'clusters.png') })
  // On the projector: only the board, full screen (F11).
  await page.keyboard.press('F11')
  await page.getByRole('button', { name: 'Fit' }).click()
  await page.evaluate(() => window.__blankboard?.frame())
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(out, 'projector.png') })
  await page.keyboard.press('F11')

  await voteShots(page)
  // `-- --vote`: only the vote's screens, while working on them.
  if (!process.argv.includes('--vote')) {
    // Present mode (F5) in the projector theme: a cluster with its name in the blank, and a
    // five-minute timer for its discussion running.
    await page.keyboard.press('Escape') // the ranking, back to the board
    await page.keyboard.press('F5')
    await page.getByRole('region', { name: 'Present mode' }).waitFor()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('5')
    await page.evaluate(() => window.__blankboard?.frame())
    await page.waitForTimeout(1500)
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(out, 'present.png') })
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Clear the timer' }).click()

    // The same board in the dark theme.
    await page.getByLabel('Theme').selectOption('dark')
    await page.getByRole('button', { name: 'Fit' }).click()
    await page.evaluate(() => window.__blankboard?.frame())
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(out, 'dark.png') })
    await page.getByLabel('Theme').selectOption('light')

    await laterShots(page)
    await roomScreenshots(browser, out)
  }
  console.log(`Screenshots written to ${out}`)
} finally {
  await browser.close()
  await harness.close()
  await rm(dataDir, { recursive: true, force: true })
}
