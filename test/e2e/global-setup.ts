/**
 * Before the end-to-end tests: check that a browser exists (with a clear message if
 * not) and build the renderer in harness mode once for all test files.
 */
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { findChromium } from './chromium.ts'

export default async function setup(): Promise<void> {
  findChromium()
  await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    mode: 'harness',
    logLevel: 'warn',
  })
}
