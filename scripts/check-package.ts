/**
 * `npm run check:package`: builds the app, then packages it for Linux as an unpacked
 * folder, offline, against a stub Electron, and checks that the package holds the built
 * app and the production dependencies, and nothing else, and that the packaged binary's
 * Electron fuses are set as `electron-builder.yml` says (read back with @electron/fuses).
 * The stub is an empty shell script carrying a fuse wire with Electron's defaults, so
 * electron-builder flips the fuses in it exactly as in a real binary.
 */
import { listPackage, statFile } from '@electron/asar'
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

/** Each fuse as the package must have it. */
const EXPECTED_FUSES: Record<FuseV1Options, boolean> = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}
/** The marker before the fuse wire in an Electron binary, and the states of a fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const ON = '1'.charCodeAt(0)
const OFF = '0'.charCodeAt(0)

/** A stub executable holding a version-1 fuse wire with Electron's default settings. */
function stubElectron(): Buffer {
  const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON]
  return Buffer.concat([
    Buffer.from(`#!/bin/sh\n# `),
    Buffer.from(SENTINEL),
    Buffer.from([Number(FuseVersion.V1), defaults.length, ...defaults]),
    Buffer.from('\n'),
  ])
}
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })

run('npm', ['run', 'build', '--silent'])

const stub = mkdtempSync(join(tmpdir(), 'blankboard-electron-stub-'))
try {
  writeFileSync(join(stub, 'electron'), stubElectron())
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
const wire = await getCurrentFuseWire(join(root, 'release/linux-unpacked/blankboard'))
for (const [index, wanted] of Object.entries(EXPECTED_FUSES)) {
  const name = FuseV1Options[Number(index)]
  const state = (wire as unknown as Record<string, number>)[index]
  if (state !== (wanted ? ON : OFF))
    problems.push(
      `fuse ${name} is ${state === ON ? 'on' : 'off'}, should be ${wanted ? 'on' : 'off'}`,
    )
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
  `Package check passed: the built app, the word vectors (${vectors[0]}), only production dependencies; fuses: ` +
    Object.entries(EXPECTED_FUSES)
      .map(([i, on]) => `${FuseV1Options[Number(i)]} ${on ? 'on' : 'off'}`)
      .join(', '),
)
