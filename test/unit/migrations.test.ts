import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createNote, createWorkshop } from '../../core/create.ts'
import { FORMAT_VERSION, decodeWorkshop, encodeWorkshop } from '../../core/migrations.ts'
import { apply } from '../../core/ops.ts'
import type { Note, Workshop } from '../../core/model.ts'
import { knownShape } from '../../core/newer-format.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url), 'utf8')

describe('the workshop file envelope', () => {
  it('round-trips a workshop with every kind of text', () => {
    let doc = createWorkshop('Ünïcode 工作坊 🧪')
    const texts = ['e\u0301', '👩🏽‍💻 ZWJ', 'שלום עולם', '中文，日本語、한국어', 'tab\tand\nnewline']
    doc = apply(doc, {
      type: 'addNotes',
      notes: texts.map((text, i) => createNote({ promptId: doc.prompts[0]!.id, text, x: i, y: i })),
    })
    const decoded = decodeWorkshop(encodeWorkshop(doc))
    expect(decoded).toEqual({ kind: 'ok', workshop: doc, fromVersion: FORMAT_VERSION })
  })

  it('says a file is empty, not JSON, or not a workshop', () => {
    expect(decodeWorkshop('')).toMatchObject({ kind: 'unreadable', reason: 'the file is empty' })
    expect(decodeWorkshop('{"format":"blankboard","formatV')).toMatchObject({ kind: 'unreadable' })
    expect(decodeWorkshop('[1,2]')).toMatchObject({ kind: 'notWorkshop' })
    expect(decodeWorkshop('{"format":"excalidraw"}')).toMatchObject({ kind: 'notWorkshop' })
  })

  it('names the records that break the schema', () => {
    const result = decodeWorkshop(fixture('v1-wrong-schema.blankboard'))
    expect(result.kind).toBe('invalid')
    expect(result.kind === 'invalid' && result.reason).toMatch(/notes\.n1\.x/)
  })

  it('opens every known format version fixture', () => {
    for (let v = 1; v <= FORMAT_VERSION; v++) {
      const result = decodeWorkshop(fixture(`v${v}.blankboard`))
      expect(result.kind, `format version ${v}`).toBe('ok')
    }
  })

  it('brings a format 1 file up to date: prompts not hidden, notes with no duplicates', () => {
    const result = decodeWorkshop(fixture('v1.blankboard'))
    if (result.kind !== 'ok') throw new Error(result.kind)
    expect(result.fromVersion).toBe(1)
    expect(result.workshop.prompts[0]!.hidden).toBe(false)
    expect(result.workshop.notes.n1!.duplicates).toEqual([])
  })

  it("numbers a format 2 board's clusters in the order they were made", () => {
    const v2 = JSON.parse(fixture('v2.blankboard'))
    const promptId = v2.workshop.prompts[0].id
    const cluster = (id: string) => ({
      id,
      promptId,
      name: id,
      color: 'blue',
      x: 0,
      y: 0,
      votes: 0,
    })
    v2.workshop.clusters = { zz: cluster('zz'), aa: cluster('aa'), mm: cluster('mm') }
    const result = decodeWorkshop(JSON.stringify(v2))
    if (result.kind !== 'ok') throw new Error(result.kind)
    const { clusters } = result.workshop
    expect([clusters.zz!.order, clusters.aa!.order, clusters.mm!.order]).toEqual([1, 2, 3])
  })
  it('gives every board of a format 3 file a vote that has not started, keeping its dots', () => {
    const v3 = JSON.parse(fixture('v3.blankboard'))
    v3.workshop.clusters.c1.votes = 4
    const result = decodeWorkshop(JSON.stringify(v3))
    if (result.kind !== 'ok') throw new Error(result.kind)
    expect(result.fromVersion).toBe(3)
    for (const prompt of result.workshop.prompts) {
      expect(prompt.vote).toEqual({
        state: 'off',
        dotsPerPerson: 3,
        voters: null,
        countsHidden: false,
        notesVotable: false,
      })
    }
    expect(result.workshop.clusters.c1!.votes).toBe(4)
  })

  it('keeps a format 4 board’s vote and refuses settings out of bounds', () => {
    const result = decodeWorkshop(fixture('v4.blankboard'))
    if (result.kind !== 'ok') throw new Error(result.kind)
    expect(result.workshop.prompts[0]!.vote).toMatchObject({ state: 'ended', voters: 12 })
    const v4 = JSON.parse(fixture('v4.blankboard'))
    v4.workshop.prompts[0].vote.dotsPerPerson = 0
    expect(decodeWorkshop(JSON.stringify(v4))).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/prompts\.0\.vote\.dotsPerPerson/),
    })
    v4.workshop.prompts[0].vote.dotsPerPerson = 3
    v4.workshop.clusters.c1.votes = -1
    expect(decodeWorkshop(JSON.stringify(v4)).kind).toBe('invalid')
  })

  it('reads a file from a newer version leniently: its content shown, unknown fields kept, never invalid', () => {
    const result = decodeWorkshop(fixture('future-version.blankboard'))
    if (result.kind !== 'tooNew' || !result.workshop) throw new Error(result.kind)
    expect(result.formatVersion).toBe(99)
    const w = result.workshop as Workshop & Record<string, unknown>
    expect(w.title).toBe('Q3 planning offsite')
    expect(w.prompts.map((p) => p.text)).toEqual([
      'What if, in your attempt to ____?',
      'How do we course-correct without losing ____?',
    ])
    // The replies the room gave, in their cluster, with fields this version does not know.
    const first = w.notes.n111aaa222bb as Note & { reactions?: unknown; segment?: unknown }
    expect(first.text).toBe('scale too fast, we lose the people who got us here')
    expect(first.clusterId).toBe('c1q2w3e4r5t6')
    expect(first.reactions).toEqual([{ emoji: '👍', count: 4 }])
    expect(first.segment).toEqual({ team: 'Ops', site: 'Leeds' })
    expect(w.notes.n333ccc444dd!.color).toBe('yellow') // a colour this version lacks
    expect(w.clusters.c1q2w3e4r5t6).toMatchObject({
      name: 'Growth at the cost of people',
      order: 0,
    })
    // A record kind this version has never heard of is kept, not dropped.
    expect(w.timers).toMatchObject({ t1: { seconds: 300 } })
    // A kind of note this version cannot show (a sketch, no text) is left out and counted.
    expect(w.notes.n777ggg888hh).toBeUndefined()
    expect(result.skipped).toBe(1)
  })

  it('a newer file that is merely today’s with a higher version still opens read-only, not invalid', () => {
    const today = JSON.parse(fixture(`v${FORMAT_VERSION}.blankboard`))
    today.formatVersion = FORMAT_VERSION + 1
    today.workshop.notes.n1.mood = 'hopeful'
    const result = decodeWorkshop(JSON.stringify(today))
    expect(result.kind).toBe('tooNew')
    expect(result.kind === 'tooNew' && result.workshop?.notes.n1).toMatchObject({ mood: 'hopeful' })
  })

  it('a newer file copied with Save As keeps only what this version knows, and is valid', () => {
    const result = decodeWorkshop(fixture('future-version.blankboard'))
    if (result.kind !== 'tooNew' || !result.workshop) throw new Error(result.kind)
    const known = knownShape(result.workshop)
    if (!known.ok) throw new Error(known.reason)
    expect(decodeWorkshop(encodeWorkshop(known.workshop)).kind).toBe('ok')
    expect(known.workshop.notes.n111aaa222bb).not.toHaveProperty('reactions')
  })
})
