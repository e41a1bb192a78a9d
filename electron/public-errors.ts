/**
 * What the page is told when something fails: words, never the machine's details. A
 * message or reason loses absolute paths (the file's name stays), raw system error
 * text ("EACCES: permission denied, open '…'") becomes words, and a parse error loses
 * the bit of file content the JSON parser quotes. The full detail is for the log.
 *
 * Plain TypeScript, no Electron import; used by the IPC handlers and the web harness.
 * Limits: a folder name holding a quote or a line break is not recognised as a path.
 */

/** Words for the system error codes people meet; anything else is "a system error". */
export function systemErrorWords(code: string): string {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'the file or its folder does not exist'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EROFS':
      return 'the disk is read-only'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'EISDIR':
      return 'that is a folder, not a file'
    case 'EEXIST':
      return 'a file of that name already exists'
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open'
    case 'EIO':
      return 'the disk reported an input/output error'
    case 'ELOOP':
      return 'the path is a loop of links'
    case 'ENAMETOOLONG':
      return 'the name is too long'
    case 'EBUSY':
      return 'the file is in use by another program'
    default:
      return 'the system reported an error'
  }
}

/** Node's system error text: `CODE: description, call 'path'` (and `-> 'path'`). */
const SYSTEM_ERROR = /\b(E[A-Z0-9]{2,}): [^,\n]*(?:, \w+(?: '[^'\n]*')?(?: -> '[^'\n]*')?)?/g
/** The folders of an absolute POSIX path (the file's own name is kept). */
const POSIX_FOLDERS = /(?<=^|[\s'"(])\/(?:[^/\n'"]*\/)+/g
/** The folders of a Windows path: drive, UNC or device form. */
const WINDOWS_FOLDERS = /(?<=^|[\s'"(])(?:[A-Za-z]:|\\\\[^\\\n'"]+)\\(?:[^\\\n'"]*\\)*/g
/** The content JSON.parse quotes in its message, and what surrounds it. */
const JSON_REASON = /the file is not valid JSON\b.*$/s
const LINE_COLUMN = /line (\d+) column (\d+)/

/** `message` without paths, raw system error text or quoted file content. */
export function publicMessage(message: string): string {
  const json = JSON_REASON.exec(message)
  if (json) {
    const at = LINE_COLUMN.exec(json[0])
    const words = at
      ? `the file is not valid JSON (at line ${at[1]}, column ${at[2]})`
      : 'the file is not valid JSON'
    message = message.slice(0, json.index) + words
  }
  return message
    .replace(SYSTEM_ERROR, (_all, code: string) => systemErrorWords(code))
    .replace(WINDOWS_FOLDERS, '')
    .replace(POSIX_FOLDERS, '')
}

/**
 * A result as the page may see it: the words of an open's `reason` and a save's
 * `saveError` go through `publicMessage`; everything else (the workshop itself, the
 * path the user chose) is kept as it is.
 */
export function publicResult<T>(result: T): T {
  if (typeof result !== 'object' || result === null) return result
  const record = result as Record<string, unknown>
  let cleaned: Record<string, unknown> | null = null
  for (const field of ['reason', 'saveError']) {
    const value = record[field]
    if (typeof value === 'string') {
      cleaned ??= { ...record }
      cleaned[field] = publicMessage(value)
    }
  }
  return (cleaned ?? result) as T
}
