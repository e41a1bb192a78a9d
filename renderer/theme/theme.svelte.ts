/**
 * The app's theme: light (the default), dark, or projector (high contrast, larger type).
 * The chosen theme is remembered on this computer; present mode shows the projector theme
 * for as long as it lasts without changing the choice. The page's colours are CSS
 * variables under `html[data-theme]` (styles/global.css); the canvas's come from
 * board/palette.ts, switched here at the same moment.
 */
import type { Theme } from '../board/palette.ts'
import { setBoardPalette } from '../board/palette.ts'

export type { Theme }

/** The themes in menu order, with their names. */
export const THEMES: { id: Theme; name: string }[] = [
  { id: 'light', name: 'Light' },
  { id: 'dark', name: 'Dark' },
  { id: 'projector', name: 'Projector' },
]

const KEY = 'blankboard.theme'

function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark' || value === 'projector'
}

function stored(): Theme {
  try {
    const value = localStorage.getItem(KEY)
    return isTheme(value) ? value : 'light'
  } catch {
    return 'light'
  }
}

/** The chosen theme, what is shown now (the projector theme while presenting). */
export const theme = $state({ chosen: stored(), shown: stored() as Theme, presenting: false })

function show(): void {
  const next: Theme = theme.presenting ? 'projector' : theme.chosen
  theme.shown = next
  document.documentElement.dataset.theme = next
  setBoardPalette(next)
}

/** Chooses a theme and remembers it. */
export function chooseTheme(next: Theme): void {
  if (!isTheme(next)) return
  theme.chosen = next
  try {
    localStorage.setItem(KEY, next)
  } catch {
    // Storage off: the theme lasts until the window closes.
  }
  show()
}

/** Present mode on or off: the projector theme while it lasts. */
export function presentTheme(on: boolean): void {
  theme.presenting = on
  show()
}

/** Applies the remembered theme (once, as the app starts). */
export function startTheme(): void {
  show()
}
