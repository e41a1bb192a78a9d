/**
 * Which addresses the room may be served on: this computer's IPv4 addresses on a local
 * network, never loopback (127.0.0.0/8: phones cannot reach it) nor link-local
 * (169.254.0.0/16: a network with no router handing out addresses, unreachable from
 * most phones, and the address that changes under a projector's feet).
 * Plain Node, no Electron import.
 * Limits: IPv4 only. An IPv6 URL needs brackets that phones' keyboards make hard to type,
 * and its link-local addresses need a zone id; every Wi-Fi network still hands out IPv4.
 */
import type { NetworkInterfaceInfo } from 'node:os'
import { networkInterfaces } from 'node:os'
import { isIPv4 } from 'node:net'
import type { RoomAddress } from '../../core/room.ts'

/** True for an IPv4 address in 127.0.0.0/8 or 169.254.0.0/16, or the unspecified 0.0.0.0. */
export function isLoopbackOrLinkLocal(address: string): boolean {
  return (
    address.startsWith('127.') ||
    address.startsWith('169.254.') ||
    address === '0.0.0.0' ||
    !isIPv4(address)
  )
}

/** The addresses phones on a local network could reach, in the system's order. */
export function lanAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): RoomAddress[] {
  const found: RoomAddress[] = []
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue
      if (isLoopbackOrLinkLocal(info.address)) continue
      if (found.some((a) => a.address === info.address)) continue
      found.push({ address: info.address, name })
    }
  }
  return found
}
