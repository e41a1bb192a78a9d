/**
 * Splits a reply into words for the suggestion engine: lower case, letters and digits,
 * with the word's place in the reply kept so names can quote the reply's own phrases.
 * Each word carries its stem (Porter, from the `stemmer` package) for TF-IDF and a
 * flag for English function words, which neither count as shared words nor start or
 * end a suggested name, and one for words of lack ("lack", "missing", "poor", "enough"),
 * which say that something is wrong but not what: "lack of time" and "lack of skills"
 * share no topic. They still belong in names and sentence vectors.
 *
 * Limits: English contractions only ("don't" → "do" + "not"); scripts without spaces
 * between words (Chinese, Japanese, Thai) come out as one word per run of letters;
 * stems are English stems, harmless on other languages' words.
 */
import { stemmer } from 'stemmer'

/** One word of a reply. */
export interface Token {
  /** The word in lower case, as the word vectors spell it. */
  word: string
  /** Its stem: "requirements" and "requirement" share "requir". */
  stem: string
  /** A function word ("the", "of", "not"): kept for phrases, ignored for topics. */
  stop: boolean
  /** A word of lack or trouble ("missing", "poor", "issues"): not a topic, fine in a name. */
  weak: boolean
  /** The word as the reply wrote it, for names. */
  surface: string
}

// Function words of English: pronouns, articles, auxiliaries, prepositions, conjunctions.
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had
  has have having he her here hers herself him himself his how i if in into is it its itself just
  me more most my myself no nor not of off on once only or other our ours ourselves out over own
  same she should so some such than that the their theirs them themselves then there these they
  this those through to too under until up very was we were what when where which while who whom
  why will with would you your yours yourself yourselves also etc may might must shall us via
  get gets got getting one ones lot lots much many thing things way ways like often always
  never nobody nothing nowhere none every everyone everything everybody someone something anyone
  anything always already still even really quite without within since
  s t don didn doesn isn aren wasn weren won wouldn shouldn couldn can't cannot`.split(/\s+/),
)

// Words that frame a complaint rather than name its topic; boards of problems and causes
// are full of them, and sharing one says little about two replies.
const WEAK_WORDS = new Set(
  `lack lacking lacks missing miss poor poorly insufficient enough little less bad badly
  inadequate limited low unclear problem problems issue issues`.split(/\s+/),
)

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu

/** Whether a lower-case word is an English function word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word)
}

/** The words of `text`, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(WORD)) {
    const surface = match[0].replaceAll('’', "'")
    const lower = surface.toLowerCase()
    const apostrophe = lower.indexOf("'")
    if (apostrophe < 0) {
      tokens.push(token(lower, surface))
      continue
    }
    const head = lower.slice(0, apostrophe)
    const tail = lower.slice(apostrophe + 1)
    if (tail === 't' && head.endsWith('n') && head.length > 1) {
      // "don't" → "do not", "can't" → "ca" is not a word: "can not".
      const base = head === 'can' || head === 'ca' ? 'can' : head.slice(0, -1)
      tokens.push(token(base === 'wo' ? 'will' : base, surface))
      tokens.push(token('not', surface))
    } else {
      // "team's" → "team"; "we're", "it'll" → the pronoun (the rest is a function word).
      tokens.push(token(head, surface.slice(0, apostrophe)))
    }
  }
  return tokens
}

// Stemming is the slow part of tokenising and boards repeat their words: remember stems.
const stems = new Map<string, string>()

function token(word: string, surface: string): Token {
  const stop = STOP_WORDS.has(word)
  let stem = stop ? word : stems.get(word)
  if (stem === undefined) {
    stem = stemmer(word)
    if (stems.size > 200_000) stems.clear()
    stems.set(word, stem)
  }
  return { word, stem, stop, weak: !stop && WEAK_WORDS.has(word), surface }
}
