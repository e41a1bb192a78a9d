import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { encodeWorkshop } from '../core/migrations.ts'
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/chromium.ts'
import { startHarness } from '../test/harness/web-harness.ts'
import { sampleWorkshop } from '../test/bench/sample-workshop.ts'
const size = Number(process.argv[2] ?? 10000)
const mode = process.argv[3] ?? 'zoom'
const dir = await mkdtemp(join(tmpdir(), 'prof-'))
const harness = await startHarness({ staticDir: resolve('dist/harness'), dataDir: dir, port: 0 })
const { workshop } = sampleWorkshop(size)
const path = join(dir, `Benchmark ${size}.blankboard`)
await writeFile(path, encodeWorkshop(workshop))
const opened = await harness.store.openWorkshop(path)
if (opened.kind !== 'opened') throw new Error(opened.kind)
await harness.store.closeWorkshop(opened.workshop.handle)
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
await page.goto(harness.url)
const cdp = await page.context().newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
const entry = page.getByRole('button', { name: new RegExp(`^Benchmark ${size}`) })
await entry.waitFor()
if (mode === 'open') await cdp.send('Profiler.start')
let t = performance.now()
await entry.click()
await page.waitForFunction((n) => window.__blankboard?.noteIds().length === n, size, { timeout: 120000 })
await page.evaluate(() => window.__blankboard!.frame())
console.log('open ms', Math.round(performance.now() - t))
if (mode === 'zoom') {
  await page.keyboard.press('0')
  await page.evaluate(() => window.__blankboard!.frame())
  await page.mouse.move(1100, 600)
  await cdp.send('Profiler.start')
  t = performance.now()
  for (let i = 0; i < 48; i++) {
    const out = i < 24 ? 1 : -1
    if (i % 2 === 0) { await page.keyboard.down('Control'); await page.mouse.wheel(0, 120 * out); await page.keyboard.up('Control') }
    else await page.mouse.wheel(40 * out, 30)
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())))
  }
  console.log('zoom ms/step', ((performance.now() - t) / 48).toFixed(1))
}
const { profile } = (await cdp.send('Profiler.stop')) as any
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]))
const self = new Map<string, number>()
const dt = profile.timeDeltas
profile.samples.forEach((s: number, i: number) => {
  const n: any = byId.get(s)
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber}`
  self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0))
})
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'))
await browser.close(); await harness.close()
