// An address or network as a display filter writes it ("192.0.2.1", "192.0.2.0/24", "2001:db8::/32"), read by
// ipaddr.js: strict about what an address is (four decimal parts for IPv4), and about prefix lengths.
import ipaddr from 'ipaddr.js'

export interface AddressLiteral {
  bytes: Uint8Array
  /** Prefix length: 32 or 128 for a single address. */
  bits: number
}

/** The literal's bytes and prefix length, or null when it is no address of this family. */
export function parseAddressLiteral(text: string, family: 4 | 6): AddressLiteral | null {
  const [address, prefix] = text.split('/')
  const valid = family === 4 ? ipaddr.IPv4.isValidFourPartDecimal(address) : ipaddr.IPv6.isValid(address)
  if (!valid) return null
  try {
    const [parsed, bits] = prefix === undefined ? [ipaddr.parse(address), family === 4 ? 32 : 128] : ipaddr.parseCIDR(text)
    return { bytes: Uint8Array.from(parsed.toByteArray()), bits }
  } catch {
    return null
  }
}
