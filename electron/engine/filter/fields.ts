// The display-filter fields: fixed protocol fields plus one `dhcp.option.<key>` / `dhcpv6.option.<key>` per
// registry option, so a new option in the registry is filterable (and completed in the UI) without more code.
// Each field walks its occurrences in one indexed packet; comparisons are true when any occurrence matches,
// as in Wireshark.
import { dhcp4MessageTypes } from '../decode/dhcp4/message-types'
import { BOOTP_HEADER_LENGTH, MAGIC_COOKIE } from '../decode/dhcp4/option-areas'
import { dhcp4Options, dhcp4OptionSpec, type Dhcp4Format } from '../decode/dhcp4/options'
import { wiresharkOptionValueFields, wiresharkPxeFields, wiresharkRawTextOptions, wiresharkRelayAgentFields } from '../decode/dhcp4/wireshark-names'
import { wiresharkV6OptionNames, wiresharkV6ValueFields } from '../decode/dhcp6/wireshark-names'
import { secondsElapsed, secondsLittleEndian } from '../decode/dhcp4/seconds-elapsed'
import { namesAsShown } from '../decode/domain-names'
import { customBlockCopy, isVlanEtherType, PROVIDER_TAG } from '../decode/link-types'
import { WRAPPER } from '../decode/scan'
import { eachWiresharkRoute } from '../decode/dhcp4/wireshark-routes'
import { dhcp6MessageTypes, dhcp6Options, dhcp6OptionSpec, dhcp6StatusCodes, type Dhcp6Format } from '../decode/dhcp6/registry'
import type { FilterField } from '../../contract/types'
import type { CaptureIndex, WiresharkStop } from '../index/capture-index'
import { treeField, treeFields, treeFieldSpec, wiresharkTreeFields } from './tree-fields'
import { wiresharkDhcpFields } from './wireshark-dhcp-fields'

/** The packet under test: its position and where its frame's bytes are (slab and offset of byte 0). */
export interface Cursor {
  index: CaptureIndex
  i: number
  b: Uint8Array
  base: number
}

export type NumberVisit = (n: number) => boolean
export type BytesVisit = (b: Uint8Array, offset: number, length: number) => boolean

interface Described {
  name: string
  description: string
}
export interface NumberField extends Described {
  kind: 'number' | 'ipv4' | 'bool'
  /** Named values (message types, status codes) users may write instead of numbers. */
  names?: Record<string, number>
  /** What to say when a value is none of `names` but means something else (a message type on BOOTP's op). */
  misnamed?: (value: string) => string | undefined
  each(c: Cursor, visit: NumberVisit): boolean
}
export interface BytesField extends Described {
  kind: 'mac' | 'ipv6' | 'string' | 'bytes'
  each(c: Cursor, visit: BytesVisit): boolean
  /** A text field whose bytes Wireshark shows as other text (DNS names, hex): that text, which `each` visits. */
  texts?(b: Uint8Array, at: number, length: number): string[]
  /**
   * The field's bytes as a big-endian number, as a column of the index holds them wherever the field is present: a
   * test for one value reads the column first, and the frame's bytes only where it matches (a column is read in
   * order from memory; the frames of a million packets are not).
   */
  columnValue?(c: Cursor): number
}
export interface ProtocolField extends Described {
  kind: 'protocol'
  present(c: Cursor): boolean
}
export type FilterFieldDef = NumberField | BytesField | ProtocolField

const u16 = (c: Cursor, at: number) => (c.b[c.base + at] << 8) | c.b[c.base + at + 1]
const u32 = (c: Cursor, at: number) => ((c.b[c.base + at] << 24) >>> 0) + ((c.b[c.base + at + 1] << 16) | (c.b[c.base + at + 2] << 8) | c.b[c.base + at + 3])
const has = (c: Cursor, at: number, length: number) => at + length <= c.index.col.capturedLength[c.i]

function protocol(name: string, description: string, present: (c: Cursor) => boolean): ProtocolField {
  return { name, description, kind: 'protocol', present }
}

function number(name: string, description: string, read: (c: Cursor) => number | null, kind: NumberField['kind'] = 'number', names?: Record<string, number>): NumberField {
  return {
    name, description, kind, names,
    each(c, visit) {
      const n = read(c)
      return n !== null && visit(n)
    },
  }
}

function bytesAt(name: string, description: string, kind: BytesField['kind'], where: (c: Cursor) => number | null, length: number): BytesField {
  return {
    name, description, kind,
    each(c, visit) {
      const at = where(c)
      return at !== null && has(c, at, length) && visit(c.b, c.base + at, length)
    },
  }
}

/** A field present at two places (source and destination): `ip.addr == x` matches either. */
function either<F extends NumberField | BytesField>(name: string, description: string, a: F, b: F): F {
  return { ...a, name, description, each: (c: Cursor, visit: never) => a.each(c, visit) || b.each(c, visit) } as F
}


