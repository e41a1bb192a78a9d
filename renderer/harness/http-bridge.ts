/**
 * Harness builds only: `window.blankboard` as HTTP calls to the web harness
 * (`POST /api/<method>` with the argument array). Production builds never include it.
 */
import type { BlankboardApi } from '../../core/api.ts'
import { API_METHODS } from '../../core/api.ts'

async function call(method: string, args: unknown[]): Promise<unknown> {
  const response = await fetch(`./api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  })
  const body: unknown = await response.json()
  if (!response.ok) {
    const message = (body as { error?: string } | null)?.error ?? `HTTP ${response.status}`
    throw new Error(message)
  }
  return body
}

/** Defines `window.blankboard` unless a preload already did. */
export function installHttpBridge(): void {
  if ('blankboard' in window) return
  const api = Object.fromEntries(
    API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as BlankboardApi
  Object.defineProperty(window, 'blankboard', { value: Object.freeze(api) })
}
