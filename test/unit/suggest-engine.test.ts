import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { averageLinkage } from '../../core/suggest/average-linkage.ts'
import {
  adjustedRandIndex,
  labelsOf,
  normalisedMutualInformation,
} from '../../core/suggest/partition-agreement.ts'
import type { SimilarityMatrix } from '../../core/suggest/similarity-matrix.ts'
import { MIN_VECTOR_COVERAGE, suggestClusters, suggestSteps } from '../../core/suggest/suggest.ts'
import { tokenize } from '../../core/suggest/tokenize.ts'
import type { WordVectors } from '../../core/suggest/word-vectors.ts'
import { decodeWordVectors, encodeWordVectors } from '../../core/suggest/word-vectors.ts'

/**
 * A small vector file built here: three themes (time, money, people) on axes of their
 * own, each word a little off its axis so no two are identical, and every word sharing
 * one common direction, as real word vectors do (the engine removes it).
 */
function themeVectors(): WordVectors {
  const dims = 12
  const themes: string[][] = [
    ['time', 'deadline', 'deadlines', 'schedule', 'late', 'rushed', 'hurry', 'hours', 'tight'],
    ['budget', 'money', 'funding', 'cost', 'costs', 'expensive', 'cash', 'cuts', 'spend'],
    ['people', 'staff', 'team', 'hiring', 'turnover', 'understaffed', 'headcount', 'freeze'],
  ]
  const common = ['the', 'of', 'to', 'and', 'a', 'not', 'no', 'too', 'for', 'at', 'on']
  // Other words of the replies, each pointing its own way; listed first, so frequent
  // (SIF gives them little weight).
  const other = ['enough', 'end', 'slips', 'runs', 'high', 'office', 'plants', 'dying']
  const words: string[] = []
  const values: number[] = []
  const add = (word: string, component: (d: number) => number) => {
    words.push(word)
    for (let d = 0; d < dims; d++) values.push(component(d) + (d === dims - 1 ? 0.8 : 0))
  }
  other.forEach((word, i) => add(word, (d) => (d === 3 + i ? 1 : d === 9 ? 0.3 : 0)))
  common.forEach((word, i) => add(word, (d) => (d === 10 ? 1 : d === i % 10 ? 0.1 : 0)))
  themes.forEach((list, axis) =>
    list.forEach((word, i) => add(word, (d) => (d === axis ? 1 : d === 3 + (i % 6) ? 0.15 : 0))),
  )
  const decoded = decodeWordVectors(encodeWordVectors(words, dims, Float32Array.from(values)))
  if (!decoded.ok) throw new Error('test vectors did not decode')
  return decoded.vectors
}

const membersOf = (replies: string[], text: string, groups: { members: number[] }[]) =>
  groups.find((g) => g.members.includes(replies.indexOf(text)))?.members.map((i) => replies[i])

