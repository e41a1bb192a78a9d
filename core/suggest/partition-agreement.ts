/**
 * How well suggested groups agree with groups people made: the adjusted Rand index
 * (pairs put together or apart alike, 0 for chance, 1 for the same grouping) and
 * normalised mutual information (arithmetic-mean normalisation). Used by the
 * evaluation only, never by the engine.
 *
 * Limits: both take one label per item; a reply left out of every group must be given
 * a label of its own (see `labelsOf`), or it would count as one big group.
 */

/** One label per item from groups of indices; items in no group get a label each. */
export function labelsOf(groups: number[][], n: number): number[] {
  const labels = new Array<number>(n).fill(-1)
  groups.forEach((group, g) => group.forEach((i) => (labels[i] = g)))
  let next = groups.length
  return labels.map((label) => (label >= 0 ? label : next++))
}

function contingency(a: readonly (string | number)[], b: readonly (string | number)[]) {
  if (a.length !== b.length) throw new Error('both labelings need one label per item')
  const cells = new Map<string, number>()
  const rows = new Map<string | number, number>()
  const cols = new Map<string | number, number>()
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]}\u0000${b[i]}`
    cells.set(key, (cells.get(key) ?? 0) + 1)
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1)
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1)
  }
  return { cells: [...cells.values()], rows: [...rows.values()], cols: [...cols.values()] }
}

const pairs = (k: number) => (k * (k - 1)) / 2

/** Adjusted Rand index of two labelings of the same items. */
export function adjustedRandIndex(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  const { cells, rows, cols } = contingency(a, b)
  const index = cells.reduce((sum, c) => sum + pairs(c), 0)
  const rowPairs = rows.reduce((sum, c) => sum + pairs(c), 0)
  const colPairs = cols.reduce((sum, c) => sum + pairs(c), 0)
  const expected = (rowPairs * colPairs) / pairs(a.length)
  const max = (rowPairs + colPairs) / 2
  // Both labelings all singletons, or both one group: they agree perfectly.
  if (max === expected) return 1
  return (index - expected) / (max - expected)
}

/** Normalised mutual information (arithmetic mean of the two entropies). */
export function normalisedMutualInformation(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  const n = a.length
  const { cells, rows, cols } = contingency(a, b)
  const entropy = (counts: number[]) =>
    -counts.reduce((sum, c) => sum + (c / n) * Math.log(c / n), 0)
  const ha = entropy(rows)
  const hb = entropy(cols)
  if (ha === 0 && hb === 0) return 1
  // Mutual information from the joint cells: I = H(a) + H(b) - H(a, b).
  const mi = ha + hb - entropy(cells)
  return mi / ((ha + hb) / 2)
}
