import * as fs from 'node:fs/promises'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FsCalls } from '../../electron/files/durable-write.ts'
import { isTempFileName, writeFileDurably } from '../../electron/files/durable-write.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-durable-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Real file-system calls, logged, with a fault injected where asked. */
function recordingFs(fault?: { on: 'write' | 'rename'; code: string }) {
  const calls: string[] = []
  const fail = (code: string) => Object.assign(new Error(code), { code })
  const wrapped: FsCalls = {
    open: (async (path: string, flags: string, mode?: number) => {
      const handle = await fs.open(path, flags, mode)
      const target =
        path === dir ? 'folder' : isTempFileName(path.split('/').pop()!) ? 'temp' : 'file'
      calls.push(`open ${target}`)
      return new Proxy(handle, {
        get(h, key) {
          if (key === 'writeFile') {
            return async (data: string, enc: BufferEncoding) => {
              calls.push(`write ${target}`)
              if (fault?.on === 'write') {
                await h.writeFile(data.slice(0, data.length / 2), enc)
                throw fail(fault.code)
              }
              return h.writeFile(data, enc)
            }
          }
          if (key === 'sync') return async () => (calls.push(`fsync ${target}`), h.sync())
          if (key === 'close') return async () => (calls.push(`close ${target}`), h.close())
          const value = Reflect.get(h, key)
          return typeof value === 'function' ? value.bind(h) : value
        },
      })
    }) as FsCalls['open'],
    rename: async (from, to) => {
      calls.push('rename')
      if (fault?.on === 'rename') throw fail(fault.code)
      return fs.rename(from, to)
    },
    rm: fs.rm,
    stat: fs.stat,
  }
  return { fs: wrapped, calls }
}

describe('durable writes', () => {
  it('writes a temp file, fsyncs it, renames it over the file, then fsyncs the folder', async () => {
    const file = join(dir, 'w.blankboard')
    const { fs: spy, calls } = recordingFs()
    await writeFileDurably(file, 'new text', spy)
    expect(calls).toEqual([
      'open temp',
      'write temp',
      'fsync temp',
      'close temp',
      'rename',
      'open folder',
      'fsync folder',
      'close folder',
    ])
    expect(await readFile(file, 'utf8')).toBe('new text')
  })

  it('a full disk half-way through leaves the old file byte for byte, and no temp file', async () => {
    const file = join(dir, 'w.blankboard')
    await writeFile(file, 'the room’s replies')
    const { fs: spy } = recordingFs({ on: 'write', code: 'ENOSPC' })
    await expect(writeFileDurably(file, 'x'.repeat(100_000), spy)).rejects.toMatchObject({
      code: 'ENOSPC',
    })
    expect(await readFile(file, 'utf8')).toBe('the room’s replies')
    expect(await readdir(dir)).toEqual(['w.blankboard'])
  })

  it('a rename that keeps failing leaves the old file and cleans up', async () => {
    const file = join(dir, 'w.blankboard')
    await writeFile(file, 'old')
    const { fs: spy, calls } = recordingFs({ on: 'rename', code: 'EBUSY' })
    await expect(writeFileDurably(file, 'new', spy)).rejects.toMatchObject({ code: 'EBUSY' })
    expect(calls.filter((c) => c === 'rename').length).toBeGreaterThan(1) // it was retried
    expect(await readFile(file, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['w.blankboard'])
  })
})
