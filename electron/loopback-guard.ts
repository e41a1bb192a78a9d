/**
 * The guard at the door of every HTTP server the app runs on the loopback interface
 * (the web harness; the room, on the local network, has its own in electron/room/): a request is answered only when its
 * `Host` names this machine's loopback address or `localhost` on the server's own port,
 * and, when it carries an `Origin`, that origin is the same loopback address and port.
 * Both headers come from the client, so checking one against the other (as a same-origin
 * check would) lets a DNS-rebinding page through: its `Host` and `Origin` agree with each
 * other, but name its own domain.
 *
 * Plain Node types, no Electron import. Limits: IPv4 loopback only (the servers bind
 * 127.0.0.1).
 */
import type { IncomingMessage } from 'node:http'

/** The host names a loopback server answers to. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost']

/** True when a `Host` header names the loopback server on `port`. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false
  return LOOPBACK_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`)
}

/** True when an `Origin` header is the loopback server's own origin on `port`. */
export function isLoopbackOrigin(origin: string, port: number): boolean {
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`)
}

/**
 * Why a request must be refused, in words, or null when it may be answered. The port is
 * the one the request actually reached (the socket's local port).
 */
export function foreignRequestReason(req: IncomingMessage): string | null {
  const port = req.socket.localPort
  if (port === undefined) return 'The connection has no local port.'
  if (!isLoopbackHost(req.headers.host, port))
    return 'This server answers only requests addressed to 127.0.0.1 or localhost.'
  const origin = req.headers.origin
  if (origin !== undefined && !isLoopbackOrigin(origin, port))
    return 'Requests from other web pages are refused.'
  return null
}
