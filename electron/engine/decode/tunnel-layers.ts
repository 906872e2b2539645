// The field tree of the tunnels decode/tunnels.ts steps through: PPPoE session and PPP, GRE, ERSPAN, VXLAN and
// CAPWAP, field by field with Wireshark's names, so each can be filtered on and shown in the hex pane.
import { hex, mac, u16, u32 } from './bytes'
import { field, type FieldNode, type Problems } from './field'
import { capwapHeader, capwapPayload, CAPWAP_FLAGS, erspanCarriesEthernet, erspanHeaderLength, ERSPAN_VERSION, ETHERTYPE, greCarries, greHeaderLength, GRE_ENHANCED, GRE_FLAGS, PPPOE_HEADER_LENGTH, pppEtherType, pppHdlcProtocolAt, pppProtocol, pppProtocolName, VXLAN_HEADER_LENGTH } from './tunnels'

/**
 * What a tunnel's header is followed by: an EtherType's layer (IP), an Ethernet frame, or an 802.11 frame with its
 * frame control byte-swapped (CAPWAP) ending at `end`; null: nothing this reads.
 */
export interface TunnelResult {
  fields: FieldNode[]
  next: { etherType: number; payload: number } | { ethernet: number } | { wlan: number; end: number } | null
  /** The list's Protocol where nothing inside is decoded, as Wireshark's column says it. */
  protocol: string
}

const hex16 = (b: Uint8Array, at: number) => `0x${hex(b, at, 2)}`
const bit = (b: Uint8Array, at: number, mask: number) => ((u16(b, at) & mask) !== 0 ? 'Yes' : 'No')

/** A PPPoE session header at `at`, and the PPP protocol field after it. */
export function decodePppoe(b: Uint8Array, at: number, problems: Problems, tree: boolean): TunnelResult {
  if (at + PPPOE_HEADER_LENGTH > b.length) {
    problems.truncated('PPPoE session header', at, `truncated: ${PPPOE_HEADER_LENGTH} bytes needed, ${b.length - at} present`)
    return { fields: [], next: null, protocol: 'PPPoES' }
  }
  const fields = tree ? [field('PPP-over-Ethernet Session', at, PPPOE_HEADER_LENGTH, {
    key: 'pppoes',
    children: [
      field('Version', at, 1, { key: 'pppoe.version', value: String(b[at] >> 4) }),
      field('Type', at, 1, { key: 'pppoe.type', value: String(b[at] & 15) }),
      field('Code', at + 1, 1, { key: 'pppoe.code', value: b[at + 1] === 0 ? 'Session Data (0x00)' : `0x${hex(b, at + 1, 1)}` }),
      field('Session ID', at + 2, 2, { key: 'pppoe.session_id', value: hex16(b, at + 2) }),
      field('Payload Length', at + 4, 2, { key: 'pppoe.payload_length', value: String(u16(b, at + 4)) }),
    ],
  })] : []
  return pppLayer(b, at + PPPOE_HEADER_LENGTH, at + PPPOE_HEADER_LENGTH, b.length, problems, tree, fields)
}

/**
 * A PPP frame at `start` whose protocol field is at `protocolAt` (after an HDLC address and control, as PPTP sends
 * them, or at once), appended to `fields`: what it carries follows.
 */
function pppLayer(b: Uint8Array, start: number, protocolAt: number, end: number, problems: Problems, tree: boolean, fields: FieldNode[]): TunnelResult {
  const ppp = pppProtocol(b, protocolAt, end)
  if (!ppp) {
    problems.truncated('PPP protocol', protocolAt, 'truncated')
    return { fields, next: null, protocol: 'PPP' }
  }
  const name = `${pppProtocolName(ppp.protocol)} (0x${ppp.protocol.toString(16).padStart(4, '0')})`
  if (tree) {
    const hdlc = protocolAt > start ? [field('Address', start, 1, { key: 'ppp.address', value: `0x${hex(b, start, 1)}` }), field('Control', start + 1, 1, { key: 'ppp.control', value: `0x${hex(b, start + 1, 1)}` })] : []
    fields.push(field('Point-to-Point Protocol', start, protocolAt + ppp.length - start, { key: 'ppp', children: [...hdlc, field('Protocol', protocolAt, ppp.length, { key: 'ppp.protocol', value: name })] }))
  }
  const etherType = pppEtherType(ppp.protocol)
  return { fields, next: etherType ? { etherType, payload: protocolAt + ppp.length } : null, protocol: 'PPP' }
}

