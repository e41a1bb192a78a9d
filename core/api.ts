/**
 * The contract between the UI and the workshop store: `BlankboardApi`, reached by the
 * renderer as `window.blankboard`, and its channel table. The Electron preload, the
 * IPC handlers and the web harness are all generated from this one table, and every
 * argument is validated against it before anything runs.
 */
import { z } from 'zod'
import type { Workshop } from './model.ts'
import { CHANNELS } from './api-channels.ts'
import type { ExportKind } from './export/export-files.ts'
import {
  EXPORT_PIECE_BYTES,
  MAX_EXPORT_BYTES,
  MAX_EXPORT_NAME,
  isExportFileName,
} from './export/export-files.ts'
import { MAX_LABEL, describeIssues, workshopSchema } from './schema.ts'
import { opSchema } from './ops.ts'
import type { Op } from './ops.ts'
import type { RoomAddress, RoomInfo, RoomUpdate } from './room.ts'
import { MAX_ROOM_ACKS, ROOM_ID_PATTERN } from './room.ts'

/** A workshop the user opened before, for the home screen. */
export interface RecentWorkshop {
  /** Absolute path of the file. */
  path: string
  /** The workshop's title when it was last open. */
  title: string
  /** When it was last opened (ISO 8601). */
  openedAt: string
  /** False when the file is no longer where it was. */
  exists: boolean
}

/** An open workshop, as handed to the window that opened it. */
export interface OpenWorkshop {
  /** Opaque handle naming this open file in later calls. */
  handle: string
  /** Absolute path of the file. */
  path: string
  /** The workshop as it is on disk now. */
  workshop: Workshop
  /** Count of op batches applied since opening; the next batch must name it. */
  revision: number
  /** Why the file cannot be changed, or null when it can. */
  readOnly: string | null
  /**
   * True when it is read-only only because another Blankboard holds its lock: the user
   * may take it over ("Open anyway") if they know that one is gone.
   */
  lockedElsewhere: boolean
}

/** A backup of a workshop that can be restored. */
export interface BackupOffer {
  /** Where the backup is (in the app's data folder). */
  path: string
  /** When it was taken (ISO 8601). */
  takenAt: string
}

/** Opening a file either gives an open workshop or says, in words, why not. */
export type OpenResult =
  | { kind: 'opened'; workshop: OpenWorkshop }
  | { kind: 'missing'; path: string }
  | { kind: 'notWorkshop'; path: string; reason: string }
  | { kind: 'unreadable'; path: string; reason: string; backup: BackupOffer | null }
  | { kind: 'invalid'; path: string; reason: string; backup: BackupOffer | null }
  /** Saved by a newer version in a shape this one cannot show at all (never damaged). */
  | { kind: 'tooNew'; path: string; formatVersion: number }

/** The store's acknowledgement of a batch of ops. */
export interface Applied {
  /** The workshop's revision after this batch. */
  revision: number
  /**
   * Null when the workshop at this revision is durably on disk; otherwise why it could
   * not be written. The change is kept in memory either way, and the next batch (or a
   * retry) writes it again.
   */
  saveError: string | null
}

