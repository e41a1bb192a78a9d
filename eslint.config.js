/**
 * Lint rules, including the dependency rule of the rooms: core imports neither the
 * main process nor the UI (nor Node I/O or Electron), and the renderer never imports
 * the main process.
 */
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import ts from 'typescript-eslint'
import svelteConfig from './svelte.config.js'

const coreRule = {
  patterns: [
    {
      group: ['**/electron/**', '**/renderer/**'],
      message: 'core/ imports neither electron/ nor renderer/.',
    },
    {
      group: ['electron', 'node:*', 'fs', 'path', 'os', 'child_process', 'lowdb', 'lowdb/*'],
      message: 'core/ is pure: no Electron and no Node I/O.',
    },
  ],
}
const rendererRule = {
  patterns: [
    {
      group: ['**/electron/**', 'electron', 'node:*'],
      message: 'The renderer reaches the main process only through window.blankboard.',
    },
  ],
}

export default ts.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
  },
  { files: ['core/**'], rules: { 'no-restricted-imports': ['error', coreRule] } },
  { files: ['renderer/**'], rules: { 'no-restricted-imports': ['error', rendererRule] } },
  {
    // The room's phone page runs on old phones: plain ES5, where `catch` needs a name.
    files: ['electron/room/phone/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
)
