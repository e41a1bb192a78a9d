import { readFileSync, writeFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { htmlReport } from '../../core/export/html-report.ts'
import { escapeMarkdown, markdownReport } from '../../core/export/markdown.ts'
import { byVotes, reportOf } from '../../core/export/report.ts'
import type { Cluster } from '../../core/model.ts'
import { exportFixture, fixtureWorkshop } from './helpers/export-fixture.ts'

/** Compares with a committed golden file; UPDATE_GOLDEN=1 rewrites it instead. */
function golden(name: string, actual: string): void {
  const path = exportFixture(name)
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('the Markdown report', () => {
  it('matches the golden report of the fixture workshop, with authors', () => {
    golden('report.md', markdownReport(fixtureWorkshop(), { authors: true }))
  })

  it('lists clusters by votes, ties in board order, and fills the blank with each name', () => {
    const md = markdownReport(fixtureWorkshop(), { authors: false })
    const headings = md.split('\n').filter((line) => line.startsWith('### '))
    expect(headings).toEqual([
      '### 1. What if, in your attempt to **ship faster 🚀**?',
      '### 2. What if, in your attempt to **keep the \\*quality\\* bar high**?',
      '### 3. What if, in your attempt to **لا نفقد ثقة العملاء**?',
      '### 4. **Unnamed cluster 1**',
      '### Not in a cluster',
      '### Replies',
    ])
  })

  it('counts a stacked reply once per person (×3) and names authors only when asked', () => {
    const workshop = fixtureWorkshop()
    expect(markdownReport(workshop, { authors: true })).toContain(
      '- Misaligned incentives ×3 (3 votes) — Chen, Dana\n',
    )
    const without = markdownReport(workshop, { authors: false })
    expect(without).toContain('- Misaligned incentives ×3 (3 votes)\n')
    expect(without).not.toContain('Chen')
  })

  it('never quotes a face-down reply, and says how many are missing', () => {
    const md = markdownReport(fixtureWorkshop(), { authors: true })
    expect(md).not.toContain('secret')
    expect(md).not.toContain('Another hidden one')
    expect(md.match(/1 reply is still face down/g)).toHaveLength(2)
  })

  it('keeps a multi-line reply inside its list item', () => {
    const md = markdownReport(fixtureWorkshop(), { authors: false })
    expect(md).toContain(
      '- First line of a long thought\\\n  and a second line\\\n  after a blank one\n',
    )
  })

  it('escapes reply text so no reply turns into a heading, list, link or HTML', () => {
    const md = markdownReport(fixtureWorkshop(), { authors: false })
    expect(md).toContain('- \\# not a heading\\\n  1\\. not a list\n')
    expect(md).toContain('\\[link\\](http://x) \\<b\\>bold\\</b\\> \\& more')
    expect(md).toContain('- \\=HYPERLINK(')
  })

  it('escaped text, with the escapes taken off, is the text itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const escaped = escapeMarkdown(text)
        // CommonMark reads "\x" as x for any ASCII punctuation x.
        expect(escaped.replace(/\\([!-/:-@[-`{-~])/g, '$1')).toBe(text)
      }),
    )
  })
})

describe('the report order', () => {
  it('sorts by votes, most first, and keeps board order among equals', () => {
    const cluster = (id: string, votes: number) => ({ id, votes }) as Cluster
    fc.assert(
      fc.property(fc.array(fc.nat(5), { maxLength: 30 }), (votes) => {
        const list = votes.map((v, i) => cluster(`c${i}`, v))
        const sorted = byVotes(list)
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!]
          expect(
            a.votes > b.votes ||
              (a.votes === b.votes && Number(a.id.slice(1)) < Number(b.id.slice(1))),
          ).toBe(true)
        }
        expect(sorted).toHaveLength(list.length)
      }),
    )
  })

  it('has every face-up reply of the workshop exactly once', () => {
    const workshop = fixtureWorkshop()
    const report = reportOf(workshop)
    const listed = report.prompts.flatMap((p) =>
      [...p.clusters.flatMap((c) => c.notes), ...p.loose].map((n) => n.note.id),
    )
    const faceUp = Object.values(workshop.notes)
      .filter((n) => !n.hidden)
      .map((n) => n.id)
    expect(listed.sort()).toEqual(faceUp.sort())
  })
})

describe('the printable report', () => {
  it('escapes every piece of workshop text: a reply is never markup', () => {
    const html = htmlReport(fixtureWorkshop(), { authors: true })
    expect(html).not.toContain('<b>bold</b>')
    expect(html).toContain('&#60;b&#62;bold&#60;/b&#62;')
    expect(html).not.toMatch(/<script|<img|<link|https?:\/\/(?!example\.invalid|x\b)/)
  })

  it('has the clusters in vote order with their names in the blank, and no face-down words', () => {
    const html = htmlReport(fixtureWorkshop(), { authors: false })
    const first = html.indexOf('ship faster 🚀')
    const second = html.indexOf('keep the *quality* bar high')
    expect(first).toBeGreaterThan(0)
    expect(second).toBeGreaterThan(first)
    expect(html).toContain(
      'What if, in your attempt to <strong><bdi>ship faster 🚀</bdi></strong>?',
    )
    expect(html).not.toContain('secret')
    expect(html).toContain('×3')
  })

  it('is styled for print: page margins, clusters kept whole, each prompt on a new page', () => {
    const html = htmlReport(fixtureWorkshop(), { authors: false })
    expect(html).toContain('@page')
    expect(html).toContain('break-inside: avoid')
    expect(html).toContain('break-before: page')
    expect(html).toContain('<bdi>نحتاج إلى مزيد من الوقت للاختبار</bdi>')
  })
})
