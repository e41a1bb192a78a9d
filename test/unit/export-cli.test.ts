import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvExport } from '../../core/export/csv.ts'
import { markdownReport } from '../../core/export/markdown.ts'
import { exportFixture, fixtureWorkshop } from './helpers/export-fixture.ts'

const run = promisify(execFile)
const script = new URL('../../scripts/export.ts', import.meta.url).pathname
let dir = ''
let file = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blankboard-export-cli-'))
  file = join(dir, 'Q3 retro.blankboard')
  await copyFile(exportFixture('workshop.blankboard'), file)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Runs the command; resolves with its exit code and both streams. */
async function exportCommand(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { encoding: 'utf8' })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('npm run export', { timeout: 30_000 }, () => {
  it('writes the Markdown report of a workshop file to standard output, and nothing else', async () => {
    const out = await exportCommand('--format', 'md', '--authors', file)
    expect(out).toEqual({
      code: 0,
      stdout: markdownReport(fixtureWorkshop(), { authors: true }),
      stderr: '',
    })
  })

  it('writes the CSV, BOM and all, with the file named before the format', async () => {
    const out = await exportCommand(file, '--format', 'csv')
    expect(out.code).toBe(0)
    expect(out.stdout).toBe(csvExport(fixtureWorkshop()))
  })

  it('writes the printable report and the workshop file itself', async () => {
    const html = await exportCommand('--format', 'html', file)
    expect(html.stdout).toMatch(/^<!doctype html>/)
    const json = await exportCommand('--format', 'json', file)
    expect(JSON.parse(json.stdout).workshop.title).toBe(fixtureWorkshop().title)
  })

  it('says what is wrong, on standard error only, for a bad format, a missing file or a damaged one', async () => {
    const format = await exportCommand('--format', 'docx', file)
    expect(format).toMatchObject({ code: 2, stdout: '' })
    expect(format.stderr).toContain('--format must be one of md, csv, html, json')
    const missing = await exportCommand('--format', 'md', join(dir, 'nope.blankboard'))
    expect(missing).toMatchObject({ code: 1, stdout: '' })
    expect(missing.stderr).toContain('Could not read')
    const damaged = join(dir, 'damaged.blankboard')
    await writeFile(damaged, '{"format":"blankboard","formatVersion":2,"workshop":{')
    const bad = await exportCommand('--format', 'csv', damaged)
    expect(bad).toMatchObject({ code: 1, stdout: '' })
    expect(bad.stderr).toContain('cannot be exported: the file is not valid JSON')
  })
})
