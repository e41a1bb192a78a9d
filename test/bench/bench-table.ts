/**
 * The benchmark report: sections of rows printed as plain aligned tables, plus the
 * statistics they quote (median and 95th percentile of a sample).
 */

/** One table of the report. */
export interface BenchSection {
  title: string
  columns: string[]
  rows: (string | number)[][]
  /** Goals and caveats printed under the table. */
  notes?: string[]
}

/** The value below which `p` (0..1) of the sorted sample lies (nearest rank). */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN
  const sorted = [...sample].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

/** Median of a sample. */
export const median = (sample: readonly number[]) => percentile(sample, 0.5)

/** Milliseconds, to one decimal. */
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–')

/** Prints a section as an aligned table. */
export function printSection(section: BenchSection): void {
  const cells = [section.columns, ...section.rows.map((row) => row.map(String))]
  const widths = section.columns.map((_, i) =>
    Math.max(...cells.map((row) => (row[i] ?? '').length)),
  )
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  console.log(`\n${section.title}`)
  console.log(line(section.columns))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of cells.slice(1)) console.log(line(row))
  for (const note of section.notes ?? []) console.log(`  ${note}`)
}
