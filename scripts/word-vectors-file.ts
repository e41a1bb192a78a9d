/**
 * Loads the word-vector asset from disk for the command line, the evaluation and the
 * benchmark. Exits with a message saying how to build it when it is missing or damaged.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { WordVectors } from '../core/suggest/word-vectors.ts'
import { decodeWordVectors } from '../core/suggest/word-vectors.ts'

/** Where the asset lives in the repository. */
export const WORD_VECTORS_PATH = resolve(import.meta.dirname, '../assets/word-vectors/en.bin')

/** The asset's vectors; exits the process when it cannot be read. */
export function loadWordVectorsFile(path = WORD_VECTORS_PATH): WordVectors {
  let bytes: Uint8Array
  try {
    bytes = readFileSync(path)
  } catch {
    console.error(`No word vectors at ${path}: run \`npm run build:vectors\`.`)
    process.exit(1)
  }
  const decoded = decodeWordVectors(bytes)
  if (!decoded.ok) {
    console.error(`${path} is not a word-vector asset (${decoded.error.kind}).`)
    process.exit(1)
  }
  return decoded.vectors
}
