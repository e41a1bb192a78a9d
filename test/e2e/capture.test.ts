import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import { createWorkshop, openApp, savedWorkshop } from './app.ts'

let app: App

beforeEach(async () => {
  app = await openApp()
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await createWorkshop(app.page, 'Capture')
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

/** Puts text on the clipboard and pastes it into the capture bar with Ctrl+V. */
async function paste(text: string): Promise<void> {
  const { page } = app
  await page.evaluate((t) => navigator.clipboard.writeText(t), text)
  await page.getByRole('textbox', { name: 'Reply' }).focus()
  await page.keyboard.press('Control+v')
}

describe('capturing replies', () => {
  it('pasting 50 lines asks first, then adds 50 notes as one undoable step', async () => {
    const { page } = app
    const lines = Array.from({ length: 50 }, (_, i) => `${i + 1}. idea number ${i + 1}`)
    await paste(['', ...lines, '', '   '].join('\n'))
    await page.getByRole('button', { name: 'Add 50 replies' }).click()
    let workshop = await savedWorkshop(app)
    const texts = Object.values(workshop.notes).map((n) => n.text)
    expect(texts).toHaveLength(50)
    expect(new Set(texts)).toEqual(new Set(lines.map((_, i) => `idea number ${i + 1}`)))
    expect(Object.values(workshop.notes).every((n) => n.source === 'pasted')).toBe(true)
    await expect.poll(() => page.locator('#capture-count').textContent()).toMatch(/50\s+replies/)

    await page.getByRole('application').focus()
    await page.keyboard.press('Control+z')
    workshop = await savedWorkshop(app)
    expect(workshop.notes).toEqual({})
  })

  it('a short paste is added at once; the From field sticks between replies', async () => {
    const { page } = app
    await page.getByPlaceholder('From (optional)').fill('Team Berlin')
    await paste('• ship smaller\n• listen first')
    await page.getByRole('textbox', { name: 'Reply' }).focus()
    await page.keyboard.type('write it down')
    await page.keyboard.press('Enter')
    const workshop = await savedWorkshop(app)
    expect(
      Object.values(workshop.notes)
        .map((n) => [n.text, n.author])
        .sort(),
    ).toEqual([
      ['listen first', 'Team Berlin'],
      ['ship smaller', 'Team Berlin'],
      ['write it down', 'Team Berlin'],
    ])
  })

  it('an identical reply is stacked on the first as ×2, both authors kept, near-duplicates apart', async () => {
    const { page } = app
    const from = page.getByPlaceholder('From (optional)')
    const reply = page.getByRole('textbox', { name: 'Reply' })
    await from.fill('Ana')
    await reply.fill('Misaligned incentives')
    await reply.press('Enter')
    await from.fill('Ben')
    await reply.fill('misaligned   incentives!')
    await reply.press('Enter')
    await page.getByText('1 reply was stacked on an identical note').waitFor()
    await reply.fill('misaligned incentive')
    await reply.press('Enter')
    const workshop = await savedWorkshop(app)
    const notes = Object.values(workshop.notes)
    expect(notes.map((n) => [n.text, n.duplicates.map((d) => d.author)])).toEqual([
      ['Misaligned incentives', ['Ben']],
      ['misaligned incentive', []],
    ])
    await page.getByRole('button', { name: 'Outline' }).click()
    await page.getByRole('button', { name: /Given 2 times/ }).click()
    const copies = page.locator('.copies')
    await copies.getByText('— Ben').waitFor()
    await copies.getByText('— Ana').waitFor()
  })

  it('a prompt collects replies face down until the facilitator reveals them all at once', async () => {
    const { page } = app
    await page.getByLabel('Collect face down').check()
    const reply = page.getByRole('textbox', { name: 'Reply' })
    for (const text of ['first idea', 'second idea']) {
      await reply.fill(text)
      await reply.press('Enter')
    }
    let workshop = await savedWorkshop(app)
    expect(workshop.prompts[0]!.hidden).toBe(true)
    expect(Object.values(workshop.notes).map((n) => n.hidden)).toEqual([true, true])
    // Face down means face down: search finds nothing.
    await page.keyboard.press('Control+f')
    await page.keyboard.type('idea')
    await page.getByText('No matches').waitFor()
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Reveal 2 replies' }).click()
    workshop = await savedWorkshop(app)
    expect(workshop.prompts[0]!.hidden).toBe(false)
    expect(Object.values(workshop.notes).map((n) => n.hidden)).toEqual([false, false])
    await page.getByRole('application').focus()
    await page.keyboard.press('Control+z')
    workshop = await savedWorkshop(app)
    expect(Object.values(workshop.notes).map((n) => n.hidden)).toEqual([true, true])
  })
})
