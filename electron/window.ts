/**
 * The app window's locked-down settings and the guards on every web contents: no
 * navigation away from the app, no new windows, no webviews, no permissions, and no
 * request off the machine (spell-check is off: Chromium would download its dictionaries).
 * Electron is a type-only import, so this is unit-tested without the binary.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron'
import { isAppUrl, isOfflineUrl } from './security.ts'

/** Options of the main window: isolated, sandboxed, no Node in the page. */
export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'Blankboard',
    backgroundColor: '#f5f3ee',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium fetches spell-check dictionaries from the network on Windows and Linux.
      spellcheck: false,
    },
  }
}

/** Refuses navigation off the app, new windows and webviews for one web contents. */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** Denies every permission request and check (camera, notifications, …). */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/**
 * Keeps a session off the network: spell-check (and its dictionary download) off, and
 * every request cancelled unless it is for the app's own pages or in-memory data.
 */
export function keepOffline(session: Session): void {
  session.setSpellCheckerEnabled(false)
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isOfflineUrl(details.url)
    if (!allowed) console.warn(`Refused a network request to ${details.url}`)
    callback({ cancel: !allowed })
  })
}
