/**
 * Record ids: short, random, URL-safe. Uses the platform's crypto (present in
 * browsers and Node), never Math.random, so two windows never mint the same id.
 * Random bytes are drawn a few kilobytes at a time and used once each, so minting
 * 100,000 ids for an import costs a few dozen calls to the platform, not 100,000.
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'
const ID_LENGTH = 12
/** Random bytes drawn per call (the Web Crypto limit is 65,536). */
const POOL_BYTES = ID_LENGTH * 1024

const pool = new Uint8Array(POOL_BYTES)
let used = POOL_BYTES

/** A new random id of 12 base-36 characters (about 62 bits). */
export function newId(): string {
  if (used + ID_LENGTH > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool)
    used = 0
  }
  let id = ''
  for (let i = 0; i < ID_LENGTH; i++) id += ALPHABET[pool[used++]! % ALPHABET.length]
  return id
}
