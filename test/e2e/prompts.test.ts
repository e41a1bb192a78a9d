import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import { createWorkshop, noteIds, openApp, savedWorkshop, typeReplies } from './app.ts'

const FIRST = 'What if, in your attempt to ____?'
const SECOND = 'How do we course-correct without losing ____?'
const THIRD = 'How do we develop a new ability to ____?'

let app: App

beforeEach(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Prompts', 'The Product Is The Process')
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

const texts = async () => (await savedWorkshop(app)).prompts.map((p) => p.text)
const promptButton = (label: RegExp) => app.page.getByRole('button', { name: label })

describe('prompts', () => {
  it('a template gives its prompts; a new one gets its own board and the replies typed there', async () => {
    const { page } = app
    expect(await texts()).toEqual([FIRST, SECOND, THIRD])
    await page.getByLabel(/Add a prompt/).fill('What must we protect while we ____?')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toMatch(/protect/)
    await page.getByRole('textbox', { name: 'Reply' }).click()
    await typeReplies(page, ['our best people'])
    await promptButton(/^1 What if/).click()
    await page.waitForFunction(() => window.__blankboard?.noteIds().length === 0)
    expect(await noteIds(page)).toEqual([])

    const workshop = await savedWorkshop(app)
    expect(Object.values(workshop.notes).map((n) => [n.text, n.promptId])).toEqual([
      ['our best people', workshop.prompts[3]!.id],
    ])
  })

  it('are reordered with the keyboard and by dragging, and reworded in place', async () => {
    const { page } = app
    await promptButton(/^3 How do we develop/).focus()
    await page.keyboard.press('Alt+ArrowUp')
    expect(await texts()).toEqual([FIRST, THIRD, SECOND])

    const source = promptButton(/^1 What if/)
    const target = promptButton(/^3 How do we course/)
    const from = (await source.boundingBox())!
    const to = (await target.boundingBox())!
    await source.dragTo(target, {
      sourcePosition: { x: 20, y: from.height / 2 },
      targetPosition: { x: 20, y: to.height - 4 },
    })
    expect(await texts()).toEqual([THIRD, SECOND, FIRST])

    await promptButton(/^2 How do we course/).dblclick()
    await page
      .getByRole('textbox', { name: 'Prompt text' })
      .fill('What must we keep while we ____?')
    await page.keyboard.press('Enter')
    expect((await texts())[1]).toBe('What must we keep while we ____?')
  })
})
