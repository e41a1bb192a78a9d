/**
 * A child process for the crash test: opens a workshop through the real store and adds
 * one reply after another, forever, reporting each acknowledged revision to its parent,
 * until it is killed.
 */
import { dirname } from 'node:path'
import { createNote } from '../../../core/create.ts'
import { createWorkshopStore } from '../../../electron/files/workshop-store.ts'

const [path, dataDir] = process.argv.slice(2) as [string, string]
const store = createWorkshopStore({ workshopsDir: dirname(path), dataDir })
const result = await store.openWorkshop(path)
if (result.kind !== 'opened' || result.workshop.readOnly) {
  process.send?.({ error: result.kind === 'opened' ? result.workshop.readOnly : result.kind })
  process.exit(1)
}
const { handle, workshop } = result.workshop
const promptId = workshop.prompts[0]!.id
let count = Object.keys(workshop.notes).length
process.send?.({ ready: count })
for (let revision = 0; ; revision++) {
  const note = createNote({ promptId, text: `reply ${count + 1}`, x: 0, y: 0 })
  const ack = await store.applyOps(handle, revision, [{ type: 'addNotes', notes: [note] }])
  if (ack.saveError) throw new Error(ack.saveError)
  count += 1
  process.send?.({ saved: count })
}
