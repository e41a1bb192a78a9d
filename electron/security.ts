/**
 * The app's security constants, shared by the Electron shell and the web harness.
 * No Electron import here, so it can be unit-tested and reused.
 */

/** The scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app'

/** The origin of every page of the app. */
export const APP_ORIGIN = `${APP_SCHEME}://blankboard`

/** A strict Content-Security-Policy: own scripts, styles and fonts only; no eval, no inline script. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/**
 * True when a frame's URL is one of the app's own pages. `app:` is not a special
 * scheme to the URL parser, so its origin reads "null": compare scheme and host.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'blankboard'
  } catch {
    return false
  }
}

/**
 * Largest argument list one API call may carry, in bytes of its JSON form, measured
 * before any schema runs (IPC and the web harness alike). The page splits bigger
 * batches of ops into several calls.
 */
export const MAX_CALL_BYTES = 16 * 1024 * 1024

/**
 * The most one call of `method` may carry: MAX_CALL_BYTES for every method. Exports
 * larger than that (a big PNG) travel in pieces (`appendExport`), each a few MB.
 */
export function callLimit(method: string): number {
  void method
  return MAX_CALL_BYTES
}

/** Schemes a page of the app may request besides its own: data held in memory. */
const IN_MEMORY_SCHEMES = new Set(['data:', 'blob:'])

/** True when a request stays on this machine: the app's own pages, or in-memory data. */
export function isOfflineUrl(url: string): boolean {
  if (isAppUrl(url)) return true
  try {
    return IN_MEMORY_SCHEMES.has(new URL(url).protocol)
  } catch {
    return false
  }
}
