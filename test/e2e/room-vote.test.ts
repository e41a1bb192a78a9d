/**
 * Phones vote in Chromium: the facilitator clusters replies and starts a vote with 3 dots
 * each, opens the room, and a phone (a second browser context at a phone's size) casts two
 * dots on a cluster from the join URL. The board draws them and its file holds them; the
 * phone shows what it has left and is refused beyond its budget.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import { byText, createWorkshop, openApp, savedWorkshop, typeReplies, makeCluster } from './app.ts'

let app: App
let phoneContext: BrowserContext
let phone: Page
const phoneErrors: string[] = []

beforeAll(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Room vote')
}, 120_000)

afterAll(async () => {
  await phoneContext?.close()
  await app?.close()
})

/** The phone's "n of 3 dots left" line, once it reads `text`. */
async function phoneLeft(text: string): Promise<void> {
  await phone.waitForFunction(
    (t) => document.getElementById('dots-left')?.textContent === t,
    text,
    { timeout: 30_000, polling: 200 },
  )
}

describe('dots from phones', () => {
  it('a phone casts two dots on a cluster; the board draws them and saves them', async () => {
    const { page } = app
    await typeReplies(page, ['ship smaller', 'ship sooner', 'listen more'])
    const texts = byText(await savedWorkshop(app))
    const ship = await makeCluster(
      app,
      texts.get('ship sooner')!.id,
      texts.get('ship smaller')!.id,
      'Ship',
    )

    await page.getByRole('button', { name: 'Vote', exact: true }).click()
    await page.getByLabel('Dots per person').fill('3')
    await page.getByRole('button', { name: 'Start vote' }).click()
    await page.getByText('Voting', { exact: true }).waitFor()

    await page.getByRole('switch', { name: 'Open room' }).click()
    const urlText = page.locator('[data-room-url]')
    await urlText.waitFor({ timeout: 20_000 })
    const url = (await urlText.textContent())!.trim()

    const browser = page.context().browser()!
    phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    phone = await phoneContext.newPage()
    phone.on('pageerror', (error) => phoneErrors.push(error.message))
    phone.on('console', (message) => {
      if (message.type() === 'error') phoneErrors.push(message.text())
    })
    await phone.goto(url)
    await phoneLeft('3 of 3 dots left on this phone')
    const row = phone.locator('#clusters li', { hasText: 'Ship' })
    await expect(row.locator('.num').textContent()).resolves.toBe('1')
    // Only cluster names reach the phone, never the notes' words.
    await expect(phone.locator('#clusters').textContent()).resolves.not.toContain('ship smaller')

    await row.getByRole('button', { name: 'Add a dot to Ship' }).click()
    await phoneLeft('2 of 3 dots left on this phone')
    await row.getByRole('button', { name: 'Add a dot to Ship' }).click()
    await phoneLeft('1 of 3 dots left on this phone')
    await expect(row.locator('.dots').textContent()).resolves.toBe('●●')

    await page.getByRole('button', { name: 'Show the board' }).click()
    await page.waitForFunction((c) => window.__blankboard?.clusterVotes(c)?.count === '2', ship!, {
      timeout: 30_000,
      polling: 200,
    })
    expect((await savedWorkshop(app)).clusters[ship!]!.votes).toBe(2)

    // Taken back from the phone: off the board and the file too.
    await row.getByRole('button', { name: 'Take a dot from Ship' }).click()
    await phoneLeft('2 of 3 dots left on this phone')
    await page.waitForFunction((c) => window.__blankboard?.clusterVotes(c)?.count === '1', ship!, {
      timeout: 30_000,
      polling: 200,
    })
    expect((await savedWorkshop(app)).clusters[ship!]!.votes).toBe(1)
    expect(phoneErrors).toEqual([])
  }, 240_000)
})
