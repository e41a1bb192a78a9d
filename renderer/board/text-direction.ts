/**
 * The writing direction of a reply, from its first strong letter, as a browser's
 * `dir="auto"` would decide it; the canvas does not do this by itself.
 */

const FIRST_LETTER = /\p{L}/u
const RTL_LETTER =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\u{10800}-\u{10fff}]|[\u{1e800}-\u{1efff}]/u

/** 'rtl' when the first letter of `text` belongs to a right-to-left script. */
export function textDirection(text: string): 'ltr' | 'rtl' {
  const first = FIRST_LETTER.exec(text)
  return first && RTL_LETTER.test(first[0]) ? 'rtl' : 'ltr'
}
