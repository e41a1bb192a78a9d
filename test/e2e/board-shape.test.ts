import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { boardOf, frameOf, groupNotes } from '../../core/board-gestures.ts'
import { createNote } from '../../core/create.ts'
import { inboxSlots, intersects, noteRect as modelNoteRect } from '../../core/layout.ts'
import type { Workshop } from '../../core/model.ts'
import { applyAll } from '../../core/ops.ts'
import type { App } from './app.ts'
import {
  centre,
  clusterIds,
  clusterTitle,
  drag,
  openApp,
  savedWorkshop,
  shownNote,
  waitSaved,
} from './app.ts'

let app: App

beforeEach(async () => {
  app = await openApp()
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
})
afterEach(async () => {
  expect(app.pageErrors).toEqual([])
  await app.close()
})

type Box = { x: number; y: number; width: number; height: number }

/** Every overlap between regions of a saved board: clusters, and loose notes with anything. */
function overlaps(workshop: Workshop): string[] {
  const board = boardOf(workshop, workshop.prompts[0]!.id)
  const frames = board.clusters.map((c) => frameOf(board, c))
  const loose = board.notes.filter((n) => n.clusterId === null).map(modelNoteRect)
  const problems: string[] = []
  frames.forEach((f, i) => {
    frames.slice(i + 1).forEach((g) => intersects(f, g) && problems.push('two clusters overlap'))
    loose.forEach((n) => intersects(f, n) && problems.push('a loose note is under a cluster'))
  })
  loose.forEach((a, i) =>
    loose.slice(i + 1).forEach((b) => intersects(a, b) && problems.push('two loose notes overlap')),
  )
  return problems
}

/** The clusters' frames as drawn (page pixels): none may overlap another. */
async function drawnFramesApart(): Promise<void> {
  const ids = await clusterIds(app.page)
  const rects = await app.page.evaluate(
    (list) => list.map((id) => window.__blankboard!.clusterRect(id)),
    ids,
  )
  const drawn = rects.filter((r): r is Box => r !== null)
  drawn.forEach((a, i) => {
    for (const b of drawn.slice(i + 1)) expect(intersects(a, b)).toBe(false)
  })
}

/** Makes a workshop file holding `make(base)` and opens it from the home screen. */
async function openMade(title: string, make: (base: Workshop) => Workshop): Promise<Workshop> {
  const created = await app.harness.store.createWorkshop(title)
  if (created.kind !== 'opened') throw new Error(created.kind)
  const full = make(created.workshop.workshop)
  const notes = Object.values(full.notes)
  await app.harness.store.applyOps(created.workshop.handle, 0, [
    { type: 'addNotes', notes: notes.map((n) => ({ ...n, clusterId: null })) },
    ...(Object.keys(full.clusters).length
      ? [
          { type: 'addClusters' as const, clusters: Object.values(full.clusters) },
          {
            type: 'setNoteClusters' as const,
            changes: notes
              .filter((n) => n.clusterId)
              .map((n) => ({ id: n.id, clusterId: n.clusterId })),
          },
        ]
      : []),
  ])
  await app.harness.store.closeWorkshop(created.workshop.handle)
  await app.page.reload()
  await app.page.getByRole('button', { name: new RegExp(`^${title}`) }).click()
  await app.page.waitForFunction((n) => window.__blankboard?.noteIds().length === n, notes.length)
  await app.page.evaluate(() => window.__blankboard!.frame())
  return full
}

/**
 * A board of `count` replies in the app's inbox, then `clusters` clusters, the k-th made
 * by grouping the last `size(k)` loose replies (as a facilitator would) and named `name(k)`.
 */
function clustered(
  count: number,
  clusters: number,
  size: (k: number) => number,
  name: (k: number) => string,
) {
  return (base: Workshop) => {
    let doc = inboxOf(count)(base)
    const promptId = doc.prompts[0]!.id
    for (let k = 0; k < clusters; k++) {
      const loose = boardOf(doc, promptId).notes.filter((n) => n.clusterId === null)
      const gesture = groupNotes(
        doc,
        loose.slice(-size(k)).map((n) => n.id),
      )
      doc = applyAll(doc, [
        ...gesture.ops,
        { type: 'renameCluster', id: gesture.createdCluster!, name: name(k) },
      ])
    }
    return doc
  }
}

