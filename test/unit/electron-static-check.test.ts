/**
 * The gate on the Electron code: the static check finds each usual mistake, and the
 * app's own code has no finding that docs/security.md does not explain.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkElectronCode,
  explanationsIn,
  findingsIn,
  lintText,
} from '../../scripts/electron-lint/check.ts'

const root = new URL('../..', import.meta.url).pathname

const safePrefs =
  'contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false'

/** Each rule, and code that makes its mistake. */
const MISTAKES: [rule: string, code: string][] = [
  ['NODE_INTEGRATION', `const o = { webPreferences: { ${safePrefs}, nodeIntegration: true } }`],
  ['NODE_INTEGRATION_IN_WORKER', `const o = { nodeIntegrationInWorker: true }`],
  ['NODE_INTEGRATION_IN_SUBFRAMES', `const o = { nodeIntegrationInSubFrames: true }`],
  ['CONTEXT_ISOLATION', `const o = { contextIsolation: false }`],
  ['SANDBOX', `const o = { sandbox: false }`],
  ['WEB_SECURITY', `const o = { webSecurity: false }`],
  ['INSECURE_CONTENT', `const o = { allowRunningInsecureContent: true }`],
  ['EXPERIMENTAL_FEATURES', `const o = { experimentalFeatures: true }`],
  ['BLINK_FEATURES', `const o = { enableBlinkFeatures: 'CSSVariables' }`],
  ['WEBVIEW_TAG', `const o = { webviewTag: true }`],
  ['SPELLCHECK', `const o = { spellcheck: true }`],
  ['PRELOAD_JS', `const o = { preload: 'p.js' }`],
  ['REMOTE_MODULE', `const o = { enableRemoteModule: true }`],
  ['SECURE_DEFAULTS_EXPLICIT', `new BrowserWindow({ webPreferences: { preload } })`],
  ['OPEN_EXTERNAL', `shell.openExternal(url)`],
  ['DANGEROUS_FUNCTIONS', `win.webContents.executeJavaScript(code)`],
  ['DANGEROUS_FUNCTIONS', `const f = new Function(body)`],
  ['CUSTOM_ARGUMENTS', `app.commandLine.appendSwitch('ignore-certificate-errors')`],
  ['CERTIFICATE_VERIFY_PROC', `session.setCertificateVerifyProc((r, cb) => cb(0))`],
  ['PROTOCOL_HANDLERS', `protocol.registerFileProtocol('x', () => {})`],
  ['PROTOCOL_HANDLERS', `app.setAsDefaultProtocolClient('blankboard')`],
  ['CERTIFICATE_ERROR_EVENT', `app.on('certificate-error', (e) => e.preventDefault())`],
  ['SECURITY_WARNINGS', `process.env.ELECTRON_DISABLE_SECURITY_WARNINGS = 'true'`],
  ['HTTP_RESOURCES', `win.loadURL('http://localhost:5173/')`],
  ['HTTP_RESOURCES', `win.loadFile('index.html')`],
  ['WINDOW_OPEN_ALLOWED', `contents.setWindowOpenHandler(() => ({ action: 'allow' }))`],
  ['IPC_SENDER_UNCHECKED', `ipcMain.handle('read', (event, path) => readFile(path))`],
  ['PRELOAD_IPC', `contextBridge.exposeInMainWorld('ipc', ipcRenderer)`],
  ['PRELOAD_IPC', `const api = { invoke: (channel, ...a) => ipcRenderer.invoke(channel, ...a) }`],
  ['PRELOAD_IPC', `const api = { listen: (f) => ipcRenderer.on('x', f) }`],
]

// ESLint with the TypeScript parser over every Electron file: seconds on a busy machine.
describe('the static check of the Electron code', { timeout: 60_000 }, () => {
  it.each(MISTAKES)('%s finds: %s', async (rule, code) => {
    const findings = await lintText(code)
    expect(findings.map((f) => f.rule)).toContain(rule)
  })

  it('finds nothing in the safe way of doing each', async () => {
    const safe = [
      `const o = { webPreferences: { ${safePrefs}, nodeIntegrationInWorker: false, webviewTag: false, allowRunningInsecureContent: false } }`,
      `shell.openExternal('https://example.com/help')`,
      `contents.setWindowOpenHandler(() => ({ action: 'deny' }))`,
      `ipcMain.handle('x', (event) => { if (!ok(event.senderFrame?.url)) throw new Error('no') })`,
      `const api = { list: () => ipcRenderer.invoke(CHANNELS.list) }`,
      `win.loadURL(\`\${APP_ORIGIN}/index.html\`)`,
    ]
    for (const code of safe) expect(await lintText(code), code).toEqual([])
  })

  it('cannot be switched off by a comment in the code', async () => {
    const code = `// eslint-disable-next-line\nconst o = { sandbox: false }`
    expect((await lintText(code)).map((f) => f.rule)).toEqual(['SANDBOX'])
  })

  it('reports each guard missing from the Electron code, and none missing from the app', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'blankboard-bare-electron-'))
    try {
      await mkdir(join(bare, 'electron'))
      await writeFile(join(bare, 'electron', 'main.ts'), 'export const nothing = 1\n')
      const missing = (await findingsIn(bare)).map((f) => f.rule)
      expect(missing).toEqual([
        'PERMISSION_REQUEST_HANDLER',
        'PERMISSION_CHECK_HANDLER',
        'LIMIT_NAVIGATION',
        'LIMIT_REDIRECT',
        'LIMIT_NEW_WINDOWS',
        'LIMIT_WEBVIEW',
        'CSP',
        'OFFLINE_SESSION',
      ])
    } finally {
      await rm(bare, { recursive: true, force: true })
    }
    expect((await findingsIn(root)).filter((f) => f.line === 0)).toEqual([])
  })

  it('passes the app: every finding explained in docs/security.md, no explanation stale', async () => {
    const report = await checkElectronCode(root)
    expect(report.unexplained).toEqual([])
    expect(report.stale).toEqual([])
    expect(report.findings.length).toBeGreaterThan(0)
  })

  it('reads the explanations from the table in docs/security.md', async () => {
    const rows = explanationsIn(await readFile(`${root}docs/security.md`, 'utf8'))
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.rule).toMatch(/^[A-Z_]+$/)
      expect(row.why.length).toBeGreaterThan(20)
    }
  })
})