/**
 * Visits each header of a kind (WRAPPER) in the packet: the one the columns hold (the frame's Ethernet header, the
 * innermost IP and UDP headers), then those tunnels wrap it in (CaptureIndex.wrappers), as Wireshark's fields
 * match in every layer of their protocol. True as soon as `visit` is.
 */
function eachHeader(c: Cursor, kind: number, visit: (offset: number) => boolean): boolean {
  const col = c.index.col
  const own = kind === WRAPPER.ETHERNET ? (col.ethernet[c.i] === 0 ? 0 : -1)
    : kind === WRAPPER.UDP ? col.udpOffset[c.i]
      : col.ipVersion[c.i] === kind ? col.ipOffset[c.i] : -1
  return (own >= 0 && visit(own)) || eachWrapper(c, kind, visit)
}

/** Visits the headers of a kind that tunnels wrap the packet in (CaptureIndex.wrappers) only. */
function eachWrapper(c: Cursor, kind: number, visit: (offset: number) => boolean): boolean {
  const wrappers = c.index.wrappers.size ? c.index.wrappers.get(c.i) : undefined
  if (!wrappers) return false
  for (let k = 0; k < wrappers.length; k += 2) if (wrappers[k] === kind && visit(wrappers[k + 1])) return true
  return false
}

/**
 * Wireshark's vlan.id: the id of every 802.1Q tag, each Ethernet header's (an old-style QinQ frame's outer and inner
 * tags, a tunnelled frame's); an 802.1ad provider tag (0x88a8) is ieee8021ad.id, a field of the tree. The column
 * holds the first tag of any kind the scanner met: a frame without one has none.
 */
function eachVlanTag(c: Cursor, visit: (id: number) => boolean): boolean {
  if (c.index.col.vlanId[c.i] < 0) return false
  return eachHeader(c, WRAPPER.ETHERNET, (at) => {
    for (let type = at + 12; has(c, type, 4) && isVlanEtherType(u16(c, type)); type += 4) {
      if (u16(c, type) !== PROVIDER_TAG && visit(u16(c, type + 2) & 0x0fff)) return true
    }
    return false
  })
}
const vlanIds: NumberField = { name: 'vlan.id', description: 'VLAN ID, of any 802.1Q tag (QinQ\'s inner, those inside tunnels)', kind: 'number', each: eachVlanTag }

/** A UDP port: the innermost header's from its column, those of tunnels around it from their bytes. */
function udpPort(name: string, description: string, offset: 0 | 2): NumberField {
  return {
    name, description, kind: 'number',
    each(c, visit) {
      const col = c.index.col
      if (col.udpOffset[c.i] >= 0 && visit(offset ? col.destinationPort[c.i] : col.sourcePort[c.i])) return true
      return eachWrapper(c, WRAPPER.UDP, (at) => has(c, at + offset, 2) && visit(u16(c, at + offset)))
    },
  }
}

/** A field of `length` bytes at `offset` in each header of a kind. */
function headerBytes(name: string, description: string, kind: BytesField['kind'], header: number, offset: number, length: number): BytesField {
  return { name, description, kind, each: (c, visit) => eachHeader(c, header, (at) => has(c, at + offset, length) && visit(c.b, c.base + at + offset, length)) }
}

/** A big-endian number of 1, 2 or 4 bytes at `offset` in each header of a kind. */
function headerNumber(name: string, description: string, header: number, offset: number, length: 1 | 2 | 4, kind: NumberField['kind'] = 'number'): NumberField {
  const read = length === 1 ? (c: Cursor, at: number) => c.b[c.base + at] : length === 2 ? u16 : u32
  return { name, description, kind, each: (c, visit) => eachHeader(c, header, (at) => has(c, at + offset, length) && visit(read(c, at + offset))) }
}

const headerPresent = (name: string, description: string, header: number) => protocol(name, description, (c) => eachHeader(c, header, () => true))
const dhcp4 = (c: Cursor) => c.index.col.family[c.i] === 4
const dhcp6 = (c: Cursor) => c.index.col.family[c.i] === 6
/** A DHCPv4 message whose fields Wireshark shows: all but those it gives up on at once (WiresharkStop.noFields). */
const dhcp4Fields = (c: Cursor) => dhcp4(c) && !wiresharkStopOf(c)?.noFields
/**
 * Where a BOOTP header field is, and its value. A field that reads one while it tests a packet calls these directly: a
 * reader made there (bootp(2, 1)(c)) is a closure per packet, a million per filter. bootp() and bootpAt() make the
 * readers that fields are given.
 */
