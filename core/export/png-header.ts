/**
 * Reading a PNG's size from its first bytes (the signature and the IHDR chunk), so the
 * main process can check that bytes sent as an image are one, and tests can check the
 * size of a written file without decoding it.
 * Limits: checks the header only, not the image data.
 */

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const

/** Width and height from a PNG's header, or null when the bytes do not start like a PNG. */
export function readPngHeader(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The first chunk must be IHDR, 13 bytes long.
  if (view.getUint32(8) !== 13) return null
  if (String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) !== 'IHDR') return null
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  return width > 0 && height > 0 ? { width, height } : null
}
