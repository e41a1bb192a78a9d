/**
 * The accessibility check the end-to-end tests run on each screen: axe-core injected into
 * the real page, failing on any serious or critical violation (colour contrast at AA included).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
let axeSource: Promise<string> | undefined

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[] }[]
}

/** The serious and critical axe-core violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  const source = await axeSource
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source) // evaluated over the DevTools protocol, so the page's CSP stays strict
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(root: Document, options: object): Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    )
}
