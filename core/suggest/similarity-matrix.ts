/**
 * The fused similarity of every pair of replies: `w · cos(TF-IDF) + (1 − w) · cos(SIF)`,
 * so replies that share rare words and replies that say the same thing in other words
 * both come out close. Where either reply has no sentence vector (no word the vectors
 * know: "OKRs", a reply in another language) the pair is judged on words alone.
 *
 * Limits: a full n × n float32 matrix (4 MB at 1,000 replies, 100 MB at 5,000); the
 * work is O(n² · dims), done row by row so a caller can report progress in between.
 */
import type { SentenceVectors, SparseVector } from './reply-features.ts'

/** A symmetric similarity matrix, row by row. */
export interface SimilarityMatrix {
  /** Number of replies. */
  n: number
  /** `n * n` similarities; the diagonal is 1. */
  values: Float32Array
}

/**
 * Fills the matrix; yields the share of rows done now and then. `sentences` is null
 * when there are no word vectors (or they do not cover the board's language).
 */
export function* fusedSimilarity(
  terms: SparseVector[],
  sentences: SentenceVectors | null,
  termWeight: number,
): Generator<number, SimilarityMatrix> {
  const n = terms.length
  const values = new Float32Array(n * n)
  // Word overlap through an inverted index: only pairs that share a term cost anything.
  const postings = new Map<number, { reply: number; weight: number }[]>()
  for (let i = 0; i < n; i++) {
    const v = terms[i]!
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]!
      let list = postings.get(id)
      if (!list) postings.set(id, (list = []))
      list.push({ reply: i, weight: v.weights[k]! })
    }
  }
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++) {
      const pa = list[a]!
      for (let b = a + 1; b < list.length; b++) {
        const pb = list[b]!
        values[pa.reply * n + pb.reply]! += pa.weight * pb.weight
      }
    }
  }
  // Postings are in reply order, so every overlap landed above the diagonal.
  const dims = sentences?.dims ?? 0
  const rows = sentences?.rows
  const known = sentences?.known
  let lastYield = 0
  const meaningWeight = 1 - termWeight
  for (let i = 0; i < n; i++) {
    const rowI = i * n
    values[rowI + i] = 1
    const knownI = rows !== undefined && known![i] === 1
    const a = i * dims
    for (let j = i + 1; j < n; j++) {
      const overlap = values[rowI + j]!
      let s = overlap
      if (knownI && known![j] === 1) {
        // Four running sums: the hottest loop of the engine (O(n² · dims)).
        let d0 = 0
        let d1 = 0
        let d2 = 0
        let d3 = 0
        const b = j * dims
        let d = 0
        for (; d + 3 < dims; d += 4) {
          d0 += rows![a + d]! * rows![b + d]!
          d1 += rows![a + d + 1]! * rows![b + d + 1]!
          d2 += rows![a + d + 2]! * rows![b + d + 2]!
          d3 += rows![a + d + 3]! * rows![b + d + 3]!
        }
        for (; d < dims; d++) d0 += rows![a + d]! * rows![b + d]!
        s = termWeight * overlap + meaningWeight * (d0 + d1 + d2 + d3)
      }
      values[rowI + j] = s
      values[j * n + i] = s
    }
    // Rows shrink as i grows: report by pairs done, not rows.
    const done = 1 - ((n - i - 1) * (n - i - 1)) / (n * n)
    if (done - lastYield >= 0.05) {
      lastYield = done
      yield done
    }
  }
  return { n, values }
}

/** Word-overlap (Jaccard) similarity of sets of words: the baseline the engine is judged against. */
export function jaccardSimilarity(sets: Set<string>[]): SimilarityMatrix {
  const n = sets.length
  const values = new Float32Array(n * n)
  for (let i = 0; i < n; i++) {
    values[i * n + i] = 1
    const a = sets[i]!
    for (let j = i + 1; j < n; j++) {
      const b = sets[j]!
      let shared = 0
      for (const w of a) if (b.has(w)) shared++
      const union = a.size + b.size - shared
      const s = union === 0 ? 0 : shared / union
      values[i * n + j] = s
      values[j * n + i] = s
    }
  }
  return { n, values }
}

/**
 * Blends each pair's similarity with how alike their neighbourhoods are: the cosine of
 * their top-`k` neighbour lists (each reply counting as its own neighbour). Replies that
 * resemble the same others draw together even when they share few words themselves.
 * Changes `matrix` in place: `(1 − blend) · s + blend · s₂`.
 */
export function blendNeighbourhoods(matrix: SimilarityMatrix, k: number, blend: number): void {
  const { n, values } = matrix
  if (n < 3 || blend === 0) return
  const m = Math.min(k, n - 1)
  // Top-m neighbours of each reply by insertion into a short sorted list.
  const ids = new Int32Array(n * (m + 1))
  const weights = new Float32Array(n * (m + 1))
  const topIds = new Int32Array(m)
  const topSims = new Float32Array(m)
  for (let i = 0; i < n; i++) {
    topSims.fill(-Infinity)
    topIds.fill(-1)
    for (let j = 0; j < n; j++) {
      if (j === i) continue
      const sim = values[i * n + j]!
      if (sim <= topSims[m - 1]!) continue
      let p = m - 1
      while (p > 0 && topSims[p - 1]! < sim) {
        topSims[p] = topSims[p - 1]!
        topIds[p] = topIds[p - 1]!
        p--
      }
      topSims[p] = sim
      topIds[p] = j
    }
    const base = i * (m + 1)
    ids[base] = i
    weights[base] = 1
    let norm = 1
    for (let p = 0; p < m; p++) {
      const w = Math.max(0, topSims[p]!)
      ids[base + p + 1] = topIds[p]!
      weights[base + p + 1] = w
      norm += w * w
    }
    norm = Math.sqrt(norm)
    for (let p = 0; p <= m; p++) weights[base + p]! /= norm
  }
  // Who lists each reply as a neighbour, then the pairs that share one.
  const listedBy: { reply: number; weight: number }[][] = Array.from({ length: n }, () => [])
  for (let i = 0; i < n; i++) {
    for (let p = 0; p <= m; p++) {
      const id = ids[i * (m + 1) + p]!
      if (id >= 0) listedBy[id]!.push({ reply: i, weight: weights[i * (m + 1) + p]! })
    }
  }
  // Scale first, then add the neighbourhood term in place: no second n × n matrix.
  for (let i = 0; i < n * n; i++) values[i]! *= 1 - blend
  for (let i = 0; i < n; i++) values[i * n + i] = 1
  for (const list of listedBy) {
    for (let a = 0; a < list.length; a++) {
      const pa = list[a]!
      for (let b = a + 1; b < list.length; b++) {
        const pb = list[b]!
        const add = blend * pa.weight * pb.weight
        values[pa.reply * n + pb.reply]! += add
        values[pb.reply * n + pa.reply]! += add
      }
    }
  }
}
