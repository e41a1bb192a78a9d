import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import { createWorkshop, openApp, savedWorkshop } from './app.ts'

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url))

let app: App

beforeEach(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Import')
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

/** Picks a file through the Import… button's file dialog. */
async function chooseFile(path: string): Promise<void> {
  const { page } = app
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(path)
  await page.getByRole('dialog').waitFor()
}

describe('importing replies', () => {
  it('a survey CSV is previewed, its columns chosen, and its replies land on the board', async () => {
    const { page } = app
    await chooseFile(fixture('survey-quoted.csv'))
    const dialog = page.getByRole('dialog')
    await dialog.getByText('3 replies', { exact: true }).waitFor()
    await dialog.getByLabel('Author or segment').selectOption({ label: 'Role' })
    await dialog.getByText('Row 4: the reply cell is empty').waitFor()
    await page.screenshot({})
    await dialog.getByRole('button', { name: 'Import 3 replies' }).click()
    await page.waitForFunction(() => window.__blankboard?.noteIds().length === 3)
    const workshop = await savedWorkshop(app)
    expect(
      Object.values(workshop.notes)
        .map((n) => [n.text, n.author, n.source])
        .sort(),
    ).toEqual([
      ['Customer trust 🚀 — שלום', 'Engineer', 'imported'],
      [
        'Our best people, because "growth" means more meetings, not more impact',
        'Manager',
        'imported',
      ],
      ['The habit of writing things down.\nWe used to have great docs.', 'Engineer', 'imported'],
    ])
  })

  it('imports 10,000 rows as one undoable step', async () => {
    const { page } = app
    await chooseFile(fixture('ten-thousand.csv'))
    await page.getByRole('dialog').getByRole('button', { name: 'Import 10,000 replies' }).click()
    await page.waitForFunction(() => window.__blankboard?.noteIds().length === 10_000, null, {
      timeout: 30_000,
    })
    let workshop = await savedWorkshop(app)
    expect(Object.keys(workshop.notes)).toHaveLength(10_000)
    await page.getByRole('application').focus()
    await page.keyboard.press('Control+z')
    workshop = await savedWorkshop(app)
    expect(workshop.notes).toEqual({})
  })

  it('a TSV dropped on the window opens the same import', async () => {
    const { page } = app
    const text = (await import('node:fs/promises')).readFile(fixture('segments.tsv'), 'utf8')
    const transfer = await page.evaluateHandle(
      async (content) => {
        const data = new DataTransfer()
        data.items.add(new File([content], 'segments.tsv', { type: 'text/tab-separated-values' }))
        return data
      },
      await text,
    )
    await page.dispatchEvent('.workshop', 'dragover', { dataTransfer: transfer })
    await page.dispatchEvent('.workshop', 'drop', { dataTransfer: transfer })
    const dialog = page.getByRole('dialog')
    await dialog.getByText('tab-separated').waitFor()
    await dialog.getByRole('button', { name: 'Import 3 replies' }).click()
    await page.waitForFunction(() => window.__blankboard?.noteIds().length === 3)
    const workshop = await savedWorkshop(app)
    expect(
      Object.values(workshop.notes)
        .map((n) => [n.text, n.author])
        .sort(),
    ).toEqual([
      ['cut scope, not quality', 'Lisbon'],
      ['listen first', 'Berlin'],
      ['protect focus time', 'Oslo'],
    ])
  })
})
