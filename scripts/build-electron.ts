/**
 * Bundles the main process (ESM, `dist/electron/main.js`; its npm dependencies stay
 * real production dependencies, loaded from node_modules) and the preload (CommonJS,
 * `dist/electron/preload.cjs`, fully bundled: a sandboxed preload can load no local file),
 * and copies the room's phone page beside the main process (`dist/electron/phone/`).
 */
import { build } from 'esbuild'
import { cpSync } from 'node:fs'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

await build({
  entryPoints: [resolve(root, 'electron/main.ts')],
  outfile: resolve(root, 'dist/electron/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})

await build({
  entryPoints: [resolve(root, 'electron/preload.ts')],
  outfile: resolve(root, 'dist/electron/preload.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
})

cpSync(resolve(root, 'electron/room/phone'), resolve(root, 'dist/electron/phone'), {
  recursive: true,
})

console.log('Built dist/electron/main.js, dist/electron/preload.cjs and dist/electron/phone/')
