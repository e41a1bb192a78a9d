import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planImport, readTable } from '../../core/import-table.ts'
import { decodeTableBytes, refusalMessage } from '../../core/table-bytes.ts'

const bytes = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)))

/** The message a file gets, or its text. */
function decode(name: string) {
  const decoded = decodeTableBytes(bytes(name))
  return decoded.ok ? decoded : { ...decoded, message: refusalMessage(name, decoded.refusal) }
}

describe('files that are not text tables', () => {
  it('a PNG renamed .csv is refused as an image, not read as hundreds of replies', () => {
    const result = decode('png-renamed.csv')
    expect(result.ok).toBe(false)
    expect('message' in result && result.message).toMatch(
      /png-renamed.csv is not a text table: it is a PNG image/,
    )
  })

  it('a file with NUL bytes is not a text table', () => {
    const result = decode('binary.csv')
    expect(result.ok).toBe(false)
    expect('message' in result && result.message).toMatch(/is not a text table/)
  })

  it('a file that is mostly not UTF-8 is not a text table', () => {
    const result = decode('not-utf8.csv')
    expect(result.ok).toBe(false)
    expect('message' in result && result.message).toMatch(/not a text table.*CSV UTF-8/)
  })

  it('an Excel workbook says how to get a CSV out of it', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, ...new Array(200).fill(1)])
    const decoded = decodeTableBytes(xlsx)
    expect(decoded.ok).toBe(false)
    if (!decoded.ok) expect(refusalMessage('answers.csv', decoded.refusal)).toMatch(/Save As › CSV/)
  })

  it('an empty file has no replies', () => {
    const decoded = decodeTableBytes(new Uint8Array())
    expect(decoded.ok).toBe(false)
    if (!decoded.ok)
      expect(refusalMessage('e.csv', decoded.refusal)).toMatch(/no replies in this file/)
  })

  it('never takes random bytes with NULs for text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.nat(), (data, at) => {
        const withNul = new Uint8Array([...data])
        withNul[at % withNul.length] = 0
        // Unless it reads as UTF-16, a NUL means binary.
        const decoded = decodeTableBytes(withNul)
        if (decoded.ok) expect(decoded.encoding).toMatch(/^utf-16/)
      }),
    )
  })
})

describe('text in other encodings', () => {
  for (const name of ['utf16le-bom.csv', 'utf16be-bom.csv']) {
    it(`reads ${name} with its accents, Hebrew and emoji`, () => {
      const decoded = decodeTableBytes(bytes(name))
      expect(decoded.ok && decoded.encoding).toBe(name.includes('le') ? 'utf-16le' : 'utf-16be')
      if (!decoded.ok) return
      const table = readTable(decoded.text)
      expect(table.rows[0]).toEqual(['Équipe / segment', 'Réponse'])
      const plan = planImport(table, { hasHeader: true, textColumn: 1, authorColumn: 0 })
      expect(plan.replies.map((r) => [r.author, r.text])).toEqual([
        ['Ventes', 'Écouter les clients'],
        ['Support', 'Moins de réunions, plus de focus'],
        ['מחקר', 'שלום עולם 🚀'],
      ])
    })
  }

  it('reads UTF-16 without a BOM by its zero bytes', () => {
    const text = 'team,reply\nOps,listen first\n'
    const le = new Uint8Array(Buffer.from(text, 'utf16le'))
    const decoded = decodeTableBytes(le)
    expect(decoded.ok && decoded.text).toBe(text)
  })

  it('reads a Windows-1252 export (a few bytes that are not UTF-8) with its accents', () => {
    const decoded = decodeTableBytes(bytes('windows-1252.csv'))
    expect(decoded.ok && decoded.encoding).toBe('windows-1252')
    expect(decoded.ok && decoded.text).toContain('Garçon, s’il vous plaît')
  })

  it('drops a UTF-8 BOM and keeps everything else', () => {
    const decoded = decodeTableBytes(bytes('excel-semicolon-bom.csv'))
    expect(decoded.ok && decoded.encoding).toBe('utf-8')
    expect(decoded.ok && decoded.text.charCodeAt(0)).not.toBe(0xfeff)
    expect(decoded.ok && decoded.text).toContain('Écouter les clients')
  })

  it('reads any UTF-8 text back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const control = [...text].some((c) => {
          const code = c.codePointAt(0)!
          return code <= 8 || (code >= 14 && code <= 31) || code === 127 || code === 0xfeff
        })
        fc.pre(text.length > 0 && !control)
        const decoded = decodeTableBytes(new TextEncoder().encode(text))
        expect(decoded.ok && decoded.text).toBe(text)
      }),
    )
  })
})
