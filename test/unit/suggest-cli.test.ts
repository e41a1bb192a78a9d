import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

/** Runs the command as a user would; resolves with its output and exit code. */
async function suggest(file: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'suggest', '--', file], {
      cwd: root,
    })
    return { stdout, stderr, code: 0 }
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code }
  }
}

describe('npm run suggest', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blankboard-suggest-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('prints one JSON object of named groups of line numbers, and nothing else', async () => {
    const file = join(dir, 'replies.txt')
    await writeFile(
      file,
      '\uFEFFToo many meetings\r\nNot enough time for testing\r\nMeetings all afternoon\r\n' +
        'Lack of time to refactor\r\n\r\nThe coffee machine is broken\r\nBack-to-back meetings\r\n',
    )
    const { stdout, code } = await suggest(file)
    expect(code).toBe(0)
    expect(stdout.trim().split('\n')).toHaveLength(1)
    const { groups } = JSON.parse(stdout) as { groups: { name: string; members: number[] }[] }
    expect(groups).toEqual([
      { name: 'Meetings', members: [0, 2, 6] },
      { name: expect.stringMatching(/time/i), members: [1, 3] },
    ])
  }, 30_000)

  it('on a 60-reply retrospective groups most replies under names taken from them', async () => {
    const file = resolve(root, 'test/fixtures/suggest/retro-60.txt')
    const { stdout } = await suggest(file)
    const { groups } = JSON.parse(stdout) as { groups: { name: string; members: number[] }[] }
    const grouped = groups.reduce((sum, g) => sum + g.members.length, 0)
    expect(grouped).toBeGreaterThanOrEqual(30)
    const names = groups.map((g) => g.name)
    expect(names).toContain('Code reviews')
    expect(names).toContain('Meetings')
  }, 30_000)

  it('says what is wrong, on stderr only, when the file cannot be read', async () => {
    const { stdout, stderr, code } = await suggest(join(dir, 'missing.txt'))
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain('Cannot read')
  }, 30_000)
})
