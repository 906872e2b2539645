// Value decoders for DHCPv4 options about name services and transition services: the name services to ask, in
// order (117, RFC 2937), RDNSS selection (146, RFC 6731), PCP servers (158, RFC 7291), port parameters (159,
// RFC 7618) and 6rd (212, RFC 5969). Their fields carry Wireshark's names, and their length rules are its.
import { hex, ipv4, ipv6, u16 } from '../bytes'
import { decodeNameList } from '../domain-names'
import { field, lengthProblem, type FieldNode } from '../field'
import type { DecodedValue } from '../types'

/** The name services RFC 2937 defines; Wireshark calls any other invalid. */
export const nameServiceNames: Readonly<Record<number, string>> = {
  0: 'Local naming information', 6: 'Domain Name Server Option', 41: 'Network Information Servers Option',
  44: 'NetBIOS over TCP/IP Name Server Option', 65: 'Network Information Service+ Servers Option',
}

/** Option 117: option codes of the name services to ask, two bytes each. */
export function nameServices(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 2 || len % 2) return lengthProblem(len, 'an even number, at least 2')
  const codes: number[] = []
  const children: FieldNode[] = []
  const invalid: number[] = []
  for (let at = off; at < off + len; at += 2) {
    const code = u16(b, at)
    codes.push(code)
    const name = nameServiceNames[code]
    if (!name) invalid.push(code)
    children.push(name
      ? field('Name service', at, 2, { key: 'dhcp.option.dhcp_name_service_search_option', value: `${name} (${code})` })
      : field('Name service', at, 2, { key: 'dhcp.option.dhcp_name_service.invalid', value: `Invalid (${code})` }))
  }
  const problem = invalid.length ? `name service ${invalid.join(', ')} is none RFC 2937 defines (0, 6, 41, 44, 65)` : undefined
  return { value: codes, text: codes.map((code) => nameServiceNames[code] ?? `Invalid (${code})`).join(', '), children, problem }
}

/** Option 146: the preference, primary and secondary DNS servers, then the domains and networks they serve. */
export function rdnssSelection(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 10) return lengthProblem(len, 'at least 10')
  const preference = b[off] & 0x03, primary = ipv4(b, off + 1), secondary = ipv4(b, off + 5)
  const { names, problem } = decodeNameList(b, off + 9, len - 9)
  const domain = names[0] ?? ''
  return {
    value: { preference, primary, secondary, domain }, text: `${primary}, ${secondary} (preference ${preference})${domain ? ` for ${domain}` : ''}`, problem,
    children: [
      field('Reserved', off, 1, { key: 'dhcp.option.rdnss.reserved', value: String(b[off] >> 2) }),
      field('Preference', off, 1, { key: 'dhcp.option.rdnss.preference', value: String(preference) }),
      field('Primary DNS', off + 1, 4, { key: 'dhcp.option.rdnss.primary_dns', value: primary }),
      field('Secondary DNS', off + 5, 4, { key: 'dhcp.option.rdnss.secondary_dns', value: secondary }),
      field('Domains and networks', off + 9, len - 9, { key: 'dhcp.option.rdnss.domain', value: domain }),
    ],
  }
}

/**
 * Option 158: lists of PCP servers, each a length byte and addresses. Read as Wireshark does: a list whose length
 * is not 1 plus a multiple of 4 shows its length alone, and reading goes on at the next byte.
 */
export function pcpServers(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 5) return lengthProblem(len, 'at least 5')
  const lists: string[][] = []
  const children: FieldNode[] = []
  const end = off + len
  for (let at = off; end - at >= 5;) {
    const listLength = b[at]
    const servers: string[] = []
    const parts = [field('List length', at, 1, { key: 'dhcp.option.pcp.list_length', value: String(listLength) })]
    const start = at++
    for (let read = 1; (listLength - 1) % 4 === 0 && read < listLength && end - at >= 4; read += 4, at += 4) {
      servers.push(ipv4(b, at))
      parts.push(field('PCP server', at, 4, { key: 'dhcp.option.pcp.server', value: ipv4(b, at) }))
    }
    lists.push(servers)
    children.push(field('PCP server list', start, at - start, { children: parts }))
  }
  return { value: lists, text: lists.map((servers) => servers.join(' ') || '(none)').join(', '), children }
}

/** Option 159: the port set a shared address may use (offset, PSID length and PSID). */
export function portParameters(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len !== 4) return lengthProblem(len, '4')
  const value = { offset: b[off], psidLength: b[off + 1], psid: hex(b, off + 2, 2) }
  return {
    value, text: `offset ${value.offset}, PSID ${value.psid} (${value.psidLength} bits)`,
    children: [
      field('Offset', off, 1, { key: 'dhcp.option.portparams.offset', value: String(value.offset) }),
      field('PSID length', off + 1, 1, { key: 'dhcp.option.portparams.psid_length', value: String(value.psidLength) }),
      field('PSID', off + 2, 2, { key: 'dhcp.option.portparams.psid', value: value.psid }),
    ],
  }
}

/** Option 212: the IPv4 mask length, the 6rd prefix and its length, then border relay addresses. */
export function sixRd(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 22) {
    // Wireshark's remark for it is its own, not the bad length one.
    return { value: null, text: `invalid length ${len}`, problem: `length ${len} is invalid, expected at least 22`, children: [field('Malformed', off, len, { key: 'dhcp.option.6RD.malformed' })] }
  }
  const prefix = ipv6(b, off + 2)
  const relays: string[] = []
  const children = [
    field('IPv4 mask length', off, 1, { key: 'dhcp.option.6RD.ipv4_mask_len', value: String(b[off]) }),
    field('6rd prefix length', off + 1, 1, { key: 'dhcp.option.6RD.prefix_len', value: String(b[off + 1]) }),
    field('6rd prefix', off + 2, 16, { key: 'dhcp.option.6RD.prefix', value: prefix }),
  ]
  for (let at = off + 18; at + 4 <= off + len; at += 4) {
    relays.push(ipv4(b, at))
    children.push(field('Border relay', at, 4, { key: 'dhcp.option.6RD.border_relay_ip', value: ipv4(b, at) }))
  }
  const value = { ipv4MaskLength: b[off], prefixLength: b[off + 1], prefix, borderRelays: relays }
  const text = `${prefix}/${b[off + 1]} via ${relays.join(', ')}`
  const left = (len - 18) % 4
  return left ? { value, text, children, problem: `the last ${left} bytes are not a whole border relay address`, badLength: true } : { value, text, children }
}
