// How the packet list orders its text columns, as a technician reads them: addresses as numbers (10.0.0.9 before
// 10.0.0.10, IPv4 before IPv6, then anything else), and other text naturally, with numbers inside it compared as
// numbers ("Transaction ID 0x9" before "0x10"). Each text becomes a key that plain string comparison orders, so
// a million rows cost one key each rather than a parse per comparison (and sort-keys.ts can make most keys
// without the text).
import { v4, v6 } from '@leichtgewicht/ip-codec'
import { isIP } from 'node:net'

/** Decimal digit runs, and hexadecimal ones written 0x…; each is one number in the natural order. */
const NUMBER = /0x([0-9a-f]+)|(\d+)/gi

/**
 * Text whose numbers compare by value: each becomes "0", a character standing for its digit count (without leading
 * zeros), then its digits, so fewer digits sort first and "0" keeps numbers where digits sort among other characters.
 */
export function naturalKey(text: string): string {
  return text.replace(NUMBER, (_, hex: string | undefined, decimal: string | undefined) => numberKey(hex?.toLowerCase() ?? decimal!))
}

/** The natural key of one number's digits (decimal, or lower-case hexadecimal without its 0x). */
export function numberKey(digits: string): string {
  let start = 0
  while (start < digits.length - 1 && digits[start] === '0') start++
  return `0${String.fromCharCode(0x30 + digits.length - start)}${digits.slice(start)}`
}

/** IPv4 addresses by value, then IPv6 addresses by their bytes, then other text (a MAC, nothing) naturally. */
export function addressKey(text: string): string {
  // Node's check, strict where ip-codec's isFormat takes any hex and colons (a MAC, "abc") for IPv6.
  const version = isIP(text)
  if (version === 4) return addressBytesKey(4, v4.encode(text), 0)
  if (version === 6) return addressBytesKey(6, v6.encode(text), 0)
  return `~${naturalKey(text)}`
}

/** The key addressKey gives the text of the IPv4 or IPv6 address whose bytes are at b[offset…]. */
export function addressBytesKey(version: 4 | 6, b: Uint8Array, offset: number): string {
  let out = String(version)
  for (let k = offset; k < offset + (version === 4 ? 4 : 16); k++) out += HEX[b[k]]
  return out
}

const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'))

/**
 * Positions (0-based frames) ordered by their keys; equal keys keep frame order, reversed with the rest when
 * descending.
 */
export function orderByKey(positions: Int32Array, keyOf: (position: number) => string, descending: boolean): Int32Array {
  const keys = Array.from(positions, keyOf)
  const direction = descending ? -1 : 1
  const order = Int32Array.from(positions.keys())
  order.sort((a, b) => direction * (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : positions[a] - positions[b]))
  return order.map((k) => positions[k])
}
