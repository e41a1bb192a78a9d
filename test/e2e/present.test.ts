import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { groupNotes, tidyBoard } from '../../core/board-gestures.ts'
import { createNote } from '../../core/create.ts'
import { inboxSlots } from '../../core/layout.ts'
import type { Workshop } from '../../core/model.ts'
import { applyAll } from '../../core/ops.ts'
import { seriousViolations } from './accessibility.ts'
import type { App } from './app.ts'
import { openApp } from './app.ts'

/** Three named clusters with dots (ranking: Speed 5, Trust 3, People 2) and loose replies. */
const THEMES: [string, number, string[]][] = [
  ['our people', 2, ['we lose the people who got us here', 'no one learns to lead']],
  ['customer trust', 3, ['support hides what hurts', 'we stop listening', 'promises slip']],
  ['ship faster', 5, ['nobody has time to think', 'we stop writing things down', 'tests rot']],
]
const SECOND_PROMPT = 'How do we course-correct without losing ____?'

function presentable(base: Workshop): Workshop {
  const promptId = base.prompts[0]!.id
  const texts = [...THEMES.flatMap(([, , replies]) => replies), 'a loose reply', 'another one']
  const slots = inboxSlots({ loose: [], frames: [] }, texts.length, 2)
  let doc = applyAll(base, [
    {
      type: 'addNotes',
      notes: texts.map((text, i) => createNote({ promptId, text, ...slots[i]! })),
    },
  ])
  for (const [name, votes, replies] of THEMES) {
    const ids = Object.values(doc.notes)
      .filter((n) => replies.includes(n.text))
      .map((n) => n.id)
    const gesture = groupNotes(doc, ids)
    const id = gesture.createdCluster!
    doc = applyAll(doc, [...gesture.ops, { type: 'renameCluster', id, name }])
    doc = { ...doc, clusters: { ...doc.clusters, [id]: { ...doc.clusters[id]!, votes } } }
  }
  return applyAll(doc, tidyBoard(doc, promptId, 2))
}

/** Writes the workshop through the store, then opens it from the home screen. */
async function openPresentable(app: App): Promise<void> {
  const created = await app.harness.store.createWorkshop('Offsite', [
    'What if, in your attempt to ____?',
    SECOND_PROMPT,
  ])
  if (created.kind !== 'opened') throw new Error(created.kind)
  const full = presentable(created.workshop.workshop)
  const notes = Object.values(full.notes)
  await app.harness.store.applyOps(created.workshop.handle, 0, [
    { type: 'addNotes', notes: notes.map((n) => ({ ...n, clusterId: null })) },
    { type: 'addClusters', clusters: Object.values(full.clusters) },
    {
      type: 'setNoteClusters',
      changes: notes.filter((n) => n.clusterId).map((n) => ({ id: n.id, clusterId: n.clusterId })),
    },
  ])
  await app.harness.store.closeWorkshop(created.workshop.handle)
  await app.page.reload()
  await app.page.getByRole('button', { name: /^Offsite/ }).click()
  await app.page.waitForFunction(() => window.__blankboard?.clusterIds().length === 3, null, {
    timeout: 30_000,
  })
  await settle(app.page)
}

const settle = (page: Page) => page.evaluate(() => window.__blankboard!.frame())
const presentRegion = (page: Page) => page.getByRole('region', { name: 'Present mode' })
const filled = (page: Page) => presentRegion(page).locator('mark.fill')

let app: App

