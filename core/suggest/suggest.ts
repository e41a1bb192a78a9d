/**
 * Suggested clusters for a board's replies: tokenise, TF-IDF and SIF features, fused
 * similarity blended with neighbourhood likeness (2 to 20 nearest neighbours, by board
 * size), average linkage cut at a threshold, groups of one left alone, each group
 * named from its own words. The desktop app (in a worker), the harness, the command
 * line, the evaluation and the benchmark all call this.
 *
 * Limits: labels are never seen here; the threshold and weights were tuned on the
 * development sets in the evaluation (`npm run eval:suggest`) and are fixed. Without
 * word vectors, or when they know under 80% of a board's words (another language),
 * the suggestions rest on shared words alone.
 */
import { averageLinkage } from './average-linkage.ts'
import type { GroupLabel } from './group-names.ts'
import { labelGroup } from './group-names.ts'
import { sentenceVectors, termIndex } from './reply-features.ts'
import { blendNeighbourhoods, fusedSimilarity } from './similarity-matrix.ts'
import { tokenize } from './tokenize.ts'
import type { WordVectors } from './word-vectors.ts'

/** Settings of the engine; the defaults are the tuned ones. */
export interface SuggestOptions {
  /** Mean similarity two groups need to merge. */
  threshold: number
  /** Weight of word overlap (TF-IDF) against meaning (SIF) in the fused similarity. */
  termWeight: number
  /** Threshold used when the suggestions rest on words alone. */
  wordsOnlyThreshold: number
  /** Weight of neighbourhood likeness (shared nearest neighbours) against direct similarity. */
  neighbourhoodBlend: number
}

/** The tuned settings. */
export const DEFAULT_SUGGEST_OPTIONS: SuggestOptions = {
  threshold: 0.25,
  termWeight: 0.7,
  wordsOnlyThreshold: 0.25,
  neighbourhoodBlend: 0.4,
}

/**
 * Below this share of known words the vectors are not used. English boards score 0.97
 * or more; French, German and Spanish ones about 0.5 to 0.65 (the vectors know some of
 * their words, learnt from English text, where they mean little).
 */
export const MIN_VECTOR_COVERAGE = 0.8

/** One suggested group. */
export interface SuggestedGroup extends GroupLabel {
  /** Indices of its replies, ascending; at least two. */
  members: number[]
}

/** The engine's answer. */
export interface Suggestions {
  /** Groups of two or more, largest first. */
  groups: SuggestedGroup[]
  /** Share of the replies' content words the word vectors know (0 without vectors). */
  vectorCoverage: number
  /** Whether word vectors took part (present and covering the board's language). */
  usedVectors: boolean
}

/** Where the engine is, for a progress bar. */
export interface SuggestProgress {
  /** What it is doing. */
  phase: 'reading' | 'comparing' | 'grouping' | 'naming'
  /** Share of the whole job done, 0 to 1. */
  done: number
}

/**
 * The engine as steps: yields progress now and then, so a worker can report it and
 * stop between steps when cancelled. `vectors` may be null (no asset loaded).
 */
export function* suggestSteps(
  replies: string[],
  vectors: WordVectors | null,
  options: SuggestOptions = DEFAULT_SUGGEST_OPTIONS,
): Generator<SuggestProgress, Suggestions> {
  yield { phase: 'reading', done: 0 }
  const tokens = replies.map(tokenize)
  const index = termIndex(tokens)
  const sentences = vectors ? sentenceVectors(tokens, vectors) : null
  const coverage = sentences?.coverage ?? 0
  const usedVectors = sentences !== null && coverage >= MIN_VECTOR_COVERAGE
  yield { phase: 'comparing', done: 0.1 }
  const comparing = fusedSimilarity(
    index.vectors,
    usedVectors ? sentences : null,
    options.termWeight,
  )
  let step = comparing.next()
  while (!step.done) {
    yield { phase: 'comparing', done: 0.1 + 0.6 * step.value }
    step = comparing.next()
  }
  const neighbours = Math.min(20, Math.max(2, Math.round(replies.length / 15)))
  blendNeighbourhoods(step.value, neighbours, options.neighbourhoodBlend)
  const threshold = usedVectors ? options.threshold : options.wordsOnlyThreshold
  const grouping = averageLinkage(step.value, threshold)
  let grouped = grouping.next()
  while (!grouped.done) {
    yield { phase: 'grouping', done: 0.7 + 0.2 * grouped.value }
    grouped = grouping.next()
  }
  yield { phase: 'naming', done: 0.9 }
  const groups = grouped.value
    .filter((members) => members.length >= 2)
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!)
    .map((members) => ({ ...labelGroup(members, tokens, index, vectors?.rank ?? null), members }))
  return { groups, vectorCoverage: coverage, usedVectors }
}

/** The engine in one call. */
export function suggestClusters(
  replies: string[],
  vectors: WordVectors | null,
  options: SuggestOptions = DEFAULT_SUGGEST_OPTIONS,
): Suggestions {
  const steps = suggestSteps(replies, vectors, options)
  let step = steps.next()
  while (!step.done) step = steps.next()
  return step.value
}