const bootpOffset = (c: Cursor, offset: number) => (dhcp4Fields(c) ? c.index.col.dhcpOffset[c.i] + offset : null)
function bootpValue(c: Cursor, offset: number, size: 1 | 2 | 4): number | null {
  const at = bootpOffset(c, offset)
  if (at === null || !has(c, at, size)) return null
  return size === 1 ? c.b[c.base + at] : size === 2 ? u16(c, at) : u32(c, at)
}
const bootp = (offset: number, size: 1 | 2 | 4) => (c: Cursor) => bootpValue(c, offset, size)
const bootpAt = (offset: number) => (c: Cursor) => bootpOffset(c, offset)
/** The xid column holds these 4 bytes for every DHCPv4 packet whose frame has them: no read of the frame. */
const transactionId = (c: Cursor) => {
  const at = bootpOffset(c, 4)
  return at !== null && has(c, at, 4) ? c.index.col.xid[c.i] : null
}

function upperNames(table: Record<number, string>): Record<string, number> {
  return Object.fromEntries(Object.entries(table).map(([code, name]) => [name, Number(code)]))
}

/**
 * For a packet Wireshark stops dissecting early, 1 for each option (from the packet's first) it does not read, whose
 * fields its filters do not see, and so ours neither; null for the rest.
 */
function unseenOptions(c: Cursor): Uint8Array | null {
  return wiresharkStopOf(c)?.unseen ?? null
}

/** Where Wireshark stops dissecting the packet under test, if it does; the map is empty for most captures. */
function wiresharkStopOf(c: Cursor): WiresharkStop | undefined {
  return c.index.wiresharkStops.size ? c.index.wiresharkStops.get(c.i) : undefined
}

/** Every option of the packet with a code (`dhcp.option == 82`): DHCPv4 or DHCPv6 by family. */
function optionCodes(name: string, description: string, family: 4 | 6): NumberField {
  return {
    name, description, kind: 'number',
    each(c, visit) {
      if (c.index.col.family[c.i] !== family) return false
      const start = c.index.col.optionStart[c.i]
      const end = start + c.index.col.optionCount[c.i]
      const unseen = unseenOptions(c)
      for (let k = start; k < end; k++) if (!unseen?.[k - start] && visit(c.index.options.code[k])) return true
      return false
    },
  }
}

/**
 * Wireshark's dhcp.option.type: every option's code, and 0 for the End option and for padding, which Wireshark 4.0
 * shows as options of type 0 (so `dhcp.option.type == 0` is a packet with an End option, and `== 255` none); and
 * the code of an option cut short, which it shows before it stops (its length: the tree's dhcp.option.length).
 */
const anyDhcp4Option = optionCodes('dhcp.option.type', 'Any DHCPv4 option, by code, as Wireshark shows them (End and padding as 0): dhcp.option.type == 82', 4)
const dhcp4OptionTypes: NumberField = {
  ...anyDhcp4Option,
  each: (c, visit) => anyDhcp4Option.each(c, visit) || (dhcp4(c) && (cutOptionCode(c, visit) || (hasEndOrPad(c) && visit(0)))),
}

function cutOptionCode(c: Cursor, visit: (value: number) => boolean): boolean {
  const cut = wiresharkStopOf(c)?.cut
  return cut != null && visit(cut.code)
}

/**
 * Whether the options field has an End option or a pad; sname and file are not looked at, nor the options of a
 * packet whose magic cookie is wrong (Wireshark reads none there).
 */
function hasEndOrPad(c: Cursor): boolean {
  const stopsAt = wiresharkStopOf(c)?.optionsEnd ?? -1
  const end = stopsAt < 0 ? c.index.col.capturedLength[c.i] : Math.min(stopsAt, c.index.col.capturedLength[c.i])
  const cookie = c.index.col.dhcpOffset[c.i] + 236
  if (!has(c, cookie, 4) || u32(c, cookie) !== MAGIC_COOKIE) return false
  for (let at = cookie + 4; at < end;) {
    const code = c.b[c.base + at]
    if (code === 0 || code === 255) return true
    if (at + 1 >= end) return false
    at += 2 + c.b[c.base + at + 1]
  }
  return false
}

/**
 * dhcpv6.msgtype, as Wireshark's: the client's or server's message type and that of every relay around it (a
 * relayed SOLICIT is also a RELAY-FORW; all the relays of a packet go the same way, so the outermost's type stands
 * for them).
 */
function dhcp6MessageType(names: Record<string, number>): NumberField {
  return {
    name: 'dhcpv6.msgtype', description: 'DHCPv6 message type, of the client/server message and of the relays around it: dhcpv6.msgtype == REPLY', kind: 'number', names,
    each(c, visit) {
      if (!dhcp6(c)) return false
      const col = c.index.col
      if (visit(col.messageType[c.i])) return true
      const outer = col.udpOffset[c.i] + 8
      return col.relayHops[c.i] > 0 && has(c, outer, 1) && visit(c.b[c.base + outer])
    },
  }
}

