/**
 * Checks a workshop after a change, before anything writes it: every record the change
 * made or replaced passes its schema, and the cross-record rules of a file hold (ids
 * match keys, notes and clusters name prompts and clusters that exist). A document that
 * fails here would be refused by the loader, so the change is refused instead.
 *
 * Records the change did not touch (the same object as before) are not checked again:
 * they passed when the document was opened or last changed. A change of the prompts or
 * clusters re-checks the references of every note, which costs a loop, not a parse.
 * Limits: `before` must itself be valid (as every open document is).
 */
import type { Workshop } from './model.ts'
import {
  clusterSchema,
  describeIssues,
  noteSchema,
  promptSchema,
  workshopSchema,
} from './schema.ts'

/** Why `after` is not a valid workshop, or null when it is. */
export function whyInvalidAfterChange(before: Workshop, after: Workshop): string | null {
  if (
    after.id !== before.id ||
    after.title !== before.title ||
    after.createdAt !== before.createdAt
  ) {
    return fullCheck(after)
  }
  const problems: string[] = []
  const promptsChanged = after.prompts !== before.prompts
  if (promptsChanged) {
    if (after.prompts.length === 0) problems.push('prompts: a workshop keeps at least one prompt')
    const ids = new Set<string>()
    for (const prompt of after.prompts) {
      if (ids.has(prompt.id)) problems.push(`prompts: two prompts share the id ${prompt.id}`)
      ids.add(prompt.id)
      if (!before.prompts.includes(prompt)) check(promptSchema, prompt, `prompts.${prompt.id}`)
    }
  }
  const promptIds = new Set(after.prompts.map((p) => p.id))
  const clustersChanged = after.clusters !== before.clusters
  if (clustersChanged) {
    for (const key of Object.keys(after.clusters)) {
      const cluster = after.clusters[key]!
      if (
        Object.hasOwn(before.clusters, key) &&
        before.clusters[key] === cluster &&
        !promptsChanged
      )
        continue
      check(clusterSchema, cluster, `clusters.${key}`)
      if (cluster.id !== key) problems.push(`clusters.${key}: cluster id differs from its key`)
      if (!promptIds.has(cluster.promptId))
        problems.push(`clusters.${key}: cluster of an unknown prompt`)
    }
  }
  if (after.notes !== before.notes || promptsChanged || clustersChanged) {
    for (const key of Object.keys(after.notes)) {
      const note = after.notes[key]!
      const same = Object.hasOwn(before.notes, key) && before.notes[key] === note
      if (!same) {
        check(noteSchema, note, `notes.${key}`)
        if (note.id !== key) problems.push(`notes.${key}: note id differs from its key`)
      }
      if (same && !promptsChanged && !clustersChanged) continue
      if (!promptIds.has(note.promptId)) problems.push(`notes.${key}: note of an unknown prompt`)
      if (note.clusterId !== null && !Object.hasOwn(after.clusters, note.clusterId)) {
        problems.push(`notes.${key}: note in an unknown cluster`)
      }
    }
  }
  return problems.length === 0 ? null : summary(problems)

  function check(
    schema: typeof noteSchema | typeof clusterSchema | typeof promptSchema,
    value: unknown,
    where: string,
  ): void {
    const parsed = schema.safeParse(value)
    if (!parsed.success) problems.push(`${where}: ${describeIssues(parsed.error, 1)}`)
  }
}

function fullCheck(workshop: Workshop): string | null {
  const parsed = workshopSchema.safeParse(workshop)
  return parsed.success ? null : describeIssues(parsed.error)
}

function summary(problems: string[]): string {
  const more = problems.length - 3
  return problems.slice(0, 3).join('; ') + (more > 0 ? ` (and ${more} more)` : '')
}
