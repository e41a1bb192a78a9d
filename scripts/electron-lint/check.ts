/**
 * The static check of the Electron code: the rules of rules.ts over every file in
 * `electron/`, plus the guards that must exist somewhere (a permission handler, limits on
 * navigation, redirects, new windows and webviews, the CSP, the offline session). Every
 * finding must be explained in docs/security.md's table "Static check: findings
 * explained", by rule and file; an explanation with no finding left is stale. Both fail.
 *
 * Limits: the guards are found by name in the source, not proven to be wired up (the
 * shell tests do that).
 */
import { readFile, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import ts from 'typescript-eslint'
import { electronSecurityPlugin, rules } from './rules.ts'

/** One thing the check found. */
export interface Finding {
  /** The rule's id, as in docs/security.md. */
  rule: string
  /** The file, relative to the repository, with forward slashes. */
  file: string
  /** Where in the file (0 for a guard that is missing altogether). */
  line: number
  message: string
}

/** One row of the explained-findings table. */
export interface Explanation {
  rule: string
  file: string
  why: string
}

/** What the gate decides. */
export interface CheckReport {
  findings: Finding[]
  /** Findings that no row of the table explains. */
  unexplained: Finding[]
  /** Rows of the table that explain nothing any more. */
  stale: Explanation[]
}

/** Guards the Electron code must hold somewhere, each by a name it is found by. */
const REQUIRED_GUARDS: [rule: string, needle: RegExp, message: string][] = [
  ['PERMISSION_REQUEST_HANDLER', /setPermissionRequestHandler\(/, 'no permission request handler'],
  ['PERMISSION_CHECK_HANDLER', /setPermissionCheckHandler\(/, 'no permission check handler'],
  ['LIMIT_NAVIGATION', /'will-navigate'/, 'navigation is not limited'],
  ['LIMIT_REDIRECT', /'will-redirect'/, 'redirects are not limited'],
  ['LIMIT_NEW_WINDOWS', /setWindowOpenHandler\(/, 'new windows are not limited'],
  ['LIMIT_WEBVIEW', /'will-attach-webview'/, 'webviews are not refused'],
  ['CSP', /content-security-policy/i, 'no Content-Security-Policy header'],
  ['OFFLINE_SESSION', /onBeforeRequest\(/, 'requests off the machine are not refused'],
]

const TABLE_HEADING = /^##+\s*Static check: findings explained\s*$/m
const ROW = /^\|\s*`?([A-Z_]+)`?\s*\|\s*`?([^|`]+?)`?\s*\|\s*(.+?)\s*\|\s*$/

/** The explained findings in the text of docs/security.md. */
export function explanationsIn(markdown: string): Explanation[] {
  const start = markdown.search(TABLE_HEADING)
  if (start < 0) return []
  const rows: Explanation[] = []
  for (const line of markdown.slice(start).split('\n').slice(1)) {
    if (/^##/.test(line)) break
    const row = ROW.exec(line)
    if (row) rows.push({ rule: row[1]!, file: row[2]!, why: row[3]! })
  }
  return rows
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** Lints source text with the rules (for the rules' own tests). */
export async function lintText(text: string, file = 'electron/example.ts'): Promise<Finding[]> {
  const eslint = linter(process.cwd())
  const [result] = await eslint.lintText(text, { filePath: file })
  return (result?.messages ?? []).filter(counts).map((m) => ({
    rule: (m.ruleId ?? 'PARSE').replace('electron-security/', ''),
    file,
    line: m.line,
    message: m.message,
  }))
}

/** A rule's finding, or a file that cannot be parsed (not notes about inline comments). */
function counts(message: { ruleId: string | null; fatal?: boolean }): boolean {
  return message.fatal === true || (message.ruleId?.startsWith('electron-security/') ?? false)
}

function linter(root: string): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        // No comment in the code can switch a rule off: only docs/security.md explains.
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        languageOptions: { parser: ts.parser as never },
        plugins: { 'electron-security': electronSecurityPlugin as never },
        rules: Object.fromEntries(
          Object.keys(rules).map((id) => [`electron-security/${id}`, 'error']),
        ),
      },
    ],
  })
}

/** Every finding in the Electron code of the repository at `root`. */
export async function findingsIn(root: string): Promise<Finding[]> {
  const files = await sourceFiles(join(root, 'electron'))
  const results = await linter(root).lintFiles(files)
  const findings: Finding[] = results.flatMap((result) =>
    result.messages.filter(counts).map((m) => ({
      rule: (m.ruleId ?? 'PARSE').replace('electron-security/', ''),
      file: relative(root, result.filePath).replaceAll('\\', '/'),
      line: m.line,
      message: m.message,
    })),
  )
  const sources = await Promise.all(files.map((f) => readFile(f, 'utf8')))
  for (const [rule, needle, message] of REQUIRED_GUARDS) {
    if (!sources.some((text) => needle.test(text)))
      findings.push({ rule, file: 'electron/', line: 0, message })
  }
  return findings
}

/** Runs the check over the repository at `root` against its docs/security.md. */
export async function checkElectronCode(root: string): Promise<CheckReport> {
  const findings = await findingsIn(root)
  const explanations = explanationsIn(await readFile(join(root, 'docs/security.md'), 'utf8'))
  const explains = (e: Explanation, f: Finding) => e.rule === f.rule && e.file === f.file
  return {
    findings,
    unexplained: findings.filter((f) => !explanations.some((e) => explains(e, f))),
    stale: explanations.filter((e) => !findings.some((f) => explains(e, f))),
  }
}
