/**
 * The templates bundled from assets/templates/, in file-name order, each checked
 * against the template schema (a broken file is left out and reported in the console).
 */
import type { Template } from '../core/templates.ts'
import { templateSchema } from '../core/templates.ts'

const files = import.meta.glob<unknown>('../assets/templates/*.json', {
  eager: true,
  import: 'default',
})

/** Every valid template. */
export const TEMPLATES: Template[] = Object.keys(files)
  .sort()
  .flatMap((path) => {
    const parsed = templateSchema.safeParse(files[path])
    if (!parsed.success) console.warn(`Template ${path} is not valid and was left out.`)
    return parsed.success ? [parsed.data] : []
  })