describe('suggested clusters', () => {
  const replies = [
    'Not enough time', // 0
    'Deadlines too tight', // 1
    'Always rushed at the end', // 2
    'The schedule slips', // 3
    'No budget', // 4
    'Funding cuts', // 5
    'Too expensive', // 6
    'Money runs out', // 7
    'High staff turnover', // 8
    'Understaffed team', // 9
    'Hiring freeze on people', // 10
    'The office plants are dying', // 11
  ]

  it('groups replies that mean the same in other words, and leaves the odd one alone', () => {
    const { groups, usedVectors } = suggestClusters(replies, themeVectors())
    expect(usedVectors).toBe(true)
    expect(membersOf(replies, 'Not enough time', groups)).toEqual(replies.slice(0, 4))
    expect(membersOf(replies, 'No budget', groups)).toEqual(replies.slice(4, 8))
    expect(membersOf(replies, 'High staff turnover', groups)).toEqual(replies.slice(8, 11))
    expect(membersOf(replies, 'The office plants are dying', groups)).toBeUndefined()
    for (const g of groups) expect(g.members.length).toBeGreaterThanOrEqual(2)
  })

  it('without vectors groups on shared words, stems included ("standups" and "standup")', () => {
    const board = [
      'Standups run too long',
      'Too many standups',
      'Our standup has no agenda',
      'OKRs change every quarter',
      'Nobody reads the OKRs',
      'Coffee machine broken',
    ]
    const { groups, usedVectors } = suggestClusters(board, null)
    expect(usedVectors).toBe(false)
    expect(membersOf(board, 'Too many standups', groups)).toEqual(board.slice(0, 3))
    expect(membersOf(board, 'Nobody reads the OKRs', groups)).toEqual(board.slice(3, 5))
    expect(membersOf(board, 'Coffee machine broken', groups)).toBeUndefined()
    expect(groups.find((g) => g.members.includes(3))!.words).toContain('OKRs')
  })

  it('says when the vectors do not cover the board’s language, and still groups by words', () => {
    const french = [
      'Pas assez de temps',
      'Le temps manque toujours',
      'Budget trop serré',
      'Le budget est coupé',
      'Réunions inutiles',
    ]
    const result = suggestClusters(french, themeVectors())
    expect(result.usedVectors).toBe(false)
    expect(result.vectorCoverage).toBeLessThan(MIN_VECTOR_COVERAGE)
    expect(result.groups.map((g) => g.members)).toEqual([
      [0, 1],
      [2, 3],
    ])
  })

  it('names a group with a phrase its replies share, quoted from them', () => {
    const board = [
      'Lack of time',
      'lack of time for testing',
      'Lack of time, again',
      'Team morale is low',
      'Morale is low after the reorg',
      'Printer jams',
    ]
    const { groups } = suggestClusters(board, themeVectors())
    const time = groups.find((g) => g.members.includes(0))!
    expect(time.name).toBe('Lack of time')
    const morale = groups.find((g) => g.members.includes(3))!
    expect(morale.name.toLowerCase()).toContain('morale')
    expect(morale.words).toContain('morale')
    for (const g of groups) expect(g.name.split(' ').length).toBeLessThanOrEqual(4)
  })

  it('reports progress that only grows, and ends with the same answer as one call', () => {
    const steps = suggestSteps(replies, themeVectors())
    const seen: number[] = []
    let step = steps.next()
    while (!step.done) {
      seen.push(step.value.done)
      step = steps.next()
    }
    expect(seen.length).toBeGreaterThan(2)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
    expect(step.value).toEqual(suggestClusters(replies, themeVectors()))
  })

  it('copes with empty, blank and single replies', () => {
    expect(suggestClusters([], themeVectors()).groups).toEqual([])
    expect(suggestClusters(['only one'], themeVectors()).groups).toEqual([])
    expect(suggestClusters(['', '  ', '!!'], null).groups).toEqual([])
  })
})

describe('words of a reply', () => {
  it('are lower case with stems, contractions split, function words flagged', () => {
    const tokens = tokenize("Don't ship the team's Requirements")
    expect(tokens.map((t) => t.word)).toEqual(['do', 'not', 'ship', 'the', 'team', 'requirements'])
    expect(tokens.filter((t) => !t.stop).map((t) => t.stem)).toEqual(['ship', 'team', 'requir'])
    expect(tokens[5]!.surface).toBe('Requirements')
    expect(tokenize('can’t, won’t').map((t) => t.word)).toEqual(['can', 'not', 'will', 'not'])
  })
})