const USER_CLASS = 77

/**
 * Wireshark's dhcp.option.user_class: the number (0, 1 …) of each RFC 3004 class in option 77, and nothing for a
 * class sent as plain text (Windows' habit), which is dhcp.option.user_class.text.
 */
const userClassInstances: NumberField = {
  name: 'dhcp.option.user_class', description: 'User class (option 77): each RFC 3004 class instance by its number, 0 first (the classes\' text: dhcp.option.user_class.data)', kind: 'number',
  each: (c, visit) => eachOption(c, 4, USER_CLASS, (at, len) => {
    let count = 0
    for (let p = at; p < at + len; p += 1 + c.b[c.base + p], count++) {
      const n = c.b[c.base + p]
      if (n === 0 || p + 1 + n > at + len) return false
    }
    for (let k = 0; k < count; k++) if (visit(k)) return true
    return false
  }),
}

/** Calls `visit` with each instance of an option (several instances: RFC 3396 splitting, or repeats). */
function eachOption(c: Cursor, family: 4 | 6, code: number, visit: (offset: number, length: number) => boolean): boolean {
  if (c.index.col.family[c.i] !== family) return false
  const start = c.index.col.optionStart[c.i]
  const end = start + c.index.col.optionCount[c.i]
  const o = c.index.options
  const unseen = unseenOptions(c)
  for (let k = start; k < end; k++) {
    if (o.code[k] === code && !unseen?.[k - start] && visit(o.offset[k], o.length[k])) return true
  }
  return false
}

type OptionShape =
  /** `scale`: Wireshark's value is the wire's times this (DHCPv6's elapsed time, in hundredths of a second, shows as ms). */
  | { kind: 'number'; width: 1 | 2 | 4; list?: boolean; names?: Record<string, number>; scale?: number; signed?: boolean }
  | { kind: 'ipv4'; list?: boolean }
  | { kind: 'ipv6'; list?: boolean }
  /** `names`: DNS names in wire format, compared each on its own as the dotted text Wireshark shows for the family. */
  | { kind: 'string'; names?: 4 | 6 }
  /** `items`: the option holds several values, each visited as [offset, length] (classless routes). */
  | { kind: 'bytes'; items?: (b: Uint8Array, off: number, len: number, visit: (at: number, length: number) => boolean) => boolean }

const dhcp4Shapes: Partial<Record<Dhcp4Format, OptionShape>> = {
  ip: { kind: 'ipv4' }, ips: { kind: 'ipv4', list: true }, u8: { kind: 'number', width: 1 }, u8s: { kind: 'number', width: 1, list: true }, u16: { kind: 'number', width: 2 },
  u16s: { kind: 'number', width: 2, list: true }, nameServices: { kind: 'number', width: 2, list: true }, u32: { kind: 'number', width: 4 }, i32: { kind: 'number', width: 4, signed: true }, secs: { kind: 'number', width: 4 },
  bool: { kind: 'number', width: 1 }, string: { kind: 'string' }, domainName: { kind: 'string', names: 4 }, domainList: { kind: 'string', names: 4 },
  classlessRoutes: { kind: 'bytes', items: eachWiresharkRoute },
  clientArch: { kind: 'number', width: 2, list: true },
  messageType: { kind: 'number', width: 1, names: upperNames(dhcp4MessageTypes) }, parameterList: { kind: 'number', width: 1, list: true },
  overload: { kind: 'number', width: 1 }, netbiosNodeType: { kind: 'number', width: 1 }, dhcpState: { kind: 'number', width: 1 },
}
const dhcp6Shapes: Partial<Record<Dhcp6Format, OptionShape>> = {
  ip6: { kind: 'ipv6' }, ip6s: { kind: 'ipv6', list: true }, u8: { kind: 'number', width: 1 }, u16: { kind: 'number', width: 2 },
  u32: { kind: 'number', width: 4 }, secs: { kind: 'number', width: 4 }, elapsed: { kind: 'number', width: 2, scale: 10 },
  optionRequest: { kind: 'number', width: 2, list: true }, status: { kind: 'number', width: 2, names: upperNames(dhcp6StatusCodes) },
  string: { kind: 'string' }, printable: { kind: 'string' }, domainName: { kind: 'string', names: 6 }, domainList: { kind: 'string', names: 6 },
  clientArch: { kind: 'number', width: 2, list: true },
}

