import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createNote, createWorkshop } from '../../core/create.ts'
import { FORMAT_VERSION, decodeWorkshop, encodeWorkshop } from '../../core/migrations.ts'
import { apply } from '../../core/ops.ts'

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

  it('tells a file from a newer version apart, keeping what it can show', () => {
    const result = decodeWorkshop(fixture('future-version.blankboard'))
    expect(result).toMatchObject({ kind: 'tooNew', formatVersion: 999 })
  })
})
