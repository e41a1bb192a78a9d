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
