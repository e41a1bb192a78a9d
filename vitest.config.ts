/**
 * Two test projects: `unit` (Node: core, the store on real temp folders, the Electron
 * shell with `electron` mocked) and `e2e` (the web harness in a real Chromium).
 * Results are also written as JSON so CI can print its closing count.
 */
import { fileURLToPath } from 'node:url'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
    projects: [
      {
        // Compiles the renderer's `.svelte.ts` state modules, so the page-side session is
        // unit-tested against a real store.
        plugins: [
          svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }),
        ],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file launches its own Chromium; two cores run two at a time at most.
          maxWorkers: 2,
        },
      },
    ],
  },
})
