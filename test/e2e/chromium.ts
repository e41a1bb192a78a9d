/**
 * Finds a Chromium or Chrome for the end-to-end tests: CHROME_PATH first, then the
 * usual install locations. Playwright's own browser downloads are never used.
 */
import { existsSync } from 'node:fs'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
]

/** Flags for a quiet, offline, headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
]

/** The browser to drive; throws a message saying how to get one when there is none. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`)
  }
  const found = CANDIDATES.find((path) => existsSync(path))
  if (found) return found
  throw new Error(
    'The end-to-end tests need Chromium or Chrome and found neither. Install one ' +
      '(on Debian or Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to its executable.',
  )
}
