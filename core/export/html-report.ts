/**
 * The printable report: one self-contained HTML page (no scripts, no outside files)
 * styled for paper as well as the screen: A4/Letter margins, clusters kept whole on a
 * page where they fit, each prompt starting a new page, black text on white. It carries
 * what the Markdown report carries (see markdown.ts), and is what the desktop app turns
 * into a PDF.
 *
 * Every piece of workshop text is escaped: a reply is always text, never markup.
 * Replies and names sit in `<bdi>` so right-to-left text reads the right way round.
 * Limits: fonts are the reader's own (a system sans-serif); face-down replies are counted,
 * never quoted (see report.ts).
 */
import type { Workshop } from '../model.ts'
import { BLANK } from '../model.ts'
import type { ReportNote, ReportPrompt } from './report.ts'
import { authorsOf, plural, reportOf, summary } from './report.ts'

/** What the printable report includes. */
export interface HtmlReportOptions {
  /** Name who gave each reply, when recorded. */
  authors: boolean
}

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const STYLE = `
  @page { size: auto; margin: 18mm 16mm; }
  :root { color-scheme: light; }
  body { font: 11pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
    color: #1c1d21; background: #fff; margin: 0 auto; max-width: 48rem; padding: 2rem; }
  h1 { font-size: 24pt; margin: 0 0 .2em; }
  .date { color: #4a4d55; margin: 0 0 2em; }
  section.prompt + section.prompt { break-before: page; margin-top: 2.5em; }
  h2 { font-size: 17pt; margin: 0 0 .3em; }
  .summary, .counts { color: #4a4d55; margin: 0 0 1em; }
  .cluster { break-inside: avoid; border-left: 4pt solid var(--mark, #d9d4c8);
    padding: .2em 0 .2em 1em; margin: 0 0 1.4em; }
  h3 { font-size: 13pt; margin: 0 0 .2em; break-after: avoid; }
  h3 .rank { color: #4a4d55; font-weight: 600; margin-inline-end: .3em; }
  h3 strong { background: #fff3c4; padding: 0 .15em; }
  ul { margin: .3em 0 0; padding-inline-start: 1.3em; }
  li { margin: .2em 0; break-inside: avoid; white-space: pre-line; }
  .times { font-weight: 700; }
  .meta { color: #4a4d55; }
  .face-down, .empty { color: #4a4d55; font-style: italic; }
  @media print { body { padding: 0; max-width: none; } }
`

/** The frame colour beside each cluster, from its palette colour. */
const MARK: Record<Workshop['clusters'][string]['color'], string> = {
  yellow: '#e9c53a',
  orange: '#f39a4c',
  pink: '#e77fa6',
  blue: '#5fa3dd',
  green: '#63b47c',
  grey: '#9aa0aa',
}

function item(entry: ReportNote, options: HtmlReportOptions): string {
  // <bdi> isolates each reply's direction: Arabic or Hebrew reads right, punctuation stays put.
  const words = entry.note.text.trim().replace(/\n\s*\n+/g, '\n')
  const parts = [`<bdi>${escapeHtml(words)}</bdi>`]
  if (entry.replies.length > 1) parts.push(` <span class="times">×${entry.replies.length}</span>`)
  if (entry.note.votes > 0)
    parts.push(` <span class="meta">(${plural(entry.note.votes, 'vote', 'votes')})</span>`)
  const authors = options.authors ? authorsOf(entry.replies) : []
  if (authors.length)
    parts.push(
      ` <span class="meta">— ${authors.map((a) => `<bdi>${escapeHtml(a)}</bdi>`).join(', ')}</span>`,
    )
  return `<li>${parts.join('')}</li>`
}

function faceDown(count: number): string {
  return count > 0
    ? `<p class="face-down">${plural(count, 'reply is', 'replies are')} still face down and not shown.</p>`
    : ''
}

/** The prompt's sentence as HTML, with `fill` (already HTML) in its blank. */
function sentence(promptText: string, fill: string): string {
  const at = promptText.indexOf(BLANK)
  if (at === -1) return `${escapeHtml(promptText)} — ${fill}`
  return (
    escapeHtml(promptText.slice(0, at)) + fill + escapeHtml(promptText.slice(at + BLANK.length))
  )
}

function promptSection(section: ReportPrompt, options: HtmlReportOptions): string {
  const clustered = section.clusters.reduce((sum, c) => sum + c.replyCount, 0)
  const out = [
    `<section class="prompt">`,
    `<h2 dir="auto">${escapeHtml(section.prompt.text)}</h2>`,
    `<p class="summary">${summary(section.replyCount, clustered, section.clusters.length)}</p>`,
  ]
  section.clusters.forEach((entry, i) => {
    const name = `<strong><bdi>${escapeHtml(entry.label)}</bdi></strong>`
    const heading = entry.named ? sentence(section.prompt.text, name) : name
    const counts = [
      plural(entry.cluster.votes, 'vote', 'votes'),
      plural(entry.notes.length + entry.faceDown, 'note', 'notes'),
    ]
    if (entry.replyCount !== entry.notes.length + entry.faceDown)
      counts.push(plural(entry.replyCount, 'reply', 'replies'))
    out.push(
      `<div class="cluster" style="--mark: ${MARK[entry.cluster.color]}">`,
      `<h3 dir="auto"><span class="rank">${i + 1}.</span>${heading}</h3>`,
      `<p class="counts">${counts.join(' · ')}</p>`,
      entry.notes.length ? `<ul>${entry.notes.map((n) => item(n, options)).join('')}</ul>` : '',
      faceDown(entry.faceDown),
      `</div>`,
    )
  })
  if (section.loose.length || section.looseFaceDown) {
    out.push(
      `<div class="loose">`,
      `<h3>${section.clusters.length ? 'Not in a cluster' : 'Replies'}</h3>`,
      section.loose.length ? `<ul>${section.loose.map((n) => item(n, options)).join('')}</ul>` : '',
      faceDown(section.looseFaceDown),
      `</div>`,
    )
  }
  if (section.replyCount === 0) out.push(`<p class="empty">No replies yet.</p>`)
  out.push(`</section>`)
  return out.filter((line) => line !== '').join('\n')
}

/** The printable report of a whole workshop, as one HTML document. */
export function htmlReport(workshop: Workshop, options: HtmlReportOptions): string {
  const report = reportOf(workshop)
  const title = escapeHtml(report.title.trim() || 'Workshop')
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // The file is opened from disk or printed; it must never reach out for anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1 dir="auto">${title}</h1>`,
    `<p class="date">${report.date}</p>`,
    ...report.prompts.map((section) => promptSection(section, options)),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
