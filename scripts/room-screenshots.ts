/**
 * The room's screenshots at projector size: the join screen on the board
 * (docs/screenshots/room.png) and the phone page at a phone's size (room-phone.png).
 * Part of `npm run screenshots`; alone: `node scripts/room-screenshots.ts`.
 * The room is opened on this computer's local-network address when it has one (the web
 * harness's `roomLan`), else on 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/chromium.ts'
import { startHarness } from '../test/harness/web-harness.ts'

const root = resolve(import.meta.dirname, '..')

const FROM_PHONES = [
  'grow fast, we forget who we grow for',
  'hit every deadline, quality becomes optional',
  'be data-driven, we stop listening to people 📉',
  'scale the team, nobody owns anything',
  'move fast, we break trust',
]

/** Opens a room on a fresh workshop, lets a few phones reply, and takes both screenshots. */
export async function roomScreenshots(browser: Browser, out: string): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'blankboard-room-shots-'))
  const harness = await startHarness({
    staticDir: join(root, 'dist/harness'),
    dataDir,
    port: 0,
    roomLan: true,
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(harness.url)
    await page.getByLabel('New workshop').fill('Strategy offsite 2026')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('textbox', { name: 'Reply' }).waitFor()
    await page.getByRole('switch', { name: 'Open room' }).click()
    const lan = page.getByRole('dialog', { name: 'Choose the network for the room' })
    await Promise.race([lan.waitFor(), page.locator('[data-room-url]').waitFor()])
    if (await lan.isVisible()) await lan.getByRole('button').nth(1).click()
    await page.locator('[data-room-url]').waitFor()
    const url = (await page.locator('[data-room-url]').textContent())!.trim()

    // Three phones; the last one is the one photographed.
    const phones = []
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      })
      const phone = await context.newPage()
      await phone.goto(url)
      await phone.getByText('Connected to the board.').waitFor()
      phones.push({ context, phone })
    }
    for (const [i, text] of FROM_PHONES.entries()) {
      const { phone } = phones[i % phones.length]!
      await phone.getByLabel('Your reply').fill(text)
      if (i % phones.length === 2) await phone.getByLabel(/Your name/).fill('Maya')
      await phone.getByRole('button', { name: 'Send' }).click()
    }
    const last = phones[2]!.phone
    await last.waitForFunction(
      () => document.querySelectorAll('#sent li[data-state="saved"]').length === 1,
    )
    await page.waitForFunction(
      () => document.querySelector('[data-room-replies]')?.textContent === '5',
      undefined,
      { timeout: 30_000, polling: 200 },
    )
    await page.getByRole('textbox', { name: 'Reply' }).blur()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(out, 'room.png') })
    await last.getByLabel('Your reply').fill('launch on time, we launch the wrong thing')
    await last.screenshot({ path: join(out, 'room-phone.png') })
    for (const { context } of phones) await context.close()
    await page.getByRole('button', { name: 'Close room' }).click()
    await page.close()
  } finally {
    await harness.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  await build({ configFile: join(root, 'vite.config.ts'), mode: 'harness', logLevel: 'warn' })
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
  try {
    await roomScreenshots(browser, join(root, 'docs/screenshots'))
    console.log('Room screenshots written to docs/screenshots')
  } finally {
    await browser.close()
  }
}
