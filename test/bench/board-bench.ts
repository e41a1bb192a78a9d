/**
 * The board in headless Chromium (software rendering, 1920x1080) with real mouse and
 * wheel input, at several sizes: time from clicking the workshop to its first full
 * frame, frame intervals while dragging one note, while dragging a 20-note cluster, and
 * while zooming from 1 to 0.1 and back while panning; then the JS heap.
 * Limits: frame intervals come from requestAnimationFrame in the page, which headless
 * Chromium runs at 60 Hz, so nothing reads below ~16.7 ms; the harness's HTTP bridge
 * stands in for IPC.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { encodeWorkshop } from '../../core/migrations.ts'
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.ts'
import { startHarness } from '../harness/web-harness.ts'
import type { BenchSection } from './bench-table.ts'
import { median, ms, percentile } from './bench-table.ts'
import { sampleWorkshop } from './sample-workshop.ts'

declare global {
  interface Window {
    __frames?: number[]
    __recording?: boolean
  }
}

/** Records rAF timestamps until `stopFrames`. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__frames = []
    window.__recording = true
    const tick = (t: number) => {
      window.__frames!.push(t)
      if (window.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
}

/** Stops recording; the intervals between frames, in ms. */
async function stopFrames(page: Page): Promise<number[]> {
  const frames = await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    window.__recording = false
    return window.__frames ?? []
  })
  return frames.slice(1).map((t, i) => t - frames[i]!)
}

async function dragWithFrames(
  page: Page,
  from: { x: number; y: number },
  by: { x: number; y: number },
) {
  await page.mouse.move(from.x, from.y)
  await startFrames(page)
  await page.mouse.down()
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(from.x + (by.x * i) / 60, from.y + (by.y * i) / 60)
  }
  await page.mouse.up()
  const frames = await stopFrames(page)
  if (process.env.BENCH_DEBUG) {
    const worst = frames.map((f, i) => [i, Math.round(f)]).sort((a, b) => b[1]! - a[1]!)
    console.log(`${frames.length} frames; slowest [index, ms]:`, JSON.stringify(worst.slice(0, 8)))
  }
  return frames
}

/** Runs the board benchmark; `staticDir` is a harness build. */
export async function boardBench(
  staticDir: string,
  sizes = [1_000, 5_000, 10_000],
): Promise<BenchSection> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
  const rows: (string | number)[][] = []
  try {
    for (const size of sizes) {
      const dir = await mkdtemp(join(tmpdir(), 'blankboard-bench-board-'))
      const harness = await startHarness({ staticDir, dataDir: dir, port: 0 })
      try {
        const { workshop, clusterId } = sampleWorkshop(size)
        const path = join(dir, `Benchmark ${size}.blankboard`)
        await writeFile(path, encodeWorkshop(workshop))
        const opened = await harness.store.openWorkshop(path) // puts it on the recent list
        if (opened.kind !== 'opened') throw new Error(opened.kind)
        await harness.store.closeWorkshop(opened.workshop.handle)

        const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
        await page.goto(harness.url)
        const entry = page.getByRole('button', { name: new RegExp(`^Benchmark ${size}`) })
        await entry.waitFor()
        const start = performance.now()
        await entry.click()
        await page.waitForFunction((n) => window.__blankboard?.noteIds().length === n, size, {
          timeout: 60_000,
        })
        await page.evaluate(() => window.__blankboard!.frame())
        const firstFrame = performance.now() - start

        // A loose note beside the cluster, in view.
        const loose = Object.values(workshop.notes)
          .filter((n) => n.clusterId === null)
          .sort((a, b) => a.y - b.y || a.x - b.x)
          .find((n) => n.x > 980 && n.y < 400)!
        const rect = (await page.evaluate((id) => window.__blankboard!.noteRect(id), loose.id))!
        const noteFrames = await dragWithFrames(
          page,
          { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 },
          { x: 300, y: 200 },
        )

        const title = await page.evaluate(
          (id) => window.__blankboard!.clusterTitleRect(id),
          clusterId,
        )
        const clusterFrames = title
          ? await dragWithFrames(page, { x: title.x + 120, y: title.y + 30 }, { x: 260, y: 120 })
          : []

        // Zoom 1 → ~0.1 and back with Ctrl+wheel about the pointer, panning between steps.
        await page.mouse.move(1100, 600)
        await startFrames(page)
        let smallest = Infinity
        for (const direction of [1, -1]) {
          for (let i = 0; i < 10; i++) {
            await page.keyboard.down('Control')
            await page.mouse.wheel(0, 92 * direction)
            await page.keyboard.up('Control')
            await page.mouse.wheel(40 * direction, 30)
            smallest = Math.min(smallest, await page.evaluate(() => window.__blankboard!.scale()))
          }
        }
        const zoomFrames = await stopFrames(page)
        const endScale = await page.evaluate(() => window.__blankboard!.scale())

        const cdp = await page.context().newCDPSession(page)
        await cdp.send('HeapProfiler.collectGarbage')
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
        await page.close()

        rows.push([
          size.toLocaleString('en'),
          ms(firstFrame),
          `${ms(median(noteFrames))} / ${ms(percentile(noteFrames, 0.95))}`,
          clusterFrames.length
            ? `${ms(median(clusterFrames))} / ${ms(percentile(clusterFrames, 0.95))}`
            : 'not in view',
          `${ms(median(zoomFrames))} / ${ms(percentile(zoomFrames, 0.95))}`,
          `${smallest.toFixed(2)}→${endScale.toFixed(2)}`,
          (heap.usedSize / 1024 / 1024).toFixed(0),
        ])
      } finally {
        await harness.close()
        await rm(dir, { recursive: true, force: true })
      }
    }
  } finally {
    await browser.close()
  }
  return {
    title:
      'Board in headless Chromium, software rendering, 1920x1080 (ms; frame intervals median / p95)',
    columns: [
      'notes',
      'first frame',
      'drag note',
      'drag 20-note cluster',
      'zoom+pan',
      'zoom range',
      'heap MB',
    ],
    rows,
    notes: [
      'Goals at 10,000 notes: drag p95 <= 17 ms, zoom and pan p95 <= 33 ms, first frame <= 1.5 s.',
      'First frame: from the click on the recent workshop to the board fully drawn (includes reading the file over the bridge).',
    ],
  }
}
