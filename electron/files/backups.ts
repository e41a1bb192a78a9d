/**
 * Backups of workshop files, in the app's data folder, one folder per workshop path:
 * the content of each save is kept as a rotating generation (the last 5; the file as
 * opened is kept before the first save replaces it), and at most every 5 minutes also as
 * a timed snapshot (kept 7 days, and at most 100 MB of them per workshop). When a file
 * cannot be read, the newest backup that decodes is offered instead. Backup folders and
 * files are private to the user (0700 and 0600).
 *
 * Limits: a backup is written atomically but not fsynced (the file itself is); keyed by
 * path, so a moved file starts a new history.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeWorkshop } from '../../core/migrations.ts'
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, writeFileDurably } from './durable-write.ts'

/** Generations kept per workshop. */
export const GENERATIONS = 5
/** Least time between two timed snapshots. */
export const SNAPSHOT_EVERY_MS = 5 * 60 * 1000
/** How long timed snapshots are kept. */
export const SNAPSHOT_KEEP_MS = 7 * 24 * 60 * 60 * 1000
/**
 * Most bytes the timed snapshots of one workshop may take; the oldest go first, and the
 * newest is always kept. A week of snapshots of a 10 MB workshop would otherwise be 20 GB.
 */
export const SNAPSHOT_BUDGET_BYTES = 100 * 1024 * 1024

/** A backup that can be opened. */
export interface Backup {
  path: string
  /** When it was taken (ISO 8601). */
  takenAt: string
}

const NAME = /^(gen|snap)-(\d{13})-?\d*\.blankboard$/

/** The backups of one workshop file. */
export class Backups {
  private readonly folder: string
  private readonly now: () => number
  private lastSnapshot = 0
  private sequence = 0

  private readonly budget: number

  /** `now` and `budget` (bytes of snapshots) are for tests. */
  constructor(
    dataDir: string,
    workshopPath: string,
    now: () => number = Date.now,
    budget = SNAPSHOT_BUDGET_BYTES,
  ) {
    const key = createHash('sha256').update(workshopPath).digest('hex').slice(0, 20)
    this.folder = join(dataDir, 'backups', key)
    this.now = now
    this.budget = budget
  }

  /** Keeps `content` as a generation, and as a snapshot when one is due. */
  async keep(content: string): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: PRIVATE_FOLDER_MODE })
    const time = this.now()
    // A sequence number keeps names apart when two saves share a millisecond.
    const stamp = `${String(time).padStart(13, '0')}-${this.sequence++}`
    const write = (name: string) =>
      writeFileDurably(join(this.folder, name), content, undefined, false, PRIVATE_FILE_MODE)
    await write(`gen-${stamp}.blankboard`)
    const entries = await this.list()
    if (time - Math.max(this.lastSnapshot, this.newest(entries, 'snap')) >= SNAPSHOT_EVERY_MS) {
      await write(`snap-${stamp}.blankboard`)
      this.lastSnapshot = time
    }
    await this.prune()
  }

  private newest(entries: { kind: string; time: number }[], kind: string): number {
    return Math.max(0, ...entries.filter((e) => e.kind === kind).map((e) => e.time))
  }

  private async list(): Promise<{ name: string; kind: string; time: number }[]> {
    let names: string[]
    try {
      names = await readdir(this.folder)
    } catch {
      return []
    }
    return names.flatMap((name) => {
      const match = NAME.exec(name)
      return match ? [{ name, kind: match[1]!, time: Number(match[2]) }] : []
    })
  }

  private async prune(): Promise<void> {
    const entries = (await this.list()).sort(
      (a, b) => b.time - a.time || (a.name < b.name ? 1 : -1),
    )
    const gens = entries.filter((e) => e.kind === 'gen').slice(GENERATIONS)
    const snaps = entries.filter((e) => e.kind === 'snap')
    const oldSnaps = snaps.filter((e) => this.now() - e.time > SNAPSHOT_KEEP_MS)
    await Promise.all(
      [
        ...gens,
        ...oldSnaps,
        ...(await this.overBudget(snaps.filter((e) => !oldSnaps.includes(e)))),
      ].map((e) => rm(join(this.folder, e.name), { force: true })),
    )
  }

  /** The snapshots (newest first) past the byte budget, never the newest one. */
  private async overBudget<T extends { name: string }>(snaps: T[]): Promise<T[]> {
    let total = 0
    const over: T[] = []
    for (const [i, snap] of snaps.entries()) {
      try {
        total += (await stat(join(this.folder, snap.name))).size
      } catch {
        continue // removed meanwhile
      }
      if (i > 0 && total > this.budget) over.push(snap)
    }
    return over
  }

  /** The newest backup whose content decodes as a workshop, or null. */
  async newestGood(): Promise<Backup | null> {
    const entries = (await this.list()).sort(
      (a, b) => b.time - a.time || (a.name < b.name ? 1 : -1),
    )
    for (const entry of entries) {
      const path = join(this.folder, entry.name)
      try {
        const result = decodeWorkshop(await readFile(path, 'utf8'))
        if (result.kind === 'ok') return { path, takenAt: new Date(entry.time).toISOString() }
      } catch {
        // An unreadable backup is skipped; an older one may do.
      }
    }
    return null
  }

  /** True when `path` is one of this workshop's backups (never open an arbitrary file as one). */
  owns(path: string): boolean {
    return path.startsWith(this.folder + '/') || path.startsWith(this.folder + '\\')
  }
}
