/**
 * Renderer build. `vite build` makes the production bundle for Electron in
 * dist/renderer; `vite build --mode harness` makes the web-harness bundle in
 * dist/harness, which alone carries the HTTP bridge and the test surface.
 */
import { fileURLToPath } from 'node:url'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig(({ mode }) => ({
  root: here('./renderer'),
  base: './',
  plugins: [svelte({ configFile: here('./svelte.config.js') })],
  build: {
    outDir: here(mode === 'harness' ? './dist/harness' : './dist/renderer'),
    emptyOutDir: true,
    target: 'chrome140',
    chunkSizeWarningLimit: 1500,
    // The app is served by a strict CSP: no inline scripts, no eval.
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
}))
