/**
 * The size of a value that arrived over IPC, in bytes of its JSON form, counted without
 * serialising it and stopping as soon as it passes a limit. IPC hands the main process
 * already-cloned values, so this is how a call's size is capped before any schema walks it.
 *
 * A value shared by many places counts at each place, as a schema walks it there; a
 * cycle counts until it passes the limit.
 * Limits: an estimate that never undercounts JSON by much (numbers count as their
 * shortest text, strings as UTF-8 plus quotes, escapes not counted); typed arrays
 * count their bytes (a piece of an export is one); other values JSON cannot hold (Maps)
 * count by their own rules and the schema refuses them.
 */

/** Bytes of `value` as JSON, or `limit + 1` once it is known to be larger than `limit`. */
export function payloadSize(value: unknown, limit: number): number {
  let total = 0
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const item = pending.pop()
    switch (typeof item) {
      case 'string':
        total += Buffer.byteLength(item, 'utf8') + 2
        break
      case 'number':
      case 'bigint':
        total += String(item).length
        break
      case 'boolean':
        total += item ? 4 : 5
        break
      case 'object':
        if (item === null) {
          total += 4
          break
        }
        if (ArrayBuffer.isView(item)) {
          total += item.byteLength
        } else if (Array.isArray(item)) {
          total += 2 + item.length
          if (total > limit) return limit + 1
          for (const element of item) pending.push(element)
        } else {
          total += 2
          const record = item as Record<string, unknown>
          for (const key in record) {
            if (!Object.hasOwn(record, key)) continue
            total += Buffer.byteLength(key, 'utf8') + 4
            if (total > limit) return limit + 1
            pending.push(record[key])
          }
        }
        break
      case 'undefined':
      case 'function':
      case 'symbol':
        total += 4
        break
    }
    if (total > limit) return limit + 1
  }
  return total
}
