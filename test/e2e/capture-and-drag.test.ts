import { afterEach, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import {
  createWorkshop,
  noteIds,
  noteRect,
  openApp,
  readWorkshopFile,
  typeReplies,
  waitSaved,
} from './app.ts'

const REPLIES = [
  'Ship the smallest thing that teaches us something',
  'Réduire les délais sans épuiser l’équipe 🚀',
  'לשמור על הלקוחות הקיימים',
]

let app: App | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('capturing replies and moving notes', () => {
  it('a new workshop from a template shows its first prompt and keeps the capture bar focused between replies', async () => {
    app = await openApp()
    const { page } = app
    await createWorkshop(page, 'Offsite 2026')
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/What if, in your attempt to\s*\?/)
    await typeReplies(page, REPLIES)
    const focused = await page.evaluate(() => document.activeElement?.id)
    expect(focused).toBe('capture-text')
    await expect.poll(() => page.locator('#capture-count').textContent()).toMatch(/3\s+replies/)

    await waitSaved(page)
    const { path, workshop } = await readWorkshopFile(app.dataDir)
    expect(path.endsWith('Offsite 2026.blankboard')).toBe(true)
    expect(workshop.prompts.map((p) => p.text)).toEqual([
      'What if, in your attempt to ____?',
      'How do we course-correct without losing ____?',
      'How do we develop a new ability to ____?',
    ])
    expect(
      Object.values(workshop.notes)
        .map((n) => n.text)
        .sort(),
    ).toEqual([...REPLIES].sort())
    expect(app.pageErrors).toEqual([])
  })

  it('a dragged note stays where it was dropped, on screen and on disk, after a reload', async () => {
    app = await openApp()
    const { page } = app
    await createWorkshop(page, 'Drag check')
    await typeReplies(page, REPLIES)
    const ids = await noteIds(page)
    const before = await readWorkshopFile(app.dataDir)
    const id = ids.find((i) => before.workshop.notes[i]?.text === REPLIES[1])!
    const start = (await noteRect(page, id))!
    expect(start).not.toBeNull()

    // A real mouse drag: grab the note's middle and move it 420 right, 300 down.
    const grab = { x: start.x + start.width / 2, y: start.y + start.height / 2 }
    await page.mouse.move(grab.x, grab.y)
    await page.mouse.down()
    await page.mouse.move(grab.x + 200, grab.y + 150, { steps: 8 })
    await page.mouse.move(grab.x + 420, grab.y + 300, { steps: 8 })
    await page.mouse.up()
    await waitSaved(page)

    const dropped = (await noteRect(page, id))!
    expect(dropped.x - start.x).toBeCloseTo(420, 0)
    expect(dropped.y - start.y).toBeCloseTo(300, 0)

    const onDisk = (await readWorkshopFile(app.dataDir)).workshop.notes[id]!
    const original = before.workshop.notes[id]!
    expect(onDisk.x - original.x).toBe(420)
    expect(onDisk.y - original.y).toBe(300)
    expect(onDisk.text).toBe(REPLIES[1])

    // Close the workshop, reload the page, and reopen it from the recent list.
    await page.getByRole('button', { name: 'Workshops' }).click()
    await page.reload()
    await page.getByRole('button', { name: /^Drag check/ }).click()
    await page.waitForFunction((n) => window.__blankboard?.noteIds().length === n, 3)
    const reopened = (await noteRect(page, id))!
    expect(reopened.x).toBeCloseTo(dropped.x, 0)
    expect(reopened.y).toBeCloseTo(dropped.y, 0)
    expect(app.pageErrors).toEqual([])
  })
})
