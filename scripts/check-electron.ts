/**
 * `npm run check:electron`: the static check of the Electron code for the usual security
 * mistakes (scripts/electron-lint/), failing on any finding docs/security.md does not
 * explain, and on any explanation left without its finding. `npm test` runs it too.
 */
import { resolve } from 'node:path'
import { checkElectronCode } from './electron-lint/check.ts'

const report = await checkElectronCode(resolve(import.meta.dirname, '..'))
for (const f of report.findings) {
  const known = !report.unexplained.includes(f)
  console.log(`${known ? 'explained  ' : 'UNEXPLAINED'} ${f.rule} ${f.file}:${f.line} ${f.message}`)
}
for (const e of report.stale) console.log(`STALE       ${e.rule} ${e.file}: nothing found any more`)
if (report.unexplained.length > 0 || report.stale.length > 0) {
  console.error(
    `\nElectron check failed: ${report.unexplained.length} unexplained finding(s), ${report.stale.length} stale explanation(s). Fix the code, or explain the finding in docs/security.md.`,
  )
  process.exit(1)
}
console.log(`\nElectron check passed: ${report.findings.length} finding(s), each explained.`)
