/**
 * Turning pasted text into replies: one reply per non-empty line, with list bullets and
 * numbering taken off (people paste from chats, documents and slides).
 *
 * Limits: a reply that itself spans several lines must be typed with Shift+Enter or
 * imported from a CSV with quoted cells; a paste always splits on line breaks.
 */

// Bullets (•, -, *, –, ▪, ◦, ‣, ·, >) and numbering (1. 1) (1) a. a)) at the start of a line.
const MARKER = /^\s*(?:[-*•–—▪◦‣·>]+|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+/u

/** The replies in a pasted text, in order. */
export function splitPastedReplies(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => line.replace(MARKER, '').trim())
    .filter((line) => line !== '')
}

/** Above this many replies, a paste asks before adding them. */
export const PASTE_CONFIRM_ABOVE = 20
