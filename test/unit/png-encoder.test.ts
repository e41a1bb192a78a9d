import { inflateSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  fitScale,
  pixelSize,
} from '../../core/export/image-bounds.ts'
import { readPngHeader } from '../../core/export/png-header.ts'
import { PngEncoder, crc32 } from '../../renderer/export/png-encoder.ts'

/** Reads a PNG the long way: every chunk's CRC checked, IDAT inflated, Sub filters undone. */
function decode(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const header = readPngHeader(bytes)!
  const idat: Uint8Array[] = []
  const types: string[] = []
  for (let at = 8; at < bytes.length;) {
    const length = view.getUint32(at)
    const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8))
    const data = bytes.subarray(at + 8, at + 8 + length)
    expect(view.getUint32(at + 8 + length)).toBe(crc32([bytes.subarray(at + 4, at + 8), data]))
    types.push(type)
    if (type === 'IDAT') idat.push(data)
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = header.width * 3 + 1
  const rgb = new Uint8Array(header.width * header.height * 3)
  for (let y = 0; y < header.height; y++) {
    expect(raw[y * stride]).toBe(1) // the Sub filter
    for (let x = 0; x < header.width * 3; x++) {
      const left = x >= 3 ? rgb[y * header.width * 3 + x - 3]! : 0
      rgb[y * header.width * 3 + x] = (raw[y * stride + 1 + x]! + left) & 0xff
    }
  }
  return { ...header, rgb, types }
}

describe('the streaming PNG encoder', () => {
  it('writes a valid PNG whose pixels are the ones given, strip by strip', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        fc.integer(),
        async (width, strips, seed) => {
          const height = strips.reduce((a, b) => a + b, 0)
          const rgba = new Uint8ClampedArray(width * height * 4).map(
            (_, i) => (i * 7919 + seed) & 0xff,
          )
          const encoder = new PngEncoder(width, height)
          let row = 0
          for (const rows of strips) {
            await encoder.addRows(
              rgba.slice(row * width * 4, (row + rows) * width * 4),
              rows,
              async () => {},
            )
            row += rows
          }
          const png = decode(new Uint8Array(await (await encoder.finish()).arrayBuffer()))
          expect([png.width, png.height]).toEqual([width, height])
          expect(png.types[0]).toBe('IHDR')
          expect(png.types.at(-1)).toBe('IEND')
          const expected = new Uint8Array(width * height * 3)
          for (let i = 0; i < width * height; i++)
            expected.set(rgba.subarray(i * 4, i * 4 + 3), i * 3)
          expect(png.rgb).toEqual(expected)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('puts strips together from tiles of any widths, sent left to right', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.integer(),
        async (columns, strips, seed) => {
          const width = columns.reduce((a, b) => a + b, 0)
          const height = strips.reduce((a, b) => a + b, 0)
          const rgba = new Uint8ClampedArray(width * height * 4).map(
            (_, i) => (i * 7919 + seed) & 0xff,
          )
          const byTiles = new PngEncoder(width, height)
          const byStrips = new PngEncoder(width, height)
          let top = 0
          for (const rows of strips) {
            let left = 0
            for (const tileWidth of columns) {
              const tile = new Uint8ClampedArray(tileWidth * rows * 4)
              for (let y = 0; y < rows; y++) {
                const from = ((top + y) * width + left) * 4
                tile.set(rgba.subarray(from, from + tileWidth * 4), y * tileWidth * 4)
              }
              await byTiles.addTile(tile, left, tileWidth, rows, async () => {})
              left += tileWidth
            }
            await byStrips.addRows(
              rgba.slice(top * width * 4, (top + rows) * width * 4),
              rows,
              async () => {},
            )
            top += rows
          }
          const [tiled, striped] = await Promise.all(
            [byTiles, byStrips].map(
              async (e) => new Uint8Array(await (await e.finish()).arrayBuffer()),
            ),
          )
          expect(decode(tiled!).rgb).toEqual(decode(striped!).rgb)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('refuses a tile that does not continue its strip', async () => {
    const encoder = new PngEncoder(4, 4)
    await encoder.addTile(new Uint8ClampedArray(2 * 2 * 4), 0, 2, 2, async () => {})
    await expect(
      encoder.addTile(new Uint8ClampedArray(2 * 2 * 4), 1, 2, 2, async () => {}),
    ).rejects.toThrow('does not continue its strip')
    await expect(
      encoder.addTile(new Uint8ClampedArray(2 * 3 * 4), 2, 2, 3, async () => {}),
    ).rejects.toThrow('does not continue its strip')
  })

  it('refuses to finish an image with rows missing', async () => {
    const encoder = new PngEncoder(4, 4)
    await encoder.addRows(new Uint8ClampedArray(4 * 2 * 4), 2, async () => {})
    await expect(encoder.finish()).rejects.toThrow('PNG has 2 of 4 rows')
  })
})

describe('the image size budget', () => {
  it('keeps the asked scale when it fits, and otherwise the largest that stays within the budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 200_000 }),
        fc.integer({ min: 100, max: 200_000 }),
        fc.constantFrom(1, 2, 4),
        (width, height, asked) => {
          const scale = fitScale(width, height, asked)
          const size = pixelSize(width, height, scale)
          expect(scale).toBeLessThanOrEqual(asked)
          expect(size.width * size.height).toBeLessThanOrEqual(
            MAX_IMAGE_PIXELS * 1.001 + size.width + size.height,
          )
          expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(MAX_IMAGE_SIDE + 1)
          if (
            width * height * asked * asked <= MAX_IMAGE_PIXELS &&
            Math.max(width, height) * asked <= MAX_IMAGE_SIDE
          )
            expect(scale).toBe(asked)
        },
      ),
    )
  })
})
