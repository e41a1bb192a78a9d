/**
 * A streaming PNG encoder for images larger than any canvas: pixels arrive a tile at a
 * time, left to right across a strip of rows, and each strip once complete is filtered,
 * deflated by the browser's CompressionStream and written as IDAT chunks as they come,
 * so the whole image is never held uncompressed. Work is cut into slices that yield to the page between them.
 *
 * Limits: 8-bit RGB, no alpha (exports are drawn on an opaque background); the "Sub"
 * filter on every row (flat areas of sticky notes become zeros and pack well).
 */
import { PNG_SIGNATURE } from '../../core/export/png-header.ts'

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 of a chunk's type and data, as PNG wants it. */
export function crc32(parts: readonly Uint8Array[]): number {
  let c = 0xffffffff
  for (const bytes of parts)
    for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** One PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  const name = new TextEncoder().encode(type)
  out.set(name, 4)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32([name, data]))
  return out
}

/** Gives the page a turn to handle input when the current slice of work has run long. */
export type Pause = () => Promise<void>

/** Encodes a `width` × `height` image fed strip by strip with `addRows`. */
export class PngEncoder {
  readonly width: number
  readonly height: number
  private readonly parts: BlobPart[] = []
  private readonly writer: WritableStreamDefaultWriter<BufferSource>
  private readonly drained: Promise<void>
  private rowsDone = 0
  /** The strip being put together from tiles, and how far across it is filled. */
  private strip: { rgba: Uint8ClampedArray; rows: number; filled: number } | null = null

  constructor(width: number, height: number) {
    this.width = width
    this.height = height
    const header = new Uint8Array(13)
    const view = new DataView(header.buffer)
    view.setUint32(0, width)
    view.setUint32(4, height)
    header[8] = 8 // bits per channel
    header[9] = 2 // RGB
    this.parts.push(new Uint8Array(PNG_SIGNATURE) as BlobPart, chunk('IHDR', header) as BlobPart)
    const deflate = new CompressionStream('deflate')
    this.writer = deflate.writable.getWriter()
    const reader = deflate.readable.getReader()
    this.drained = (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        this.parts.push(chunk('IDAT', value) as BlobPart)
      }
    })()
  }

  /**
   * Adds `rows` rows of RGBA pixels (`rgba` holds exactly those rows, `width` wide).
   * Pauses between slices of about 64 rows' worth of filtering and compressing.
   */
  async addRows(rgba: Uint8ClampedArray, rows: number, pause: Pause): Promise<void> {
    const stride = this.width * 3 + 1
    const sliceRows = Math.max(1, Math.floor((256 * 1024) / stride))
    for (let start = 0; start < rows; start += sliceRows) {
      const count = Math.min(sliceRows, rows - start)
      const out = new Uint8Array(stride * count)
      for (let r = 0; r < count; r++) {
        const src = (start + r) * this.width * 4
        let o = r * stride
        out[o++] = 1 // Sub: each byte minus the byte one pixel to the left
        let pr = 0
        let pg = 0
        let pb = 0
        for (let x = 0; x < this.width; x++) {
          const i = src + x * 4
          const red = rgba[i]!
          const green = rgba[i + 1]!
          const blue = rgba[i + 2]!
          out[o++] = (red - pr) & 0xff
          out[o++] = (green - pg) & 0xff
          out[o++] = (blue - pb) & 0xff
          pr = red
          pg = green
          pb = blue
        }
      }
      await this.writer.ready
      void this.writer.write(out)
      this.rowsDone += count
      await pause()
    }
  }

  /**
   * Adds a tile: `rows` rows of `tileWidth` RGBA pixels starting at column `left`. The
   * tiles of a strip come left to right with the same number of rows; the strip is
   * encoded once its last tile is in.
   */
  async addTile(
    rgba: Uint8ClampedArray,
    left: number,
    tileWidth: number,
    rows: number,
    pause: Pause,
  ): Promise<void> {
    if (left === 0)
      this.strip = { rgba: new Uint8ClampedArray(this.width * rows * 4), rows, filled: 0 }
    const strip = this.strip
    if (!strip || strip.rows !== rows || strip.filled !== left || left + tileWidth > this.width)
      throw new Error(`PNG tile at ${left} does not continue its strip`)
    for (let y = 0; y < rows; y++)
      strip.rgba.set(
        rgba.subarray(y * tileWidth * 4, (y + 1) * tileWidth * 4),
        (y * this.width + left) * 4,
      )
    strip.filled += tileWidth
    if (strip.filled < this.width) return
    this.strip = null
    await this.addRows(strip.rgba, rows, pause)
  }

  /** Finishes the image; every row must have been added. */
  async finish(): Promise<Blob> {
    if (this.rowsDone !== this.height)
      throw new Error(`PNG has ${this.rowsDone} of ${this.height} rows`)
    await this.writer.close()
    await this.drained
    this.parts.push(chunk('IEND', new Uint8Array(0)) as BlobPart)
    return new Blob(this.parts, { type: 'image/png' })
  }

  /** Stops encoding and lets the memory go (after a cancel). */
  abort(): void {
    void this.writer.abort().catch(() => {})
  }
}

/** Where tiles go to be encoded: a worker, or this thread when workers are not available. */
export interface TileEncoder {
  /**
   * Takes the tile drawn in the top left `tileWidth` × `rows` of `canvas`, to go at
   * column `left` (see PngEncoder.addTile). The tile is copied before this first waits,
   * so the canvas may be drawn on again at once; another tile may be sent once it resolves.
   */
  add(canvas: HTMLCanvasElement, left: number, tileWidth: number, rows: number): Promise<void>
  /** The finished PNG. */
  finish(): Promise<Blob>
  /** Stops and lets the memory go. */
  abort(): void
}

/** An encoder on this thread, slicing its work with `pause`. */
export function encoderHere(width: number, height: number, pause: Pause): TileEncoder {
  const encoder = new PngEncoder(width, height)
  return {
    add: (canvas, left, tileWidth, rows) => {
      const rgba = canvas.getContext('2d')!.getImageData(0, 0, tileWidth, rows).data
      return encoder.addTile(rgba, left, tileWidth, rows, pause)
    },
    finish: () => encoder.finish(),
    abort: () => encoder.abort(),
  }
}
