/**
 * Renderer entry: loads the bundled typeface, installs the HTTP bridge in harness
 * builds (Electron's preload provides `window.blankboard` otherwise), mounts the app.
 */
import '@fontsource-variable/inter/wght.css'
import './styles/global.css'
import { mount } from 'svelte'
import App from './App.svelte'
import { startTheme } from './theme/theme.svelte.ts'

async function start(): Promise<void> {
  if (import.meta.env.MODE === 'harness') {
    const { installHttpBridge } = await import('./harness/http-bridge.ts')
    installHttpBridge()
  }
  startTheme()
  const target = document.getElementById('app')
  if (!target) throw new Error('index.html has no #app element')
  mount(App, { target })
}

void start()