/** Something the user asked of the app outside the page: a menu item, a file opened from the desktop. */
export type AppCommand =
  | { kind: 'new' }
  | { kind: 'open' }
  | { kind: 'openPath'; path: string }
  | { kind: 'saveAs' }
  | { kind: 'close' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  /** Board-only full screen on or off (the window has already changed). */
  | { kind: 'fullScreen'; on: boolean }
  /** The window is closing or the app quitting: close the workshop, then `readyToClose`. */
  | { kind: 'closeWindow' }
  /** Open the export dialog (File → Export…). */
  | { kind: 'export' }
  /** Start present mode (View → Present; the window has gone full screen). */
  | { kind: 'present' }
  /** Show and remember a theme (View → Theme). */
  | { kind: 'theme'; theme: 'light' | 'dark' | 'projector' }
  /** The room's timer (View → Timer): set (for `minutes`, or ask), pause/resume, +1 minute, clear. */
  | { kind: 'timer'; action: 'set' | 'toggle' | 'addMinute' | 'stop'; minutes?: number }

/** What to do with a workshop whose changes could not be written when it was closing. */
export type UnsavedChoice = 'retry' | 'saveAs' | 'discard' | 'cancel'

/**
 * An export to save: its kind, the file name offered in the save dialog, and its content
 * (text, a PNG as base64, or for a PDF the workshop the main process prints itself).
 */
export type ExportRequest =
  | { kind: Exclude<ExportKind, 'png' | 'pdf'>; name: string; text: string }
  | { kind: 'png'; name: string; base64: string }
  | { kind: 'pdf'; name: string; workshop: Workshop; authors: boolean }

/** Kinds of export whose bytes the page may send in pieces (all but the PDF, printed in main). */
export type PiecewiseExportKind = Exclude<ExportKind, 'pdf'>

/** Where an export was written. */
export interface ExportSaved {
  /** The file's name, for the message. */
  name: string
  /** Its absolute path, for "Show in folder". */
  path: string
}

/** What the UI may ask of the workshop store. Every method may reject with an Error. */
export interface BlankboardApi {
  /** Recently opened workshops, newest first. */
  listRecent(): Promise<RecentWorkshop[]>
  /** Removes one entry from the recent list (the file itself stays). */
  forgetRecent(path: string): Promise<RecentWorkshop[]>
  /**
   * Creates a workshop file named after `title` in the default folder
   * (Documents/Blankboard), never replacing an existing file, and opens it. `prompts`
   * are its prompts in order (from a template); by default, one prompt.
   */
  createWorkshop(title: string, prompts?: string[]): Promise<OpenResult>
  /** Opens a workshop file. */
  openWorkshop(path: string): Promise<OpenResult>
  /** Asks the user for a workshop file to open; null when they cancel. */
  chooseWorkshopFile(): Promise<string | null>
  /**
   * Applies a batch of ops to an open workshop and resolves once the result is on
   * disk, or the write failed (see `Applied.saveError`). `baseRevision` is the revision
   * the caller's copy is at; a mismatch, or an op that does not fit, rejects and
   * changes nothing.
   */
  applyOps(handle: string, baseRevision: number, ops: Op[]): Promise<Applied>
  /**
   * Closes an open workshop once its pending writes are on disk. If its last write
   * failed, it is written again first; if that fails too, this rejects with the reason
   * and the workshop stays open (the caller offers Retry, Save As… or Close without
   * saving). `discard` true closes it even so: "Close without saving".
   */
  closeWorkshop(handle: string, discard?: boolean): Promise<void>
  /**
   * Replaces a workshop file that cannot be read with one of its backups (offered by a
   * failed open) and opens it. Refused for a file that opens as it is, or is open or
   * locked anywhere. The damaged file is kept beside it as
   * `<name>.corrupt-<timestamp>`, never overwritten.
   */
  restoreBackup(path: string, backupPath: string): Promise<OpenResult>
  /**
   * "Open anyway": takes the lock of a workshop open read-only because another
   * Blankboard holds it (`lockedElsewhere`), reads the file again and makes it
   * writable here. Only for an owner the user knows is gone: two writers lose changes.
   */
  takeOverWorkshop(handle: string): Promise<OpenResult>
  /** Writes an open workshop again after a failed save; resolves like `applyOps`. */
  retrySave(handle: string): Promise<Applied>
  /**
   * Saves an open workshop to another file and keeps working there (the handle stays).
   * `path` null asks the user where (a save dialog); null comes back if they cancel.
   * Never replaces an existing file.
   */
  saveAs(handle: string, path: string | null): Promise<OpenResult | null>
  /**
   * The next command from the menu or the desktop (a double-clicked file, a second
   * launch); waits until there is one. The page calls it again after each.
   */
  nextCommand(): Promise<AppCommand>
  /**
   * The page's answer to a `closeWindow` command: true once it has closed its workshop
   * (nothing left unsaved), false when the user chose to stay.
   */
  readyToClose(ready: boolean): Promise<void>
  /**
   * Asks the user, in a native dialog, what to do with a workshop that could not be
   * saved while closing. Null where there are no native dialogs (the page asks itself).
   */
  chooseUnsavedAction(title: string, reason: string): Promise<UnsavedChoice | null>
  /**
   * Saves an export where the user chooses in a save dialog shown by the main process
   * (which asks before replacing a file); null when they cancel. The page never names
   * the folder. Rejects with a message when the content is not what its kind says, is
   * too large, or cannot be written (the web harness writes into its data folder
   * instead, never replacing a file, and has no PDF).
   */
  saveExport(request: ExportRequest): Promise<ExportSaved | null>
  /**
   * Starts an export too large for one call (a big PNG): its bytes follow in pieces
   * (`appendExport`), then `finishExport` checks them as `saveExport` would and asks
   * where to save. Answers the upload's id. One upload at a time: starting another
   * drops the one before.
   */
  beginExport(kind: PiecewiseExportKind, name: string): Promise<string>
  /**
   * Adds a piece (bytes, at most EXPORT_PIECE_BYTES) to an upload; answers the bytes
   * received so far. Rejects, and drops the upload, past MAX_EXPORT_BYTES.
   */
  appendExport(upload: string, piece: Uint8Array): Promise<number>
  /** Checks and saves an upload like `saveExport`; null when the user cancels the dialog. */
  finishExport(upload: string): Promise<ExportSaved | null>
  /** Drops an upload (the user cancelled); unknown ids are ignored. */
  cancelExport(upload: string): Promise<void>
  /** Shows a file this session exported in the system's file manager; false where it cannot. */
  showExportedFile(path: string): Promise<boolean>
  /**
   * The local-network addresses a room can be served on (never loopback or link-local);
   * empty when this computer is on no network. The facilitator chooses when several.
   */
  listRoomAddresses(): Promise<RoomAddress[]>
  /**
   * Opens the room for one prompt of an open workshop: serves the phone page on
   * `address` (one of `listRoomAddresses`) and `port` (0 picks a free one) with a fresh
   * join code. Closes any room already open. Rejects in words when it cannot.
   */
  openRoom(handle: string, promptId: string, address: string, port: number): Promise<RoomInfo>
  /** Closes the room: phones can no longer reach it. Nothing happens if it is closed already. */
  closeRoom(roomId: string): Promise<void>
  /**
   * Reports which replies of earlier updates are now on disk (`saved`) or were lost
   * (`failed`, the phone sends them again), then waits (about 20 s at most) for news:
   * new replies, a change in the counts, or the room closing.
   */
  nextRoomUpdate(roomId: string, saved: string[], failed: string[]): Promise<RoomUpdate>
}

const path = z.string().min(1).max(4096)
const handle = z.string().min(1).max(64)
const exportName = z.string().min(1).max(MAX_EXPORT_NAME)
const roomId = z.string().regex(ROOM_ID_PATTERN)
const roomAcks = z.array(roomId).max(MAX_ROOM_ACKS)

/** An export request: the name must be a plain file name with the kind's extension. */
const exportRequest = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.enum(['md', 'csv', 'html', 'json']),
      name: exportName,
      text: z.string().max(MAX_EXPORT_BYTES),
    }),
    z.strictObject({
      kind: z.literal('png'),
      name: exportName,
      base64: z
        .string()
        .max(Math.ceil(MAX_EXPORT_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    }),
    z.strictObject({
      kind: z.literal('pdf'),
      name: exportName,
      workshop: workshopSchema,
      authors: z.boolean(),
    }),
  ])
  .refine((r) => isExportFileName(r.name, r.kind), {
    message: 'the name must be a plain file name ending in the kind of file',
    path: ['name'],
  })