describe('the word-vector asset', () => {
  it('keeps each word and its vector within half a percent', () => {
    const values = Float32Array.from([0.5, -0.25, 1.5, 0, 0, 0, -3, 2, 1e-3])
    const decoded = decodeWordVectors(encodeWordVectors(['alpha', 'béta', 'zero'], 3, values))
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    const v = decoded.vectors
    expect([...v.rank]).toEqual([
      ['alpha', 0],
      ['béta', 1],
      ['zero', 2],
    ])
    for (let i = 0; i < values.length; i++) {
      const row = Math.floor(i / 3)
      const back = v.rows[i]! * v.scales[row]!
      expect(Math.abs(back - values[i]!)).toBeLessThanOrEqual(Math.abs(values[i]!) * 0.005 + 0.012)
    }
  })

  it('refuses bytes that are not an asset, or are cut short', () => {
    expect(decodeWordVectors(new TextEncoder().encode('{"words": []}'))).toEqual({
      ok: false,
      error: { kind: 'not-word-vectors' },
    })
    const bytes = encodeWordVectors(['a', 'b'], 4, new Float32Array(8).fill(1))
    expect(decodeWordVectors(bytes.subarray(0, bytes.length - 1))).toEqual({
      ok: false,
      error: { kind: 'truncated' },
    })
  })

  it('reads from a buffer at any offset', () => {
    const bytes = encodeWordVectors(['x', 'yy'], 2, Float32Array.from([1, 2, 3, 4]))
    const shifted = new Uint8Array(bytes.length + 1)
    shifted.set(bytes, 1)
    const decoded = decodeWordVectors(shifted.subarray(1))
    expect(decoded.ok && decoded.vectors.scales[1]! * decoded.vectors.rows[3]!).toBeCloseTo(4, 1)
  })
})

/** Merging the most similar pair of groups first, the slow and obvious way. */
function greedyAverageLinkage(sim: number[][], threshold: number): number[][] {
  let groups = sim.map((_, i) => [i])
  const mean = (a: number[], b: number[]) =>
    a.reduce((s, i) => s + b.reduce((t, j) => t + sim[i]![j]!, 0), 0) / (a.length * b.length)
  for (;;) {
    let best: [number, number, number] | null = null
    for (let a = 0; a < groups.length; a++)
      for (let b = a + 1; b < groups.length; b++) {
        const s = mean(groups[a]!, groups[b]!)
        if (!best || s > best[2]) best = [a, b, s]
      }
    if (!best || best[2] < threshold) break
    const merged = [...groups[best[0]]!, ...groups[best[1]]!].sort((x, y) => x - y)
    groups = groups.filter((_, i) => i !== best[0] && i !== best[1])
    groups.push(merged)
  }
  return groups.sort((a, b) => a[0]! - b[0]!)
}

describe('average linkage with a threshold', () => {
  it('makes the same groups as merging the closest pair first, on any similarities', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }).chain((n) =>
          fc.tuple(
            fc.array(fc.integer({ min: 0, max: 1000 }), {
              minLength: (n * (n - 1)) / 2,
              maxLength: (n * (n - 1)) / 2,
            }),
            fc.constant(n),
            fc.integer({ min: 100, max: 900 }),
          ),
        ),
        ([upper, n, t]) => {
          // Distinct values (ties would let both methods pick different, equally good pairs).
          const sim = Array.from({ length: n }, () => new Array<number>(n).fill(1))
          let k = 0
          for (let i = 0; i < n; i++)
            for (let j = i + 1; j < n; j++) {
              const s = (upper[k]! * 100 + k) / 100_000
              k++
              sim[i]![j] = s
              sim[j]![i] = s
            }
          const matrix: SimilarityMatrix = { n, values: Float32Array.from(sim.flat()) }
          const steps = averageLinkage(matrix, t / 1000)
          let step = steps.next()
          while (!step.done) step = steps.next()
          expect(step.value).toEqual(greedyAverageLinkage(sim, t / 1000))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('agreement between groupings', () => {
  it('is 1 for the same grouping under other names, about 0 for an unrelated one', () => {
    const truth = ['a', 'a', 'b', 'b', 'c', 'c']
    expect(adjustedRandIndex(truth, [7, 7, 3, 3, 9, 9])).toBeCloseTo(1)
    expect(normalisedMutualInformation(truth, [7, 7, 3, 3, 9, 9])).toBeCloseTo(1)
    expect(adjustedRandIndex(truth, [1, 2, 1, 2, 1, 2])).toBeLessThan(0)
  })

  it('counts replies left out of every group as groups of one, not one big group', () => {
    expect(labelsOf([[1, 3]], 5)).toEqual([1, 0, 2, 0, 3])
    const truth = ['a', 'a', 'b', 'c', 'd']
    expect(adjustedRandIndex(truth, labelsOf([[0, 1]], 5))).toBeCloseTo(1)
  })
})
