/**
 * Names a suggested group from its own replies: the words its members share that the
 * rest of the board uses less (a class TF-IDF), then the phrase of one to four words,
 * quoted from the replies, that carries the most of them for the most members ("lack
 * of time" rather than "time"). Phrases never start or end on a function word.
 *
 * Limits: phrases are contiguous words of one reply; a group whose members share no
 * word gets its most distinctive single word, or nothing distinctive at all, as its
 * name; names are English-agnostic but reflect English function words only.
 */
import type { TermIndex } from './reply-features.ts'
import type { Token } from './tokenize.ts'

/** A group's name and the words that explain it. */
export interface GroupLabel {
  /** Short name quoted from the replies, first letter upper case. */
  name: string
  /** Up to three words most members share, as the replies spell them. */
  words: string[]
}

/**
 * Distinctiveness of each stem for a group: share of members using it × rarity on the
 * board, nudged towards words that are specific in English at large ("communication"
 * over "poor" when both are shared alike), when the vocabulary's ranks are known.
 */
function stemScores(
  group: number[],
  replies: Token[][],
  index: TermIndex,
  rank: Map<string, number> | null,
): Map<string, number> {
  const n = replies.length
  const inGroup = new Map<string, number>()
  const specific = new Map<string, number>()
  for (const member of group) {
    for (const t of replies[member]!) {
      if (t.stop || !rank) continue
      const r = rank.get(t.word) ?? 100_000
      specific.set(t.stem, Math.max(specific.get(t.stem) ?? 0, 1 + Math.log10(r + 10) / 10))
    }
    const stems = new Set(replies[member]!.filter((t) => !t.stop && !t.weak).map((t) => t.stem))
    for (const stem of stems) inGroup.set(stem, (inGroup.get(stem) ?? 0) + 1)
  }
  const idOf = new Map(index.stems.map((stem, id) => [stem, id]))
  const scores = new Map<string, number>()
  for (const [stem, count] of inGroup) {
    const df = index.documentFrequency[idOf.get(stem)!]!
    // Share in the group over share on the board, damped: common everywhere scores low.
    const share = count / group.length
    const weight = (count >= 2 ? 1 : 0.25) * (specific.get(stem) ?? 1)
    scores.set(stem, share * Math.log(1 + n / df) * weight)
  }
  return scores
}

/** The most common spelling of each stem among the members, lower-cased unless an acronym. */
function spellings(group: number[], replies: Token[][]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>()
  for (const member of group) {
    for (const t of replies[member]!) {
      const form = /\p{Lu}.*\p{Lu}/u.test(t.surface) ? t.surface : t.word
      let forms = counts.get(t.stem)
      if (!forms) counts.set(t.stem, (forms = new Map()))
      forms.set(form, (forms.get(form) ?? 0) + 1)
    }
  }
  const best = new Map<string, string>()
  for (const [stem, forms] of counts) {
    best.set(stem, [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0])
  }
  return best
}

/** Weight of a phrase by its number of non-function words, one to four. */
const LENGTH_CREDIT = [1, 1.6, 1.75, 1.6]

/** Names a group of reply indices; `rank` is the word vectors' frequency order, if any. */
export function labelGroup(
  group: number[],
  replies: Token[][],
  index: TermIndex,
  rank: Map<string, number> | null = null,
): GroupLabel {
  const scores = stemScores(group, replies, index, rank)
  const spelled = spellings(group, replies)
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const words = ranked
    .filter(([stem]) => countMembers(group, replies, stem) >= 2)
    .slice(0, 3)
    .map(([stem]) => spelled.get(stem)!)
  // Candidate phrases: key is the stem sequence; support counts members, once each.
  const phrases = new Map<string, { stems: string[]; support: number }>()
  const wordCount = new Map<string, number>()
  for (const member of group) {
    const tokens = replies[member]!
    const seen = new Set<string>()
    for (let start = 0; start < tokens.length; start++) {
      if (tokens[start]!.stop) continue
      for (let end = start; end < Math.min(tokens.length, start + 4); end++) {
        if (tokens[end]!.stop) continue
        const stems = tokens.slice(start, end + 1).map((t) => t.stem)
        const key = stems.join(' ')
        if (seen.has(key)) continue
        seen.add(key)
        if (!wordCount.has(key)) {
          let count = 0
          for (let k = start; k <= end; k++) if (!tokens[k]!.stop) count++
          wordCount.set(key, count)
        }
        const phrase = phrases.get(key)
        if (phrase) phrase.support++
        else phrases.set(key, { stems, support: 1 })
      }
    }
  }
  let best: { stems: string[]; score: number } | null = null
  for (const [key, { stems, support }] of phrases) {
    if (support < Math.min(2, group.length)) continue
    let content = 0
    for (const stem of stems) content += scores.get(stem) ?? 0
    // Credit for a second or third word, words of lack included: "lack of time" over
    // "time" unless far fewer members say it.
    const score = support * content * (LENGTH_CREDIT[wordCount.get(key)! - 1] ?? 1)
    if (!best || score > best.score) best = { stems, score }
  }
  // A lone word grows into the longer phrase that holds it most often ("time" into "lack
  // of time"), when at least a fifth of the members (and two) say that phrase.
  if (best && best.stems.length === 1) {
    const word = best.stems[0]!
    let longer: { stems: string[]; support: number } | null = null
    for (const [key, phrase] of phrases) {
      if (wordCount.get(key)! < 2 || !phrase.stems.includes(word)) continue
      if (phrase.support < Math.max(2, Math.ceil(group.length / 5))) continue
      if (!longer || phrase.support > longer.support) longer = phrase
    }
    if (longer) best = { stems: longer.stems, score: best.score }
  }
  let name: string
  if (best) {
    name = quote(best.stems, group, replies, spelled)
  } else {
    name = ranked.length > 0 ? spelled.get(ranked[0]![0])! : ''
  }
  return { name: capitalise(name), words }
}

function countMembers(group: number[], replies: Token[][], stem: string): number {
  let count = 0
  for (const member of group) if (replies[member]!.some((t) => t.stem === stem)) count++
  return count
}

/** The phrase as a member wrote it: the first occurrence's words, with common spellings. */
function quote(
  stems: string[],
  group: number[],
  replies: Token[][],
  spelled: Map<string, string>,
): string {
  for (const member of group) {
    const tokens = replies[member]!
    for (let start = 0; start + stems.length <= tokens.length; start++) {
      if (stems.every((stem, k) => tokens[start + k]!.stem === stem)) {
        return tokens
          .slice(start, start + stems.length)
          .map((t) => (t.stop ? t.word : spelled.get(t.stem)!))
          .join(' ')
      }
    }
  }
  return stems.map((s) => spelled.get(s) ?? s).join(' ')
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toLocaleUpperCase() + text.slice(1)
}
