/**
 * The renderer's only way to the workshop store: `window.blankboard`, set by the
 * Electron preload or, in harness builds, by the HTTP bridge.
 */
import type { BlankboardApi, OpenResult } from '../core/api.ts'

/** The API, read lazily so the bridge can install itself first. */
export function api(): BlankboardApi {
  return window.blankboard
}

/**
 * The message of an error from the API, without the wrapper Electron puts round an
 * error from the main process ("Error invoking remote method '…': Error: ").
 */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '')
}

/** A sentence a person can act on for an open that did not succeed. */
export function openFailureMessage(result: Exclude<OpenResult, { kind: 'opened' }>): string {
  switch (result.kind) {
    case 'missing':
      return `${result.path} is not there any more. It may have been moved, renamed or deleted.`
    case 'notWorkshop':
      return `${result.path} is not a Blankboard workshop: ${result.reason}.`
    case 'unreadable':
      return `Blankboard could not read ${result.path}: ${result.reason}. The file has not been changed.`
    case 'invalid':
      return `${result.path} could not be opened: ${result.reason}. The file has not been changed.`
    case 'tooNew':
      return `${result.path} was saved by a newer version of Blankboard (format ${result.formatVersion}). Update Blankboard to open it; the file has not been changed.`
  }
}