const GRE_PROTOCOL_NAMES: Record<number, string> = {
  [ETHERTYPE.PPP]: 'PPP', [ETHERTYPE.IPV4]: 'IP', [ETHERTYPE.IPV6]: 'IPv6', [ETHERTYPE.TRANSPARENT_ETHERNET]: 'Transparent Ethernet bridging', [ETHERTYPE.ERSPAN_II]: 'ERSPAN', [ETHERTYPE.ERSPAN_III]: 'ERSPAN III',
}

/** A GRE packet at `at`, in an IP packet ending at `end`; for ERSPAN, its header too. */
export function decodeGre(b: Uint8Array, at: number, end: number, problems: Problems, tree: boolean): TunnelResult {
  if (at + 4 > end) {
    problems.truncated('GRE header', at, `truncated: 4 bytes needed, ${end - at} present`)
    return { fields: [], next: null, protocol: 'GRE' }
  }
  const flags = u16(b, at), protocol = u16(b, at + 2)
  const name = GRE_PROTOCOL_NAMES[protocol] ?? `0x${hex(b, at + 2, 2).toUpperCase()} - unknown`
  const length = greHeaderLength(b, at, end)
  const enhanced = (flags & GRE_FLAGS.VERSION) === GRE_ENHANCED
  if (length < 0 && !(flags & GRE_FLAGS.ROUTING) && (flags & GRE_FLAGS.VERSION) <= GRE_ENHANCED) problems.truncated('GRE header', at, 'truncated')
  const children = tree ? [
    field('Flags and Version', at, 2, {
      key: 'gre.flags_and_version', value: hex16(b, at),
      children: [
        field('Checksum Bit', at, 2, { key: 'gre.flags.checksum', value: bit(b, at, GRE_FLAGS.CHECKSUM) }),
        field('Routing Bit', at, 2, { key: 'gre.flags.routing', value: bit(b, at, GRE_FLAGS.ROUTING) }),
        field('Key Bit', at, 2, { key: 'gre.flags.key', value: bit(b, at, GRE_FLAGS.KEY) }),
        field('Sequence Number Bit', at, 2, { key: 'gre.flags.sequence_number', value: bit(b, at, GRE_FLAGS.SEQUENCE) }),
        field('Strict Source Route Bit', at, 2, { key: 'gre.flags.strict_source_route', value: bit(b, at, 0x0800) }),
        field('Recursion control', at, 2, { key: 'gre.flags.recursion_control', value: String((flags >> 8) & 7) }),
        ...(enhanced ? [field('Acknowledgment', at, 2, { key: 'gre.flags.ack', value: bit(b, at, GRE_FLAGS.ACK) })] : []),
        field('Flags (Reserved)', at, 2, { key: 'gre.flags.reserved', value: String((flags >> 3) & (enhanced ? 0x0f : 0x1f)) }),
        field('Version', at, 2, { key: 'gre.flags.version', value: String(flags & GRE_FLAGS.VERSION) }),
      ],
    }),
    field('Protocol Type', at + 2, 2, { key: 'gre.proto', value: `${name} (${hex16(b, at + 2)})` }),
  ] : null
  let word = at + 4
  if (length >= 0 && children) {
    if (flags & GRE_FLAGS.CHECKSUM) {
      children.push(field('Checksum', word, 2, { key: 'gre.checksum', value: hex16(b, word) }), field('Offset', word + 2, 2, { key: 'gre.offset', value: String(u16(b, word + 2)) }))
      word += 4
    }
    if (flags & GRE_FLAGS.KEY) {
      children.push(...(enhanced
        ? [field('Payload Length', word, 2, { key: 'gre.key.payload_length', value: String(u16(b, word)) }), field('Call ID', word + 2, 2, { key: 'gre.key.call_id', value: String(u16(b, word + 2)) })]
        : [field('Key', word, 4, { key: 'gre.key', value: `0x${hex(b, word, 4)}` })]))
      word += 4
    }
    if (flags & GRE_FLAGS.SEQUENCE) {
      children.push(field('Sequence Number', word, 4, { key: 'gre.sequence_number', value: String(u32(b, word)) }))
      word += 4
    }
    if (enhanced && flags & GRE_FLAGS.ACK) children.push(field('Acknowledgment Number', word, 4, { key: 'gre.ack_number', value: String(u32(b, word)) }))
  }
  const fields = children ? [field(`Generic Routing Encapsulation (${name})`, at, length < 0 ? 4 : length, { key: 'gre', children })] : []
  const carries = length < 0 ? null : greCarries(protocol)
  const payload = at + length
  if (carries === 'ip') return { fields, next: { etherType: protocol, payload }, protocol: 'GRE' }
  if (carries === 'ethernet') return { fields, next: { ethernet: payload }, protocol: 'GRE' }
  if (carries === 'ppp') {
    const protocolAt = pppHdlcProtocolAt(b, payload, end)
    return protocolAt < 0 ? { fields, next: null, protocol: 'GRE' } : pppLayer(b, payload, protocolAt, end, problems, tree, fields)
  }
  if (carries !== 'erspan') return { fields, next: null, protocol: 'GRE' }
  const header = erspanHeaderLength(b, payload, end, protocol, flags)
  if (tree) fields.push(erspanNode(b, payload, header))
  return { fields, next: header >= 0 && erspanCarriesEthernet(b, payload, header) ? { ethernet: payload + header } : null, protocol: 'ERSPAN' }
}

