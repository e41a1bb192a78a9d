/**
 * `npm run --silent export -- --format md|csv|html|json [--authors] FILE.blankboard`:
 * runs an exporter of core/export on a workshop file and writes the export to standard
 * output, and nothing else there. Problems go to standard error with exit code 1 (the
 * file could not be read) or 2 (the command was misused).
 * Limits: reads the file as it is on disk (a file open in the app may be a second behind);
 * PNG and PDF need a drawing surface and are exported from the app.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { csvExport } from '../core/export/csv.ts'
import { htmlReport } from '../core/export/html-report.ts'
import { markdownReport } from '../core/export/markdown.ts'
import { decodeWorkshop } from '../core/migrations.ts'

const FORMATS = ['md', 'csv', 'html', 'json'] as const
const USAGE =
  'Usage: npm run --silent export -- --format md|csv|html|json [--authors] FILE.blankboard'

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(code)
}

let parsed
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      authors: { type: 'boolean', default: false },
    },
  })
} catch (error) {
  fail(2, `${(error as Error).message}\n${USAGE}`)
}
const { values, positionals } = parsed
const format = values.format as (typeof FORMATS)[number] | undefined
if (!format || !FORMATS.includes(format))
  fail(2, `--format must be one of ${FORMATS.join(', ')}.\n${USAGE}`)
if (positionals.length !== 1) fail(2, `Name one workshop file.\n${USAGE}`)
const file = positionals[0]!

let text: string
try {
  text = await readFile(file, 'utf8')
} catch (error) {
  fail(
    1,
    `Could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
  )
}
const decoded = decodeWorkshop(text)
let workshop
switch (decoded.kind) {
  case 'ok':
    workshop = decoded.workshop
    break
  case 'tooNew':
    if (!decoded.workshop) fail(1, `${file} is from a newer Blankboard and cannot be read here.`)
    workshop = decoded.workshop
    break
  case 'notWorkshop':
  case 'unreadable':
  case 'invalid':
    fail(1, `${file} cannot be exported: ${decoded.reason}.`)
}

const options = { authors: values.authors ?? false }
switch (format) {
  case 'md':
    process.stdout.write(markdownReport(workshop, options))
    break
  case 'csv':
    process.stdout.write(csvExport(workshop))
    break
  case 'html':
    process.stdout.write(htmlReport(workshop, options))
    break
  case 'json':
    // The file itself, as it is on disk (Save a copy).
    process.stdout.write(text)
    break
}
