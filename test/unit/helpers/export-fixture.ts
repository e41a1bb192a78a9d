/**
 * The export fixture: a workshop with clusters (a vote tie among them), votes, stacked
 * duplicates with authors, emoji, right-to-left text, multi-line replies, commas,
 * quotes, formula starts, Markdown and HTML look-alikes, face-down notes and an empty
 * prompt, read through the real file decoder.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { decodeWorkshop } from '../../../core/migrations.ts'
import type { Workshop } from '../../../core/model.ts'

/** Path of a file in test/fixtures/export/. */
export function exportFixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/export/${name}`, import.meta.url))
}

/** The fixture workshop, decoded and migrated as the app would open it. */
export function fixtureWorkshop(): Workshop {
  const decoded = decodeWorkshop(readFileSync(exportFixture('workshop.blankboard'), 'utf8'))
  if (decoded.kind !== 'ok') throw new Error(`fixture does not decode: ${decoded.kind}`)
  return decoded.workshop
}
