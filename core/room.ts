/**
 * The room: phones on the local network send replies to the current prompt. These are
 * the records the room server and the board exchange (through `BlankboardApi`), and the
 * limits both sides keep. The server itself lives in electron/room/.
 * Limits: one room at a time, for one prompt of one open workshop.
 */
import { MAX_LABEL, MAX_NOTE_TEXT } from './schema.ts'

/** A network address the room can be served on, as offered to the facilitator. */
export interface RoomAddress {
  /** The IPv4 address, e.g. 192.168.1.20. */
  address: string
  /** The network interface's name, e.g. "Wi-Fi" or "wlan0", to tell several apart. */
  name: string
}

/** An open room, as the board shows it. */
export interface RoomInfo {
  /** Names this opening of the room in later calls. */
  roomId: string
  /** The join URL phones open (`http://address:port/code/`); the QR code holds it. */
  url: string
  /** The join code (128 random bits); new each time the room opens. */
  code: string
  /** The address served on. */
  address: string
  /** The port served on. */
  port: number
  /** The prompt whose replies the room collects. */
  promptId: string
}

/**
 * One reply a phone sent, for the board to add. The same reply may come again (when the
 * board did not report it for a long time): a board adds each id once.
 */
export interface RoomReply {
  /** The room's id for this submission, named back when it is saved. */
  id: string
  /** The words. */
  text: string
  /** The name the phone gave, or null. */
  author: string | null
}

/**
 * One dot a phone added (`delta` 1) or took back (-1) on a cluster, for the board to cast
 * as a click would. Like a reply it may come again; a board casts each id once.
 */
export interface RoomDot {
  /** The room's id for this change, named back when it is saved (or failed when refused). */
  id: string
  /** The cluster it goes on. */
  clusterId: string
  delta: 1 | -1
}

/** What the board learns from the room on each update. */
export interface RoomUpdate {
  /** False once the room is closed (by the board, or because its workshop closed). */
  open: boolean
  /** Phones seen in the last half minute. */
  phones: number
  /** Replies saved from phones since the room opened. */
  replies: number
  /** New replies to add to the board, then report saved. */
  incoming: RoomReply[]
  /** Dots phones cast, to put on the board (or report failed when the vote refuses them). */
  dots: RoomDot[]
}

/**
 * Longest reply a phone may send, in UTF-16 code units: a sentence or two. Under a
 * note's limit (MAX_NOTE_TEXT) because a phone's request is at most 4 kB, and 1,000
 * characters of any script (at most 3 bytes each in UTF-8) fit in it with a name.
 */
export const MAX_ROOM_REPLY = Math.min(1_000, MAX_NOTE_TEXT)
/** Longest name a phone may give: an author's limit. */
export const MAX_ROOM_NAME = Math.min(MAX_LABEL, 80)
/** Most submission ids one update may report saved or failed. */
export const MAX_ROOM_ACKS = 5_000
/** A room's id, a phone's id or a submission's id: 8 to 64 of a-z, 0-9 and `-`. */
export const ROOM_ID_PATTERN = /^[0-9a-z-]{8,64}$/

/** The message a phone shows when its reply is too long. */
export function tooLongMessage(length: number): string {
  return `This reply is ${length.toLocaleString('en')} characters long; the most is ${MAX_ROOM_REPLY.toLocaleString('en')}. Shorten it and send it again.`
}
