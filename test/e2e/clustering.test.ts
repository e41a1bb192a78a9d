import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Workshop } from '../../core/model.ts'
import type { App } from './app.ts'
import {
  byText,
  centre,
  clusterTitle,
  createWorkshop,
  drag,
  noteIds,
  openApp,
  savedWorkshop,
  shownNote,
  typeReplies,
  makeCluster,
} from './app.ts'

const REPLIES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']

let app: App
let ids: Record<string, string>

beforeEach(async () => {
  app = await openApp()
  await createWorkshop(app.page, 'Clustering')
  await typeReplies(app.page, REPLIES)
  const workshop = await savedWorkshop(app)
  const texts = byText(workshop)
  ids = Object.fromEntries(REPLIES.map((t) => [t, texts.get(t)!.id]))
  expect(new Set(await noteIds(app.page))).toEqual(new Set(Object.values(ids)))
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

/** Drops one note on another (making a cluster) and names it. */
const clusterOf = (dragged: string, onto: string, name: string) =>
  makeCluster(app, ids[dragged]!, ids[onto]!, name)

function members(workshop: Workshop, clusterId: string): string[] {
  return Object.values(workshop.notes)
    .filter((n) => n.clusterId === clusterId)
    .map((n) => n.text)
    .sort()
}

async function undo(): Promise<Workshop> {
  await app.page.keyboard.press('Control+z')
  return savedWorkshop(app)
}

async function redo(): Promise<Workshop> {
  await app.page.keyboard.press('Control+Shift+z')
  return savedWorkshop(app)
}

describe('the clustering board, by mouse and keyboard', () => {
  it('dropping a note on a note makes a named cluster of the two; undo and redo step through it', async () => {
    const clusterId = await clusterOf('alpha', 'bravo', 'Speed')
    let workshop = await savedWorkshop(app)
    expect(members(workshop, clusterId)).toEqual(['alpha', 'bravo'])

    workshop = await undo() // the name
    expect(workshop.clusters[clusterId]?.name).toBe('')
    workshop = await undo() // the cluster
    expect(workshop.clusters).toEqual({})
    expect(Object.values(workshop.notes).every((n) => n.clusterId === null)).toBe(true)
    workshop = await redo()
    expect(members(workshop, clusterId)).toEqual(['alpha', 'bravo'])
    workshop = await redo()
    expect(workshop.clusters[clusterId]?.name).toBe('Speed')
  })

  it('a note dropped on a cluster joins it, and dragged out to empty board leaves it', async () => {
    const { page } = app
    const clusterId = await clusterOf('alpha', 'bravo', 'Speed')
    const title = await clusterTitle(page, clusterId)
    await drag(page, centre(await shownNote(page, ids.charlie!)), {
      x: title.x + 40,
      y: title.y + 100,
    })
    let workshop = await savedWorkshop(app)
    expect(members(workshop, clusterId)).toEqual(['alpha', 'bravo', 'charlie'])

    await drag(page, centre(await shownNote(page, ids.alpha!)), {
      x: title.x + 60,
      y: title.y + 520,
    })
    workshop = await savedWorkshop(app)
    expect(members(workshop, clusterId)).toEqual(['bravo', 'charlie'])
    expect(workshop.notes[ids.alpha!]!.clusterId).toBeNull()

    workshop = await undo()
    expect(members(workshop, clusterId)).toEqual(['alpha', 'bravo', 'charlie'])
    workshop = await redo()
    expect(members(workshop, clusterId)).toEqual(['bravo', 'charlie'])
  })

  it("dropping a cluster by its title on another merges them under the target's name", async () => {
    const { page } = app
    const speed = await clusterOf('alpha', 'bravo', 'Speed')
    const pace = await clusterOf('delta', 'echo', 'Pace')
    const from = centre(await clusterTitle(page, pace))
    const to = centre(await clusterTitle(page, speed))
    await drag(page, from, to)
    let workshop = await savedWorkshop(app)
    expect(Object.values(workshop.clusters).map((c) => c.name)).toEqual(['Speed'])
    expect(members(workshop, speed)).toEqual(['alpha', 'bravo', 'delta', 'echo'])

    workshop = await undo()
    expect(members(workshop, pace)).toEqual(['delta', 'echo'])
    expect(members(workshop, speed)).toEqual(['alpha', 'bravo'])
  })

  it('a rubber band selects the notes it touches and G groups them into a new cluster', async () => {
    const { page } = app
    const first = await shownNote(page, ids.alpha!)
    const third = await shownNote(page, ids.charlie!)
    // From empty board above-left of alpha to the middle of charlie.
    const from = { x: first.x - 12, y: first.y - 12 }
    const to = centre(third)
    const band = { x: Math.min(from.x, to.x), y: Math.min(from.y, to.y) }
    const size = { width: Math.abs(to.x - from.x), height: Math.abs(to.y - from.y) }
    const touched: string[] = []
    for (const reply of REPLIES) {
      const r = await shownNote(page, ids[reply]!)
      const hit =
        r.x < band.x + size.width &&
        band.x < r.x + r.width &&
        r.y < band.y + size.height &&
        band.y < r.y + r.height
      if (hit) touched.push(reply)
    }
    expect(touched).toContain('alpha')
    expect(touched).toContain('charlie')
    await drag(page, from, to)
    const selected = await page.evaluate(() => window.__blankboard!.selectedNoteIds())
    expect(new Set(selected)).toEqual(new Set(touched.map((t) => ids[t]!)))
    await page.keyboard.press('g')
    await page.getByRole('textbox', { name: 'Cluster name' }).waitFor()
    await page.keyboard.type('Grouped')
    await page.keyboard.press('Enter')
    let workshop = await savedWorkshop(app)
    const cluster = Object.values(workshop.clusters).find((c) => c.name === 'Grouped')!
    expect(members(workshop, cluster.id)).toEqual(touched.sort())

    await undo()
    workshop = await undo()
    expect(workshop.clusters).toEqual({})
  })

  it("selected notes go to a cluster by pressing the cluster's number", async () => {
    const { page } = app
    const speed = await clusterOf('alpha', 'bravo', 'Speed')
    await page.mouse.click(...xy(centre(await shownNote(page, ids.delta!))))
    await page.keyboard.down('Shift')
    await page.mouse.click(...xy(centre(await shownNote(page, ids.foxtrot!))))
    await page.keyboard.up('Shift')
    await page.keyboard.press('1')
    let workshop = await savedWorkshop(app)
    expect(members(workshop, speed)).toEqual(['alpha', 'bravo', 'delta', 'foxtrot'])
    workshop = await undo()
    expect(members(workshop, speed)).toEqual(['alpha', 'bravo'])
  })

  it('a cluster is renamed in place, and undo brings the old name back', async () => {
    const { page } = app
    const speed = await clusterOf('alpha', 'bravo', 'Speed')
    await page.mouse.click(...xy(centre(await clusterTitle(page, speed))))
    await page.keyboard.press('Enter')
    await page.keyboard.type('Velocity')
    await page.keyboard.press('Enter')
    let workshop = await savedWorkshop(app)
    expect(workshop.clusters[speed]!.name).toBe('Velocity')
    workshop = await undo()
    expect(workshop.clusters[speed]!.name).toBe('Speed')
  })

  it('a move made in the outline view shows on the board', async () => {
    const { page } = app
    const speed = await clusterOf('alpha', 'bravo', 'Speed')
    await page.getByRole('button', { name: 'Outline' }).click()
    await page.getByLabel('Cluster of “echo”').selectOption({ label: 'Speed' })
    const workshop = await savedWorkshop(app)
    expect(members(workshop, speed)).toEqual(['alpha', 'bravo', 'echo'])
    const title = await clusterTitle(page, speed)
    const echo = await shownNote(page, ids.echo!)
    expect(echo.x).toBeGreaterThan(title.x)
    expect(echo.x + echo.width).toBeLessThan(title.x + title.width)
    expect(echo.y).toBeGreaterThan(title.y + title.height - 1)
    await page.getByText('Moved “echo” to Speed.').waitFor({ state: 'attached' })
  })
})

function xy(p: { x: number; y: number }): [number, number] {
  return [p.x, p.y]
}
