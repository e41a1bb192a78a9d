/**
 * Serving the built renderer: maps a request path to a file inside the renderer folder,
 * refusing anything that would escape it, with the content type and the strict CSP.
 * Used by the Electron `app://` protocol and by the web harness. No Electron import.
 */
import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './security.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
}

/**
 * The file a URL path names inside `root`, or null when the path is malformed or
 * leads outside it (`..`, encoded slashes and the like).
 */
export function resolveAppFile(root: string, pathname: string): string | null {
  let relative: string
  try {
    relative = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (relative.includes('\0')) return null
  if (relative === '' || relative.endsWith('/')) relative += 'index.html'
  const base = resolve(root)
  const file = resolve(base, '.' + (relative.startsWith('/') ? relative : `/${relative}`))
  return file.startsWith(base + sep) ? file : null
}

/** A served file: its bytes and headers, or a 404. */
export interface AppFile {
  status: 200 | 404
  headers: Record<string, string>
  body: Uint8Array | null
}

/** Reads the file a URL path names, with the headers every app response carries. */
export async function readAppFile(root: string, pathname: string): Promise<AppFile> {
  const headers: Record<string, string> = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  }
  const file = resolveAppFile(root, pathname)
  try {
    if (!file || !(await stat(file)).isFile()) throw new Error('not a file')
    const body = await readFile(file)
    headers['content-type'] = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
    return { status: 200, headers, body }
  } catch {
    headers['content-type'] = 'text/plain; charset=utf-8'
    return { status: 404, headers, body: null }
  }
}
