// Link layers below IP: Ethernet with 802.1Q/802.1ad VLAN tags, Linux cooked capture v1/v2, BSD loopback, raw IP,
// 802.11 data frames (with a radiotap, PPI, Prism or AVS header) carrying LLC/SNAP.
import { hex, mac, u16, u16le, u32, u32le } from './bytes'
import { field, type FieldNode, type Problems } from './field'
import { isVlanEtherType, LINKTYPE, linkTypeNames, PROVIDER_TAG } from './link-types'
import { flagsAt as wlanFlagsAt, frameControlAt, isWlanLinkType, LLC_SNAP_LENGTH, radioHeaderLength, radiotapHasFcs, readWlanHeader, type WlanLayout } from './wlan'

export interface LinkResult {
  /** EtherType of the payload (0x0800 IPv4, 0x86dd IPv6), or null when unknown. */
  etherType: number | null
  payload: number
  fields: FieldNode[]
  source?: string
  destination?: string
  /** The list's Protocol and Info for a frame the link layer alone describes (an 802.11 frame without IP). */
  protocol?: string
  info?: string
}

/** `tree`: make `fields` (else empty; see DecodeOptions). */
/** `addresses`: whether the source and destination are wanted as text (the list's columns, the tree's titles). */
export function decodeLink(linkType: number, b: Uint8Array, problems: Problems, tree = true, addresses = true): LinkResult {
  switch (linkType) {
    case LINKTYPE.ETHERNET: return decodeEthernet(b, 0, problems, tree, addresses)
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
      if (isWlanLinkType(linkType)) return wlan(linkType, b, problems, tree)
      problems.note('Link layer', 0, `link type ${linkType} is not decoded`)
      return { etherType: null, payload: 0, fields: [] }
  }
}

function versionEtherType(version: number): number | null {
  return version === 4 ? 0x0800 : version === 6 ? 0x86dd : null
}

/** An Ethernet header at `start`: the frame's own, or one a tunnel carries (GRE, ERSPAN, VXLAN). */
export function decodeEthernet(b: Uint8Array, start: number, problems: Problems, tree: boolean, addresses: boolean): LinkResult {
  if (b.length < start + 14) {
    problems.truncated('Ethernet header', start, `truncated: 14 bytes needed, ${b.length - start} present`)
    return { etherType: null, payload: b.length, fields: [] }
  }
  const destination = addresses ? mac(b, start) : '', source = addresses ? mac(b, start + 6) : ''
  const fields: FieldNode[] = tree ? [field(`Ethernet II, Src: ${source}, Dst: ${destination}`, start, 14, {
    key: 'eth',
    children: [
      field('Destination', start, 6, { key: 'eth.dst', value: destination }),
      field('Source', start + 6, 6, { key: 'eth.src', value: source }),
      field('Type', start + 12, 2, { key: 'eth.type', value: `0x${hex(b, start + 12, 2)}` }),
    ],
  })] : []
  // Each VLAN tag is a layer of its own, as in Wireshark: its TCI, then the EtherType of what follows it.
  let at = start + 12
  let etherType = u16(b, at)
  while (isVlanEtherType(etherType)) {
    if (at + 6 > b.length) {
      problems.truncated('802.1Q tag', at, 'truncated')
      return { etherType: null, payload: b.length, fields }
    }
    const tci = u16(b, at + 2)
    const tag = etherType === PROVIDER_TAG ? PROVIDER_TAG_FIELDS : VLAN_TAG_FIELDS
    etherType = u16(b, at + 4)
    if (tree) {
      fields.push(field(tag.label(tci), at + 2, 4, {
        key: tag.key,
        children: [
          field('Priority', at + 2, 2, { key: tag.priority, value: String(tci >> 13) }),
          field('DEI', at + 2, 2, { key: tag.dei, value: String((tci >> 12) & 1) }),
          field('ID', at + 2, 2, { key: tag.id, value: String(tci & 0x0fff) }),
          field('Type', at + 4, 2, { key: tag.type, value: `0x${hex(b, at + 4, 2)}` }),
        ],
      }))
    }
    at += 4
  }
  return { etherType, payload: at + 2, source, destination, fields }
}

