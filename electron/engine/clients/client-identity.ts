// Who a client is, whatever notation names it. Logs, leases, captures and test runs each write a client their own
// way: a MAC as aa:bb:cc:dd:ee:ff, aa-bb-…, aabb.ccdd.eeff or aabbccddeeff; a DHCPv4 client identifier (01 and the
// MAC for Ethernet, or anything else); a DHCPv6 DUID (DUID-LL and DUID-LLT end in the MAC). This is where they meet.

import { ContractError } from '../errors'

/** A client id or DUID longer than this is not one (RFC 8415 caps a DUID at 130 bytes, 2131's option at 255). */
const MAX_ID_BYTES = 255

export interface ClientIdentity {
  /** The hardware address, colon-separated lower-case hex; null when what was given carries none. */
  mac: string | null
  /** The client identifier or DUID given, colon-separated lower-case hex; null when a MAC was given. */
  id: string | null
}

/** Bytes as colon-separated lower-case hex, from any of the notations above; null when it is not hex bytes. */
export function normalClientHex(text: string): string | null {
  const groups = text.trim().toLowerCase().split(/[:.\- ]/)
  if (!groups.every((g) => /^[\da-f]+$/.test(g))) return null
  // Colon or dash bytes may drop a leading zero (Kea writes 2:0:5e…); grouped notations (Cisco's) may not.
  const hex = groups.every((g) => g.length <= 2) ? groups.map((g) => g.padStart(2, '0')).join('') : groups.join('')
  if (hex.length % 2 || hex.length / 2 > MAX_ID_BYTES) return null
  return hex.match(/../g)!.join(':')
}

/** The Ethernet MAC inside a client identifier (type 1) or a DUID-LL/DUID-LLT of hardware type 1; null otherwise. */
export function macInside(hex: string): string | null {
  const bytes = hex.split(':')
  if (bytes.length === 7 && bytes[0] === '01') return bytes.slice(1).join(':')
  if (bytes.length === 10 && bytes.slice(0, 4).join(':') === '00:03:00:01') return bytes.slice(4).join(':')
  if (bytes.length === 14 && bytes.slice(0, 4).join(':') === '00:01:00:01') return bytes.slice(8).join(':')
  return null
}

/** What the user or a link named: six bytes are a MAC; anything else an identifier, with the MAC it carries. */
export function parseClient(text: string): ClientIdentity | null {
  const hex = normalClientHex(text)
  if (hex === null) return null
  if (hex.split(':').length === 6) return { mac: hex, id: null }
  return { mac: macInside(hex), id: hex }
}

/** The client a caller named; a name that is not hex bytes is refused in a sentence. */
export function namedClient(text: string): ClientIdentity {
  const identity = parseClient(text)
  if (!identity) throw new ContractError('bad-input', `"${text}" is not a MAC address, client id or DUID: give hex bytes such as 02:00:5e:70:00:01, 0200.5e70.0001 or 01:02:00:5e:70:00:01.`)
  return identity
}

/**
 * Whether a MAC, client id or DUID as some source wrote it is this client: the same MAC, the same identifier, or an
 * identifier carrying this client's MAC (a client id 01:MAC, a DUID-LL of it).
 */
export function clientMatcher(identity: ClientIdentity): (written: string | null | undefined) => boolean {
  return (written) => {
    if (!written) return false
    const hex = normalClientHex(written)
    if (hex === null) return false
    if (hex === identity.mac || hex === identity.id) return true
    return identity.mac !== null && macInside(hex) === identity.mac
  }
}
