/**
 * Open and save times of the workshop store, on a real temp folder: opening is read,
 * parse, validate; saving is one small change acknowledged after the durable write
 * (temp file, fsync, rename, folder fsync) of the whole file.
 * Limits: the temp folder's disk is the machine's; a laptop SSD may differ.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeWorkshop } from '../../core/migrations.ts'
import { createWorkshopStore } from '../../electron/files/workshop-store.ts'
import type { BenchSection } from './bench-table.ts'
import { median, ms, percentile } from './bench-table.ts'
import { sampleWorkshop } from './sample-workshop.ts'

/** Measures opening and saving workshops of each size. */
export async function storeBench(sizes = [1_000, 5_000, 10_000], runs = 20): Promise<BenchSection> {
  const rows: (string | number)[][] = []
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'blankboard-bench-store-'))
    try {
      const { workshop } = sampleWorkshop(size)
      const path = join(dir, `bench-${size}.blankboard`)
      await writeFile(path, encodeWorkshop(workshop))
      const store = createWorkshopStore({ workshopsDir: dir, dataDir: join(dir, 'data') })
      const opens: number[] = []
      let handle = ''
      for (let i = 0; i < runs; i++) {
        const start = performance.now()
        const result = await store.openWorkshop(path)
        opens.push(performance.now() - start)
        if (result.kind !== 'opened') throw new Error(`could not open: ${result.kind}`)
        handle = result.workshop.handle
        if (i < runs - 1) await store.closeWorkshop(handle)
      }
      const note = Object.values(workshop.notes)[0]!
      const saves: number[] = []
      for (let i = 0; i < runs; i++) {
        const start = performance.now()
        const ack = await store.applyOps(handle, i, [
          { type: 'moveNotes', moves: [{ id: note.id, x: note.x + i, y: note.y }] },
        ])
        saves.push(performance.now() - start)
        if (ack.saveError) throw new Error(ack.saveError)
      }
      await store.closeWorkshop(handle)
      const bytes = (await stat(path)).size
      rows.push([
        size.toLocaleString('en'),
        `${(bytes / 1024 / 1024).toFixed(1)} MB`,
        ms(median(opens)),
        ms(percentile(opens, 0.95)),
        ms(median(saves)),
        ms(percentile(saves, 0.95)),
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  return {
    title: `Workshop store: open and save (${runs} runs each, ms)`,
    columns: ['notes', 'file', 'open median', 'open p95', 'save median', 'save p95'],
    rows,
    notes: [
      'Goal: save p95 under 100 ms at 10,000 notes. A save is acknowledged only once durable.',
    ],
  }
}
