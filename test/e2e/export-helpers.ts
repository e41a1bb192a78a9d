/**
 * Steps the export tests share: putting a workshop file in the app's folder and opening
 * it from the home screen, opening the Export dialog, and finding what it wrote.
 */
import { copyFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { encodeWorkshop } from '../../core/migrations.ts'
import type { Workshop } from '../../core/model.ts'
import type { App } from './app.ts'

/** Puts a workshop (a fixture path, or a document) in the app's folder and opens it from the home screen. */
export async function openWorkshopFile(
  app: App,
  source: string | Workshop,
  title: string,
): Promise<string> {
  const path = join(app.dataDir, `${title.replace(/[^\w ]+/g, '')}.blankboard`)
  if (typeof source === 'string') await copyFile(source, path)
  else await writeFile(path, encodeWorkshop(source))
  // Opening it once through the store puts it on the recent list the home screen shows.
  const opened = await app.harness.store.openWorkshop(path)
  if (opened.kind !== 'opened') throw new Error(`could not open ${path}: ${opened.kind}`)
  await app.harness.store.closeWorkshop(opened.workshop.handle)
  await app.page.reload()
  await app.page.getByRole('button', { name: new RegExp(`^${escape(title)}`) }).click()
  await app.page.getByRole('textbox', { name: 'Reply' }).waitFor()
  await app.page.waitForFunction(() => window.__blankboard !== undefined)
  return path
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Opens the Export dialog from the keyboard. */
export async function openExportDialog(page: Page) {
  await page.keyboard.press('Control+e')
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await dialog.waitFor()
  return dialog
}

/** The names of the files in the app's folder that end in `.ext`. */
export async function filesEndingIn(dir: string, ext: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith(`.${ext}`)).sort()
}
