// DNS names as carried in DHCP options (RFC 1035 wire format, with compression pointers as RFC 3397 allows).
import { dnsNameCodec } from './dns-name-codec'
import { wiresharkNames4 } from './dhcp4/wireshark-dns-names'
import { wiresharkDomains } from './dhcp6/wireshark-domains'

/**
 * Decodes consecutive names filling `length` bytes; compression pointers are relative to the data's start.
 * With `partial`, a last name without its root label is accepted: client FQDN options may carry only the
 * host's leftmost labels (RFC 4702 section 4, RFC 4704 section 4.2).
 */
export function decodeNameList(bytes: Uint8Array, offset: number, length: number, partial = false): { names: string[]; problem?: string } {
  let data = Buffer.from(bytes.buffer, bytes.byteOffset + offset, length)
  if (partial && length > 0 && bytes[offset + length - 1] !== 0) data = Buffer.concat([data, Buffer.alloc(1)])
  length = data.length
  const names: string[] = []
  let at = 0
  try {
    while (at < length) {
      names.push(dnsNameCodec().decode(data, at))
      at += dnsNameCodec().decode.bytes
    }
  } catch {
    return { names, problem: `invalid domain name at byte ${at} of the list` }
  }
  return { names }
}

/**
 * The names as Wireshark shows (and filters) them, read as it reads them: DHCPv4's as DNS names
 * (dhcp4/wireshark-dns-names.ts), DHCPv6's its own way (dhcp6/wireshark-domains.ts), ending a complete name with
 * the root's dot ("example.com.") and a partial one without.
 */
export function namesAsShown(bytes: Uint8Array, offset: number, length: number, family: 4 | 6): string[] {
  return family === 6 ? wiresharkDomains(bytes, offset, length).names.map(([name]) => name) : wiresharkNames4(bytes, offset, length)
}