const ERSPAN = 'Encapsulated Remote Switch Packet ANalysis'

/** The ERSPAN header at `at`, `length` bytes long (0: type I, which has none; -1: one this does not follow). */
function erspanNode(b: Uint8Array, at: number, length: number): FieldNode {
  if (length === 0) return field(`${ERSPAN} Type I`, at, 0, { key: 'erspan' })
  const version = b.length >= at + 1 ? b[at] >> 4 : 0
  const known = version === ERSPAN_VERSION.TYPE_II ? 'Type II' : version === ERSPAN_VERSION.TYPE_III ? 'Type III' : 'Unknown'
  if (length < 0) return field(`${ERSPAN} ${known}`, at, Math.max(0, Math.min(2, b.length - at)), { key: 'erspan' })
  const number = (label: string, offset: number, size: number, key: string, value: number) => field(label, at + offset, size, { key, value: String(value) })
  const w0 = u16(b, at), w1 = u16(b, at + 2)
  const children = [
    number('Version', 0, 2, 'erspan.version', version),
    number('Vlan', 0, 2, 'erspan.vlan', w0 & 0x0fff),
    number('COS', 2, 2, 'erspan.cos', w1 >> 13),
  ]
  if (version === ERSPAN_VERSION.TYPE_II) {
    const w2 = u32(b, at + 4)
    children.push(
      number('Encap', 2, 2, 'erspan.encap', (w1 >> 11) & 3),
      number('Truncated', 2, 2, 'erspan.truncated', (w1 >> 10) & 1),
      number('SpanID', 2, 2, 'erspan.spanid', w1 & 0x03ff),
      number('Reserved', 4, 4, 'erspan.reserved', w2 >>> 20),
      number('Index', 4, 4, 'erspan.index', w2 & 0x000fffff),
    )
  } else {
    const w5 = u16(b, at + 10)
    children.push(
      number('Bad/Short/Oversized', 2, 2, 'erspan.bso', (w1 >> 11) & 3),
      number('Truncated', 2, 2, 'erspan.truncated', (w1 >> 10) & 1),
      number('SpanID', 2, 2, 'erspan.spanid', w1 & 0x03ff),
      number('Timestamp', 4, 4, 'erspan.timestamp', u32(b, at + 4)),
      number('Security Group Tag', 8, 2, 'erspan.sgt', u16(b, at + 8)),
      number('Has Ethernet PDU', 10, 2, 'erspan.p', w5 >> 15),
      number('Frame Type', 10, 2, 'erspan.ft', (w5 >> 10) & 0x1f),
      number('Hardware ID', 10, 2, 'erspan.hw', (w5 >> 4) & 0x3f),
      number('Direction', 10, 2, 'erspan.direction', (w5 >> 3) & 1),
      number('Timestamp granularity', 10, 2, 'erspan.gra', (w5 >> 1) & 3),
      number('Optional Sub headers', 10, 2, 'erspan.o', w5 & 1),
    )
    if (w5 & 1) children.push(number('Platform ID', 12, 4, 'erspan.platid', b[at + 12] >> 2))
  }
  return field(`${ERSPAN} ${known}`, at, length, { key: 'erspan', children })
}

