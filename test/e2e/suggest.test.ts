import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import { centre, createWorkshop, openApp, savedWorkshop, typeReplies } from './app.ts'

const fixture = fileURLToPath(new URL('../fixtures/suggest/retro-60.csv', import.meta.url))
const shots = fileURLToPath(new URL('../../test-results/', import.meta.url))

let app: App

beforeEach(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Retro')
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

async function importRetro(): Promise<void> {
  const { page } = app
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(fixture)
  await page.getByRole('dialog').getByRole('button', { name: 'Import 60 replies' }).click()
  await page.waitForFunction(() => window.__blankboard?.noteIds().length === 60)
}

const clusterNames = async () =>
  Object.values((await savedWorkshop(app)).clusters)
    .map((c) => c.name)
    .sort()

describe('suggested clusters', () => {
  it('are proposed as named ghost groups, adjusted, accepted one and all, and undone in one step', async () => {
    const { page } = app
    await importRetro()
    await page.getByRole('button', { name: 'Suggest' }).click()
    const groups = page.getByRole('list', { name: 'Suggested groups' })
    await groups.waitFor()
    const cards = groups.locator('> li')
    const count = await cards.count()
    expect(count).toBeGreaterThanOrEqual(8)
    await mkdir(shots, { recursive: true })
    await page.screenshot({ path: `${shots}suggestions-60.png` })

    // Every group shows a name quoted from its notes, its count, and its notes.
    const first = cards.first()
    const name = await first.getByLabel('Name of the suggested group').inputValue()
    expect(name.length).toBeGreaterThan(0)
    const notes = first.getByRole('list', { name: 'Notes in this group' }).locator('> li')
    const before = await notes.locator('.text').allTextContents()
    expect(before.some((t) => t.toLowerCase().includes(name.toLowerCase().split(' ')[0]!))).toBe(
      true,
    )

    // Drag one note out of the first group, onto the overlay's header: it leaves the group.
    const leaving = (await notes.last().locator('.text').textContent())!
    const from = centre((await notes.last().boundingBox())!)
    const header = centre(
      (await page.getByRole('heading', { name: 'Suggested clusters' }).boundingBox())!,
    )
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(header.x, header.y + 200, { steps: 8 })
    await page.mouse.move(header.x, header.y, { steps: 8 })
    await page.mouse.up()
    await expect.poll(() => notes.count()).toBe(before.length - 1)

    // Enter on the focused group accepts it: a real cluster with that name and those notes.
    await first.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => cards.count()).toBe(count - 1)
    let workshop = await savedWorkshop(app)
    const made = Object.values(workshop.clusters)
    expect(made.map((c) => c.name)).toEqual([name])
    const members = Object.values(workshop.notes).filter((n) => n.clusterId === made[0]!.id)
    expect(members.map((n) => n.text).sort()).toEqual(before.filter((t) => t !== leaving).sort())
    expect(members.map((n) => n.text)).not.toContain(leaving)

    // Accept all: every other group becomes a named cluster, and the overlay closes.
    await page.getByRole('button', { name: 'Accept all' }).click()
    await groups.waitFor({ state: 'detached' })
    workshop = await savedWorkshop(app)
    expect(Object.keys(workshop.clusters)).toHaveLength(count)
    for (const cluster of Object.values(workshop.clusters)) expect(cluster.name).not.toBe('')

    // Undo takes back accept-all in one step, then the first accept.
    await page.keyboard.press('Control+z')
    expect(await clusterNames()).toEqual([name])
    await page.keyboard.press('Control+z')
    expect(await clusterNames()).toEqual([])
    await page.keyboard.press('Control+Shift+z')
    expect(await clusterNames()).toEqual([name])
  }, 120_000)

  it('S on the board opens them; Dismiss leaves the board as it was', async () => {
    const { page } = app
    await importRetro()
    await page.getByRole('application').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('s')
    await page.getByRole('list', { name: 'Suggested groups' }).waitFor()
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await page.getByRole('list', { name: 'Suggested groups' }).waitFor({ state: 'detached' })
    expect(await clusterNames()).toEqual([])

    // Once a cluster exists, its notes can be included on request; they stay out by default.
    await page.getByRole('button', { name: 'Suggest' }).click()
    await page.getByRole('list', { name: 'Suggested groups' }).locator('> li').first().waitFor()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
    await page.getByRole('list', { name: 'Suggested groups' }).waitFor({ state: 'detached' })
    const loose =
      60 -
      (await savedWorkshop(app).then(
        (w) => Object.values(w.notes).filter((n) => n.clusterId).length,
      ))
    await page.getByRole('application').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('s')
    await page.getByText(`of ${loose} loose notes`).waitFor()
    await page.getByLabel('Include notes already in clusters').check()
    await page.getByText('of 60 notes').waitFor()
  })

  it('say when the board’s language is not covered by the word vectors, and still group by words', async () => {
    const { page } = app
    await typeReplies(page, [
      'Pas assez de temps',
      'Le temps manque toujours',
      'Budget trop serré',
      'Le budget est coupé',
      'Réunions inutiles',
    ])
    await page.getByRole('button', { name: 'Suggest' }).click()
    await page.getByRole('note').filter({ hasText: 'not covered by the word vectors' }).waitFor()
    const names = await page
      .getByLabel('Name of the suggested group')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
    expect(names.sort()).toEqual(['Budget', 'Temps'])
  })
})
