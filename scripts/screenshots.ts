/**
 * `npm run screenshots`: renders the app's main screens at projector size (1920x1080)
 * into docs/screenshots/, from a realistic workshop made through the real API.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { groupNotes } from '../core/board-gestures.ts'
import { createNote } from '../core/create.ts'
import { inboxSlots } from '../core/layout.ts'
import type { Workshop } from '../core/model.ts'
import type { Op } from '../core/ops.ts'
import { applyAll } from '../core/ops.ts'
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/chromium.ts'
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
  const slots = inboxSlots([], texts.length)
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
  const origins = [
    [0, 0],
    [860, 0],
    [1720, 0],
    [0, 680],
    [860, 680],
    [1720, 680],
  ]
  THEMES.forEach(([name, replies], i) => {
    const gesture = groupNotes(
      doc,
      replies.map((t) => byText.get(t)!),
    )
    const id = gesture.createdCluster!
    doc = applyAll(doc, gesture.ops)
    const cluster = doc.clusters[id]!
    const [x, y] = origins[i] as [number, number]
    const dx = x - cluster.x
    const dy = y + 200 - cluster.y
    const members = Object.values(doc.notes).filter((n) => n.clusterId === id)
    const ops: Op[] = [
      { type: 'renameCluster', id, name },
      { type: 'recolor', notes: [], clusters: [{ id, color: colors[i]! }] },
      { type: 'moveClusters', moves: [{ id, x: cluster.x + dx, y: cluster.y + dy }] },
      { type: 'moveNotes', moves: members.map((n) => ({ id: n.id, x: n.x + dx, y: n.y + dy })) },
    ]
    doc = applyAll(doc, ops)
  })
  return doc
}

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

  // Sixty retrospective replies, loose, for the suggestions screenshot.
  const retro = await harness.store.createWorkshop('Team retrospective')
  if (retro.kind !== 'opened') throw new Error(retro.kind)
  const retroPrompt = retro.workshop.workshop.prompts[0]!.id
  const retroTexts = (await readFile(join(root, 'test/fixtures/suggest/retro-60.txt'), 'utf8'))
    .split('\n')
    .filter((t) => t.trim() !== '')
  const retroSlots = inboxSlots([], retroTexts.length)
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