const uploadId = z.string().min(1).max(64)

/** A piece of an upload: bytes as they are (IPC and the harness carry them without base64). */
const bytesPiece = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength >= 1 && b.byteLength <= EXPORT_PIECE_BYTES, {
    message: `a piece is 1 to ${EXPORT_PIECE_BYTES} bytes`,
  })

const beginExportArgs = z
  .tuple([z.enum(['md', 'csv', 'html', 'json', 'png']), exportName])
  .refine(([kind, name]) => isExportFileName(name, kind), {
    message: 'the name must be a plain file name ending in the kind of file',
    path: [1],
  })

/** Each method's IPC channel and the schema of its argument list. */
export const API_CHANNELS = {
  listRecent: { channel: CHANNELS.listRecent, args: z.tuple([]) },
  forgetRecent: { channel: CHANNELS.forgetRecent, args: z.tuple([path]) },
  createWorkshop: {
    channel: CHANNELS.createWorkshop,
    args: z.tuple([
      z.string().trim().min(1).max(MAX_LABEL),
      z.array(z.string().max(MAX_LABEL)).min(1).max(100).optional(),
    ]),
  },

  openWorkshop: { channel: CHANNELS.openWorkshop, args: z.tuple([path]) },
  chooseWorkshopFile: { channel: CHANNELS.chooseWorkshopFile, args: z.tuple([]) },
  applyOps: {
    channel: CHANNELS.applyOps,
    args: z.tuple([handle, z.number().int().min(0), z.array(opSchema).min(1).max(1000)]),
  },
  closeWorkshop: {
    channel: CHANNELS.closeWorkshop,
    args: z.tuple([handle, z.boolean().optional()]),
  },
  restoreBackup: { channel: CHANNELS.restoreBackup, args: z.tuple([path, path]) },
  retrySave: { channel: CHANNELS.retrySave, args: z.tuple([handle]) },
  takeOverWorkshop: { channel: CHANNELS.takeOverWorkshop, args: z.tuple([handle]) },
  saveAs: { channel: CHANNELS.saveAs, args: z.tuple([handle, path.nullable()]) },
  nextCommand: { channel: CHANNELS.nextCommand, args: z.tuple([]) },
  readyToClose: { channel: CHANNELS.readyToClose, args: z.tuple([z.boolean()]) },
  chooseUnsavedAction: {
    channel: CHANNELS.chooseUnsavedAction,
    args: z.tuple([z.string().max(MAX_LABEL), z.string().max(2000)]),
  },
  saveExport: { channel: CHANNELS.saveExport, args: z.tuple([exportRequest]) },
  beginExport: { channel: CHANNELS.beginExport, args: beginExportArgs },
  appendExport: { channel: CHANNELS.appendExport, args: z.tuple([uploadId, bytesPiece]) },
  finishExport: { channel: CHANNELS.finishExport, args: z.tuple([uploadId]) },
  cancelExport: { channel: CHANNELS.cancelExport, args: z.tuple([uploadId]) },
  showExportedFile: { channel: CHANNELS.showExportedFile, args: z.tuple([path]) },
  listRoomAddresses: { channel: CHANNELS.listRoomAddresses, args: z.tuple([]) },
  openRoom: {
    channel: CHANNELS.openRoom,
    args: z.tuple([
      handle,
      z.string().min(1).max(64),
      z.string().min(1).max(64),
      z.number().int().min(0).max(65535),
    ]),
  },
  closeRoom: { channel: CHANNELS.closeRoom, args: z.tuple([roomId]) },
  nextRoomUpdate: {
    channel: CHANNELS.nextRoomUpdate,
    args: z.tuple([roomId, roomAcks, roomAcks]),
  },
} as const satisfies {
  [K in keyof BlankboardApi]: { channel: string; args: z.ZodType<Parameters<BlankboardApi[K]>> }
}

/** The names of the API's methods. */
export type ApiMethod = keyof BlankboardApi

/** Every method name, in table order. */
export const API_METHODS = Object.keys(API_CHANNELS) as ApiMethod[]

/** True when `name` names an API method. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_CHANNELS, name)
}

/** The outcome of checking a call's arguments against the channel table. */
export type ArgsCheck = { ok: true; args: unknown[] } | { ok: false; message: string }

/** Checks a call's argument list; the message says what is wrong, for a person. */
export function checkArgs(method: ApiMethod, raw: unknown): ArgsCheck {
  const parsed = API_CHANNELS[method].args.safeParse(raw)
  return parsed.success
    ? { ok: true, args: parsed.data as unknown[] }
    : { ok: false, message: `Invalid arguments to ${method}: ${describeIssues(parsed.error)}` }
}