/** A board of `count` loose replies laid out by the app's inbox. */
function inboxOf(count: number) {
  return (base: Workshop) => {
    const promptId = base.prompts[0]!.id
    const slots = inboxSlots({ loose: [], frames: [] }, count)
    const notes = slots.map((slot, i) =>
      createNote({ promptId, text: `reply ${i + 1}`, author: `Team ${(i % 3) + 1}`, ...slot }),
    )
    return applyAll(base, [{ type: 'addNotes', notes }])
  }
}

describe('the board holds its shape', () => {
  it('six clusters made side by side in a 60-note inbox push their neighbours, never cover them, and keep their numbers through a merge and its undo', async () => {
    const { page } = app
    await openMade('Sixty', inboxOf(60))
    const scale = await page.evaluate(() => window.__blankboard!.scale())
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    const screen = view.width / scale // one screen, in board units
    let workshop = await savedWorkshop(app)
    for (let k = 0; k < 6; k++) {
      const board = boardOf(workshop, workshop.prompts[0]!.id)
      // Two neighbouring loose notes in the same row, taken left to right.
      const loose = board.notes
        .filter((n) => n.clusterId === null)
        .sort((a, b) => a.y - b.y || a.x - b.x)
      const pair = loose.findIndex((n, i) => loose[i + 1]?.y === n.y)
      const [target, dragged] = [loose[pair]!, loose[pair + 1]!]
      await drag(
        page,
        centre(await shownNote(page, dragged.id)),
        centre(await shownNote(page, target.id)),
      )
      await page.getByRole('textbox', { name: 'Cluster name' }).waitFor()
      await page.keyboard.type(`Theme ${k + 1}`)
      await page.keyboard.press('Enter')
      const before = workshop
      workshop = await savedWorkshop(app)
      expect(Object.keys(workshop.clusters)).toHaveLength(k + 1)
      expect(overlaps(workshop)).toEqual([])
      await drawnFramesApart()
      for (const note of Object.values(workshop.notes)) {
        if (note.id === dragged.id) continue
        const was = before.notes[note.id]!
        expect(Math.hypot(note.x - was.x, note.y - was.y)).toBeLessThan(screen)
      }
    }
    const numbered = await clusterIds(page)
    expect(numbered.map((id) => workshop.clusters[id]!.name)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `Theme ${n}`),
    )

    // Theme 2 dropped by its title on Theme 1: one cluster fewer, and nothing overlaps.
    await page.getByRole('application').focus()
    await page.keyboard.press('Shift+!') // the board grew: see it whole
    await page.evaluate(() => window.__blankboard!.frame())
    await drag(
      page,
      centre(await clusterTitle(page, numbered[1]!)),
      centre(await clusterTitle(page, numbered[0]!)),
    )
    workshop = await savedWorkshop(app)
    expect(Object.keys(workshop.clusters)).toHaveLength(5)
    expect(overlaps(workshop)).toEqual([])
    await page.getByRole('application').focus()
    await page.keyboard.press('Control+z')
    workshop = await savedWorkshop(app)
    expect(overlaps(workshop)).toEqual([])
    // Undone, the merged cluster is number 2 again and every other keeps its number.
    expect(await clusterIds(page)).toEqual(numbered)
    await page.evaluate(() => window.__blankboard!.frame())
    const badges = await page.evaluate(() => window.__blankboard!.clusterIds().length)
    expect(badges).toBe(6)
  })

  it('2,000 pasted lines fill a screen-shaped inbox that Fit shows whole, and zooming in from there leaves no note undrawn', async () => {
    const { page } = app
    await openMade('Paste', (base) => base)
    const lines = Array.from({ length: 2000 }, (_, i) => `survey answer number ${i + 1}`)
    await page.getByRole('textbox', { name: 'Reply' }).focus()
    await page.evaluate((t) => navigator.clipboard.writeText(t), lines.join('\n'))
    await page.keyboard.press('Control+v')
    await page.getByRole('button', { name: 'Add 2,000 replies' }).click()
    await page.waitForFunction(() => window.__blankboard?.noteIds().length === 2000)
    await waitSaved(page)
    // The view did not follow: a badge says how many arrived out of sight, N shows them.
    await page.getByRole('button', { name: /new replies out of view/ }).waitFor()
    await page.getByRole('application').focus()
    await page.keyboard.press('Shift+!')
    await page.evaluate(() => window.__blankboard!.frame())
    const scale = await page.evaluate(() => window.__blankboard!.scale())
    expect(scale).toBeGreaterThanOrEqual(0.08)
    const board = (await page.evaluate(() => window.__blankboard!.boardRect()))!
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    expect(board.x).toBeGreaterThanOrEqual(view.x)
    expect(board.y).toBeGreaterThanOrEqual(view.y)
    expect(board.x + board.width).toBeLessThanOrEqual(view.x + view.width)
    expect(board.y + board.height).toBeLessThanOrEqual(view.y + view.height)
    // Screen-shaped, not a strip.
    expect(board.width / board.height).toBeGreaterThan(1)
    await page.getByRole('button', { name: /out of view/ }).waitFor({ state: 'detached' })

    // Zooming in to where notes are cards brings a hundred and more into view at once: each is
    // drawn in the very frame after each wheel step, while their full detail is being made.
    const middle = centre(view)
    await page.mouse.move(middle.x, middle.y)
    let inView: { id: string; drawn: boolean }[] = []
    let steps = 0
    for (let step = 0; step < 12; step++) {
      steps++
      await page.keyboard.down('Control')
      await page.mouse.wheel(0, -120)
      await page.keyboard.up('Control')
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
      inView = await page.evaluate(() => window.__blankboard!.notesInView())
      expect(inView.filter((n) => !n.drawn).map((n) => n.id)).toEqual([])
      if ((await page.evaluate(() => window.__blankboard!.scale())) >= 0.3) break
    }
    expect(inView.length).toBeGreaterThan(100)
    await page.evaluate(() => window.__blankboard!.frame())
    const detailed = await page.evaluate(
      (ids) => ids.filter((id) => window.__blankboard!.noteRect(id) !== null).length,
      inView.map((n) => n.id),
    )
    expect(detailed).toBe(inView.length)
    // As many steps out, one a frame as a trackpad sends them, come back to Fit's zoom:
    // none is lost while the notes leave the view.
    const cdp = await page.context().newCDPSession(page)
    const sent = []
    for (let step = 0; step < steps; step++) {
      sent.push(
        cdp.send('Input.dispatchMouseEvent', {
          type: 'mouseWheel',
          ...middle,
          deltaX: 0,
          deltaY: 120,
          modifiers: 2, // Ctrl
        }),
      )
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
    }
    await Promise.all(sent)
    await page.evaluate(() => window.__blankboard!.frame())
    expect(await page.evaluate(() => window.__blankboard!.scale())).toBeCloseTo(scale, 3)
  })

  it('Tidy (T) arranges twelve clusters in rows by number with the inbox beside them, in one undo step', async () => {
    const { page } = app
    const made = await openMade(
      'Twelve',
      clustered(
        60,
        12,
        (k) => 1 + (k % 4),
        (k) => `Theme ${k + 1}`,
      ),
    )
    await page.getByRole('application').focus()
    await page.keyboard.press('t')
    let workshop = await savedWorkshop(app)
    expect(overlaps(workshop)).toEqual([])
    const board = boardOf(workshop, workshop.prompts[0]!.id)
    const frames = board.clusters.map((c) => frameOf(board, c))
    expect(board.clusters.map((c) => c.name)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Theme ${i + 1}`),
    )
    for (let i = 1; i < frames.length; i++) {
      const [a, b] = [frames[i - 1]!, frames[i]!]
      expect(b.y > a.y || (b.y === a.y && b.x > a.x)).toBe(true)
    }
    const right = Math.max(...frames.map((f) => f.x + f.width))
    for (const n of board.notes.filter((n) => n.clusterId === null))
      expect(n.x).toBeGreaterThan(right)
    // Shown whole afterwards.
    await page.evaluate(() => window.__blankboard!.frame())
    const drawn = (await page.evaluate(() => window.__blankboard!.boardRect()))!
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    expect(drawn.x).toBeGreaterThanOrEqual(view.x)
    expect(drawn.x + drawn.width).toBeLessThanOrEqual(view.x + view.width)
    await drawnFramesApart()
    // One step back gives the board as it was.
    await page.keyboard.press('Control+z')
    workshop = await savedWorkshop(app)
    for (const c of Object.values(made.clusters)) {
      expect([workshop.clusters[c.id]!.x, workshop.clusters[c.id]!.y]).toEqual([c.x, c.y])
    }
  })

  it('at overview every cluster shows its name, or its number where the name has no room', async () => {
    const { page } = app
    await openMade(
      'Survey',
      clustered(
        2000,
        9,
        (k) => 3 + 4 * k,
        (k) => `A long theme name ${k + 1}`,
      ),
    )
    await page.getByRole('application').focus()
    await page.keyboard.press('t')
    await page.keyboard.press('Shift+!')
    await page.evaluate(() => window.__blankboard!.frame())
    const ids = await page.evaluate(() => window.__blankboard!.clusterIds())
    const labels = await page.evaluate(
      (all) => all.map((id) => window.__blankboard!.clusterLabel(id)),
      ids,
    )
    expect(labels).not.toContain(null)
    expect(labels).toContain('name')
    expect(labels).toContain('number')
    // Names and numbers alike stay readable: names at 28 px or more.
    for (const px of await page.evaluate(() => window.__blankboard!.clusterNamePx()))
      expect(px).toBeGreaterThanOrEqual(28)
  })

  it('a board reopens where it was left; a new one opens fitted with cluster names at least 28 px', async () => {
    const { page } = app
    await openMade('Remembered', (base) => {
      let doc = inboxOf(40)(base)
      const promptId = doc.prompts[0]!.id
      for (let k = 0; k < 6; k++) {
        const loose = boardOf(doc, promptId).notes.filter((n) => n.clusterId === null)
        const gesture = groupNotes(
          doc,
          loose.slice(0, 6).map((n) => n.id),
        )
        doc = applyAll(doc, [
          ...gesture.ops,
          { type: 'renameCluster', id: gesture.createdCluster!, name: `Theme ${k + 1}` },
        ])
      }
      return doc
    })
    // Fitted: everything in view.
    const board = (await page.evaluate(() => window.__blankboard!.boardRect()))!
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    expect(board.x).toBeGreaterThanOrEqual(view.x)
    expect(board.y + board.height).toBeLessThanOrEqual(view.y + view.height)
    // Every cluster name is drawn at 28 px or more on screen.
    const sizes = await page.evaluate(() => window.__blankboard!.clusterNamePx())
    expect(sizes).toHaveLength(6)
    for (const px of sizes) expect(px).toBeGreaterThanOrEqual(28)

    await page.getByRole('application').focus()
    await page.keyboard.press('0') // 100%
    await page.keyboard.press('ArrowDown')
    await page.evaluate(() => window.__blankboard!.frame())
    const left = await page.evaluate(() => window.__blankboard!.scale())
    await page.getByRole('button', { name: 'Workshops' }).click()
    await page.getByRole('button', { name: /^Remembered/ }).click()
    await page.waitForFunction(() => (window.__blankboard?.noteIds().length ?? 0) === 40)
    await page.evaluate(() => window.__blankboard!.frame())
    expect(await page.evaluate(() => window.__blankboard!.scale())).toBeCloseTo(left, 5)
  })

  it('search steps through matches with Enter, and Select all then G groups them', async () => {
    const { page } = app
    const made = await openMade('Search', (base) => {
      const promptId = base.prompts[0]!.id
      const texts = ['late trains', 'slow deploys', 'late reviews', 'noisy office', 'late hours']
      const slots = inboxSlots({ loose: [], frames: [] }, texts.length)
      return applyAll(base, [
        {
          type: 'addNotes',
          notes: texts.map((text, i) => createNote({ promptId, text, ...slots[i]! })),
        },
      ])
    })
    const late = Object.values(made.notes)
      .filter((n) => n.text.startsWith('late'))
      .map((n) => n.id)
    await page.keyboard.press('Control+f')
    await page.keyboard.type('late')
    await page.getByText('3 matches').waitFor()
    await page.keyboard.press('Enter')
    await page.getByText('1 of 3 matches').waitFor()
    const first = await page.evaluate(() => window.__blankboard!.selectedNoteIds())
    await page.keyboard.press('Enter')
    await page.getByText('2 of 3 matches').waitFor()
    const second = await page.evaluate(() => window.__blankboard!.selectedNoteIds())
    expect(first).toHaveLength(1)
    expect(second).toHaveLength(1)
    expect(first[0]).not.toBe(second[0])
    // The match shown is centred in the view.
    const rect = await shownNote(page, second[0]!)
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    expect(Math.abs(centre(rect).x - centre(view).x)).toBeLessThan(4)

    await page.getByRole('button', { name: 'Select all' }).click()
    await page.keyboard.press('g')
    await page.getByRole('textbox', { name: 'Cluster name' }).waitFor()
    await page.keyboard.type('Lateness')
    await page.keyboard.press('Enter')
    const workshop = await savedWorkshop(app)
    const cluster = Object.values(workshop.clusters).find((c) => c.name === 'Lateness')!
    const members = Object.values(workshop.notes).filter((n) => n.clusterId === cluster.id)
    expect(members.map((n) => n.id).sort()).toEqual(late.sort())
  })

  it('a cluster moves by any empty part of its frame, its notes with it', async () => {
    const { page } = app
    const made = await openMade('Frame', (base) => {
      const doc = inboxOf(3)(base)
      const ids = Object.keys(doc.notes)
      const gesture = groupNotes(doc, ids)
      return applyAll(doc, gesture.ops)
    })
    const [id] = await clusterIds(page)
    const frame = (await page.evaluate((c) => window.__blankboard!.clusterRect(c), id!))!
    // Three notes in a 2x2 grid: the bottom-right slot is empty frame.
    const empty = { x: frame.x + frame.width * 0.75, y: frame.y + frame.height * 0.8 }
    const scale = await page.evaluate(() => window.__blankboard!.scale())
    await drag(page, empty, { x: empty.x + 200, y: empty.y + 100 })
    const workshop = await savedWorkshop(app)
    const before = made.clusters[id!]!
    const after = workshop.clusters[id!]!
    expect(after.x - before.x).toBeCloseTo(200 / scale, -1)
    expect(after.y - before.y).toBeCloseTo(100 / scale, -1)
    for (const note of Object.values(workshop.notes)) {
      const was = made.notes[note.id]!
      expect(note.x - was.x).toBe(after.x - before.x)
      expect(note.clusterId).toBe(id)
    }
  })

  it('F11 leaves only the board; the author line shows on notes when asked', async () => {
    const { page } = app
    await openMade('Projector', inboxOf(12))
    await page.getByRole('button', { name: 'Authors' }).click()
    await page.evaluate(() => window.__blankboard!.frame())
    const ids = await page.evaluate(() => window.__blankboard!.noteIds())
    expect(await page.evaluate((id) => window.__blankboard!.noteAuthor(id), ids[0]!)).toMatch(
      /^Team \d$/,
    )
    await page.getByRole('button', { name: 'Authors' }).click()
    await page.evaluate(() => window.__blankboard!.frame())
    expect(await page.evaluate((id) => window.__blankboard!.noteAuthor(id), ids[0]!)).toBeNull()

    await page.keyboard.press('F11')
    await page.getByRole('textbox', { name: 'Reply' }).waitFor({ state: 'hidden' })
    expect(await page.getByRole('button', { name: 'Workshops' }).isVisible()).toBe(false)
    const view = await page.evaluate(() => window.__blankboard!.viewportRect())
    expect(view.width).toBe(1920)
    expect(view.height).toBe(1080)
    await page.keyboard.press('F11')
    await page.getByRole('textbox', { name: 'Reply' }).waitFor()
  })

  it('the Outline of a thousand replies lists two hundred at a time, with the count of the rest', async () => {
    const { page } = app
    await openMade('Long list', inboxOf(1000))
    await page.getByRole('button', { name: 'Outline' }).click()
    const outline = page.getByRole('complementary', { name: 'Outline' })
    const rows = outline.getByRole('listitem')
    await expect.poll(() => rows.count()).toBe(200)
    await expect.poll(() => outline.getByTitle('replies').textContent()).toBe('1000')
    expect(await outline.getByText('reply 201', { exact: true }).count()).toBe(0)
    await outline.getByRole('button', { name: 'Show 200 more (800 not listed)' }).click()
    await expect.poll(() => rows.count()).toBe(400)
    // A reply listed by "Show more" works like any other: Delete deletes it.
    await outline.getByRole('button', { name: 'Delete “reply 301”' }).click()
    await expect.poll(async () => Object.keys((await savedWorkshop(app)).notes).length).toBe(999)
    await outline.getByRole('button', { name: 'Show 200 more (599 not listed)' }).waitFor()
  })
})
