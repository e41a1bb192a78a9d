/**
 * `npm run --silent suggest -- FILE`: suggested clusters for the replies in FILE (UTF-8,
 * one reply per line; blank lines are replies too, so line numbers stay line numbers).
 * Prints one JSON object, `{"groups": [{"name": "...", "members": [0, 4, 9]}]}`, with
 * 0-based line numbers; replies in no group are left out. Messages go to stderr.
 */
import { readFileSync } from 'node:fs'
import { suggestClusters } from '../core/suggest/suggest.ts'
import { loadWordVectorsFile } from './word-vectors-file.ts'

const file = process.argv[2]
if (!file) {
  console.error('Usage: npm run --silent suggest -- FILE   (one reply per line)')
  process.exit(2)
}
let text: string
try {
  text = readFileSync(file, 'utf8')
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as Error).message}`)
  process.exit(1)
}
const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
const result = suggestClusters(lines, loadWordVectorsFile())
if (!result.usedVectors && lines.length > 0) {
  console.error(
    `The word vectors know ${Math.round(result.vectorCoverage * 100)}% of these words ` +
      '(English only): suggestions rest on shared words.',
  )
}
process.stdout.write(
  JSON.stringify({ groups: result.groups.map(({ name, members }) => ({ name, members })) }) + '\n',
)
