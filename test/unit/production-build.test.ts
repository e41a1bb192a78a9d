import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let outDir: string
let bundle: string

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'blankboard-build-'))
  // Vitest runs with NODE_ENV=test; a real production build needs NODE_ENV=production.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    mode: 'production',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv
  })
  const assets = join(outDir, 'assets')
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'))
  bundle = (await Promise.all(scripts.map((name) => readFile(join(assets, name), 'utf8')))).join(
    '\n',
  )
}, 60_000)
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true })
})

describe('the production renderer build', () => {
  it('carries neither the test surface nor the HTTP bridge', () => {
    // (booleans, not toContain: a failure must not print a 300 kB bundle)
    expect(bundle.includes('Type a reply and press Enter'), 'is the real app').toBe(true)
    expect(bundle.includes('__blankboard'), 'has the test surface').toBe(false)
    expect(bundle.includes('/api/'), 'has the HTTP bridge').toBe(false)
  })

  it('ships the word vectors as a compact asset and the suggestion engine as a worker', async () => {
    const names = await readdir(join(outDir, 'assets'))
    const vectors = names.filter((n) => /^en-[\w-]+\.bin$/.test(n))
    expect(vectors).toHaveLength(1)
    const { size } = await stat(join(outDir, 'assets', vectors[0]!))
    expect(size).toBeGreaterThan(5e6)
    expect(size).toBeLessThan(15e6)
    expect(names.some((n) => /^suggest-worker-[\w-]+\.js$/.test(n))).toBe(true)
  })

  it('has no inline script, so the strict CSP holds', async () => {
    const html = await readFile(join(outDir, 'index.html'), 'utf8')
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/)
  })
})
