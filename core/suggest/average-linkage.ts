/**
 * Average-linkage clustering cut at a similarity threshold: two groups merge while the
 * mean similarity between their members is at least the threshold, so the number of
 * groups need not be known. Uses the nearest-neighbour chain, O(n²) time, which finds
 * the same merges as merging the most similar pair first, because average linkage
 * never makes a merged group closer to a third than its closer part was.
 *
 * Limits: overwrites the matrix it is given (it holds group-to-group similarities as it
 * goes); ties between equally similar pairs are broken by index.
 */
import type { SimilarityMatrix } from './similarity-matrix.ts'

/**
 * Groups of replies (indices, ascending; groups ordered by their first member),
 * groups of one included. Yields the share of replies settled now and then.
 */
export function* averageLinkage(
  matrix: SimilarityMatrix,
  threshold: number,
): Generator<number, number[][]> {
  const { n, values: s } = matrix
  const size = new Int32Array(n).fill(1)
  // 1: still merging; 0: merged into another or finished (no partner at the threshold).
  const active = new Uint8Array(n).fill(1)
  const parent = new Int32Array(n).map((_, i) => i)
  let remaining = n
  const chain: number[] = []
  let lastYield = 0
  while (remaining > 1) {
    if (chain.length === 0) {
      let start = 0
      while (!active[start]) start++
      chain.push(start)
    }
    const x = chain[chain.length - 1]!
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1
    // The nearest active neighbour of x, preferring the previous link on ties.
    let best = previous
    let bestSim = previous >= 0 ? s[x * n + previous]! : -Infinity
    for (let k = 0; k < n; k++) {
      if (k === x || !active[k]) continue
      const sim = s[x * n + k]!
      if (sim > bestSim) {
        bestSim = sim
        best = k
      }
    }
    if (best < 0) {
      // x is the last active group.
      active[x] = 0
      remaining--
      chain.pop()
      continue
    }
    if (best !== previous) {
      chain.push(best)
      continue
    }
    // x and previous are each other's nearest: merge them, or retire both.
    chain.pop()
    chain.pop()
    if (bestSim < threshold) {
      active[x] = 0
      active[previous] = 0
      remaining -= 2
    } else {
      const keep = x
      const gone = previous
      const nk = size[keep]!
      const ng = size[gone]!
      for (let k = 0; k < n; k++) {
        if (!active[k] || k === keep || k === gone) continue
        const merged = (nk * s[keep * n + k]! + ng * s[gone * n + k]!) / (nk + ng)
        s[keep * n + k] = merged
        s[k * n + keep] = merged
      }
      size[keep] = nk + ng
      active[gone] = 0
      parent[gone] = keep
      remaining--
    }
    const settled = 1 - remaining / n
    if (settled - lastYield >= 0.05) {
      lastYield = settled
      yield settled
    }
  }
  const groups = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    let root = i
    while (parent[root] !== root) root = parent[root]!
    let group = groups.get(root)
    if (!group) groups.set(root, (group = []))
    group.push(i)
  }
  return [...groups.values()]
}
