/**
 * The phone page's four files (electron/room/phone/), read once when the room module
 * loads. Packaged, they sit in `phone/` beside the bundled main process (the build
 * copies them there), as they sit beside this file in the sources.
 * Limits: together under 50 kB (a unit test checks); nothing else is ever served.
 */
import { readFileSync } from 'node:fs'

/** A file the room serves. */
export interface PhoneFile {
  type: string
  body: Buffer
}

const folder = new URL('./phone/', import.meta.url)

function read(name: string, type: string): PhoneFile {
  return { type, body: readFileSync(new URL(name, folder)) }
}

/** The page, by its path after the join code. */
export const PHONE_FILES: ReadonlyMap<string, PhoneFile> = new Map([
  ['/', read('index.html', 'text/html; charset=utf-8')],
  ['/phone.js', read('phone.js', 'text/javascript; charset=utf-8')],
  ['/phone.css', read('phone.css', 'text/css; charset=utf-8')],
  // Named by the page, so the browser does not ask for /favicon.ico without the code.
  ['/icon.svg', read('icon.svg', 'image/svg+xml')],
])