function optionField(name: string, description: string, family: 4 | 6, code: number, shape: OptionShape): FilterFieldDef {
  if (shape.kind === 'string' && shape.names) {
    const style = shape.names
    const texts = (b: Uint8Array, at: number, length: number) => namesAsShown(b, at, length, style)
    return { name, description, kind: 'string', texts, each: (c, visit) => eachOption(c, family, code, (at, len) => visitTexts(texts(c.b, c.base + at, len), visit)) }
  }
  if (shape.kind === 'bytes' && shape.items) {
    const { items } = shape
    return { name, description, kind: 'bytes', each: (c, visit) => eachOption(c, family, code, (at, len) => items(c.b, c.base + at, len, (p, n) => visit(c.b, p, n))) }
  }
  if (shape.kind === 'string' || shape.kind === 'bytes') {
    return { name, description, kind: shape.kind, each: (c, visit) => eachOption(c, family, code, (at, len) => visit(c.b, c.base + at, len)) }
  }
  if (shape.kind === 'ipv6') {
    return {
      name, description, kind: 'ipv6',
      each: (c, visit) => eachOption(c, family, code, (at, len) => {
        for (let p = at; p + 16 <= at + (shape.list ? len : Math.min(len, 16)); p += 16) if (visit(c.b, c.base + p, 16)) return true
        return false
      }),
    }
  }
  const width = shape.kind === 'ipv4' ? 4 : shape.width
  const list = shape.list ?? false
  const scale = shape.kind === 'number' ? shape.scale ?? 1 : 1
  const signed = shape.kind === 'number' && shape.signed === true
  return {
    name, description, kind: shape.kind, names: shape.kind === 'number' ? shape.names : undefined,
    each: (c, visit) => eachOption(c, family, code, (at, len) => {
      if (!list && len !== width) return false
      for (let p = at; p + width <= at + len; p += width) {
        const n = width === 1 ? c.b[c.base + p] : width === 2 ? u16(c, p) : u32(c, p)
        if (visit((signed ? n | 0 : n) * scale)) return true
      }
      return false
    }),
  }
}

/** sname and file hold options, not a name, where option 52 says so (its bit 2: sname, bit 1: file). */
const overloaded = (c: Cursor, bit: 1 | 2) => eachOption(c, 4, 52, (at, len) => len === 1 && (c.b[c.base + at] & bit) !== 0)

function unlessOverloaded(field: BytesField, bit: 1 | 2): BytesField {
  return { ...field, each: (c, visit) => !overloaded(c, bit) && field.each(c, visit) }
}

/** A message type written on dhcp.type, which is BOOTP's op in Wireshark and here. */
function messageTypeOnOp(value: string): string | undefined {
  const type = Object.values(dhcp4MessageTypes).find((name) => name.toLowerCase() === value.toLowerCase())
  return type && `dhcp.type is BOOTP's op, as in Wireshark (1 Boot Request, 2 Boot Reply); for the message type write dhcp.msgtype == ${type} (or dhcp.option.dhcp == ${type}).`
}

const encoder = new TextEncoder()

/** Visits each text as UTF-8 bytes, as text fields are compared. */
export function visitTexts(texts: string[], visit: BytesVisit): boolean {
  return texts.some((text) => {
    const bytes = encoder.encode(text)
    return visit(bytes, 0, bytes.length)
  })
}

/** Wireshark's names of the options, as its dhcpv6.option.type_str compares them; ours where it has none. */
const dhcp6OptionNames = new Map([
  ...[...dhcp6Options.values()].map((spec): [number, Uint8Array] => [spec.code, encoder.encode(spec.name)]),
  ...Object.entries(wiresharkV6OptionNames).map(([code, name]): [number, Uint8Array] => [Number(code), encoder.encode(name)]),
])

/** Every DHCPv6 option of the packet by its name, as Wireshark's dhcpv6.option.type_str. */
function optionNames(name: string, description: string): BytesField {
  return {
    name, description, kind: 'string',
    each(c, visit) {
      if (!dhcp6(c)) return false
      const start = c.index.col.optionStart[c.i]
      const end = start + c.index.col.optionCount[c.i]
      const unseen = unseenOptions(c)
      for (let k = start; k < end; k++) {
        if (unseen?.[k - start]) continue
        // Wireshark names a code it does not know "DHCP option N".
        const text = dhcp6OptionNames.get(c.index.options.code[k]) ?? encoder.encode(`DHCP option ${c.index.options.code[k]}`)
        if (visit(text, 0, text.length)) return true
      }
      return false
    },
  }
}

/** The client column holds chaddr's 6 bytes for every DHCPv4 packet whose frame has them. */
const chaddr: BytesField = { ...bytesAt('dhcp.chaddr', 'Client hardware address', 'mac', bootpAt(28), 6), columnValue: (c) => c.index.col.client[c.i] }
/** chaddr as a MAC address: when the header says the hardware address is 6 bytes (or gives no length). */
const chaddrMac: BytesField = { ...chaddr, each: (c, visit) => { const hlen = bootpValue(c, 2, 1); return (hlen === 6 || hlen === 0 || (hlen ?? 0) > 16) && chaddr.each(c, visit) } }

