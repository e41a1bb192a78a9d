import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasBidiControls, stripBidiControls } from '../../core/bidi.ts'
import { readCheckedFile } from '../../electron/files/checked-read.ts'
import { PathGrants, isNetworkPath } from '../../electron/files/path-grants.ts'
import { isLoopbackHost, isLoopbackOrigin } from '../../electron/loopback-guard.ts'
import { payloadSize } from '../../electron/payload-size.ts'
import { publicMessage, publicResult } from '../../electron/public-errors.ts'

const CONTROLS = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
]

describe('bidi controls on the canvas', () => {
  it('are all dropped, and nothing else is', () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom(...CONTROLS, '\u200f', 'שלום', 'abc'))
    fc.assert(
      fc.property(fc.array(piece), (pieces) => {
        const text = pieces.join('')
        const shown = stripBidiControls(text)
        expect(hasBidiControls(shown)).toBe(false)
        expect(shown).toBe([...text].filter((c) => !CONTROLS.includes(c)).join(''))
        expect(stripBidiControls(shown)).toBe(shown)
      }),
    )
    expect(stripBidiControls('invoice\u202efdp.exe')).toBe('invoicefdp.exe')
    expect(stripBidiControls('\u200fשלום')).toBe('\u200fשלום')
  })
})

describe('the loopback guard', () => {
  it('accepts only the loopback names on the port, and only that origin', () => {
    expect(isLoopbackHost('127.0.0.1:5173', 5173)).toBe(true)
    expect(isLoopbackHost('LocalHost:5173', 5173)).toBe(true)
    for (const host of [
      undefined,
      '127.0.0.1',
      '127.0.0.1:5174',
      'evil.example:5173',
      '127.0.0.1.evil.example:5173',
      '[::1]:5173',
      '0.0.0.0:5173',
      '127.0.0.2:5173',
    ])
      expect(isLoopbackHost(host, 5173), String(host)).toBe(false)
    expect(isLoopbackOrigin('http://localhost:5173', 5173)).toBe(true)
    for (const origin of [
      'null',
      'https://127.0.0.1:5173',
      'http://127.0.0.1:5173/',
      'http://127.0.0.1',
      'http://evil.example:5173',
    ])
      expect(isLoopbackOrigin(origin, 5173), origin).toBe(false)
  })
})

describe('the size of a call', () => {
  it('matches the JSON size of plain values closely, never far under it', () => {
    const json = fc.jsonValue()
    fc.assert(
      fc.property(json, (value) => {
        const exact = Buffer.byteLength(JSON.stringify(value) ?? 'null')
        const counted = payloadSize(value, Number.MAX_SAFE_INTEGER)
        expect(counted).toBeGreaterThanOrEqual(exact * 0.5)
        expect(counted).toBeLessThanOrEqual(exact * 2 + 8)
      }),
    )
  })

  it('stops as soon as it passes the limit: shared values count each time, cycles end', () => {
    const shared = { text: 'x'.repeat(1000) }
    expect(payloadSize(Array(100_000).fill(shared), 1_000_000)).toBe(1_000_001)
    const loop: unknown[] = []
    loop.push(loop)
    expect(payloadSize(loop, 10_000)).toBe(10_001)
    expect(payloadSize(new Array(50_000_000), 16_000_000)).toBe(16_000_001)
  })
})