/** A tag's layer as Wireshark names it: 802.1ad's provider tag is ieee8021ad (its Type an ieee8021ah field), the others vlan. */
const VLAN_TAG_FIELDS = {
  label: (tci: number) => `802.1Q Virtual LAN, PRI: ${tci >> 13}, DEI: ${(tci >> 12) & 1}, ID: ${tci & 0x0fff}`,
  key: 'vlan', priority: 'vlan.priority', dei: 'vlan.dei', id: 'vlan.id', type: 'vlan.etype',
}
const PROVIDER_TAG_FIELDS = {
  label: (tci: number) => `IEEE 802.1ad, ID: ${tci & 0x0fff}`,
  key: 'ieee8021ad', priority: 'ieee8021ad.priority', dei: 'ieee8021ad.dei', id: 'ieee8021ad.id', type: 'ieee8021ah.etype',
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

/** The radio header's node: its kind, and the version and length every one of them starts with, as Wireshark names them. */
function radioHeader(linkType: number, b: Uint8Array, length: number): FieldNode | null {
  switch (linkType) {
    case LINKTYPE.IEEE802_11_RADIOTAP: return field(`Radiotap Header v${b[0]}, Length ${length}`, 0, length, {
      key: 'radiotap',
      children: [field('Header revision', 0, 1, { key: 'radiotap.version', value: String(b[0]) }), field('Header length', 2, 2, { key: 'radiotap.length', value: String(length) })],
    })
    case LINKTYPE.PPI: return field('PPI version 0', 0, length, {
      key: 'ppi',
      children: [field('Version', 0, 1, { key: 'ppi.version', value: String(b[0]) }), field('Header length', 2, 2, { key: 'ppi.length', value: String(length) }), field('DLT', 4, 4, { key: 'ppi.dlt', value: String(LINKTYPE.IEEE802_11) })],
    })
    case LINKTYPE.IEEE802_11_PRISM: return field('Prism capture header', 0, length, {
      key: 'prism', children: [field('Message Length', 4, 4, { key: 'prism.msglen', value: String(length) })],
    })
    case LINKTYPE.IEEE802_11_AVS: return field('AVS WLAN Monitoring Header', 0, length, {
      key: 'wlancap', children: [field('Header length', 4, 4, { key: 'wlancap.length', value: String(length) })],
    })
    default: return null
  }
}

/**
 * Which address of an 802.11 data frame is which, by its To DS / From DS bits (IEEE 802.11 table 9-30): receiver
 * and transmitter are always the first two; destination, source and BSS Id move. A management frame reads as 0.
 */
const WLAN_ADDRESSES: Record<number, [string, string, number][]> = {
  0: [['Destination address', 'wlan.da', 4], ['Source address', 'wlan.sa', 10], ['BSS Id', 'wlan.bssid', 16]],
  1: [['BSS Id', 'wlan.bssid', 4], ['Source address', 'wlan.sa', 10], ['Destination address', 'wlan.da', 16]],
  2: [['Destination address', 'wlan.da', 4], ['BSS Id', 'wlan.bssid', 10], ['Source address', 'wlan.sa', 16]],
  3: [['Destination address', 'wlan.da', 16], ['Source address', 'wlan.sa', 24]],
}

/** Wireshark's names of the frame types a DHCP capture over Wi-Fi shows most, by type << 4 | subtype. */
const WLAN_FRAME_NAMES: Record<number, string> = {
  0x00: 'Association Request', 0x01: 'Association Response', 0x04: 'Probe Request', 0x05: 'Probe Response', 0x08: 'Beacon frame',
  0x0a: 'Disassociate', 0x0b: 'Authentication', 0x0c: 'Deauthentication', 0x0d: 'Action',
  0x1b: 'Request-to-send', 0x1c: 'Clear-to-send', 0x1d: 'Acknowledgement',
  0x20: 'Data', 0x24: 'Null function (No data)', 0x28: 'QoS Data', 0x2c: 'QoS Null function (No data)',
}

function wlan(linkType: number, b: Uint8Array, problems: Problems, tree: boolean): LinkResult {
  const radio = radioHeaderLength(linkType, b, 0, b.length)
  if (radio < 0) {
    problems.note('Radio header', 0, `not a ${linkTypeNames[linkType]} header this decoder reads, or cut short`)
    return { etherType: null, payload: b.length, fields: [] }
  }
  const radioNode = tree ? radioHeader(linkType, b, radio) : null
  const fcs = linkType === LINKTYPE.IEEE802_11_RADIOTAP && radiotapHasFcs(b, 0, radio)
  const frame = decodeWlanFrame(b, radio, b.length, problems, tree, { fcs })
  if (radioNode) frame.fields.unshift(radioNode)
  return frame
}

/**
 * The 802.11 frame at [start, end) and the LLC header of its body: what it carries follows. `fcs`: a frame check
 * sequence ends it (a radio header says so); `swapped`: its frame control's bytes are in the other order (CAPWAP).
 */
export function decodeWlanFrame(b: Uint8Array, start: number, end: number, problems: Problems, tree: boolean, { fcs = false, swapped = false } = {}): LinkResult {
  const fields: FieldNode[] = []
  const h: WlanLayout = { type: 0, subtype: 0, flags: 0, headerLength: 0, qos: -1, llc: -1 }
  if (!readWlanHeader(b, start, end, h, swapped)) {
    problems.truncated('IEEE 802.11 header', start, `truncated: ${h.headerLength || 10} bytes needed, ${end - start} present`)
    return { etherType: null, payload: end, fields }
  }
  const typeSubtype = (h.type << 4) | h.subtype
  const name = WLAN_FRAME_NAMES[typeSubtype] ?? `Type/subtype 0x${typeSubtype.toString(16).padStart(4, '0')}`
  const addresses = h.type === 2 ? WLAN_ADDRESSES[h.flags & 0x03] : h.type === 0 ? WLAN_ADDRESSES[0] : []
  const at = (key: string) => addresses.find(([, k]) => k === key)?.[2]
  const sa = at('wlan.sa'), da = at('wlan.da')
  const sequenced = h.headerLength >= 24
  const seqControl = sequenced ? u16le(b, start + 22) : 0
  if (tree) {
    const withFcs = fcs && end - start >= h.headerLength + 4
    const flagsAt = start + wlanFlagsAt(swapped)
    const children = [
      field('Type/Subtype', start + frameControlAt(swapped), 1, { key: 'wlan.fc.type_subtype', value: `${name} (0x${typeSubtype.toString(16).padStart(4, '0')})` }),
      field(`Frame Control Field${swapped ? ' (swapped)' : ''}`, start, 2, { key: 'wlan.fc', value: `0x${hex(b, start, 2)}` }),
      field('Flags', flagsAt, 1, { key: 'wlan.flags', value: `0x${hex(b, flagsAt, 1)}` }),
      field('Duration', start + 2, 2, { key: 'wlan.duration', value: String(u16le(b, start + 2)) }),
      field('Receiver address', start + 4, 6, { key: 'wlan.ra', value: mac(b, start + 4) }),
    ]
    if (h.headerLength >= 16) children.push(field('Transmitter address', start + 10, 6, { key: 'wlan.ta', value: mac(b, start + 10) }))
    children.push(...addresses.map(([label, key, offset]) => field(label, start + offset, 6, { key, value: mac(b, start + offset) })))
    // The station's own address, in a frame between a station and its access point: the sender to it, the receiver from it.
    const ds = h.flags & 0x03
    if (h.type === 2 && (ds === 1 || ds === 2)) children.push(field('STA address', start + (ds === 1 ? 10 : 4), 6, { key: 'wlan.staa', value: mac(b, start + (ds === 1 ? 10 : 4)) }))
    if (sequenced) {
      children.push(
        field('Fragment number', start + 22, 2, { key: 'wlan.frag', value: String(seqControl & 0x0f) }),
        field('Sequence number', start + 22, 2, { key: 'wlan.seq', value: String(seqControl >> 4) }),
      )
    }
    if (h.qos >= 0) children.push(field('QoS Control', h.qos, 2, { key: 'wlan.qos', value: `0x${u16le(b, h.qos).toString(16).padStart(4, '0')}` }))
    // Sent least significant byte first, as Wireshark reads it.
    if (withFcs) children.push(field('Frame check sequence', end - 4, 4, { key: 'wlan.fcs', value: `0x${u32le(b, end - 4).toString(16).padStart(8, '0')}` }))
    fields.push(field(`IEEE 802.11 ${name}`, start, h.headerLength, { key: 'wlan', children }))
  }
  const source = sa === undefined ? undefined : mac(b, start + sa), destination = da === undefined ? undefined : mac(b, start + da)
  if (h.llc < 0) {
    if (h.type === 2 && (h.subtype & 4) === 0) problems.note('IEEE 802.11', start, (h.flags & 0x40) !== 0 ? 'the payload is encrypted' : 'the payload is not read: a fragment, an A-MSDU, or no LLC/SNAP header')
    const sequence = sequenced ? `, SN=${seqControl >> 4}` : ''
    return { etherType: null, payload: end, source, destination, fields, protocol: '802.11', info: `${name}${sequence}${(h.flags & 0x40) !== 0 ? ', protected' : ''}` }
  }
  const llc = h.llc, type = llc + 6
  if (tree) {
    fields.push(field('Logical-Link Control', llc, LLC_SNAP_LENGTH, {
      key: 'llc',
      children: [
        field('DSAP', llc, 1, { key: 'llc.dsap', value: `0x${hex(b, llc, 1)}` }),
        field('SSAP', llc + 1, 1, { key: 'llc.ssap', value: `0x${hex(b, llc + 1, 1)}` }),
        field('Control field', llc + 2, 1, { key: 'llc.control', value: `0x${hex(b, llc + 2, 1)}` }),
        field('Organization Code', llc + 3, 3, { key: 'llc.oui', value: `0x${hex(b, llc + 3, 3)}` }),
        field('Type', type, 2, { key: 'llc.type', value: `0x${hex(b, type, 2)}` }),
      ],
    }))
  }
  return { etherType: u16(b, type), payload: type + 2, source, destination, fields }
}
