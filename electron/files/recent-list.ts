/**
 * The recent-workshops list, kept in the app's data folder as a small lowdb file
 * written durably. Newest first, at most 20 entries, one entry per path.
 *
 * Limits: a damaged list is not precious: it is read as empty and replaced.
 */
import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { Adapter } from 'lowdb'
import { z } from 'zod'
import type { RecentWorkshop } from '../../core/api.ts'
import { PRIVATE_FILE_MODE, writeFileDurably } from './durable-write.ts'
import { SaveQueue } from './save-queue.ts'

const MAX_RECENT = 20

const entrySchema = z.object({ path: z.string(), title: z.string(), openedAt: z.string() })
type Entry = z.infer<typeof entrySchema>
const fileSchema = z.object({ recent: z.array(entrySchema) })
type RecentFile = z.infer<typeof fileSchema>

class RecentFileAdapter implements Adapter<RecentFile> {
  private readonly path: string
  constructor(path: string) {
    this.path = path
  }
  async read(): Promise<RecentFile | null> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }
  async write(data: RecentFile): Promise<void> {
    await writeFileDurably(
      this.path,
      JSON.stringify(data, null, 2) + '\n',
      undefined,
      true,
      PRIVATE_FILE_MODE,
    )
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/** The recent list of one data folder. */
export class RecentList {
  private readonly db: Low<RecentFile>
  private readonly saves: SaveQueue
  private loaded: Promise<void> | null = null

  constructor(dataDir: string) {
    this.db = new Low(new RecentFileAdapter(join(dataDir, 'recent.json')), { recent: [] })
    this.saves = new SaveQueue(() => this.db.write())
  }

  private load(): Promise<void> {
    this.loaded ??= this.db.read()
    return this.loaded
  }

  /** The entries, newest first, each marked with whether its file is still there. */
  async list(): Promise<RecentWorkshop[]> {
    await this.load()
    return Promise.all(
      this.db.data.recent.map(async (e) => ({ ...e, exists: await exists(e.path) })),
    )
  }

  /** Puts `path` at the top of the list. */
  async touch(path: string, title: string, now: Date = new Date()): Promise<void> {
    await this.load()
    const entry: Entry = { path, title, openedAt: now.toISOString() }
    this.db.data.recent = [entry, ...this.db.data.recent.filter((e) => e.path !== path)].slice(
      0,
      MAX_RECENT,
    )
    await this.saves.request()
  }

  /** Removes `path` from the list. */
  async forget(path: string): Promise<void> {
    await this.load()
    this.db.data.recent = this.db.data.recent.filter((e) => e.path !== path)
    await this.saves.request()
  }
}
