/**
 * `npm run bench`: the performance table. Builds the renderer in harness mode, then
 * measures the workshop store, the room (phones replying over HTTP), cluster suggestions, importing 10,000 (and 400,000) replies, the board and exports.
 * `npm run bench -- store|suggest|import|big-import|board|export|room [sizes]` runs one part
 * (sizes: a comma-separated list of notes or rows, for board, export and big-import). Not part of `npm test`: it takes minutes
 * and its numbers depend on the machine.
 */
import { resolve } from 'node:path'
import { build } from 'vite'
import { printSection } from '../test/bench/bench-table.ts'
import { boardBench } from '../test/bench/board-bench.ts'
import { exportBench } from '../test/bench/export-bench.ts'
import { bigImportBench } from '../test/bench/big-import-bench.ts'
import { importBench } from '../test/bench/import-bench.ts'
import { roomBench } from '../test/bench/room-bench.ts'
import { storeBench } from '../test/bench/store-bench.ts'
import { suggestBench } from '../test/bench/suggest-bench.ts'

const root = resolve(import.meta.dirname, '..')
const only = process.argv[2]

if (!only || only === 'store') printSection(await storeBench())
if (!only || only === 'room') printSection(await roomBench())
if (!only || only === 'suggest') printSection(suggestBench())
if (!only || only === 'board' || only === 'import' || only === 'big-import' || only === 'export') {
  await build({ configFile: resolve(root, 'vite.config.ts'), mode: 'harness', logLevel: 'warn' })
}
if (!only || only === 'import') printSection(await importBench(resolve(root, 'dist/harness')))
if (!only || only === 'big-import') {
  const sizes = process.argv[3] ? process.argv[3].split(',').map(Number) : undefined
  printSection(await bigImportBench(resolve(root, 'dist/harness'), sizes))
}
if (!only || only === 'board') {
  const sizes = process.argv[3] ? process.argv[3].split(',').map(Number) : undefined
  for (const section of await boardBench(resolve(root, 'dist/harness'), sizes))
    printSection(section)
}
if (!only || only === 'export') {
  const sizes = process.argv[3] ? process.argv[3].split(',').map(Number) : undefined
  printSection(await exportBench(resolve(root, 'dist/harness'), sizes))
}
