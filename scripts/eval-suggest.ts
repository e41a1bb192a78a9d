/**
 * `npm run eval:suggest`: judges the suggestion engine on the labelled development sets
 * (`../shared/eval-data/`, or the folder in `EVAL_DATA`): each NaPiRE survey question
 * as one board, and Banking77, with ARI, NMI and the share of replies grouped, beside
 * the baseline (word-overlap Jaccard over content words, average linkage cut at
 * similarity 0.25), and the engine without word vectors (what a board in a language the
 * vectors do not cover gets). `-- --grid` sweeps the threshold and the word weight instead, to
 * tune them. Labels are used only for scoring.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { averageLinkage } from '../core/suggest/average-linkage.ts'
import {
  adjustedRandIndex,
  labelsOf,
  normalisedMutualInformation,
} from '../core/suggest/partition-agreement.ts'
import { jaccardSimilarity } from '../core/suggest/similarity-matrix.ts'
import type { SuggestOptions } from '../core/suggest/suggest.ts'
import { DEFAULT_SUGGEST_OPTIONS, suggestClusters } from '../core/suggest/suggest.ts'
import { tokenize } from '../core/suggest/tokenize.ts'
import type { WordVectors } from '../core/suggest/word-vectors.ts'
import { loadWordVectorsFile } from './word-vectors-file.ts'

const root = resolve(import.meta.dirname, '..')
const dataDir = process.env.EVAL_DATA ?? resolve(root, '../shared/eval-data')

interface Row {
  text: string
  label: string
  question?: string
}

interface EvalSet {
  name: string
  texts: string[]
  labels: string[]
}

function readSets(): EvalSet[] {
  const read = (file: string) =>
    readFileSync(resolve(dataDir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Row)
  const sets: EvalSet[] = []
  const napire = read('napire-causes.jsonl')
  const questions = [...new Set(napire.map((r) => r.question ?? ''))].sort()
  for (const q of questions) {
    const rows = napire.filter((r) => r.question === q)
    sets.push({
      name: `NaPiRE ${q}`,
      texts: rows.map((r) => r.text),
      labels: rows.map((r) => r.label),
    })
  }
  const banking = read('banking77-test.jsonl')
  sets.push({
    name: 'Banking77',
    texts: banking.map((r) => r.text),
    labels: banking.map((r) => r.label),
  })
  return sets
}

interface Score {
  ari: number
  nmi: number
  grouped: number
  groups: number
}

function score(groups: number[][], set: EvalSet): Score {
  const n = set.texts.length
  const kept = groups.filter((g) => g.length >= 2)
  const predicted = labelsOf(kept, n)
  return {
    ari: adjustedRandIndex(set.labels, predicted),
    nmi: normalisedMutualInformation(set.labels, predicted),
    grouped: kept.reduce((sum, g) => sum + g.length, 0) / n,
    groups: kept.length,
  }
}

function baseline(set: EvalSet): Score {
  const sets = set.texts.map(
    (text) =>
      new Set(
        tokenize(text)
          .filter((t) => !t.stop)
          .map((t) => t.word),
      ),
  )
  const steps = averageLinkage(jaccardSimilarity(sets), 0.25)
  let step = steps.next()
  while (!step.done) step = steps.next()
  return score(step.value, set)
}

function engine(set: EvalSet, vectors: WordVectors | null, options: SuggestOptions): Score {
  const result = suggestClusters(set.texts, vectors, options)
  return score(
    result.groups.map((g) => g.members),
    set,
  )
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const m = (xs: Score[], k: keyof Score) => mean(xs.map((s) => s[k]))
const f = (x: number) => x.toFixed(3)
const pct = (x: number) => `${Math.round(x * 100)}%`

const vectors = loadWordVectorsFile()
const sets = readSets()

if (process.argv.includes('--grid')) {
  console.log('blend  termWeight  threshold  meanARI  meanNMI  grouped  (ARI per set)')
  for (const neighbourhoodBlend of [0, 0.2, 0.4]) {
    for (const termWeight of [0.3, 0.5, 0.7]) {
      for (const threshold of [0.2, 0.25, 0.3, 0.35]) {
        const options = { ...DEFAULT_SUGGEST_OPTIONS, threshold, termWeight, neighbourhoodBlend }
        const scores = sets.map((s) => engine(s, vectors, options))
        console.log(
          [neighbourhoodBlend, termWeight, threshold]
            .map((x) => x.toFixed(2).padEnd(10))
            .join(' ') +
            [m(scores, 'ari'), m(scores, 'nmi')].map((x) => f(x).padEnd(8)).join(' ') +
            pct(m(scores, 'grouped')).padEnd(8) +
            scores.map((s) => f(s.ari)).join(' '),
        )
      }
    }
  }
} else {
  const lines = [
    '| set | replies | labels | ARI | NMI | grouped | groups | words-only ARI | words-only grouped | baseline ARI | baseline NMI | baseline grouped |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  const ours: Score[] = []
  const wordsOnly: Score[] = []
  const base: Score[] = []
  for (const set of sets) {
    const o = engine(set, vectors, DEFAULT_SUGGEST_OPTIONS)
    const w = engine(set, null, DEFAULT_SUGGEST_OPTIONS)
    const b = baseline(set)
    ours.push(o)
    wordsOnly.push(w)
    base.push(b)
    lines.push(
      `| ${set.name} | ${set.texts.length} | ${new Set(set.labels).size} | ${f(o.ari)} | ${f(o.nmi)} | ` +
        `${pct(o.grouped)} | ${o.groups} | ${f(w.ari)} | ${pct(w.grouped)} | ${f(b.ari)} | ${f(b.nmi)} | ${pct(b.grouped)} |`,
    )
  }
  lines.push(
    `| **mean** | | | **${f(m(ours, 'ari'))}** | ${f(m(ours, 'nmi'))} | ${pct(m(ours, 'grouped'))} | | ` +
      `${f(m(wordsOnly, 'ari'))} | ${pct(m(wordsOnly, 'grouped'))} | ` +
      `${f(m(base, 'ari'))} | ${f(m(base, 'nmi'))} | ${pct(m(base, 'grouped'))} |`,
  )
  console.log(lines.join('\n'))
  const goals = [
    [
      `mean ARI ≥ baseline + 0.05 (${f(m(base, 'ari') + 0.05)})`,
      m(ours, 'ari') >= m(base, 'ari') + 0.05,
    ],
    ['mean ARI ≥ 0.15', m(ours, 'ari') >= 0.15],
    ['≥ 70% of replies grouped', m(ours, 'grouped') >= 0.7],
  ] as const
  for (const [goal, met] of goals) console.log(`${met ? 'met' : 'NOT MET'}: ${goal}`)
}