/** Option 61 holding a hardware address (type 1–254) is, as in Wireshark, one more hardware type and MAC. */
const hardwareType: NumberField = {
  name: 'dhcp.hw.type', description: 'Hardware type (BOOTP\'s, or a client identifier\'s that is a hardware address)', kind: 'number',
  each: (c, visit) => {
    const type = bootpValue(c, 1, 1)
    if (type !== null && visit(type)) return true
    return eachOption(c, 4, 61, (at, len) => len >= 2 && c.b[c.base + at] !== 0 && c.b[c.base + at] !== 255 && visit(c.b[c.base + at]))
  },
}
const hardwareAddress: BytesField = {
  name: 'dhcp.hw.mac_addr', description: 'Client MAC address (chaddr, or a client identifier that is an Ethernet address)', kind: 'mac',
  each: (c, visit) => chaddrMac.each(c, visit) || eachOption(c, 4, 61, (at, len) => len === 7 && c.b[c.base + at] === 1 && visit(c.b, c.base + at + 1, 6)),
}

function buildFields(): FilterFieldDef[] {
  const v4Types = upperNames(dhcp4MessageTypes)
  const v6Types = upperNames(dhcp6MessageTypes)
  const col = (c: Cursor) => c.index.col
  const fields: FilterFieldDef[] = [
    number('frame.number', 'Frame number', (c) => c.i + 1),
    number('frame.len', 'Frame length on the wire', (c) => col(c).originalLength[c.i]),
    number('frame.cap_len', 'Bytes captured', (c) => col(c).capturedLength[c.i]),
    number('frame.cb_copy', 'pcapng custom block: whether a rewriter may copy it (1) or not (0)', (c) => customBlockCopy(col(c).linkType[c.i]), 'bool'),
    number('frame.time_relative', 'Seconds since the first packet', (c) => col(c).time[c.i] - col(c).time[0]),
    protocol('malformed', 'Packets the decoder flagged malformed', (c) => col(c).malformed[c.i] === 1),
    protocol('_ws.malformed', 'Same as malformed (Wireshark\'s name)', (c) => col(c).malformed[c.i] === 1),
    headerPresent('eth', 'Ethernet', WRAPPER.ETHERNET),
    headerBytes('eth.dst', 'Ethernet destination', 'mac', WRAPPER.ETHERNET, 0, 6),
    headerBytes('eth.src', 'Ethernet source', 'mac', WRAPPER.ETHERNET, 6, 6),
    protocol('vlan', '802.1Q VLAN tag', (c) => eachVlanTag(c, () => true)),
    vlanIds,
    headerPresent('ip', 'IPv4', WRAPPER.IPV4),
    headerNumber('ip.src', 'IPv4 source', WRAPPER.IPV4, 12, 4, 'ipv4'),
    headerNumber('ip.dst', 'IPv4 destination', WRAPPER.IPV4, 16, 4, 'ipv4'),
    headerNumber('ip.ttl', 'IPv4 time to live', WRAPPER.IPV4, 8, 1),
    headerPresent('ipv6', 'IPv6', WRAPPER.IPV6),
    headerBytes('ipv6.src', 'IPv6 source', 'ipv6', WRAPPER.IPV6, 8, 16),
    headerBytes('ipv6.dst', 'IPv6 destination', 'ipv6', WRAPPER.IPV6, 24, 16),
    headerPresent('udp', 'UDP', WRAPPER.UDP),
    udpPort('udp.srcport', 'UDP source port', 0),
    udpPort('udp.dstport', 'UDP destination port', 2),
    protocol('dhcp', 'DHCPv4 / BOOTP', dhcp4),
    number('dhcp.msgtype', 'DHCP message type (option 53): dhcp.msgtype == DISCOVER', (c) => (dhcp4(c) && col(c).messageType[c.i] > 0 ? col(c).messageType[c.i] : null), 'number', v4Types),
    { ...number('dhcp.type', 'BOOTP op, as Wireshark names it: 1 Boot Request, 2 Boot Reply (the message type is dhcp.msgtype)', bootp(0, 1), 'number', { 'Boot Request': 1, 'Boot Reply': 2 }), misnamed: messageTypeOnOp },
    number('dhcp.op', 'BOOTP op: 1 request, 2 reply', bootp(0, 1), 'number', { BOOTREQUEST: 1, BOOTREPLY: 2 }),
    // Wireshark's name for a BOOTP message, one without a DHCP message type (option 53): true or absent. Wireshark
    // adds it after the header's last field, so only when the whole header was captured.
    number('dhcp.bootp', 'BOOTP without a DHCP message type (option 53)', (c) => {
      const at = bootpOffset(c, 0)
      return at !== null && has(c, at, BOOTP_HEADER_LENGTH) && !eachOption(c, 4, 53, () => true) ? 1 : null
    }, 'bool'),
    hardwareType,
    number('dhcp.hw.len', 'Hardware address length', bootp(2, 1)),
    number('dhcp.hops', 'Relay hops', bootp(3, 1)),
    number('dhcp.id', 'Transaction ID', transactionId),
    number('dhcp.secs', 'Seconds elapsed', (c) => { const at = bootpOffset(c, 8); return at !== null && has(c, at, 2) ? secondsElapsed(c.b, c.base + at) : null }),
    protocol('dhcp.secs_le', 'Seconds elapsed sent little-endian (Wireshark\'s expert note)', (c) => { const at = bootpOffset(c, 8); return at !== null && has(c, at, 2) && secondsLittleEndian(c.b, c.base + at) }),
    number('dhcp.flags', 'BOOTP flags', bootp(10, 2)),
    number('dhcp.flags.bc', 'Broadcast flag', (c) => { const f = bootpValue(c, 10, 2); return f === null ? null : f >> 15 }, 'bool'),
    number('dhcp.ip.client', 'Client IP address (ciaddr)', bootp(12, 4), 'ipv4'),
    number('dhcp.ip.your', 'Your IP address (yiaddr)', bootp(16, 4), 'ipv4'),
    number('dhcp.ip.server', 'Next server IP address (siaddr)', bootp(20, 4), 'ipv4'),
    number('dhcp.ip.relay', 'Relay agent IP address (giaddr)', bootp(24, 4), 'ipv4'),
    chaddr,
    hardwareAddress,
    unlessOverloaded(bytesAt('dhcp.server', 'Server host name (sname)', 'string', bootpAt(44), 64), 2),
    unlessOverloaded(bytesAt('dhcp.file', 'Boot file name', 'string', bootpAt(108), 128), 1),
    protocol('dhcp.server_name_overloaded_by_dhcp', 'sname holds options (option 52; Wireshark\'s expert note)', (c) => overloaded(c, 2)),
    protocol('dhcp.boot_filename_overloaded_by_dhcp', 'file holds options (option 52; Wireshark\'s expert note)', (c) => overloaded(c, 1)),
    optionCodes('dhcp.option', 'Any DHCPv4 option, by code: dhcp.option == 82', 4),
    protocol('dhcpv6', 'DHCPv6', dhcp6),
    dhcp6MessageType(v6Types),
    number('dhcpv6.xid', 'DHCPv6 transaction ID', (c) => (dhcp6(c) && col(c).messageType[c.i] !== 12 && col(c).messageType[c.i] !== 13 ? col(c).xid[c.i] : null)),
    protocol('dhcpv6.relayed', 'Carried in RELAY-FORW / RELAY-REPL', (c) => dhcp6(c) && col(c).relayHops[c.i] > 0),
    optionCodes('dhcpv6.option', 'Any DHCPv6 option, by code: dhcpv6.option == 3', 6),
    optionNames('dhcpv6.option.type_str', 'Any DHCPv6 option, by name: dhcpv6.option.type_str == "IA Address"'),
  ]
  const find = (name: string) => fields.find((f) => f.name === name) as NumberField & BytesField
  const alias = (name: string, of: string): FilterFieldDef => ({ ...(fields.find((f) => f.name === of) as FilterFieldDef), name, description: `Same as ${of}` })
  fields.push(
    either('ip.addr', 'IPv4 source or destination', find('ip.src'), find('ip.dst')),
    either('ipv6.addr', 'IPv6 source or destination', find('ipv6.src'), find('ipv6.dst')),
    either('eth.addr', 'Ethernet source or destination', find('eth.src'), find('eth.dst')),
    either('udp.port', 'UDP source or destination port', find('udp.srcport'), find('udp.dstport')),
    alias('dhcp.option.dhcp', 'dhcp.msgtype'),
    alias('dhcp.xid', 'dhcp.id'),
    alias('dhcp.ciaddr', 'dhcp.ip.client'),
    alias('dhcp.yiaddr', 'dhcp.ip.your'),
    alias('dhcp.siaddr', 'dhcp.ip.server'),
    alias('dhcp.giaddr', 'dhcp.ip.relay'),
    alias('dhcpv6.type', 'dhcpv6.msgtype'),
    dhcp4OptionTypes,
    alias('dhcpv6.option.type', 'dhcpv6.option'),
  )
  for (const spec of dhcp4Options.values()) {
    if (spec.code === 53 || spec.code === USER_CLASS) continue
    fields.push(optionField(`dhcp.option.${spec.key}`, `Option ${spec.code}: ${spec.name}`, 4, spec.code, dhcp4Shapes[spec.format] ?? { kind: 'bytes' }))
  }
  fields.push(userClassInstances)
  for (const spec of dhcp6Options.values()) {
    fields.push(optionField(`dhcpv6.option.${spec.key}`, `Option ${spec.code}: ${spec.name}`, 6, spec.code, dhcp6Shapes[spec.format] ?? { kind: 'bytes' }))
  }
  return fields
}

