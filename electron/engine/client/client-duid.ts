// The DHCPv6 test client's identity (RFC 8415 section 11): a DUID of the chosen type built from the run's MAC, or one
// given in hex, and the IAID of its identity associations. Built from the MAC so that a run's leases are found in the
// server by the MAC the user chose.
import type { duidTypes } from '../../contract/methods'
import { EncodeError, hexBytes, uint } from '../decode/encode-values'

export type DuidType = (typeof duidTypes)[number]

const ETHERNET = 1
/** RFC 5612's enterprise number for documentation: a DUID-EN (or a relay's remote id) that names no real vendor. */
export const DOCUMENTATION_ENTERPRISE = 32473
const DUID_EPOCH_MS = Date.UTC(2000, 0, 1)
/** RFC 8415 section 11.1: at most 128 bytes after the two-byte type. */
const MAX_DUID = 130

/** The DUID of `type` for `mac`; DUID-LLT stamped `nowMs`. */
export function duidFor(type: DuidType, mac: string, nowMs = Date.now()): number[] {
  const address = hexBytes(mac)
  switch (type) {
    case 'llt': return [0, 1, ...uint(16)(ETHERNET), ...uint(32)(Math.floor((nowMs - DUID_EPOCH_MS) / 1000) >>> 0), ...address]
    case 'll': return [0, 3, ...uint(16)(ETHERNET), ...address]
    case 'en': return [0, 2, ...uint(32)(DOCUMENTATION_ENTERPRISE), ...address]
    // A version 4 layout whose last six bytes are the MAC: the same MAC gives the same UUID.
    case 'uuid': return [0, 4, 0x66, 0x69, 0x65, 0x6c, 0x64, 0x6b, 0x40, 0x74, 0x80, 0x00, ...address]
  }
}

/** A DUID given in hex: two bytes of type and at least one more, at most 130 in all. */
export function duidFromHex(text: string): number[] {
  const bytes = hexBytes(text)
  if (bytes.length < 3 || bytes.length > MAX_DUID) throw new EncodeError(`a DUID is 3 to ${MAX_DUID} bytes, not ${bytes.length}`)
  return bytes
}

/** dhclient's IAID for an interface: the last four bytes of its MAC. */
export function iaidFor(mac: string): number {
  const b = hexBytes(mac)
  return ((b[2] << 24) | (b[3] << 16) | (b[4] << 8) | b[5]) >>> 0
}
