/// <reference types="vite/client" />
/// <reference types="svelte" />
import type { BlankboardApi } from '../core/api.ts'

declare global {
  interface Window {
    /** The workshop store, exposed by the preload (or the harness's HTTP bridge). */
    readonly blankboard: BlankboardApi
  }
}
