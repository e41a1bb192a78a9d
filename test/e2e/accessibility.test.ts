import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seriousViolations } from './accessibility.ts'
import type { App } from './app.ts'
import { createWorkshop, openApp, typeReplies } from './app.ts'

let app: App

beforeEach(async () => {
  app = await openApp()
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

describe('accessibility', () => {
  it('home, board and outline have no serious or critical axe-core violation', async () => {
    const { page } = app
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    await createWorkshop(page, 'Accessible', 'The Product Is The Process')
    await page.getByRole('textbox', { name: 'Reply' }).click()
    await typeReplies(page, ['שיחות קצרות יותר', 'fewer meetings 🙂', 'ship smaller'])
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: /Outline/ }).click()
    await page.getByText('ship smaller').first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
  })
})
