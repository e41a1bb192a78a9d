/**
 * Workshop templates: a named, ordered set of prompts to start from. The templates
 * themselves are data files in assets/templates/; this is their shape.
 */
import { z } from 'zod'
import { MAX_LABEL } from './schema.ts'

export const templateSchema = z.strictObject({
  /** Stable id. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Shown on the New screen. */
  name: z.string().min(1).max(80),
  /** One sentence on when to use it. */
  description: z.string().max(200),
  /** The prompts, in order; `____` marks each blank. */
  prompts: z.array(z.string().max(MAX_LABEL)).min(1).max(20),
})

/** A workshop template. */
export type Template = z.infer<typeof templateSchema>
