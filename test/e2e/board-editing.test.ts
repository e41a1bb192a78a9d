import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import {
  byText,
  centre,
  createWorkshop,
  openApp,
  savedWorkshop,
  shownNote,
  typeReplies,
} from './app.ts'

const REPLIES = ['listen first', 'ship smaller', 'listen to churned customers', 'write it down']

let app: App
let ids: Record<string, string>

beforeEach(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Editing')
  await typeReplies(app.page, REPLIES)
  const texts = byText(await savedWorkshop(app))
  ids = Object.fromEntries(REPLIES.map((t) => [t, texts.get(t)!.id]))
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

describe('editing on the board', () => {
  it('double-click edits a note in place; Enter keeps the new text', async () => {
    const { page } = app
    const note = centre(await shownNote(page, ids['ship smaller']!))
    await page.mouse.dblclick(note.x, note.y)
    const editor = page.getByRole('textbox', { name: 'Note text' })
    await editor.waitFor()
    await page.keyboard.type('ship smaller, learn sooner ✨')
    await page.keyboard.press('Enter')
    const workshop = await savedWorkshop(app)
    expect(workshop.notes[ids['ship smaller']!]!.text).toBe('ship smaller, learn sooner ✨')
  })

  it('Delete removes the selected notes, and undo brings them back', async () => {
    const { page } = app
    const note = centre(await shownNote(page, ids['write it down']!))
    await page.mouse.click(note.x, note.y)
    await page.keyboard.press('Delete')
    let workshop = await savedWorkshop(app)
    expect(workshop.notes[ids['write it down']!]).toBeUndefined()
    await page.keyboard.press('Control+z')
    workshop = await savedWorkshop(app)
    expect(workshop.notes[ids['write it down']!]?.text).toBe('write it down')
  })

  it('Escape during a drag puts the note back and changes nothing', async () => {
    const { page } = app
    const before = await savedWorkshop(app)
    const start = await shownNote(page, ids['listen first']!)
    const grab = centre(start)
    await page.mouse.move(grab.x, grab.y)
    await page.mouse.down()
    await page.mouse.move(grab.x + 300, grab.y + 400, { steps: 10 })
    await page.keyboard.press('Escape')
    await page.mouse.up()
    await page.evaluate(() => window.__blankboard?.frame())
    expect(await shownNote(page, ids['listen first']!)).toEqual(start)
    expect((await savedWorkshop(app)).notes).toEqual(before.notes)
  })

  it('Ctrl+F highlights the matching notes and counts them', async () => {
    const { page } = app
    await page.keyboard.press('Control+f')
    await page.getByRole('searchbox').or(page.getByLabel('Search notes')).first().waitFor()
    await page.keyboard.type('listen')
    await expect.poll(() => page.getByRole('search').textContent()).toMatch(/2 matches/)
  })

  it('the selection can be recoloured from the palette', async () => {
    const { page } = app
    const note = centre(await shownNote(page, ids['listen first']!))
    await page.mouse.click(note.x, note.y)
    await page.getByRole('button', { name: 'Colour blue' }).click()
    const workshop = await savedWorkshop(app)
    expect(workshop.notes[ids['listen first']!]!.color).toBe('blue')
  })

  it('keys zoom in, out, back to 100% and to fit', async () => {
    const { page } = app
    const scale = () => page.evaluate(() => window.__blankboard!.scale())
    await page.getByRole('application').focus()
    await page.keyboard.press('+')
    await expect.poll(scale).toBeCloseTo(1.25, 2)
    await page.keyboard.press('-')
    await page.keyboard.press('-')
    await expect.poll(scale).toBeCloseTo(0.8, 2)
    await page.keyboard.press('0')
    await expect.poll(scale).toBeCloseTo(1, 2)
    await page.keyboard.press('Shift+!')
    await expect.poll(scale).toBeGreaterThan(1)
  })

  it('Space+drag pans the board by the distance dragged, from a note, past the board edge, and stops at release', async () => {
    const { page } = app
    const note = ids['listen first']!
    const placed = (await savedWorkshop(app)).notes[note]!
    const board = () => page.evaluate(() => window.__blankboard!.boardRect()!)
    const before = await board()
    await page.getByRole('application').focus()
    await page.keyboard.down('Space')
    // From the note, leftwards out over the side panel: the pan follows the whole way.
    const from = centre(await shownNote(page, note))
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    expect(from.x - 300).toBeLessThan(view.x)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(from.x - 300, from.y + 120, { steps: 12 })
    await page.mouse.up()
    await page.keyboard.up('Space')
    await page.evaluate(() => window.__blankboard!.frame())
    const after = await board()
    expect(after.x - before.x).toBeCloseTo(-300, 0)
    expect(after.y - before.y).toBeCloseTo(120, 0)
    // The pan ended with the release: moving the mouse now moves nothing.
    await page.mouse.move(from.x + 200, from.y + 200, { steps: 5 })
    await page.evaluate(() => window.__blankboard!.frame())
    expect(await board()).toEqual(after)
    // The note was not dragged: it is where it was on the board.
    const kept = (await savedWorkshop(app)).notes[note]!
    expect({ x: kept.x, y: kept.y }).toEqual({ x: placed.x, y: placed.y })
  })
})