/** A VXLAN header at `at` (RFC 7348, with the group policy extension's fields), before an Ethernet frame. */
export function decodeVxlan(b: Uint8Array, at: number, end: number, problems: Problems, tree: boolean): TunnelResult {
  if (at + VXLAN_HEADER_LENGTH > end) {
    problems.truncated('VXLAN header', at, `truncated: ${VXLAN_HEADER_LENGTH} bytes needed, ${end - at} present`)
    return { fields: [], next: null, protocol: 'VxLAN' }
  }
  const fields = tree ? [field('Virtual eXtensible Local Area Network', at, VXLAN_HEADER_LENGTH, {
    key: 'vxlan',
    children: [
      field('Flags', at, 2, {
        key: 'vxlan.flags', value: hex16(b, at),
        children: [
          field('GBP Extension', at, 2, { key: 'vxlan.flag_g', value: bit(b, at, 0x8000) }),
          field('VXLAN Network ID (VNI)', at, 2, { key: 'vxlan.flag_i', value: bit(b, at, 0x0800) }),
          field('Don\'t Learn', at, 2, { key: 'vxlan.flag_d', value: bit(b, at, 0x0040) }),
          field('Policy Applied', at, 2, { key: 'vxlan.flag_a', value: bit(b, at, 0x0008) }),
          field('Reserved(R)', at, 2, { key: 'vxlan.flags_reserved', value: hex(b, at, 2) }),
        ],
      }),
      field('Group Policy ID', at + 2, 2, { key: 'vxlan.gbp', value: String(u16(b, at + 2)) }),
      field('VXLAN Network Identifier (VNI)', at + 4, 3, { key: 'vxlan.vni', value: String(u32(b, at + 4) >>> 8) }),
      field('Reserved', at + 7, 1, { key: 'vxlan.reserved8', value: String(b[at + 7]) }),
    ],
  })] : []
  return { fields, next: { ethernet: at + VXLAN_HEADER_LENGTH }, protocol: 'VxLAN' }
}

const CAPWAP_BINDINGS: Record<number, string> = { 0: 'Reserved', 1: 'IEEE 802.11', 2: 'Reserved', 3: 'EPCGlobal' }
const yesNo = (flags: number, bit: number) => ((flags & bit) !== 0 ? 'Yes' : 'No')

