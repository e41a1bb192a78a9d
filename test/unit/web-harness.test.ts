import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../electron/security.ts'
import type { Harness } from '../harness/web-harness.ts'
import { startHarness } from '../harness/web-harness.ts'

let dir: string
let harness: Harness

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-harness-'))
  await mkdir(join(dir, 'static'))
  await writeFile(join(dir, 'static', 'index.html'), '<!doctype html><title>app</title>')
  await writeFile(join(dir, 'secret.txt'), 'not for the page')
  harness = await startHarness({
    staticDir: join(dir, 'static'),
    dataDir: join(dir, 'data'),
    port: 0,
  })
})
afterAll(async () => {
  await harness.close()
  await rm(dir, { recursive: true, force: true })
})

function post(method: string, body: string, headers: Record<string, string> = {}) {
  return fetch(new URL(`api/${method}`, harness.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
}

describe('the web harness contract', () => {
  it('binds 127.0.0.1 and serves the app with the strict CSP', async () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const response = await fetch(harness.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).toContain('<title>app</title>')
  })

  it('answers each API method as POST /api/<method> with a JSON array of arguments', async () => {
    const created = await post('createWorkshop', JSON.stringify(['Harness check']))
    expect(created.status).toBe(200)
    const result = await created.json()
    expect(result).toMatchObject({ kind: 'opened', workshop: { revision: 0 } })
    expect(result.workshop.path).toBe(join(dir, 'data', 'Harness check.blankboard'))
    const recent = await (await post('listRecent', '[]')).json()
    expect(recent).toEqual([expect.objectContaining({ title: 'Harness check', exists: true })])
  })

  it('answers errors with a non-2xx status and { error }', async () => {
    const unknown = await post('deleteEverything', '[]')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({
      error: 'There is no API method named "deleteEverything".',
    })

    const malformed = await post('openWorkshop', JSON.stringify([42]))
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error).toMatch(/Invalid arguments to openWorkshop/)

    const notJson = await post('listRecent', '{oops')
    expect(notJson.status).toBe(400)

    const refused = await post(
      'applyOps',
      JSON.stringify(['no-such-handle', 0, [{ type: 'deleteNotes', ids: ['a'] }]]),
    )
    expect(refused.status).toBe(500)
    expect((await refused.json()).error).toMatch(/not open/)
  })

  it('refuses calls from another origin and files outside the app', async () => {
    const foreign = await post('listRecent', '[]', { origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
    const escape = await fetch(new URL('/..%2fsecret.txt', harness.url))
    expect(escape.status).toBe(404)
  })

  it('takes a piece of an export as raw bytes, the other arguments in a header', async () => {
    const id: string = await (await post('beginExport', JSON.stringify(['png', 'Raw.png']))).json()
    const png = Uint8Array.from(
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    )
    const bytes = (args: unknown, body: Uint8Array<ArrayBuffer>) =>
      fetch(new URL('api/appendExport', harness.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          'x-blankboard-args': encodeURIComponent(JSON.stringify(args)),
        },
        body: new Blob([body]),
      })
    const appended = await bytes([id], png)
    expect(appended.status).toBe(200)
    expect(await appended.json()).toBe(png.length)
    expect((await bytes(['a', 'b'], png)).status).toBe(400)
    expect((await bytes({ id }, png)).status).toBe(400)
    // Bytes without the upload's id are refused by the method's schema.
    expect((await bytes([], png)).status).toBe(400)
    const saved = await (await post('finishExport', JSON.stringify([id]))).json()
    expect(saved.name).toBe('Raw.png')
    expect(new Uint8Array(await readFile(saved.path))).toEqual(png)
  })
})
