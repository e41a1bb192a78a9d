/**
 * The Markdown report of a workshop: its title and date; for each prompt the sentence,
 * then its clusters in vote order, each a heading that fills the blank with the
 * cluster's name, with its votes and counts and its replies as a list (×N for stacked
 * duplicates, authors if asked), then the loose replies.
 *
 * Written to paste cleanly into editors and wikis (CommonMark and GitHub-flavoured
 * Markdown): reply text is escaped so a reply is never read as markup, multi-line
 * replies stay inside their list item (hard line breaks), and nothing relies on HTML.
 * Limits: face-down replies are counted, never quoted (see report.ts).
 */
import type { ReportNote, ReportPrompt } from './report.ts'
import { authorsOf, plural, reportOf, summary } from './report.ts'
import type { Workshop } from '../model.ts'
import { BLANK } from '../model.ts'

/** What a Markdown report includes. */
export interface MarkdownOptions {
  /** Name who gave each reply (authors or segments), when recorded. */
  authors: boolean
}

/** Backslash-escapes what Markdown would read as markup inside running text. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
      // At the start of a line these make headings, quotes, lists or numbered lists.
      .replace(/^(\s*)([#>+\-=]|\d+[.)])/gm, (_, space: string, mark: string) =>
        mark.length === 1 ? `${space}\\${mark}` : `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`,
      )
  )
}

/** The prompt's sentence, escaped, with already-escaped Markdown `fill` in its blank. */
function fillEscaped(promptText: string, fill: string): string {
  const text = oneLine(promptText)
  if (!text.includes(BLANK)) return `${escapeMarkdown(text)} — ${fill}`
  // A stand-in the escaping leaves alone marks where the blank was.
  return escapeMarkdown(text.replace(BLANK, '\u0000')).replace('\u0000', () => fill)
}

/** Text on one line (headings cannot break). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}

/** One list item: the reply (continuation lines kept inside the item), ×N, votes, authors. */
function item(entry: ReportNote, options: MarkdownOptions): string {
  const lines = entry.note.text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(escapeMarkdown)
  let text = lines.join('\\\n  ')
  const count = entry.replies.length
  if (count > 1) text += ` ×${count}`
  if (entry.note.votes > 0) text += ` (${plural(entry.note.votes, 'vote', 'votes')})`
  const authors = options.authors ? authorsOf(entry.replies) : []
  if (authors.length) text += ` — ${authors.map((a) => escapeMarkdown(oneLine(a))).join(', ')}`
  return `- ${text}`
}

function faceDownLine(count: number): string[] {
  return count > 0
    ? [`_${plural(count, 'reply is', 'replies are')} still face down and not shown here._`, '']
    : []
}

function promptSection(section: ReportPrompt, options: MarkdownOptions): string[] {
  const out: string[] = [`## ${escapeMarkdown(oneLine(section.prompt.text))}`, '']
  const clustered = section.clusters.reduce((sum, c) => sum + c.replyCount, 0)
  out.push(summary(section.replyCount, clustered, section.clusters.length), '')
  section.clusters.forEach((entry, i) => {
    const heading = entry.named
      ? fillEscaped(section.prompt.text, `**${escapeMarkdown(entry.label)}**`)
      : `**${entry.label}**`
    out.push(`### ${i + 1}. ${heading}`, '')
    const counts = [
      plural(entry.cluster.votes, 'vote', 'votes'),
      plural(entry.notes.length + entry.faceDown, 'note', 'notes'),
    ]
    if (entry.replyCount !== entry.notes.length + entry.faceDown)
      counts.push(plural(entry.replyCount, 'reply', 'replies'))
    out.push(counts.join(' · '), '')
    if (entry.notes.length) out.push(...entry.notes.map((n) => item(n, options)), '')
    out.push(...faceDownLine(entry.faceDown))
  })
  if (section.loose.length || section.looseFaceDown) {
    out.push(section.clusters.length ? '### Not in a cluster' : '### Replies', '')
    if (section.loose.length) out.push(...section.loose.map((n) => item(n, options)), '')
    out.push(...faceDownLine(section.looseFaceDown))
  }
  if (section.replyCount === 0) out.push('_No replies yet._', '')
  return out
}

/** The Markdown report of a whole workshop, ending with one line break. */
export function markdownReport(workshop: Workshop, options: MarkdownOptions): string {
  const report = reportOf(workshop)
  const lines = [
    `# ${escapeMarkdown(oneLine(report.title) || 'Workshop')}`,
    '',
    `_${report.date}_`,
    '',
  ]
  for (const section of report.prompts) lines.push(...promptSection(section, options))
  return lines.join('\n').replace(/\n+$/, '\n')
}
