// Address ranges for the review checks: a subnet's prefix, a pool written as "first - last" or as a prefix, and a
// reservation's address, as inclusive [first, last] ranges of integers, so containment and overlap are two
// comparisons. Parsing is ipaddr.js's; only the comparison is done here.
import ipaddr from 'ipaddr.js'

export interface AddressRange {
  first: bigint
  last: bigint
  family: 4 | 6
}

function toInteger(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return address.toByteArray().reduce((value, byte) => (value << 8n) | BigInt(byte), 0n)
}

function fromCidr(text: string): AddressRange | null {
  try {
    const [address, bits] = ipaddr.parseCIDR(text.trim())
    const family = address.kind() === 'ipv4' ? 4 : 6
    const first = toInteger(family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(text.trim()) : ipaddr.IPv6.networkAddressFromCIDR(text.trim()))
    const size = 1n << BigInt((family === 4 ? 32 : 128) - bits)
    return { first, last: first + size - 1n, family }
  } catch {
    return null
  }
}

/** One address as a range of one; null when it is not an address. */
export function addressRange(text: string): AddressRange | null {
  if (!ipaddr.isValid(text.trim())) return null
  const address = ipaddr.parse(text.trim())
  const value = toInteger(address)
  return { first: value, last: value, family: address.kind() === 'ipv4' ? 4 : 6 }
}

/** A subnet's prefix ("192.0.2.0/24"); null when it is not one. */
export function prefixRange(text: string): AddressRange | null {
  return fromCidr(text)
}

/** A pool as Kea writes it: "192.0.2.100 - 192.0.2.199" or "192.0.2.64/26"; null when it is neither. */
export function poolRange(text: string): AddressRange | null {
  if (text.includes('/')) return fromCidr(text)
  const [from, to, ...rest] = text.split('-')
  if (to === undefined || rest.length) return null
  const first = addressRange(from)
  const last = addressRange(to)
  if (!first || !last || first.family !== last.family || last.first < first.first) return null
  return { first: first.first, last: last.last, family: first.family }
}

export function contains(outer: AddressRange, inner: AddressRange): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last
}

export function overlaps(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last
}

export function rangeSize(range: AddressRange): bigint {
  return range.last - range.first + 1n
}
