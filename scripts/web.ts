/**
 * `npm run web -- --port P --data DIR`: builds the renderer in harness mode and serves
 * it on 127.0.0.1:P with the API bridged to a real workshop store kept in DIR.
 * `npm run dev -- --port P --data DIR`: the same API behind Vite's dev server, with hot reload.
 * The room (phones replying) is served on 127.0.0.1 from the same store; `--room-lan`
 * offers this computer's local-network addresses too, to try it with a real phone.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { build, createServer } from 'vite'
import {
  createApiHandler,
  harnessApi,
  harnessRoom,
  startHarness,
} from '../test/harness/web-harness.ts'
import { createWorkshopStore } from '../electron/files/workshop-store.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    data: { type: 'string', default: 'workshops' },
    dev: { type: 'boolean', default: false },
    'room-lan': { type: 'boolean', default: false },
  },
})
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`)
  process.exit(2)
}
const dataDir = resolve(values.data)
mkdirSync(dataDir, { recursive: true })
const configFile = resolve(import.meta.dirname, '../vite.config.ts')

if (values.dev) {
  const store = createWorkshopStore({
    workshopsDir: dataDir,
    dataDir: resolve(dataDir, '.app-data'),
  })
  const handleApi = createApiHandler(
    harnessApi(store, dataDir, harnessRoom(store, { lan: values['room-lan'] })),
  )
  const server = await createServer({
    configFile,
    mode: 'harness',
    server: { port, strictPort: true, host: '127.0.0.1' },
    plugins: [
      {
        name: 'blankboard-api',
        configureServer(vite) {
          vite.middlewares.use((req, res, next) => {
            void handleApi(req, res).then((handled) => (handled ? undefined : next()))
          })
        },
      },
    ],
  })
  await server.listen()
  server.printUrls()
  console.log(`Workshops are kept in ${dataDir}`)
} else {
  await build({ configFile, mode: 'harness', logLevel: 'warn' })
  const harness = await startHarness({
    staticDir: resolve(import.meta.dirname, '../dist/harness'),
    dataDir,
    port,
    roomLan: values['room-lan'],
  })
  console.log(`Blankboard web harness on ${harness.url}`)
  console.log(`Workshops are kept in ${dataDir}`)
  const stop = () => void harness.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
