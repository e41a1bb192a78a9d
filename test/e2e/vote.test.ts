/**
 * Dot voting and the ranking in real Chromium, with the real mouse and keys: a vote with
 * a budget, dots clicked on and taken off, a refused dot, undo of a dot, hidden counts
 * then revealed, the ranking with a tie, and axe-core on the board and on the ranking.
 */
import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seriousViolations } from './accessibility.ts'
import type { App } from './app.ts'
import {
  byText,
  centre,
  clusterTitle,
  createWorkshop,
  drag,
  openApp,
  savedWorkshop,
  shownNote,
  typeReplies,
  makeCluster,
} from './app.ts'

const REPLIES = ['ship smaller', 'ship sooner', 'listen more', 'ask why', 'write it down', 'say no']

let app: App
let ids: Record<string, string>
/** The three clusters, in number order: Ship, Listen, Write. */
let clusters: string[]

/** Drops one note on another (making a cluster) and names it. */
const clusterOf = (dragged: string, onto: string, name: string) =>
  makeCluster(app, ids[dragged]!, ids[onto]!, name)

beforeEach(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Vote')
  await typeReplies(app.page, REPLIES)
  const texts = byText(await savedWorkshop(app))
  ids = Object.fromEntries(REPLIES.map((t) => [t, texts.get(t)!.id]))
  clusters = [
    await clusterOf('ship sooner', 'ship smaller', 'Ship'),
    await clusterOf('ask why', 'listen more', 'Listen'),
    await clusterOf('say no', 'write it down', 'Write'),
  ]
}, 300_000)
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

/** Opens the vote's settings from the header and starts a vote. */
async function startVote(
  page: Page,
  settings: { dots: number; voters?: number; hide?: boolean },
): Promise<void> {
  await page.getByRole('button', { name: 'Vote', exact: true }).click()
  await page.getByLabel('Dots per person').fill(String(settings.dots))
  if (settings.voters) await page.getByLabel(/^Voters/).fill(String(settings.voters))
  if (settings.hide) await page.getByLabel('Hide counts until I reveal them').check()
  await page.getByRole('button', { name: 'Start vote' }).click()
  await page.getByText('Voting', { exact: true }).waitFor()
  // The vote bar took some of the board's height: show the whole board again.
  await page.getByRole('button', { name: 'Fit' }).click()
  await page.evaluate(() => window.__blankboard?.frame())
}

/** A click (with modifiers) on the middle of a cluster's title bar. */
async function clickCluster(page: Page, id: string, modifiers: ('Shift' | 'Alt')[] = []) {
  const title = await clusterTitle(page, id)
  const { x, y } = centre(title)
  for (const key of modifiers) await page.keyboard.down(key)
  await page.mouse.click(x, y)
  for (const key of modifiers) await page.keyboard.up(key)
}

/** The dots drawn on a cluster, once the canvas shows `count` (null: none drawn). */
async function waitVotes(page: Page, id: string, count: string | null) {
  await page.waitForFunction(
    ([c, n]) => (window.__blankboard?.clusterVotes(c!)?.count ?? null) === n,
    [id, count] as const,
    { timeout: 20_000 },
  )
  return page.evaluate((c) => window.__blankboard?.clusterVotes(c) ?? null, id)
}

const used = (page: Page, text: string) =>
  page.getByRole('status').filter({ hasText: text }).waitFor({ timeout: 20_000 })

