import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportRequest } from '../../core/api.ts'
import { checkArgs } from '../../core/api.ts'
import {
  EXPORT_PIECE_BYTES,
  MAX_EXPORT_BYTES,
  exportFileName,
} from '../../core/export/export-files.ts'
import { MAX_CALL_BYTES, callLimit } from '../../electron/security.ts'
import { encodeWorkshop } from '../../core/migrations.ts'
import { createExportHandlers } from '../../electron/export-files.ts'
import type { ExportDesktop } from '../../electron/export-files.ts'
import { PDF_DESKTOP_ONLY, harnessExports } from '../harness/harness-exports.ts'
import { fixtureWorkshop } from './helpers/export-fixture.ts'

// A 1x1 PNG.
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

let dir = ''
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'blankboard-export-save-'))))
afterEach(() => rm(dir, { recursive: true, force: true }))

/** A desktop whose save dialog answers `answer` and records what it was asked. */
function fakeDesktop(answer: (name: string) => string | null) {
  const asked: { kind: string; name: string }[] = []
  const revealed: string[] = []
  const printed: string[] = []
  const desktop: ExportDesktop = {
    chooseSavePath: async (kind, name) => (asked.push({ kind, name }), answer(name)),
    renderPdf: async (html) => (printed.push(html), new TextEncoder().encode('%PDF-1.7 fake')),
    reveal: (path) => revealed.push(path),
  }
  return { desktop, asked, revealed, printed }
}