/** Wireshark's names for the same fields, where they differ from ours (dhcp.option.ip_address_lease_time …). */
function wiresharkAliases(fields: ReadonlyMap<string, FilterFieldDef>): FilterFieldDef[] {
  const pairs: [string, string][] = [
    ...Object.entries(wiresharkOptionValueFields).filter(([code]) => !wiresharkRawTextOptions.has(Number(code)))
      .map(([code, name]): [string, string] => [`dhcp.option.${name}`, `dhcp.option.${dhcp4OptionSpec(Number(code)).key}`]),
    ...Object.entries(wiresharkRelayAgentFields).map(([code, name]): [string, string] => [`dhcp.option.agent_information_option.${name}`, `dhcp.option.agent_information_option.${code}`]),
    ...Object.entries(wiresharkPxeFields).map(([code, name]): [string, string] => [`dhcp.option.vendor.pxeclient.${name}`, `dhcp.option.vendor.pxe.${code}`]),
    ...Object.entries(wiresharkV6ValueFields).map(([code, name]): [string, string] => [`dhcpv6.${name}`, `dhcpv6.option.${dhcp6OptionSpec(Number(code)).key}`]),
  ]
  // A name Wireshark gives several options (captive portal: 114 and 160; classless routes: 121 and Microsoft's 249)
  // holds the values of all of them, ours of that name among them.
  const sources = new Map<string, string[]>()
  for (const [alias, of] of pairs) sources.set(alias, [...(sources.get(alias) ?? (fields.has(alias) ? [alias] : [])), of])
  const rawTexts = [...wiresharkRawTextOptions].map((code) => {
    const alias = `dhcp.option.${wiresharkOptionValueFields[code]}`
    return asWiresharkType(alias, optionField(alias, `Option ${code}'s bytes as text, names not read (Wireshark's field)`, 4, code, { kind: 'string' }))
  })
  return [...rawTexts, ...[...sources].flatMap(([alias, names]) => {
    const parts = names.flatMap((name) => fields.get(name) ?? [])
    if (!parts.length || (parts.length === 1 && fields.has(alias))) return []
    const each = parts.length === 1 ? (parts[0] as NumberField | BytesField).each : (c: Cursor, visit: never) => parts.some((part) => part.kind !== 'protocol' && part.each(c, visit))
    return [asWiresharkType(alias, { ...parts[0], name: alias, description: `Same as ${names.join(' and ')} (Wireshark's name)`, each } as FilterFieldDef)]
  })]
}

