/**
 * A survey export of any size, written to a temp file at bench or test time (big files
 * are never committed): an id, a team and a reply of about 125 characters per row, with
 * quoted commas, doubled quotes, accents and an emoji now and then, as real exports have.
 * Limits: every reply is distinct, so nothing stacks.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

const TEAMS = ['Sales', 'Équipe support', 'Engineering', 'Design', 'Operations', 'Finance']
const WORDS = [
  'meetings',
  'focus',
  'customers',
  'trust',
  'roadmap',
  'quality',
  'hiring',
  'onboarding',
  'documentation',
  'incentives',
  'deadlines',
  'ownership',
  'feedback',
  'tooling',
  'café',
  'priorities',
  'scope',
  'budget',
  'handoffs',
  'releases',
]

/** One row's reply: distinct for each row, about 125 characters. */
export function replyOf(row: number): string {
  const w = (k: number) => WORDS[(row * 7 + k * 13) % WORDS.length]!
  const base = `reply ${row}: fewer ${w(1)} and more ${w(2)}, because ${w(3)} beat ${w(4)} every time, noted in week ${(row % 52) + 1}`
  if (row % 50 === 0) return `${base} — "${w(5)}" said twice 🚀`
  return base
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Writes a CSV with a header row and `rows` replies to `path`; resolves to its size in bytes. */
export async function writeBigCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path)
  let bytes = 0
  let buffer = 'id,team,reply\r\n'
  for (let row = 1; row <= rows; row++) {
    buffer += `${row},${csvCell(TEAMS[row % TEAMS.length]!)},${csvCell(replyOf(row))}\r\n`
    if (buffer.length > 1 << 20 || row === rows) {
      bytes += Buffer.byteLength(buffer)
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end()
  await once(out, 'finish')
  return bytes
}
