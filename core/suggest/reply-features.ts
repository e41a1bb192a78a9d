/**
 * What the engine knows of each reply: a TF-IDF vector over topic stems (sparse, unit length)
 * and a SIF sentence vector (dense, unit length): the vectors of all its words (function
 * words too) averaged with weights a / (a + p(word)) that mute frequent words, then the
 * batch's first principal component removed, the direction every reply shares.
 *
 * Limits: word frequencies p(word) come from the vector file's order (Zipf's law on the
 * rank), not from counts; batches under 10 replies, too few to estimate their own
 * principal component, lose the vocabulary's instead; a reply with no known content word gets
 * a zero vector.
 */
import type { Token } from './tokenize.ts'
import type { WordVectors } from './word-vectors.ts'
import { addWordVector } from './word-vectors.ts'

/** A sparse unit vector: term ids in ascending order and their weights. */
export interface SparseVector {
  /** Term ids. */
  ids: Int32Array
  /** Weights, same order. */
  weights: Float32Array
}

/** TF-IDF over the content stems of a batch. */
export interface TermIndex {
  /** Sparse vector of each reply. */
  vectors: SparseVector[]
  /** Stem of each term id. */
  stems: string[]
  /** Replies that hold each term id. */
  documentFrequency: Int32Array
}

/**
 * Builds TF-IDF vectors over topic stems (not function words, not words of lack): binary
 * term frequency, the square root of the smoothed IDF (the full IDF lets one rare
 * word, a typo or a name, outweigh the shared topic), unit length.
 */
export function termIndex(replies: Token[][]): TermIndex {
  const idOf = new Map<string, number>()
  const stems: string[] = []
  const df: number[] = []
  const terms = replies.map((tokens) => {
    const seen = new Set<number>()
    for (const t of tokens) {
      if (t.stop || t.weak) continue
      let id = idOf.get(t.stem)
      if (id === undefined) {
        id = stems.length
        idOf.set(t.stem, id)
        stems.push(t.stem)
        df.push(0)
      }
      if (!seen.has(id)) {
        seen.add(id)
        df[id]!++
      }
    }
    return [...seen].sort((a, b) => a - b)
  })
  const n = replies.length
  const idf = df.map((d) => Math.sqrt(Math.log((1 + n) / (1 + d)) + 1))
  const vectors = terms.map((ids) => {
    const weights = new Float32Array(ids.length)
    let norm = 0
    ids.forEach((id, i) => {
      weights[i] = idf[id]!
      norm += idf[id]! ** 2
    })
    norm = Math.sqrt(norm)
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm
    return { ids: Int32Array.from(ids), weights }
  })
  return { vectors, stems, documentFrequency: Int32Array.from(df) }
}

/** SIF's smoothing constant: words rarer than about one in a thousand get full weight. */
const SIF_A = 1e-3
/** The harmonic number of a 341k-word vocabulary: Zipf's p(rank) = 1 / ((rank + 1) H). */
const ZIPF_H = 13.3

/** Sentence vectors of a batch and the share of its content words the vectors know. */
export interface SentenceVectors {
  /** `n * dims` values, each row unit length or all zero. */
  rows: Float32Array
  /** Components per row. */
  dims: number
  /** Whether each reply has a vector. */
  known: Uint8Array
  /** Content words found in the vectors / all content words (1 when there are none). */
  coverage: number
}

/** SIF sentence vectors of tokenised replies. */
export function sentenceVectors(replies: Token[][], vectors: WordVectors): SentenceVectors {
  const { dims } = vectors
  const n = replies.length
  const rows = new Float32Array(n * dims)
  const known = new Uint8Array(n)
  const sum = new Float64Array(dims)
  let words = 0
  let found = 0
  replies.forEach((tokens, r) => {
    sum.fill(0)
    let count = 0
    let content = 0
    for (const t of tokens) {
      // Function words join the average (SIF's weights mute them) but not the coverage.
      if (!t.stop) words++
      const rank = vectors.rank.get(t.word)
      if (rank === undefined) continue
      if (!t.stop) content++
      count++
      const p = 1 / ((rank + 1) * ZIPF_H)
      addWordVector(vectors, rank, SIF_A / (SIF_A + p), sum)
    }
    found += content
    // A reply known only by its function words says nothing the vectors can compare.
    if (content === 0) return
    known[r] = 1
    for (let d = 0; d < dims; d++) rows[r * dims + d] = sum[d]! / count
  })
  // Small batches cannot show their own common direction: the vocabulary's stands in.
  if (n >= 10) removeComponent(rows, n, dims, firstComponent(rows, n, dims))
  else removeComponent(rows, n, dims, vocabularyComponent(vectors))
  for (let r = 0; r < n; r++) normalise(rows, r * dims, dims)
  return { rows, dims, known, coverage: words === 0 ? 1 : found / words }
}

/** The first principal component of `n` rows (uncentred, as SIF does), by power iteration. */
function firstComponent(rows: Float32Array, n: number, dims: number): Float64Array | null {
  let u = new Float64Array(dims).fill(1 / Math.sqrt(dims))
  for (let iteration = 0; iteration < 30; iteration++) {
    const next = new Float64Array(dims)
    for (let r = 0; r < n; r++) {
      let dot = 0
      for (let d = 0; d < dims; d++) dot += rows[r * dims + d]! * u[d]!
      for (let d = 0; d < dims; d++) next[d]! += dot * rows[r * dims + d]!
    }
    let norm = 0
    for (let d = 0; d < dims; d++) norm += next[d]! ** 2
    norm = Math.sqrt(norm)
    if (norm === 0) return null
    for (let d = 0; d < dims; d++) next[d]! /= norm
    u = next
  }
  return u
}

const vocabularyComponents = new WeakMap<WordVectors, Float64Array | null>()

/** The common direction of the 5,000 most frequent words' SIF-weighted vectors, cached. */
function vocabularyComponent(vectors: WordVectors): Float64Array | null {
  const cached = vocabularyComponents.get(vectors)
  if (cached !== undefined) return cached
  const { dims } = vectors
  const count = Math.min(5000, vectors.count)
  const rows = new Float32Array(count * dims)
  const one = new Float64Array(dims)
  for (let rank = 0; rank < count; rank++) {
    one.fill(0)
    const p = 1 / ((rank + 1) * ZIPF_H)
    addWordVector(vectors, rank, SIF_A / (SIF_A + p), one)
    rows.set(one, rank * dims)
  }
  const component = firstComponent(rows, count, dims)
  vocabularyComponents.set(vectors, component)
  return component
}

/** Projects `u` out of every row. */
function removeComponent(
  rows: Float32Array,
  n: number,
  dims: number,
  u: Float64Array | null,
): void {
  if (!u) return
  for (let r = 0; r < n; r++) {
    let dot = 0
    for (let d = 0; d < dims; d++) dot += rows[r * dims + d]! * u[d]!
    for (let d = 0; d < dims; d++) rows[r * dims + d]! -= dot * u[d]!
  }
}

function normalise(rows: Float32Array, start: number, dims: number): void {
  let norm = 0
  for (let d = 0; d < dims; d++) norm += rows[start + d]! ** 2
  if (norm === 0) return
  norm = Math.sqrt(norm)
  for (let d = 0; d < dims; d++) rows[start + d]! /= norm
}
