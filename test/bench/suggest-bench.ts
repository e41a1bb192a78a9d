/**
 * The suggestion engine at 1,000 and 5,000 replies, each size in a fresh Node process
 * so peak memory is its own: model load (read and decode the word-vector asset), then
 * the suggestion time after load (median of a few runs), and the process's peak
 * resident memory. Replies are the 60 retrospective replies of the test fixture, each
 * varied with a few words from the vectors' vocabulary, so no two are the same.
 * Limits: Node, not the app's worker in Chromium (the same code; V8 in both); peak RSS
 * includes Node itself (about 50 MB).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { suggestClusters } from '../../core/suggest/suggest.ts'
import type { WordVectors } from '../../core/suggest/word-vectors.ts'
import { decodeWordVectors } from '../../core/suggest/word-vectors.ts'
import { WORD_VECTORS_PATH } from '../../scripts/word-vectors-file.ts'
import type { BenchSection } from './bench-table.ts'
import { median, ms } from './bench-table.ts'

const root = resolve(import.meta.dirname, '../..')

/** `count` distinct replies: fixture lines with vocabulary words added, deterministically. */
export function sampleReplies(count: number, vectors: WordVectors): string[] {
  const lines = readFileSync(resolve(root, 'test/fixtures/suggest/retro-60.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
  const words = [...vectors.rank.keys()].slice(500, 20_500)
  let seed = 12345
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  return Array.from({ length: count }, (_, i) => {
    const extra = Array.from({ length: 1 + (next() % 3) }, () => words[next() % words.length])
    return `${lines[i % lines.length]} ${extra.join(' ')}`
  })
}

interface Measurement {
  replies: number
  loadMs: number
  loadCpuMs: number
  suggestMs: number
  suggestCpuMs: number
  groups: number
  grouped: number
  peakMb: number
}

/** Measures one size in this process and prints it as JSON (run as a child). */
function measure(count: number, runs: number): Measurement {
  const cpu = () => {
    const { user, system } = process.cpuUsage()
    return (user + system) / 1000
  }
  const loadStart = performance.now()
  const loadCpuStart = cpu()
  const decoded = decodeWordVectors(readFileSync(WORD_VECTORS_PATH))
  const loadMs = performance.now() - loadStart
  const loadCpuMs = cpu() - loadCpuStart
  if (!decoded.ok) throw new Error(`asset: ${decoded.error.kind}`)
  const replies = sampleReplies(count, decoded.vectors)
  const times: number[] = []
  const cpuTimes: number[] = []
  let result = suggestClusters(replies, decoded.vectors)
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const cpuStart = cpu()
    result = suggestClusters(replies, decoded.vectors)
    times.push(performance.now() - start)
    cpuTimes.push(cpu() - cpuStart)
  }
  return {
    replies: count,
    loadMs,
    loadCpuMs,
    suggestMs: median(times),
    suggestCpuMs: median(cpuTimes),
    groups: result.groups.length,
    grouped: result.groups.reduce((sum, g) => sum + g.members.length, 0) / count,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }
}

/** The suggestion section of the report. */
export function suggestBench(sizes = [1_000, 5_000]): BenchSection {
  const rows = sizes.map((size) => {
    const out = execFileSync(
      process.execPath,
      [import.meta.filename, String(size), size > 2_000 ? '3' : '7'],
      { cwd: root, encoding: 'utf8' },
    )
    const m = JSON.parse(out) as Measurement
    return [
      m.replies,
      `${ms(m.loadMs)} (${ms(m.loadCpuMs)})`,
      `${ms(m.suggestMs)} (${ms(m.suggestCpuMs)})`,
      m.groups,
      `${Math.round(m.grouped * 100)}%`,
      Math.round(m.peakMb),
    ]
  })
  return {
    title: 'Cluster suggestions (Node, word vectors of 100,000 words)',
    columns: [
      'replies',
      'model load ms (CPU)',
      'suggest ms (CPU)',
      'groups',
      'grouped',
      'peak RSS MB',
    ],
    rows,
    notes: [
      'Goals: model load <= 500 ms; 1,000 replies <= 300 ms after load; 5,000 in a few seconds.',
      'Suggest time is the median of several runs after one warm-up run; in brackets the',
      'CPU time of the same (user + system), which a busy machine does not inflate.',
    ],
  }
}

if (process.argv[1] === import.meta.filename && process.argv[2]) {
  process.stdout.write(JSON.stringify(measure(Number(process.argv[2]), Number(process.argv[3]))))
}
