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