describe('dot voting', () => {
  it('keeps a budget: clicks add dots, Shift+click and - take them off, over budget is refused, Ctrl+Z undoes a dot', async () => {
    const { page } = app
    const [ship, listen, write] = clusters as [string, string, string]
    await startVote(page, { dots: 2, voters: 2 })
    await used(page, '0 of 4 dots used')

    await clickCluster(page, ship)
    await clickCluster(page, ship)
    expect(await waitVotes(page, ship, '2')).toEqual({ marks: 2, count: '2' })
    await clickCluster(page, ship, ['Shift'])
    expect(await waitVotes(page, ship, '1')).toEqual({ marks: 1, count: '1' })
    await clickCluster(page, listen, ['Alt'])
    await page
      .getByRole('alert')
      .filter({ hasText: 'This cluster has no dot to remove.' })
      .waitFor()
    // A click on a note inside a cluster is a dot for its cluster (notes cannot take dots here).
    await page.mouse.click(...xy(centre(await shownNote(page, ids['ask why']!))))
    await waitVotes(page, listen, '1')
    expect(await page.evaluate(() => window.__blankboard?.selectedClusterId())).toBe(listen)
    // With a cluster selected, + adds a dot.
    await clickCluster(page, write)
    await page.keyboard.press('+')
    await waitVotes(page, write, '2')
    await used(page, '4 of 4 dots used')
    // Nothing can be dragged while the room votes.
    const before = await clusterTitle(page, ship)
    await drag(page, centre(before), { x: before.x + 300, y: before.y + 200 })
    expect(await clusterTitle(page, ship)).toEqual(before)

    // Over the budget: refused in words, nothing changes.
    await clickCluster(page, ship)
    await page
      .getByRole('alert')
      .filter({ hasText: 'All 4 dots are used (2 dots × 2 voters)' })
      .waitFor()
    expect(await waitVotes(page, ship, '1')).toEqual({ marks: 1, count: '1' })
    expect(await seriousViolations(page)).toEqual([])

    // Ctrl+Z takes back the last dot (on Write), and the file says so.
    await page.keyboard.press('Control+z')
    await waitVotes(page, write, '1')
    await used(page, '3 of 4 dots used')
    await page.keyboard.press('-') // Write is still selected
    await waitVotes(page, write, null)
    const saved = await savedWorkshop(app)
    expect(saved.prompts[0]!.vote).toEqual({
      state: 'open',
      dotsPerPerson: 2,
      voters: 2,
      countsHidden: false,
      notesVotable: false,
    })
    expect([ship, listen, write].map((id) => saved.clusters[id]!.votes)).toEqual([1, 1, 0])
    expect(Object.values(saved.notes).every((n) => n.votes === 0)).toBe(true)

    // End vote: clicks select again, and the dots stand.
    await page.getByRole('button', { name: 'End vote' }).click()
    await clickCluster(page, write)
    await page.waitForFunction((c) => window.__blankboard?.selectedClusterId() === c, write)
    expect((await savedWorkshop(app)).clusters[write]!.votes).toBe(0)
    expect((await savedWorkshop(app)).prompts[0]!.vote.state).toBe('ended')
  }, 180_000)

  it('hides counts until revealed, then ranks with a tie; the ranking works with the keyboard', async () => {
    const { page } = app
    const [ship, listen, write] = clusters as [string, string, string]
    await startVote(page, { dots: 3, hide: true })
    for (const [id, n] of [
      [listen, 3],
      [ship, 2],
      [write, 2],
    ] as const) {
      for (let i = 0; i < n; i++) await clickCluster(page, id)
    }
    await used(page, '7 dots used')
    // Counted, saved, but drawn nowhere.
    for (const id of clusters) expect(await waitVotes(page, id, null)).toBeNull()
    let saved = await savedWorkshop(app)
    expect([ship, listen, write].map((id) => saved.clusters[id]!.votes)).toEqual([2, 3, 2])
    expect(saved.prompts[0]!.vote.countsHidden).toBe(true)

    // The ranking (R) shows no order while counts are hidden.
    await page.keyboard.press('r')
    await page.getByText('Votes are hidden until you reveal them.').waitFor()
    expect(await page.getByRole('list', { name: 'Clusters by dots' }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Reveal counts' }).first().click()

    const list = page.getByRole('list', { name: 'Clusters by dots' })
    await list.waitFor()
    const rows = list.getByRole('button')
    const texts = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())
    expect(texts).toEqual([
      'Place 1 What if, in your attempt to Listen? Cluster 2 · 2 notes 3 dots',
      'Tied, place =2 What if, in your attempt to Ship? Cluster 1 · 2 notes 2 dots',
      'Tied, place =2 What if, in your attempt to Write? Cluster 3 · 2 notes 2 dots',
    ])
    expect(await seriousViolations(page)).toEqual([])

    // Arrow keys move between rows; Enter shows that cluster on the board.
    await page.waitForFunction(() => document.activeElement?.classList.contains('row'))
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Ship')
    await page.keyboard.press('Enter')
    await list.waitFor({ state: 'detached' })
    await page.waitForFunction((c) => window.__blankboard?.selectedClusterId() === c, ship)
    await page.evaluate(() => window.__blankboard?.frame())
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    const frame = (await page.evaluate((c) => window.__blankboard?.clusterRect(c), ship))!
    // Zoomed to it: the cluster fills most of the view's height or width, in the middle.
    expect(Math.max(frame.width / view.width, frame.height / view.height)).toBeGreaterThan(0.6)
    expect(Math.abs(centre(frame).x - centre(view).x)).toBeLessThan(view.width * 0.1)

    // Revealed on the canvas too, and in the file.
    expect(await waitVotes(page, listen, '3')).toEqual({ marks: 3, count: '3' })
    saved = await savedWorkshop(app)
    expect(saved.prompts[0]!.vote.countsHidden).toBe(false)

    // Reset clears every dot in one step; undo brings them back.
    await page.getByRole('button', { name: 'Reset votes' }).click()
    await used(page, '0 dots used')
    await waitVotes(page, listen, null)
    await page.getByRole('button', { name: 'Undo' }).click()
    await used(page, '7 dots used')
    expect(await waitVotes(page, listen, '3')).toEqual({ marks: 3, count: '3' })
    saved = await savedWorkshop(app)
    expect([ship, listen, write].map((id) => saved.clusters[id]!.votes)).toEqual([2, 3, 2])
  }, 180_000)
})

function xy(point: { x: number; y: number }): [number, number] {
  return [point.x, point.y]
}
