/**
 * A QR code as one SVG path, drawn here from qrcode-generator's modules: no network, no
 * markup from the library, nothing but `M x,y h1 v1 h-1 z` squares.
 */
import qrcode from 'qrcode-generator'

/** The code for `text`: its path data and its size in modules (quiet zone included). */
export function qrPath(text: string): { d: string; size: number } {
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  qr.make()
  const count = qr.getModuleCount()
  const quiet = 4
  let d = ''
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) d += `M${col + quiet},${row + quiet}h1v1h-1z`
    }
  }
  return { d, size: count + quiet * 2 }
}
