// Link layers below IP: Ethernet with 802.1Q/802.1ad VLAN tags, Linux cooked capture v1/v2, BSD loopback, raw IP.
import { hex, mac, u16, u32 } from './bytes'
import { field, type FieldNode, type Problems } from './field'
import { isVlanEtherType, LINKTYPE, linkTypeNames } from './link-types'

export interface LinkResult {
  /** EtherType of the payload (0x0800 IPv4, 0x86dd IPv6), or null when unknown. */
  etherType: number | null
  payload: number
  fields: FieldNode[]
  source?: string
  destination?: string
}

/** `tree`: make `fields` (else empty; see DecodeOptions). */
/** `addresses`: whether the source and destination are wanted as text (the list's columns, the tree's titles). */
export function decodeLink(linkType: number, b: Uint8Array, problems: Problems, tree = true, addresses = true): LinkResult {
  switch (linkType) {
    case LINKTYPE.ETHERNET: return ethernet(b, problems, tree, addresses)
    case LINKTYPE.LINUX_SLL: return cooked(b, problems, 16, 14, 'Linux cooked capture v1', tree)
    case LINKTYPE.LINUX_SLL2: return cooked(b, problems, 20, 0, 'Linux cooked capture v2', tree)
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: return loopback(linkType, b, problems, tree)
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_OPENBSD:
    case LINKTYPE.RAW_BSDOS: return { etherType: versionEtherType(b[0] >> 4), payload: 0, fields: [] }
    case LINKTYPE.IPV4: return { etherType: 0x0800, payload: 0, fields: [] }
    case LINKTYPE.IPV6: return { etherType: 0x86dd, payload: 0, fields: [] }
    default:
      problems.note('Link layer', 0, `link type ${linkType} is not decoded`)
      return { etherType: null, payload: 0, fields: [] }
  }
}

function versionEtherType(version: number): number | null {
  return version === 4 ? 0x0800 : version === 6 ? 0x86dd : null
}

function ethernet(b: Uint8Array, problems: Problems, tree: boolean, addresses: boolean): LinkResult {
  if (b.length < 14) {
    problems.truncated('Ethernet header', 0, `truncated: 14 bytes needed, ${b.length} present`)
    return { etherType: null, payload: b.length, fields: [] }
  }
  const destination = addresses ? mac(b, 0) : '', source = addresses ? mac(b, 6) : ''
  const children = tree ? [
    field('Destination', 0, 6, { key: 'eth.dst', value: destination }),
    field('Source', 6, 6, { key: 'eth.src', value: source }),
  ] : null
  let at = 12
  let etherType = u16(b, at)
  while (isVlanEtherType(etherType)) {
    if (at + 6 > b.length) {
      problems.truncated('802.1Q tag', at, 'truncated')
      return { etherType: null, payload: b.length, fields: children ? [field('Ethernet II', 0, b.length, { key: 'eth', children })] : [] }
    }
    const tci = u16(b, at + 2)
    children?.push(field('802.1Q Virtual LAN', at, 4, { key: 'vlan', value: `PRI: ${tci >> 13}, ID: ${tci & 0x0fff}`, children: [field('ID', at + 2, 2, { key: 'vlan.id', value: String(tci & 0x0fff) })] }))
    at += 4
    etherType = u16(b, at)
  }
  children?.push(field('Type', at, 2, { key: 'eth.type', value: `0x${hex(b, at, 2)}` }))
  return { etherType, payload: at + 2, source, destination, fields: children ? [field(`Ethernet II, Src: ${source}, Dst: ${destination}`, 0, at + 2, { key: 'eth', children })] : [] }
}

function cooked(b: Uint8Array, problems: Problems, headerLength: number, protocolOffset: number, name: string, tree: boolean): LinkResult {
  if (b.length < headerLength) {
    problems.truncated(name, 0, `truncated: ${headerLength} bytes needed, ${b.length} present`)
    return { etherType: null, payload: b.length, fields: [] }
  }
  const v2 = headerLength === 20
  const addressLength = v2 ? b[11] : u16(b, 4)
  const addressOffset = v2 ? 12 : 6
  const source = addressLength > 0 ? mac(b, addressOffset, Math.min(addressLength, 8)) : undefined
  const etherType = u16(b, protocolOffset)
  const children = tree ? [
    field('Packet type', v2 ? 10 : 0, v2 ? 1 : 2, { key: 'sll.pkttype', value: String(v2 ? b[10] : u16(b, 0)) }),
    field('Source', addressOffset, 8, { key: 'sll.src.eth', value: source ?? '' }),
    field('Protocol', protocolOffset, 2, { key: 'sll.etype', value: `0x${hex(b, protocolOffset, 2)}` }),
  ] : null
  if (v2) children?.push(field('Interface index', 4, 4, { key: 'sll.ifindex', value: String(u32(b, 4)) }))
  return { etherType, payload: headerLength, source, fields: children ? [field(name, 0, headerLength, { key: 'sll', children })] : [] }
}

function loopback(linkType: number, b: Uint8Array, problems: Problems, tree: boolean): LinkResult {
  if (b.length < 4) {
    problems.truncated('Loopback header', 0, 'truncated')
    return { etherType: null, payload: b.length, fields: [] }
  }
  // NULL stores the address family in the capturing host's byte order, LOOP in network order.
  const family = linkType === LINKTYPE.LOOP ? u32(b, 0) : (b[0] === 0 && b[1] === 0 ? u32(b, 0) : b[0] | (b[1] << 8))
  const etherType = family === 2 ? 0x0800 : [10, 24, 28, 30].includes(family) ? 0x86dd : null
  return { etherType, payload: 4, fields: tree ? [field(linkTypeNames[linkType], 0, 4, { value: `Family: ${family}` })] : [] }
}
