/**
 * `npm run check:package`: builds the app, then packages it for Linux as an unpacked
 * folder, offline, against a stub Electron (an empty executable), and checks that the
 * package holds the built app and the production dependencies, and nothing else.
 */
import { listPackage, statFile } from '@electron/asar'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })

run('npm', ['run', 'build', '--silent'])

const stub = mkdtempSync(join(tmpdir(), 'blankboard-electron-stub-'))
try {
  writeFileSync(join(stub, 'electron'), '#!/bin/sh\n')
  chmodSync(join(stub, 'electron'), 0o755)
  mkdirSync(join(stub, 'resources'))
  rmSync(join(root, 'release'), { recursive: true, force: true })
  run(resolve(root, 'node_modules/.bin/electron-builder'), [
    '--linux',
    'dir',
    '--publish',
    'never',
    `-c.electronDist=${stub}`,
  ])
} finally {
  rmSync(stub, { recursive: true, force: true })
}

const asar = join(root, 'release/linux-unpacked/resources/app.asar')
const files = new Set(listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const problems: string[] = []
for (const required of [
  '/package.json',
  '/dist/electron/main.js',
  '/dist/electron/preload.cjs',
  '/dist/renderer/index.html',
]) {
  if (!files.has(required)) problems.push(`missing ${required}`)
}
for (const dep of Object.keys(pkg.dependencies)) {
  if (!files.has(`/node_modules/${dep}/package.json`))
    problems.push(`missing production dependency ${dep}`)
}
for (const dep of Object.keys(pkg.devDependencies)) {
  if (files.has(`/node_modules/${dep}/package.json`))
    problems.push(`holds development dependency ${dep}`)
}
for (const file of files) {
  if (/^\/(core|renderer|electron|test|scripts|assets|docs)\//.test(file))
    problems.push(`holds source file ${file}`)
  if (file.endsWith('.map')) problems.push(`holds source map ${file}`)
}
// Cluster suggestions need the compact word-vector asset, never the 307 MB JSON it is built from.
const vectors = [...files].filter((f) => /^\/dist\/renderer\/assets\/en-[\w-]+\.bin$/.test(f))
if (vectors.length !== 1) problems.push(`expected one word-vector asset, found ${vectors.length}`)
for (const file of files) {
  if (file.includes('wink-embeddings')) problems.push(`holds the raw word vectors ${file}`)
  // The raw vectors bundled by mistake would be one file of hundreds of megabytes.
  const entry = statFile(asar, file.slice(1), false) as { size?: number }
  if ((entry.size ?? 0) > 20_000_000) problems.push(`holds a file over 20 MB: ${file}`)
}
const modules = new Set([...files].filter((f) => /^\/node_modules\/[^/]+\/package\.json$/.test(f)))
console.log(
  `\napp.asar: ${files.size} entries; ${modules.size} packages in node_modules (${[...modules].map((m) => m.split('/')[2]).join(', ')})`,
)
if (problems.length > 0) {
  console.error(`Package check failed:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `Package check passed: the built app, the word vectors (${vectors[0]}), and only production dependencies.`,
)
