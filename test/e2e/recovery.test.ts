import { writeFile } from 'node:fs/promises'
import { readdir } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from './app.ts'
import { createWorkshop, openApp, readWorkshopFile, savedWorkshop, typeReplies } from './app.ts'

let app: App | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('recovering a damaged workshop', () => {
  it('a corrupted file shows the recovery message; accepting the backup brings the notes back', async () => {
    app = await openApp()
    const { page } = app
    await createWorkshop(page, 'Offsite')
    await typeReplies(page, ['first reply', 'second reply', 'third reply'])
    await savedWorkshop(app)
    await page.getByRole('button', { name: 'Workshops' }).click()

    const { path } = await readWorkshopFile(app.dataDir)
    await writeFile(path, '{"format":"blankboard","formatVersion":2,"workshop":{"prompts":[{"id"')
    await page.reload()
    await page.getByRole('button', { name: /^Offsite/ }).click()
    const alert = page.getByRole('alert')
    await alert
      .getByText(/could not read .*Offsite\.blankboard: the file is not valid JSON/)
      .waitFor()
    await alert.getByText(/The newest good backup is from/).waitFor()

    await alert.getByRole('button', { name: 'Open the backup' }).click()
    // The newest backup is the last saved state: all three replies.
    await page.waitForFunction(() => window.__blankboard?.noteIds().length === 3)
    const workshop = await savedWorkshop(app)
    expect(
      Object.values(workshop.notes)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['first reply', 'second reply', 'third reply'])
    const kept = (await readdir(app.dataDir)).filter((f) =>
      f.startsWith('Offsite.blankboard.corrupt-'),
    )
    expect(kept).toHaveLength(1)
    expect(app.pageErrors).toEqual([])
  })
})
