/**
 * The room end to end, in Chromium: the facilitator opens the room on the board; a phone
 * (a second browser context at a phone's size) opens the join URL the board shows, sends
 * three replies, sees them saved, and the board draws them; closing the room makes the
 * next send fail with a message on the phone.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import { createWorkshop, noteIds, openApp, readWorkshopFile } from './app.ts'

const REPLIES = [
  'we ship faster 🚀🎉 and forget why',
  'נאבד את האמון של הלקוחות',
  '<img src=x onerror=alert(1)>',
]

let app: App
let phoneContext: BrowserContext
let phone: Page
const phoneErrors: string[] = []
let dialogs = 0

beforeAll(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Room test')
})

afterAll(async () => {
  await phoneContext?.close()
  await app?.close()
})

/** Sends one reply from the phone page the way a person does. */
async function sendFromPhone(text: string): Promise<void> {
  await phone.getByLabel('Your reply').fill(text)
  await phone.getByRole('button', { name: 'Send' }).click()
}

describe('the room', () => {
  it('takes replies from a phone onto the board, saved on disk as room notes', async () => {
    const { page } = app
    const roomSwitch = page.getByRole('switch', { name: 'Open room' })
    await expect(roomSwitch.getAttribute('aria-checked')).resolves.toBe('false')
    await roomSwitch.click()
    const urlText = page.locator('[data-room-url]')
    await urlText.waitFor({ timeout: 20_000 })
    const url = (await urlText.textContent())!.trim()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[a-z2-7]{26}\/$/)
    await expect(
      page.getByRole('img', { name: 'QR code of the join address' }).isVisible(),
    ).resolves.toBe(true)
    const code = (await page.locator('[data-room-code]').textContent())!.replace(/\s/g, '')
    expect(url).toContain(`/${code}/`)

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
    phone.on('dialog', (dialog) => {
      dialogs++
      void dialog.dismiss()
    })
    await phone.goto(url)
    await phone.getByText('Connected to the board.').waitFor({ timeout: 20_000 })
    await expect(phone.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'What if, in your attempt to',
    )

    for (const reply of REPLIES) await sendFromPhone(reply)
    await phone.waitForFunction(
      () => document.querySelectorAll('#sent li[data-state="saved"]').length === 3,
      undefined,
      { timeout: 30_000, polling: 200 },
    )
    // Shown as text, in the order sent (newest first), with check marks.
    const shown = await phone.locator('#sent li .text').allTextContents()
    expect(shown).toEqual([...REPLIES].reverse())
    await expect(
      phone.locator('#sent li[data-state="saved"] .mark').first().textContent(),
    ).resolves.toBe('✓')
    expect(await phone.locator('img').count()).toBe(0)
    expect(dialogs).toBe(0)

    // The board draws them, and its file holds them as room notes.
    await page.waitForFunction(
      () => (window.__blankboard?.noteIds().length ?? 0) === 3,
      undefined,
      {
        timeout: 30_000,
        polling: 200,
      },
    )
    expect(await noteIds(page)).toHaveLength(3)
    const { workshop } = await readWorkshopFile(app.dataDir)
    const notes = Object.values(workshop.notes)
    expect(notes.map((n) => n.text).sort()).toEqual([...REPLIES].sort())
    expect(notes.every((n) => n.source === 'room')).toBe(true)
    await page.waitForFunction(
      () => document.querySelector('[data-room-replies]')?.textContent === '3',
      undefined,
      { timeout: 30_000, polling: 200 },
    )
    await expect(page.locator('[data-room-phones]').textContent()).resolves.toBe('1')
    expect(phoneErrors).toEqual([])
  })

  it('keeps a reply sent without a connection and sends it once the phone is back', async () => {
    await phoneContext.setOffline(true)
    await sendFromPhone('sent when back')
    await phone.waitForFunction(
      () => /Could not reach the board/.test(document.getElementById('message')?.textContent ?? ''),
      undefined,
      { timeout: 30_000, polling: 200 },
    )
    await expect(phone.locator('#sent li').first().getAttribute('data-state')).resolves.toBe(
      'unsent',
    )
    // Kept on the phone across a reload, too.
    await phoneContext.setOffline(false)
    await phone.reload()
    await phone.waitForFunction(
      () => document.querySelectorAll('#sent li[data-state="saved"]').length === 4,
      undefined,
      { timeout: 30_000, polling: 200 },
    )
    await app.page.waitForFunction(
      () => (window.__blankboard?.noteIds().length ?? 0) === 4,
      undefined,
      { timeout: 30_000, polling: 200 },
    )
    const { workshop } = await readWorkshopFile(app.dataDir)
    const texts = Object.values(workshop.notes).map((n) => n.text)
    expect(texts.filter((t) => t === 'sent when back')).toHaveLength(1)
  })

  it('stops taking replies once closed, and the phone says so', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Close room' }).click()
    await page.getByRole('switch', { name: 'Open room' }).waitFor({ timeout: 20_000 })
    await expect(page.locator('[data-room-url]').count()).resolves.toBe(0)

    await sendFromPhone('too late')
    const message = phone.getByRole('alert')
    await phone.waitForFunction(
      () => /Could not reach the board/.test(document.getElementById('message')?.textContent ?? ''),
      undefined,
      { timeout: 30_000, polling: 200 },
    )
    await expect(message.textContent()).resolves.toMatch(/kept here and sent when the room is back/)
    await expect(phone.locator('#sent li').first().getAttribute('data-state')).resolves.not.toBe(
      'saved',
    )
    const { workshop } = await readWorkshopFile(app.dataDir)
    expect(Object.values(workshop.notes).map((n) => n.text)).not.toContain('too late')

    // Opened again: a new code, and the old one is refused.
    const oldUrl = phone.url()
    await page.getByRole('switch', { name: 'Open room' }).click()
    await page.locator('[data-room-url]').waitFor({ timeout: 20_000 })
    const newUrl = (await page.locator('[data-room-url]').textContent())!.trim()
    expect(newUrl).not.toBe(oldUrl)

    // Leaving the prompt closes the room.
    await page.getByRole('button', { name: 'Show the board' }).click()
    await page.getByRole('switch', { name: 'Room open' }).waitFor()
    await page.locator('button.pick').nth(1).click()
    await page.getByRole('switch', { name: 'Open room' }).waitFor({ timeout: 20_000 })
    await expect(
      page.getByRole('switch', { name: 'Open room' }).getAttribute('aria-checked'),
    ).resolves.toBe('false')
  })
})