describe('messages for the page', () => {
  it('keep the file name, drop the folders, system error text and file content', () => {
    expect(publicMessage('Could not create /home/ana/My Docs/Blankboard/Retro 2.blankboard.')).toBe(
      'Could not create Retro 2.blankboard.',
    )
    expect(
      publicMessage(
        "Could not save: EACCES: permission denied, open '/home/ana/.config/x.blankboard'",
      ),
    ).toBe('Could not save: permission denied')
    expect(publicMessage("ELOOP: too many symbolic links encountered, stat '/a/b'")).toBe(
      'the path is a loop of links',
    )
    expect(publicMessage('Could not save to C:\\Users\\ana\\Documents\\Retro.blankboard')).toBe(
      'Could not save to Retro.blankboard',
    )
    expect(publicMessage('Could not save to \\\\server\\share\\Retro.blankboard')).toBe(
      'Could not save to Retro.blankboard',
    )
    expect(
      publicMessage(
        'the file is not valid JSON (Unexpected token \'r\', "root:x:0:0:"... is not valid JSON)',
      ),
    ).toBe('the file is not valid JSON')
    expect(
      publicMessage(
        "the file is not valid JSON (Expected ',' or '}' after property value in JSON at position 9 (line 2 column 3))",
      ),
    ).toBe('the file is not valid JSON (at line 2, column 3)')
    expect(publicMessage('Change refused: a note and/or a cluster is missing.')).toBe(
      'Change refused: a note and/or a cluster is missing.',
    )
  })

  it('clean the reason of a result and leave the workshop alone', () => {
    const workshop = { title: '/etc/passwd is my title' }
    const result = publicResult({
      kind: 'unreadable',
      path: '/home/ana/x.blankboard',
      reason: "EIO: i/o error, read '/home/ana/x.blankboard'",
      workshop,
    })
    expect(result).toEqual({
      kind: 'unreadable',
      path: '/home/ana/x.blankboard',
      reason: 'the disk reported an input/output error',
      workshop,
    })
    expect(publicResult({ revision: 3, saveError: null })).toEqual({ revision: 3, saveError: null })
  })
})

describe('granted paths and the checked read', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blankboard-grants-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('grant the path and its real path; other spellings of other files stay out', async () => {
    await writeFile(join(dir, 'real.blankboard'), '{}')
    await symlink(join(dir, 'real.blankboard'), join(dir, 'link.blankboard'))
    const grants = new PathGrants('linux')
    await grants.grant(join(dir, 'link.blankboard'))
    expect(grants.has(join(dir, 'link.blankboard'))).toBe(true)
    expect(grants.has(join(dir, 'real.blankboard'))).toBe(true)
    expect(grants.has(join(dir, 'sub', '..', 'link.blankboard'))).toBe(true)
    expect(grants.has(join(dir, 'LINK.blankboard'))).toBe(false)
    expect(grants.has(join(dir, 'other.blankboard'))).toBe(false)
    const windows = new PathGrants('win32')
    await windows.grant('C:\\Users\\ana\\Retro.blankboard')
    expect(windows.has('c:\\users\\ana\\retro.blankboard')).toBe(true)
  })

  it('never grant or read a network path on Windows, before touching it', async () => {
    for (const path of [
      '\\\\server\\share\\Retro.blankboard',
      '//server/share/Retro.blankboard',
      '\\\\?\\UNC\\server\\share\\Retro.blankboard',
      '\\\\.\\pipe\\blankboard',
    ]) {
      expect(isNetworkPath(path, 'win32'), path).toBe(true)
      const grants = new PathGrants('win32')
      await grants.grant(path)
      expect(grants.has(path)).toBe(false)
      await expect(readCheckedFile(path, { platform: 'win32' })).rejects.toMatchObject({
        code: 'NETWORK_PATH',
      })
    }
    expect(isNetworkPath('C:\\Users\\ana\\Retro.blankboard', 'win32')).toBe(false)
    expect(isNetworkPath('//server/share', 'linux')).toBe(false)
  })

  it('refuses a file over the cap by its size, and again while reading', async () => {
    const path = join(dir, 'small.blankboard')
    await writeFile(path, 'x'.repeat(3000))
    await expect(readCheckedFile(path, { maxBytes: 2999 })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    })
    expect((await readCheckedFile(path, { maxBytes: 3000 })).length).toBe(3000)
    // A file whose size says 0 but which holds more (as /proc files do) is cut off too.
    if (process.platform === 'linux') {
      await expect(readCheckedFile('/proc/self/status', { maxBytes: 64 })).rejects.toMatchObject({
        code: 'TOO_LARGE',
      })
    }
    await expect(readCheckedFile(join(dir, 'none.blankboard'))).rejects.toMatchObject({
      code: 'ENOENT',
      message: 'the file or its folder does not exist',
    })
  })
})
