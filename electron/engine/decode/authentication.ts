// The authentication option's head, the same in DHCPv4 (option 90, RFC 3118 section 2) and DHCPv6 (option 11,
// RFC 8415 section 21.11): protocol, algorithm, replay detection method, then 8 bytes of replay detection. The
// authentication information after it each family reads its own way (dhcp4/formats.ts, dhcp6/formats.ts).
import { hex } from './bytes'
import { hexBytes, whole, wrong, type Json } from './encode-values'
import { field, type FieldNode } from './field'

/** Bytes before the authentication information. */
export const AUTHENTICATION_HEAD = 11
const REPLAY_DETECTION = 8

export interface AuthenticationHead {
  protocol: number
  algorithm: number
  rdm: number
  /** 16 hex digits. */
  replayDetection: string
}

/** The head at `off` (AUTHENTICATION_HEAD bytes, which the caller has checked are there). */
export function authenticationHead(b: Uint8Array, off: number): AuthenticationHead {
  return { protocol: b[off], algorithm: b[off + 1], rdm: b[off + 2], replayDetection: hex(b, off + 3, REPLAY_DETECTION) }
}

export function authenticationText(head: AuthenticationHead): string {
  return `protocol ${head.protocol}, algorithm ${head.algorithm}, replay detection ${head.replayDetection}`
}

/**
 * The head's fields. `keyPrefix`: the family's filter names, where Wireshark's follow one pattern (DHCPv6's
 * dhcpv6.auth.protocol…); DHCPv4's differ by protocol and are not given here.
 */
export function authenticationHeadFields(b: Uint8Array, off: number, keyPrefix?: string): FieldNode[] {
  const key = (name: string) => (keyPrefix ? `${keyPrefix}.${name}` : undefined)
  return [
    field('Protocol', off, 1, { key: key('protocol'), value: String(b[off]) }),
    field('Algorithm', off + 1, 1, { key: key('algorithm'), value: String(b[off + 1]) }),
    field('Replay detection method', off + 2, 1, { key: key('rdm'), value: String(b[off + 2]) }),
    field('Replay detection', off + 3, REPLAY_DETECTION, { key: key('replay_detection'), value: hex(b, off + 3, REPLAY_DETECTION) }),
  ]
}

/** The head's bytes from a decoded value's fields (protocol, algorithm, rdm, replayDetection). */
export function authenticationHeadBytes(auth: Json): number[] {
  const replay = typeof auth.replayDetection === 'string' ? hexBytes(auth.replayDetection) : []
  if (replay.length !== REPLAY_DETECTION) wrong('8 bytes of replay detection in hex ("replayDetection")', auth.replayDetection ?? null)
  return [whole(auth.protocol, 8), whole(auth.algorithm, 8), whole(auth.rdm, 8), ...replay]
}
