import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

describe('the dependency rule: renderer → core ← electron', () => {
  it('core may import neither electron/ nor renderer/, nor Node I/O', async () => {
    expect(
      await problems(
        'core/x.ts',
        "import { a } from '../electron/files/workshop-store.ts'\nexport { a }\n",
      ),
    ).not.toEqual([])
    expect(
      await problems('core/x.ts', "import { a } from '../renderer/api.ts'\nexport { a }\n"),
    ).not.toEqual([])
    expect(
      await problems(
        'core/x.ts',
        "import { readFile } from 'node:fs/promises'\nexport { readFile }\n",
      ),
    ).not.toEqual([])
    expect(
      await problems('core/x.ts', "import { app } from 'electron'\nexport { app }\n"),
    ).not.toEqual([])
    expect(await problems('core/x.ts', "import { z } from 'zod'\nexport { z }\n")).toEqual([])
  }, 30_000) // the first lint builds the project's type information

  it('the renderer may not import the main process', async () => {
    expect(
      await problems('renderer/x.ts', "import { a } from '../electron/ipc.ts'\nexport { a }\n"),
    ).not.toEqual([])
    expect(
      await problems(
        'renderer/x.ts',
        "import { ipcRenderer } from 'electron'\nexport { ipcRenderer }\n",
      ),
    ).not.toEqual([])
    expect(
      await problems('renderer/x.ts', "import { apply } from '../core/ops.ts'\nexport { apply }\n"),
    ).toEqual([])
  })
})