const wiresharkTypes = new Map(wiresharkDhcpFields.map((f) => [f.name, f.type]))

/**
 * A field read as Wireshark's type of the name says: its BYTES field takes 74:65:73:74 (or "test"), its STRING field
 * "test", its BOOLEAN 0 or 1.
 */
function asWiresharkType(alias: string, field: FilterFieldDef): FilterFieldDef {
  const type = wiresharkTypes.get(alias)
  // A Wireshark boolean over a whole byte is 1 whenever the byte is not 0.
  if (type === 'BOOLEAN' && field.kind === 'number') return { ...field, kind: 'bool', each: (c, visit) => field.each(c, (n) => visit(n === 0 ? 0 : 1)) }
  if (field.kind !== 'string' && field.kind !== 'bytes') return field
  return type === 'BYTES' ? { ...field, kind: 'bytes' } : type === 'STRING' || type === 'STRINGZ' ? { ...field, kind: 'string' } : field
}

/**
 * Every field with a fixed name: those read from the field tree (tree-fields.ts, Wireshark's whole DHCP and DHCPv6
 * table among them), then the index's fast ones and their Wireshark aliases, which stand where both name a field.
 */
export const filterFields: ReadonlyMap<string, FilterFieldDef> = allFields()

function allFields(): Map<string, FilterFieldDef> {
  const ours = new Map([...treeFields(), ...buildFields()].map((f) => [f.name, f]))
  return new Map([...wiresharkTreeFields(), ...ours.values(), ...wiresharkAliases(ours)].map((f) => [f.name, f]))
}

/** The field a filter names: a fixed one, or one of a family with numbered names (a vendor's sub-options). */
export function filterField(name: string): FilterFieldDef | undefined {
  const fixed = filterFields.get(name)
  if (fixed) return fixed
  const spec = treeFieldSpec(name)
  return spec && treeField(spec)
}

/** The fields as the filter bar completes them. */
export function filterFieldList(): FilterField[] {
  return [...filterFields.values()].map((f) => ({
    name: f.name, description: f.description, type: f.kind, ...(f.kind !== 'protocol' && 'names' in f && f.names ? { values: Object.keys(f.names) } : {}),
  }))
}
