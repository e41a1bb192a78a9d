import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import { createWorkshop, noteIds, openApp, savedWorkshop, typeReplies } from './app.ts'

let app: App

beforeEach(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Prompts')
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

async function addPrompt(text: string): Promise<void> {
  await app.page.getByLabel(/Add a prompt/).fill(text)
  await app.page.keyboard.press('Enter')
}

const texts = async () => (await savedWorkshop(app)).prompts.map((p) => p.text)

describe('prompts', () => {
  it('are added in the panel, each with its own board, and replies go to the chosen one', async () => {
    const { page } = app
    await addPrompt('How do we course-correct without losing ____?')
    // The new prompt is shown at once: its headline, an empty board.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/course-correct/)
    await page.getByRole('textbox', { name: 'Reply' }).click()
    await typeReplies(page, ['our best people'])
    await page.getByRole('button', { name: /^1 What if/ }).click()
    await page.waitForFunction(() => window.__blankboard?.noteIds().length === 0)
    expect(await noteIds(page)).toEqual([])

    const workshop = await savedWorkshop(app)
    const second = workshop.prompts[1]!
    expect(Object.values(workshop.notes).map((n) => [n.text, n.promptId])).toEqual([
      ['our best people', second.id],
    ])
  })

  it('are reordered with the keyboard and by dragging, and reworded in place', async () => {
    const { page } = app
    await addPrompt('Second ____')
    await addPrompt('Third ____')
    await page.getByRole('button', { name: /^3 Third/ }).focus()
    await page.keyboard.press('Alt+ArrowUp')
    expect(await texts()).toEqual([
      'What if, in your attempt to ____?',
      'Third ____',
      'Second ____',
    ])

    const from = await page.getByRole('button', { name: /^1 What if/ }).boundingBox()
    const to = await page.getByRole('button', { name: /^3 Second/ }).boundingBox()
    await page
      .getByRole('button', { name: /^1 What if/ })
      .dragTo(page.getByRole('button', { name: /^3 Second/ }), {
        sourcePosition: { x: 20, y: from!.height / 2 },
        targetPosition: { x: 20, y: to!.height - 4 },
      })
    expect(await texts()).toEqual([
      'Third ____',
      'Second ____',
      'What if, in your attempt to ____?',
    ])

    await page.getByRole('button', { name: /^2 Second/ }).dblclick()
    await page
      .getByRole('textbox', { name: 'Prompt text' })
      .fill('How do we develop a new ability to ____?')
    await page.keyboard.press('Enter')
    expect((await texts())[1]).toBe('How do we develop a new ability to ____?')
  })
})