describe('saving an export from the desktop app', () => {
  it('writes the bytes where the user chose in the save dialog, and can show that file only', async () => {
    const fake = fakeDesktop((name) => join(dir, name))
    const exports = createExportHandlers(fake.desktop)
    const saved = await exports.saveExport({
      kind: 'md',
      name: 'Retro report.md',
      text: '# Retro\n',
    })
    expect(saved).toEqual({ name: 'Retro report.md', path: join(dir, 'Retro report.md') })
    expect(await readFile(join(dir, 'Retro report.md'), 'utf8')).toBe('# Retro\n')
    expect(fake.asked).toEqual([{ kind: 'md', name: 'Retro report.md' }])
    expect(await exports.showExportedFile(saved!.path)).toBe(true)
    expect(await exports.showExportedFile('/etc/passwd')).toBe(false)
    expect(fake.revealed).toEqual([saved!.path])
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('writes nothing when the user cancels the dialog', async () => {
    const exports = createExportHandlers(fakeDesktop(() => null).desktop)
    await expect(exports.saveExport({ kind: 'csv', name: 'a.csv', text: 'x' })).resolves.toBeNull()
    expect(await readdir(dir)).toEqual([])
  })

  it('adds the extension the user left off, without replacing a file of that name', async () => {
    await writeFile(join(dir, 'board.png'), 'keep me')
    const exports = createExportHandlers(fakeDesktop(() => join(dir, 'board')).desktop)
    const saved = await exports.saveExport({ kind: 'png', name: 'x.png', base64: PNG_1X1 })
    expect(saved!.name).toBe('board (2).png')
    expect(await readFile(join(dir, 'board.png'), 'utf8')).toBe('keep me')
  })

  it('refuses content that is not what its kind says, before any dialog', async () => {
    const fake = fakeDesktop((name) => join(dir, name))
    const exports = createExportHandlers(fake.desktop)
    await expect(
      exports.saveExport({
        kind: 'png',
        name: 'x.png',
        base64: Buffer.from('GIF89a').toString('base64'),
      }),
    ).rejects.toThrow('The image is not a PNG file.')
    await expect(
      exports.saveExport({ kind: 'json', name: 'x.json', text: '{"a":1}' }),
    ).rejects.toThrow('not a Blankboard workshop')
    expect(fake.asked).toEqual([])
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses an export larger than the cap with a message saying what to do', async () => {
    const exports = createExportHandlers(fakeDesktop((name) => join(dir, name)).desktop)
    // Emoji are 2 UTF-16 units but 4 bytes: the text passes the schema, the bytes do not.
    const text = '🚀'.repeat(MAX_EXPORT_BYTES / 4 + 1)
    await expect(exports.saveExport({ kind: 'md', name: 'big.md', text })).rejects.toThrow(
      /more than the 40 MB Blankboard writes\. Choose a smaller size\./,
    )
  })

  it('prints its own report of the workshop for a PDF, never markup from the page', async () => {
    const fake = fakeDesktop((name) => join(dir, name))
    const exports = createExportHandlers(fake.desktop)
    const saved = await exports.saveExport({
      kind: 'pdf',
      name: 'Report.pdf',
      workshop: fixtureWorkshop(),
      authors: true,
    })
    expect(await readFile(saved!.path, 'utf8')).toBe('%PDF-1.7 fake')
    expect(fake.printed[0]).toContain('&#60;b&#62;bold')
    expect(fake.printed[0]).toContain('ship faster 🚀')
  })
})

describe('the export request schema', () => {
  const valid: ExportRequest = { kind: 'md', name: 'Report.md', text: '# x' }
  it('accepts a well-formed request', () => {
    expect(checkArgs('saveExport', [valid]).ok).toBe(true)
    expect(checkArgs('saveExport', [{ kind: 'png', name: 'b.png', base64: PNG_1X1 }]).ok).toBe(true)
  })

  it('refuses paths, wrong extensions, unknown kinds, extra fields and a bad workshop', () => {
    for (const bad of [
      { ...valid, name: '../../.bashrc.md' },
      { ...valid, name: '/etc/cron.d/x.md' },
      { ...valid, name: 'C:\\Users\\x.md' },
      { ...valid, name: 'report.exe' },
      { ...valid, name: '.md' },
      { ...valid, kind: 'exe' },
      { ...valid, path: '/tmp/x.md' },
      { kind: 'png', name: 'b.png', base64: 'not base64!' },
      { kind: 'pdf', name: 'r.pdf', workshop: { title: 'x' }, authors: false },
    ]) {
      const checked = checkArgs('saveExport', [bad])
      expect(checked.ok, JSON.stringify(bad)).toBe(false)
    }
  })

  it('offers file names that are safe on every desktop system', () => {
    expect(exportFileName('Q3 retro: "Phoenix" / launch', 'md')).toBe('Q3 retro Phoenix launch.md')
    expect(exportFileName('..', 'csv')).toBe('Blankboard export.csv')
    expect(exportFileName('Board.png', 'png')).toBe('Board.png')
    expect(
      checkArgs('saveExport', [{ ...valid, name: exportFileName('a/b\\c:d*e?f', 'md') }]).ok,
    ).toBe(true)
  })
})

describe('saving an export in the web harness', () => {
  it('writes into the data folder under the offered name, never replacing a file', async () => {
    const exports = harnessExports(dir)
    const first = await exports.saveExport({ kind: 'csv', name: 'Retro.csv', text: 'a' })
    const second = await exports.saveExport({ kind: 'csv', name: 'Retro.csv', text: 'b' })
    expect([first!.name, second!.name]).toEqual(['Retro.csv', 'Retro (2).csv'])
    expect(await readFile(join(dir, 'Retro.csv'), 'utf8')).toBe('a')
    expect(await readFile(join(dir, 'Retro (2).csv'), 'utf8')).toBe('b')
    const copy = encodeWorkshop(fixtureWorkshop())
    const json = await exports.saveExport({ kind: 'json', name: 'Retro.json', text: copy })
    expect(await readFile(json!.path, 'utf8')).toBe(copy)
  })

  it('says PDF is for the desktop app', async () => {
    await expect(
      harnessExports(dir).saveExport({
        kind: 'pdf',
        name: 'r.pdf',
        workshop: fixtureWorkshop(),
        authors: false,
      }),
    ).rejects.toThrow(PDF_DESKTOP_ONLY)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('saving a large export in pieces', () => {
  /** A PNG-looking file of `size` bytes: a real 1×1 PNG header, then padding. */
  function bigPng(size: number): Buffer {
    const head = Buffer.from(PNG_1X1, 'base64')
    const bytes = Buffer.alloc(size, 7)
    head.copy(bytes)
    return bytes
  }
  const pieces = (bytes: Buffer) => {
    const out: Uint8Array[] = []
    for (let at = 0; at < bytes.length; at += EXPORT_PIECE_BYTES)
      out.push(bytes.subarray(at, at + EXPORT_PIECE_BYTES))
    return out
  }
  const png1x1 = Buffer.from(PNG_1X1, 'base64')

  it('joins the pieces, asks where to save only at the end, and writes the exact bytes', async () => {
    const fake = fakeDesktop((name) => join(dir, name))
    const exports = createExportHandlers(fake.desktop)
    const bytes = bigPng(5 * EXPORT_PIECE_BYTES + 123)
    const id = await exports.beginExport('png', 'Board.png')
    let received = 0
    for (const piece of pieces(bytes)) {
      received = await exports.appendExport(id, piece)
      expect(fake.asked).toEqual([])
    }
    expect(received).toBe(bytes.length)
    const saved = await exports.finishExport(id)
    expect(saved).toEqual({ name: 'Board.png', path: join(dir, 'Board.png') })
    expect((await readFile(join(dir, 'Board.png'))).equals(bytes)).toBe(true)
    expect(fake.asked).toEqual([{ kind: 'png', name: 'Board.png' }])
    // The upload is gone once finished.
    await expect(exports.appendExport(id, png1x1)).rejects.toThrow(/no longer in progress/)
  })

  it('refuses pieces past the cap and drops the upload; unknown or cancelled ids add nothing', async () => {
    const fake = fakeDesktop((name) => join(dir, name))
    const exports = createExportHandlers(fake.desktop)
    await expect(exports.appendExport('made-up', png1x1)).rejects.toThrow(/no longer in progress/)
    const id = await exports.beginExport('png', 'Huge.png')
    const piece = Buffer.alloc(EXPORT_PIECE_BYTES, 1)
    const fits = MAX_EXPORT_BYTES / EXPORT_PIECE_BYTES
    for (let i = 0; i < fits; i++) await exports.appendExport(id, piece)
    await expect(exports.appendExport(id, piece)).rejects.toThrow(
      /more than the 40 MB Blankboard writes/,
    )
    await expect(exports.finishExport(id)).rejects.toThrow(/no longer in progress/)
    const next = await exports.beginExport('png', 'Small.png')
    await exports.appendExport(next, png1x1)
    await exports.cancelExport(next)
    await expect(exports.finishExport(next)).rejects.toThrow(/no longer in progress/)
    // A second upload replaces the first: only the latest id is live.
    const first = await exports.beginExport('png', 'A.png')
    await exports.beginExport('png', 'B.png')
    await expect(exports.appendExport(first, png1x1)).rejects.toThrow(/no longer in progress/)
    expect(fake.asked).toEqual([])
    expect(await readdir(dir)).toEqual([])
  })

  it('checks the joined bytes against their kind before any dialog', async () => {
    const fake = fakeDesktop((name) => join(dir, name))
    const exports = createExportHandlers(fake.desktop)
    const id = await exports.beginExport('png', 'Fake.png')
    await exports.appendExport(id, Buffer.from('not an image'))
    await expect(exports.finishExport(id)).rejects.toThrow(/not a PNG file/)
    const json = await exports.beginExport('json', 'Copy.json')
    await exports.appendExport(json, Buffer.from('{"a":1}'))
    await expect(exports.finishExport(json)).rejects.toThrow(/not a Blankboard workshop/)
    const text = await exports.beginExport('md', 'Bad.md')
    await exports.appendExport(text, Buffer.from([0xff, 0xfe, 0x41]))
    await expect(exports.finishExport(text)).rejects.toThrow(/not UTF-8 text/)
    expect(fake.asked).toEqual([])
  })

  it('schema-checks piece calls: kind and name agree, pieces are bytes and small', () => {
    expect(checkArgs('beginExport', ['png', 'Board.png']).ok).toBe(true)
    expect(checkArgs('beginExport', ['pdf', 'Report.pdf']).ok).toBe(false)
    expect(checkArgs('beginExport', ['png', 'Board.md']).ok).toBe(false)
    expect(checkArgs('beginExport', ['png', '../Board.png']).ok).toBe(false)
    expect(checkArgs('appendExport', ['id', new Uint8Array(EXPORT_PIECE_BYTES)]).ok).toBe(true)
    expect(checkArgs('appendExport', ['id', 'AAAA']).ok).toBe(false)
    expect(checkArgs('appendExport', ['id', [1, 2, 3]]).ok).toBe(false)
    expect(checkArgs('appendExport', ['id', new Uint8Array(0)]).ok).toBe(false)
    expect(checkArgs('appendExport', ['id', new Uint8Array(EXPORT_PIECE_BYTES + 1)]).ok).toBe(false)
    // No call, an export's included, may carry more than the common limit any more.
    expect(callLimit('saveExport')).toBe(MAX_CALL_BYTES)
  })

  it('saves pieces into the harness folder too', async () => {
    const exports = harnessExports(dir)
    const bytes = bigPng(EXPORT_PIECE_BYTES + 10)
    const id = await exports.beginExport('png', 'Board.png')
    for (const piece of pieces(bytes)) await exports.appendExport(id, piece)
    const saved = await exports.finishExport(id)
    expect((await readFile(saved!.path)).equals(bytes)).toBe(true)
  })
})
