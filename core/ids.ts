/**
 * Record ids: short, random, URL-safe. Uses the platform's crypto (present in
 * browsers and Node), never Math.random, so two windows never mint the same id.
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/** A new random id of 12 base-36 characters (about 62 bits). */
export function newId(): string {
  const bytes = new Uint8Array(12)
  globalThis.crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
  return id
}
