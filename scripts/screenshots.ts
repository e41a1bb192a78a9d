/**
 * `npm run screenshots`: renders the app's main screens at projector size (1920x1080)
 * into docs/screenshots/, from a realistic workshop made through the real API.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
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

/** Six themes a leadership team might find, with the replies behind them. */
const THEMES: [string, string[]][] = [
  [
    'Losing our people',
    [
      'scale fast, we lose the people who got us here',
      'hire senior people only, no one learns to lead',
      'grow the team, the culture dilutes',
      'reward heroics, we burn out the reliable ones',
      'reorganise yearly, nobody owns anything',
      'promote the loudest, the quiet experts leave',
      'hire fast, we skip the hard conversations',
    ],
  ],
  [
    'Short-term numbers',
    [
      'hit the quarterly number, we borrow from next year',
      'cut costs, we cut the thing that made us different',
      'chase the big deal, we neglect the loyal base',
      'discount to close, we teach buyers to wait',
      'report vanity metrics, we fool ourselves',
      'squeeze suppliers, they stop bringing us ideas',
    ],
  ],
  [
    'Deaf to customers',
    [
      'automate support, customers stop telling us what hurts',
      'please every customer, the product turns to mush',
      'survey everyone, we never talk to anyone',
      'build for the demo, not for the daily user',
      'copy the market leader, we lose our own voice',
      'ignore churn interviews, we repeat the same mistakes',
      'outsource research, insight stays in a slide deck',
    ],
  ],
  [
    'Speed over thinking',
    [
      'ship weekly, nobody has time to think',
      'move faster, we stop writing things down',
      'skip retros, we repeat last quarter',
      'say yes to everything, nothing gets finished',
      'fill every calendar, strategy happens in hallways',
      'launch before we learn, we scale the wrong thing',
    ],
  ],
  [
    'Identity drift',
    [
      'be everywhere, we stand for nothing',
      'look innovative, we chase what competitors do',
      'rebrand again, customers stop recognising us',
      'enter every market, we master none',
      'follow every trend 🚀, the core product ages',
      'chase press, we forget the craft',
    ],
  ],
  [
    'Decisions in the dark',
    [
      'reduce meetings, decisions happen in DMs',
      'centralise approvals, the front line stops deciding',
      'trust the dashboard, we stop walking the floor',
      'hide bad news, problems surface too late',
      'decide by consensus, nothing bold survives',
      'keep plans secret, teams guess the priorities',
      'skip the why, people follow the letter not the intent',
      'measure everything, we lose what matters',
    ],
  ],
]

/** A workshop of about 40 replies in six named clusters, made with the app's own gestures. */
function clusteredWorkshop(base: Workshop): Workshop {
  const promptId = base.prompts[0]!.id
  const texts = THEMES.flatMap(([, replies]) => replies)
  const slots = inboxSlots({ loose: [], frames: [] }, texts.length)
  const colors = ['yellow', 'blue', 'green', 'pink', 'orange', 'grey'] as const
  let doc = applyAll(base, [
    {
      type: 'addNotes',
      notes: texts.map((text, i) =>
        createNote({
          promptId,
          text,
          ...slots[i]!,
          color: colors[THEMES.findIndex(([, r]) => r.includes(text))] ?? 'yellow',
        }),
      ),
    },
  ])
  const byText = new Map(Object.values(doc.notes).map((n) => [n.text, n.id]))
  THEMES.forEach(([name, replies], i) => {
    const gesture = groupNotes(
      doc,
      replies.map((t) => byText.get(t)!),
    )
    const id = gesture.createdCluster!
    doc = applyAll(doc, [
      ...gesture.ops,
      { type: 'renameCluster', id, name },
      { type: 'recolor', notes: [], clusters: [{ id, color: colors[i]! }] },
    ])
  })
  // The facilitator presses Tidy once the themes are named (the board area is about 2.3:1).
  return applyAll(doc, tidyBoard(doc, promptId, 2.3))
}

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
  console.log(`Screenshots written to ${out}`)
} finally {
  await browser.close()
  await harness.close()
  await rm(dataDir, { recursive: true, force: true })
}