/** A CAPWAP data packet at [at, end): its preamble and header, as Wireshark shows them. */
export function decodeCapwapData(b: Uint8Array, at: number, end: number, problems: Problems, tree: boolean): TunnelResult {
  const protocol = 'CAPWAP-Data'
  if (at + 8 > end) {
    problems.truncated('CAPWAP header', at, `truncated: 8 bytes needed, ${end - at} present`)
    return { fields: [], next: null, protocol }
  }
  const carried = capwapPayload(b, at, end)
  const next = !carried ? null : carried.carries === 'ethernet' ? { ethernet: carried.payload } : { wlan: carried.payload, end }
  if (!tree) return { fields: [], next, protocol }
  const preamble = field('Preamble', at, 1, {
    key: 'capwap.preamble',
    children: [
      field('Version', at, 1, { key: 'capwap.preamble.version', value: String(b[at] >> 4) }),
      field('Type', at, 1, { key: 'capwap.preamble.type', value: (b[at] & 0x0f) === 1 ? 'CAPWAP DTLS Header (1)' : `CAPWAP Header (${b[at] & 0x0f})` }),
    ],
  })
  // Type 1: a DTLS record follows, which is not read here.
  if ((b[at] & 0x0f) === 1) return { fields: [field('Control And Provisioning of Wireless Access Points - Data', at, 1, { key: 'capwap.data', children: [preamble] })], next: null, protocol }
  const { hlen, rid, wbid, flags } = capwapHeader(b, at)
  // The fixed part is shown even where the header claims to be shorter.
  const length = Math.min(Math.max(hlen * 4, 8), end - at)
  const flag = (label: string, key: string, bit: number) => field(label, at + 1, 3, { key, value: yesNo(flags, bit) })
  const children = [
    field('Header Length', at + 1, 3, { key: 'capwap.header.length', value: `${hlen} (${hlen * 4})` }),
    field('Radio ID', at + 1, 3, { key: 'capwap.header.rid', value: String(rid) }),
    field('Wireless Binding ID', at + 1, 3, { key: 'capwap.header.wbid', value: `${CAPWAP_BINDINGS[wbid] ?? 'Unknown'} (${wbid})` }),
    field('Header Flags', at + 1, 3, {
      key: 'capwap.header.flags', value: `0x${flags.toString(16).padStart(6, '0')}`,
      children: [
        field('Payload Type', at + 1, 3, { key: 'capwap.header.flags.t', value: flags & CAPWAP_FLAGS.TYPE ? 'Native frame format (see Wireless Binding ID)' : 'IEEE 802.3 frame' }),
        flag('Fragment', 'capwap.header.flags.f', CAPWAP_FLAGS.FRAGMENT),
        flag('Last Fragment', 'capwap.header.flags.l', CAPWAP_FLAGS.LAST),
        flag('Wireless header', 'capwap.header.flags.w', CAPWAP_FLAGS.WIRELESS),
        flag('Radio MAC header', 'capwap.header.flags.m', CAPWAP_FLAGS.RADIO_MAC),
        flag('Keep-Alive', 'capwap.header.flags.k', CAPWAP_FLAGS.KEEP_ALIVE),
        field('Reserved', at + 1, 3, { key: 'capwap.header.flags.r', value: `0x${(flags & 7).toString(16).padStart(6, '0')}` }),
      ],
    }),
    field('Fragment ID', at + 4, 2, { key: 'capwap.header.fragment.id', value: String(u16(b, at + 4)) }),
    field('Fragment Offset', at + 6, 2, { key: 'capwap.header.fragment.offset', value: String(u16(b, at + 6) >> 3) }),
    field('Reserved', at + 7, 1, { key: 'capwap.header.fragment.reserved', value: String(b[at + 7] & 7) }),
    ...capwapOptionalFields(b, at, at + length, flags),
  ]
  return {
    fields: [field('Control And Provisioning of Wireless Access Points - Data', at, length, { key: 'capwap.data', children: [preamble, field('Header', at + 1, length - 1, { key: 'capwap.header', children })] })],
    next,
    protocol,
  }
}

/**
 * The header's optional parts, inside its length (`end`): the radio's MAC address (M flag), then the wireless
 * binding's information (W flag), each a length and its bytes padded to four bytes from the packet's start.
 */
function capwapOptionalFields(b: Uint8Array, at: number, end: number, flags: number): FieldNode[] {
  const fields: FieldNode[] = []
  let p = at + 8
  const padding = () => {
    const pad = (4 - ((p - at) % 4)) % 4
    if (pad && p + pad <= end) fields.push(field('Padding for 4 Byte Alignment', p, pad, { key: 'capwap.header.padding', value: hex(b, p, pad) }))
    p += pad
  }
  if (flags & CAPWAP_FLAGS.RADIO_MAC) {
    if (p >= end || p + 1 + b[p] > end) return fields
    const length = b[p]
    fields.push(field('MAC length', p, 1, { key: 'capwap.header.mac.length', value: String(length) }))
    const key = length === 6 ? 'capwap.header.mac.eui48' : length === 8 ? 'capwap.header.mac.eui64' : 'capwap.header.mac.data'
    fields.push(field('MAC address', p + 1, length, { key, value: length === 6 ? mac(b, p + 1) : hex(b, p + 1, length) }))
    p += 1 + length
    padding()
  }
  if (flags & CAPWAP_FLAGS.WIRELESS) {
    if (p >= end || p + 1 + b[p] > end) return fields
    const length = b[p]
    fields.push(field('Wireless length', p, 1, { key: 'capwap.header.wireless.length', value: String(length) }), field('Wireless data', p + 1, length, { key: 'capwap.header.wireless.data', value: hex(b, p + 1, length) }))
    p += 1 + length
    padding()
  }
  return fields
}
