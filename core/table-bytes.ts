/**
 * Turning a file's bytes into text before it is read as a table, or saying plainly why
 * it is not a text table: an image, a PDF, an Excel workbook, or any file with NUL bytes
 * or mostly bytes that are not UTF-8. UTF-8 (with or without a BOM) and UTF-16 with a
 * BOM are read; UTF-16 without a BOM is recognised by its zero bytes; a file with a few
 * bytes that are not UTF-8 is read as Windows-1252 (what Excel on Windows writes).
 *
 * Limits: only the first 64 KB are sniffed for NUL bytes and control characters; other
 * legacy encodings (Shift-JIS, KOI8…) are read as Windows-1252 and may show wrong letters.
 */

/** The encodings a table is read in. */
export type TableEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

/** Why a file is not read as a table. */
export type TableRefusal =
  | { kind: 'knownFormat'; format: string; hint: string }
  | { kind: 'binary' }
  | { kind: 'notUtf8' }
  | { kind: 'empty' }

/** A file's text, or why it has none. */
export type DecodedTable =
  { ok: true; text: string; encoding: TableEncoding } | { ok: false; refusal: TableRefusal }

const SNIFF = 64 * 1024

/** File signatures people mistake for tables, with what to do instead. */
const SIGNATURES: { bytes: number[]; format: string; hint: string }[] = [
  {
    bytes: [0x89, 0x50, 0x4e, 0x47],
    format: 'a PNG image',
    hint: 'Choose a CSV, TSV or TXT file.',
  },
  { bytes: [0xff, 0xd8, 0xff], format: 'a JPEG image', hint: 'Choose a CSV, TSV or TXT file.' },
  {
    bytes: [0x47, 0x49, 0x46, 0x38],
    format: 'a GIF image',
    hint: 'Choose a CSV, TSV or TXT file.',
  },
  {
    bytes: [0x25, 0x50, 0x44, 0x46],
    format: 'a PDF document',
    hint: 'Copy its replies into a TXT or CSV file.',
  },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    format: 'a zipped file (an Excel workbook or Word document, say)',
    hint: 'In Excel or Numbers, use File › Save As › CSV, then import that file.',
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0],
    format: 'an old Excel or Word file',
    hint: 'In Excel, use File › Save As › CSV, then import that file.',
  },
]

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b)
}

/** UTF-16 without a BOM: most odd (LE) or even (BE) bytes of the sniffed part are zero. */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF) & ~1
  if (n < 8) return null
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le'
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be'
  return null
}

/** Control characters that never appear in a text table (all but tab, line feed, form feed, carriage return). */
function controlShare(text: string): number {
  const sample = text.slice(0, SNIFF)
  if (sample.length === 0) return 0
  let bad = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f || c === 0xfffd) {
      bad++
    }
  }
  return bad / sample.length
}

/** The share of the sniffed bytes that do not form UTF-8. */
function invalidUtf8Share(bytes: Uint8Array): number {
  const sample = bytes.subarray(0, SNIFF)
  const text = new TextDecoder('utf-8').decode(sample)
  let replaced = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replaced++
  return replaced / sample.length
}

/** Reads a file's bytes as the text of a table, or says why it is not one. */
export function decodeTableBytes(bytes: Uint8Array): DecodedTable {
  if (bytes.length === 0) return { ok: false, refusal: { kind: 'empty' } }
  for (const signature of SIGNATURES) {
    if (startsWith(bytes, signature.bytes)) {
      return {
        ok: false,
        refusal: { kind: 'knownFormat', format: signature.format, hint: signature.hint },
      }
    }
  }
  const utf16: TableEncoding | null = startsWith(bytes, [0xff, 0xfe])
    ? 'utf-16le'
    : startsWith(bytes, [0xfe, 0xff])
      ? 'utf-16be'
      : bomlessUtf16(bytes)
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes) // drops the BOM
    if (controlShare(text) > 0.01) return { ok: false, refusal: { kind: 'binary' } }
    return { ok: true, text, encoding: utf16 }
  }
  if (bytes.subarray(0, SNIFF).includes(0)) return { ok: false, refusal: { kind: 'binary' } }
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body)
    if (controlShare(text) > 0.01) return { ok: false, refusal: { kind: 'binary' } }
    return { ok: true, text, encoding: 'utf-8' }
  } catch {
    // Not UTF-8. A file that mostly is not is no text table; a few stray bytes (accented
    // letters) mean a legacy single-byte encoding, which Windows-1252 reads for Western
    // European text.
    if (invalidUtf8Share(body) > 0.2) return { ok: false, refusal: { kind: 'notUtf8' } }
    const text = new TextDecoder('windows-1252').decode(body)
    if (controlShare(text) > 0.01) return { ok: false, refusal: { kind: 'binary' } }
    return { ok: true, text, encoding: 'windows-1252' }
  }
}

/** What the import dialog says about a refused file. */
export function refusalMessage(name: string, refusal: TableRefusal): string {
  switch (refusal.kind) {
    case 'empty':
      return `${name} is empty: there are no replies in this file.`
    case 'knownFormat':
      return `${name} is not a text table: it is ${refusal.format}. ${refusal.hint}`
    case 'notUtf8':
      return `${name} is not a text table Blankboard can read: most of its bytes are not UTF-8 text. If it is a spreadsheet export, save it again as “CSV UTF-8” and import that file.`
    case 'binary':
      return `${name} is not a text table: it holds bytes that are not text (a program, an image or a compressed file, say). Choose a CSV, TSV or TXT file.`
  }
}
