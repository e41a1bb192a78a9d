/**
 * Bidirectional-text controls in user text. A reply or a title may carry the Unicode
 * embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069); on a canvas,
 * where nothing isolates a string from its neighbours, U+202E alone makes "txt.exe" read
 * "exe.txt". HTML isolates user text with `unicode-bidi: isolate`; the canvas calls
 * `stripBidiControls`, which drops the controls (so does the window title).
 *
 * Limits: the implicit marks (U+200E LRM, U+200F RLM, U+061C ALM) stay: they only place
 * neutral characters and cannot reverse a run of letters.
 */

/** One embedding, override or isolate control. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u
/** Every embedding, override and isolate control. */
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'gu')

/** True when `text` holds an embedding, override or isolate control. */
export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROL.test(text)
}

/** `text` without its embedding, override and isolate controls, for drawing on a canvas. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '')
}