beforeEach(async () => {
  app = await openApp()
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

describe('present mode', () => {
  it('steps through the clusters by votes with the blank filled, readable, then overview and back', async () => {
    const { page } = app
    await openPresentable(app)
    const viewBefore = await page.evaluate(() => window.__blankboard!.scale())

    await page.keyboard.press('F5')
    await presentRegion(page).waitFor()
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('projector')
    // No chrome: the top bar, the capture bar and the zoom controls are gone.
    await expect.poll(() => page.getByRole('button', { name: 'Present' }).count()).toBe(0)
    expect(await page.getByRole('textbox', { name: 'Reply' }).isVisible()).toBe(false)
    expect(await presentRegion(page).getByText('Overview', { exact: true }).isVisible()).toBe(true)

    const seen: string[] = []
    for (const [name, position] of [
      ['ship faster', '1 / 3'],
      ['customer trust', '2 / 3'],
      ['our people', '3 / 3'],
    ] as const) {
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => filled(page).textContent(), { timeout: 20_000 }).toBe(name)
      await settle(page)
      const where = await presentRegion(page).locator('.position').textContent()
      expect(where).toContain(position)
      const headline = await page
        .getByRole('heading', { level: 1 })
        .evaluate((h) => parseFloat(getComputedStyle(h).fontSize))
      expect(headline).toBeGreaterThanOrEqual(48)
      const names = await page.evaluate(() => window.__blankboard!.clusterNamePx())
      const notes = await page.evaluate(() => window.__blankboard!.noteTextPx())
      expect(names.length).toBeGreaterThan(0)
      expect(Math.min(...names)).toBeGreaterThanOrEqual(48)
      expect(notes.length).toBeGreaterThanOrEqual(2)
      expect(Math.min(...notes)).toBeGreaterThanOrEqual(32)
      seen.push(name)
    }
    expect(seen).toEqual(['ship faster', 'customer trust', 'our people'])

    // Back one step, then board order: the same cluster stays, the numbering changes.
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => filled(page).textContent(), { timeout: 20_000 }).toBe('customer trust')
    await presentRegion(page).getByRole('button', { name: 'Board order' }).click()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => filled(page).textContent(), { timeout: 20_000 }).toBe('ship faster')

    // Home: the whole board in view, nothing in the blank.
    await page.keyboard.press('Home')
    await expect.poll(() => filled(page).count(), { timeout: 20_000 }).toBe(0)
    await settle(page)
    const board = await page.evaluate(() => window.__blankboard!.boardRect())
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    expect(board!.x).toBeGreaterThanOrEqual(view.x)
    expect(board!.y).toBeGreaterThanOrEqual(view.y)
    expect(board!.x + board!.width).toBeLessThanOrEqual(view.x + view.width)
    expect(board!.y + board!.height).toBeLessThanOrEqual(view.y + view.height)

    // Page Down: the next prompt's (empty) board; Escape: back where the board was.
    await page.keyboard.press('PageDown')
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toContain('course-correct')
    await page.keyboard.press('Escape')
    await expect.poll(() => presentRegion(page).count(), { timeout: 20_000 }).toBe(0)
    await page.waitForFunction(() => window.__blankboard?.clusterIds().length === 3)
    await settle(page)
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light')
    expect(await page.getByRole('button', { name: 'Present' }).isVisible()).toBe(true)
    expect(await page.evaluate(() => window.__blankboard!.scale())).toBeCloseTo(viewBefore, 5)
    // The facilitator's choice of order is remembered.
    await page.keyboard.press('F5')
    expect(
      await presentRegion(page)
        .getByRole('button', { name: 'Board order' })
        .getAttribute('aria-pressed'),
    ).toBe('true')
  })

  it('the timer counts down on a driven clock, pauses, resumes, warns and ends', async () => {
    const { page } = app
    await page.clock.install()
    await openPresentable(app)
    const digits = page.getByTestId('timer-digits')

    // On the board: a click sets it.
    await page.getByRole('button', { name: 'Timer' }).click()
    await page.getByRole('button', { name: '3 min' }).click()
    await expect.poll(() => digits.textContent()).toBe('3:00')
    const now = await page.evaluate(() => Date.now())
    await page.clock.pauseAt(now + 500)
    await page.clock.runFor(60_000)
    await expect.poll(() => digits.textContent()).toBe('2:00')
    await page.getByRole('button', { name: 'Pause' }).click()
    await page.clock.runFor(30_000)
    expect(await digits.textContent()).toBe('2:00')
    expect(await page.getByRole('timer').textContent()).toContain('Paused')
    await page.getByRole('button', { name: 'Resume' }).click()
    await page.getByRole('button', { name: '+1 min' }).click()
    await page.clock.runFor(170_000)
    await expect.poll(() => digits.textContent()).toBe('0:10')
    expect(await page.getByRole('timer').textContent()).toContain('Last seconds')
    await page.clock.runFor(10_000)
    await expect.poll(() => digits.textContent()).toBe('0:00')
    expect(await page.getByRole('timer').textContent()).toContain("Time's up")

    // In present mode one key starts it and P pauses it.
    await page.clock.resume()
    await page.getByRole('button', { name: 'Clear the timer' }).click()
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('F5')
    await presentRegion(page).waitFor()
    await page.keyboard.press('5')
    await expect.poll(() => digits.textContent()).toBe('5:00')
    const later = await page.evaluate(() => Date.now())
    await page.clock.pauseAt(later + 500)
    await page.clock.runFor(2_000)
    await page.keyboard.press('p')
    const paused = await digits.textContent()
    await page.clock.runFor(20_000)
    expect(await digits.textContent()).toBe(paused)
    expect(paused).toMatch(/^4:5\d$/)
    await page.clock.resume()
  })

  it('the theme is remembered across a reload, and every theme passes axe on home, board and present', async () => {
    const { page } = app
    await openPresentable(app)
    await page.getByRole('button', { name: 'Workshops' }).click()
    for (const theme of ['light', 'dark', 'projector'] as const) {
      await page.getByLabel('Theme').selectOption(theme)
      await page.reload()
      await page.getByRole('button', { name: /^Offsite/ }).waitFor()
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme)
      expect(await page.getByLabel('Theme').inputValue()).toBe(theme)
      expect(await seriousViolations(page), `home, ${theme}`).toEqual([])

      await page.getByRole('button', { name: /^Offsite/ }).click()
      await page.waitForFunction(() => window.__blankboard?.clusterIds().length === 3)
      await settle(page)
      expect(await seriousViolations(page), `board, ${theme}`).toEqual([])

      await page.keyboard.press('F5')
      await presentRegion(page).waitFor()
      await page.keyboard.press('ArrowRight')
      await settle(page)
      expect(await seriousViolations(page), `present, ${theme}`).toEqual([])
      await page.keyboard.press('Escape')
      await expect.poll(() => presentRegion(page).count(), { timeout: 20_000 }).toBe(0)
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme)
      await page.getByRole('button', { name: 'Workshops' }).click()
    }
    // Dark really is dark.
    await page.getByLabel('Theme').selectOption('dark')
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe('rgb(22, 23, 27)')
  })
})
