// Value decoders for the DHCPv4 registry's formats. Each checks the length its format allows: a length the
// format cannot have is a protocol error (Wireshark raises an error-level expert item for it too).
import { duration, hex, i32, ipv4, mac, printableOrHex, text, u16, u32 } from '../bytes'
import { AUTHENTICATION_HEAD, authenticationHead, authenticationHeadFields, authenticationText } from '../authentication'
import { decodeNameList } from '../domain-names'
import { DHCP4_CLIENT_ID_DUID_KEYS, decodeDuid } from '../dhcp6/duid'
import { field, lengthProblem, type FieldNode } from '../field'
import type { DecodedValue, OptionValue } from '../types'
import { dhcp4MessageTypes } from './message-types'
import { clientArchitectures, dhcp4OptionSpec, dhcpStates, leasequeryStatus, nodeTypes, overloads, type Dhcp4Format } from './options'
import { bootItem, bootMenu, bootServers, discoveryControl, menuPrompt } from './pxe'
import { cableLabsSubOptions, novellSubOptions, pxeSubOptions, relayAgentSubOptions, subOptionSpec, TR111, viVendorSubOptions, type SubOptionSpec, type SubOptionTable } from './sub-options'
import { civicLocation, locationConfiguration, slpDirectoryAgents, slpScope } from './location-formats'
import { nameServices, pcpServers, portParameters, rdnssSelection, sixRd } from './service-formats'
import { nameStop } from './wireshark-dns-names'

type Decoder = (b: Uint8Array, off: number, len: number) => DecodedValue

/** The formats that may give a DecodedValue.wiresharkStop: the scanner reads the options of these alone. */
export const wiresharkStoppingFormats: ReadonlySet<Dhcp4Format> = new Set(['novellOptions', 'pxeVendorInfo', 'cableLabsConfiguration', 'viVendorClass'])


function fixed(size: number, read: (b: Uint8Array, off: number) => DecodedValue): Decoder {
  return (b, off, len) => (len === size ? read(b, off) : lengthProblem(len, `${size}`))
}

function list(size: number, item: (b: Uint8Array, off: number) => string, min = size): Decoder {
  return (b, off, len) => {
    if (len < min || len % size !== 0) return lengthProblem(len, `a multiple of ${size}`, len % size !== 0)
    const values: string[] = []
    for (let i = off; i < off + len; i += size) values.push(item(b, i))
    return { value: values, text: values.join(', ') }
  }
}

/** Options 21 and 33: pairs of addresses (RFC 2132 sections 4.3, 5.8), each half a field of Wireshark's name. */
function addressPairs(first: string, second: string): Decoder {
  return (b, off, len) => {
    if (len < 8 || len % 8 !== 0) return lengthProblem(len, 'a multiple of 8', len % 8 !== 0)
    const pairs: string[] = []
    const children: FieldNode[] = []
    for (let i = off; i < off + len; i += 8) {
      pairs.push(`${ipv4(b, i)} ${ipv4(b, i + 4)}`)
      children.push(field('Address', i, 4, { key: first, value: ipv4(b, i) }), field('Address', i + 4, 4, { key: second, value: ipv4(b, i + 4) }))
    }
    return { value: pairs, text: pairs.join(', '), children }
  }
}

function string(b: Uint8Array, off: number, len: number): DecodedValue {
  const s = text(b, off, len)
  return { value: s, text: JSON.stringify(s) }
}

function raw(b: Uint8Array, off: number, len: number): DecodedValue {
  const h = hex(b, off, len)
  return { value: h, text: h || '(empty)' }
}

/** Vendor data and ids: text when every byte is printable ASCII, else hex. */
function printable(b: Uint8Array, off: number, len: number): DecodedValue {
  const shown = printableOrHex(b, off, len)
  return { value: shown, text: shown || '(empty)' }
}

function parameterList(b: Uint8Array, off: number, len: number): DecodedValue {
  const items: OptionValue[] = []
  const children: FieldNode[] = []
  for (let i = off; i < off + len; i++) {
    const spec = dhcp4OptionSpec(b[i])
    items.push(b[i])
    children.push(field('Parameter Request List Item', i, 1, { key: 'dhcp.option.request_list_item', value: `(${b[i]}) ${spec.name}` }))
  }
  return { value: items, text: items.join(', '), children }
}

/**
 * Option 61 (RFC 2132 section 9.14): a type, then the identifier. Type 0 is "an identifier other than a hardware
 * address" (often a name), 255 an IAID and a DUID (RFC 4361), any other type the ARP hardware type of an address.
 */
function clientId(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 2) return lengthProblem(len, 'at least 2')
  const type = b[off]
  if (type === 255 && len >= 5) {
    const iaid = u32(b, off + 1)
    const duid = decodeDuid(b, off + 5, len - 5, DHCP4_CLIENT_ID_DUID_KEYS)
    return {
      value: { type, iaid, duid: duid.value }, text: `IAID ${iaid}, DUID ${duid.text}`, problem: duid.problem,
      children: [
        // Wireshark's dhcp.client_id.type is type 0's alone, and it shows the IAID as its bytes.
        field('Type', off, 1, { value: 'IAID and DUID (255)' }),
        field('IAID', off + 1, 4, { key: 'dhcp.client_id.iaid', value: hex(b, off + 1, 4) }),
        field('DUID', off + 5, len - 5, { key: 'dhcp.client_id.duid', value: duid.text, children: duid.children }),
      ],
    }
  }
  if (type === 0) {
    const data = printableOrHex(b, off + 1, len - 1)
    return {
      value: { type, data }, text: data,
      children: [field('Type', off, 1, { key: 'dhcp.client_id.type', value: 'Other than a hardware address (0)' }), field('Identifier', off + 1, len - 1, { key: 'dhcp.client_id.undef', value: data })],
    }
  }
  const hwaddr = mac(b, off + 1, len - 1)
  const hardware = type === 1 ? 'Ethernet' : `Hardware type ${type}`
  return {
    value: { type, hwaddr }, text: `${hardware} ${hwaddr}`,
    // Wireshark's names: a client id that is a hardware address is one more dhcp.hw.type / dhcp.hw.mac_addr.
    children: [field('Hardware type', off, 1, { key: 'dhcp.hw.type', value: `${hardware} (0x${hex(b, off, 1)})` }), field('Client hardware address', off + 1, len - 1, { key: 'dhcp.hw.mac_addr', value: hwaddr })],
  }
}

function clientFqdn(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 3) return lengthProblem(len, 'at least 3')
  const flags = b[off]
  const encoded = (flags & 0x04) !== 0
  let name = ''
  let problem: string | undefined
  if (encoded) {
    const decoded = decodeNameList(b, off + 3, len - 3, true)
    name = decoded.names.join(' ')
    problem = decoded.problem
  } else {
    name = text(b, off + 3, len - 3)
  }
  return {
    value: { flags, rcode1: b[off + 1], rcode2: b[off + 2], name }, text: `${name} (flags 0x${flags.toString(16).padStart(2, '0')})`, problem,
    children: [
      field('Flags', off, 1, {
        key: 'dhcp.fqdn.flags', value: `0x${flags.toString(16).padStart(2, '0')} (S=${flags & 1}, O=${(flags >> 1) & 1}, E=${(flags >> 2) & 1}, N=${(flags >> 3) & 1})`,
        // Each bit a field over the byte, as Wireshark's (their masks: wireshark-dhcp-fields.ts).
        children: (['s', 'o', 'e', 'n', 'mbz'] as const).map((bit) => field(bit === 'mbz' ? 'Reserved flags' : `${bit.toUpperCase()} bit`, off, 1, { key: `dhcp.fqdn.${bit}` })),
      }),
      field('A-RR result', off + 1, 1, { key: 'dhcp.fqdn.rcode1', value: String(b[off + 1]) }),
      field('PTR-RR result', off + 2, 1, { key: 'dhcp.fqdn.rcode2', value: String(b[off + 2]) }),
      field('Client name', off + 3, len - 3, { key: 'dhcp.fqdn.name', value: name }),
    ],
  }
}

/** Wireshark's fields for the framing of a family of sub-options: each one's length, and pad and end where they are codes. */
interface SubOptionFraming {
  /** Keys of each sub-option's code and value bytes, where Wireshark names them apart from the sub-option. */
  code?: string
  length?: string
  value?: string
  /** Codes 0 and 255 are pad and end, as in option 43's encapsulated options (RFC 2132 section 8.4); in 82 and 125 they are codes. */
  padAndEnd?: { pad: string; end: string }
  /**
   * Whether Wireshark reads a sub-option value that runs past its option anyway, raising an exception (see
   * DecodedValue.wiresharkStop): options 63 and 43 (PXE) always, 122 for a 12-byte sub-option 5; the others check first.
   */
  overrunStopsWireshark?: (code: number, length: number) => boolean
  /**
   * Where Wireshark's reading of a whole sub-option's value (at `at`, `length` bytes, in the option [start, end))
   * raises an exception, or null: the DNS names of option 122's sub-options.
   */
  valueStop?: (code: number, b: Uint8Array, at: number, length: number, start: number, end: number) => number | null
  /**
   * Bytes after a sub-option's code and length that Wireshark reads its value from, where it checks them against
   * the option's end first and notes dhcp.missing_subopt_value when they are not there (option 122), or null.
   */
  valueNeeds?: (code: number, b: Uint8Array, at: number) => number | null
  /** Wireshark notes a sub-option cut short by the option's end (dhcp.missing_subopt_length or _value): options 82 and 125. */
  notesMissing?: boolean
  /**
   * Wireshark's field of a sub-option's code where the filters read it as a part of the sub-option's node (82, PXE):
   * a sub-option cut short has no such node, so its code gets a node of this key.
   */
  hiddenCode?: string
}

const missingValue = (at: number, length: number) => field('Missing value', at, length, { key: 'dhcp.missing_subopt_value', value: 'no room left in option for suboption value' })

/**
 * Type-length-value sub-options with one-byte codes and lengths (options 82, 125 and 43), each read by the format
 * its table gives it; a value its format cannot have is shown as bytes, with the problem.
 */
function subOptions(
  b: Uint8Array, off: number, len: number, table: SubOptionTable | undefined, keyPrefix: string, framing: SubOptionFraming = {},
): { items: OptionValue[]; children: FieldNode[]; problem?: string; wiresharkStop?: number } {
  const { padAndEnd } = framing
  const items: OptionValue[] = []
  const children: FieldNode[] = []
  const end = off + len
  for (let at = off; at < end;) {
    const code = b[at]
    if (padAndEnd && code === 0) {
      children.push(field('Padding', at, 1, { key: padAndEnd.pad, value: '0' }))
      at++
      continue
    }
    if (padAndEnd && code === 255) {
      children.push(field('End', at, 1, { key: padAndEnd.end, value: '255' }))
      break
    }
    if (at + 2 > end) {
      if (framing.notesMissing) children.push(field('Missing length', at, 1, { key: 'dhcp.missing_subopt_length', value: 'no room left in option for suboption length' }))
      return { items, children, problem: `sub-option ${code} at offset ${at} has no room for its length` }
    }
    const subLen = b[at + 1]
    const spec = subOptionSpec(table, code)
    const { name, format } = spec
    const framed = [
      ...(framing.code ? [field('Sub-option', at, 1, { key: framing.code, value: String(code) })] : []),
      ...(framing.length ? [field('Length', at + 1, 1, { key: framing.length, value: String(subLen) })] : []),
    ]
    if (at + 2 + subLen > end) {
      // Its code and length are shown, as Wireshark does; its value's field is not, as the value is not all there.
      const problem = `sub-option ${code} at offset ${at} runs past the end of its option (length ${subLen}, ${end - at - 2} bytes left)`
      const codeNode = framing.hiddenCode ? [field('Sub-option', at, 1, { key: framing.hiddenCode, value: String(code) })] : []
      children.push(field(name, at, end - at, { problem, children: [...codeNode, ...framed, ...(framing.notesMissing ? [missingValue(at + 2, end - at - 2)] : [])] }))
      return { items, children, problem, wiresharkStop: framing.overrunStopsWireshark?.(code, subLen) ? at + 2 : undefined }
    }
    const decoded = dhcp4Formats[format](b, at + 2, subLen)
    const asBytes = decoded.problem === undefined ? null : printableOrHex(b, at + 2, subLen)
    items.push({ code, name, value: asBytes ?? decoded.value })
    if (framing.value) framed.push(field('Data', at + 2, subLen, { key: framing.value, value: hex(b, at + 2, subLen) }))
    const named = decoded.problem ? [] : wiresharkValueFields(spec, b, at + 2, subLen)
    const needs = framing.valueNeeds?.(code, b, at + 2) ?? 0
    const missing = at + 2 + needs > end ? [missingValue(at + 2, end - at - 2)] : []
    children.push(field(name, at, 2 + subLen, { key: `${keyPrefix}.${code}`, value: asBytes ?? decoded.text, problem: decoded.problem, children: [...framed, ...missing, ...named, ...(decoded.children ?? [])] }))
    const stop = framing.valueStop?.(code, b, at + 2, subLen, off, end) ?? null
    if (stop !== null) return { items, children, problem: `sub-option ${code} (${name}) at offset ${at}: ${decoded.problem ?? 'not a domain name in wire format'}`, wiresharkStop: stop }
    if (decoded.problem) return { items, children, problem: `sub-option ${code} (${name}) at offset ${at}: ${decoded.problem}` }
    // Wireshark reads no further sub-option after one whose value it missed.
    if (missing.length) return { items, children, problem: `sub-option ${code} (${name}) at offset ${at}: its value takes ${needs} bytes, ${end - at - 2} are left in the option` }
    at += 2 + subLen
  }
  return { items, children }
}

/** A sub-option value's nodes under the fields Wireshark names it by (see SubOptionSpec.fields). */
function wiresharkValueFields({ fields, format }: SubOptionSpec, b: Uint8Array, off: number, len: number): FieldNode[] {
  if (typeof fields === 'string') {
    if (format !== 'ips') return [field('Value', off, len, { key: fields, value: hex(b, off, len) })]
    return Array.from({ length: Math.floor(len / 4) }, (_, k) => field('Address', off + 4 * k, 4, { key: fields, value: ipv4(b, off + 4 * k) }))
  }
  return (fields ?? []).filter((part) => part.at + part.length <= len).map((part) => field(part.label, off + part.at, part.length, { key: part.key, value: hex(b, off + part.at, part.length) }))
}

/** Wireshark's field for the length of an option 82 or option 43 sub-option. */
const SUB_OPTION_LENGTH = 'dhcp.option.suboption_length'

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`

function relayAgent(b: Uint8Array, off: number, len: number): DecodedValue {
  const { items, children, problem } = subOptions(b, off, len, relayAgentSubOptions, 'dhcp.option.agent_information_option', { length: SUB_OPTION_LENGTH, notesMissing: true, hiddenCode: 'dhcp.option.agent_information_option.suboption' })
  return { value: items, text: count(items.length, 'sub-option'), children, problem }
}

/** Option 63, NetWare/IP (RFC 2242 section 3). */
function novellOptions(b: Uint8Array, off: number, len: number): DecodedValue {
  const { items, children, problem, wiresharkStop } = subOptions(b, off, len, novellSubOptions, 'dhcp.option.novell_options', {
    code: 'dhcp.option.novell_options.suboption', length: SUB_OPTION_LENGTH, overrunStopsWireshark: () => true,
  })
  return { value: items, text: count(items.length, 'sub-option'), children, problem, wiresharkStop }
}

/** Bytes Wireshark reads for the values of option 122's sub-options, checked against the option's end (3: by its type). */
const CABLELABS_VALUE_BYTES: Readonly<Record<number, number>> = { 1: 4, 2: 4, 4: 12, 5: 12, 7: 1, 8: 1, 9: 2 }

/** Option 122, CableLabs client configuration (RFC 3495 section 4): Wireshark names each sub-option's code only. */
function cableLabsConfiguration(b: Uint8Array, off: number, len: number): DecodedValue {
  const { items, children, problem, wiresharkStop } = subOptions(b, off, len, cableLabsSubOptions, 'dhcp.option.cablelabs', {
    code: 'dhcp.vendor.pc.ietf_ccc.suboption', overrunStopsWireshark: (code, length) => code === 5 && length === 12,
    valueStop: (code, bytes, at, length, start, end) => {
      // Sub-option 6 is a name; 3 is one after a type byte 0, bounded by the whole sub-option's length all the same.
      if (code === 6) return nameStop(bytes, start, end, at, length)
      return code === 3 && at < end && bytes[at] === 0 ? nameStop(bytes, start, end, at + 1, length) : null
    },
    valueNeeds: (code, bytes, at) => CABLELABS_VALUE_BYTES[code] ?? (code === 3 ? (at < off + len && bytes[at] === 1 ? 5 : 1) : null),
  })
  return { value: items, text: count(items.length, 'sub-option'), children, problem, wiresharkStop }
}

/** Option 43 of a PXE client or server (Intel PXE 2.1, section 2.4). */
function pxeVendorInfo(b: Uint8Array, off: number, len: number): DecodedValue {
  const { items, children, problem, wiresharkStop } = subOptions(b, off, len, pxeSubOptions, 'dhcp.option.vendor.pxe', {
    length: SUB_OPTION_LENGTH, padAndEnd: { pad: 'dhcp.option.vendor.pxeclient.padding', end: 'dhcp.option.vendor.pxeclient.end' }, hiddenCode: 'dhcp.option.vendor.pxeclient.suboption',
    overrunStopsWireshark: () => true,
  })
  return { value: items, text: `PXE, ${count(items.length, 'sub-option')}`, children, problem, wiresharkStop }
}

/**
 * Option 90 (RFC 3118 section 2): protocol, algorithm, replay detection method and value, then the authentication
 * information; for delayed authentication with HMAC-MD5 (protocol 1, algorithm 1, section 5) a secret id and the MAC.
 */
function authentication(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < AUTHENTICATION_HEAD) return lengthProblem(len, `at least ${AUTHENTICATION_HEAD}`)
  const head = authenticationHead(b, off)
  const info = off + AUTHENTICATION_HEAD
  const infoLength = len - AUTHENTICATION_HEAD
  const hmacMd5 = head.protocol === 1 && head.algorithm === 1 && infoLength === 20
  const value = hmacMd5 ? { ...head, secretId: u32(b, info), hmacMd5: hex(b, info + 4, 16) } : { ...head, information: hex(b, info, infoLength) }
  return {
    value, text: authenticationText(head),
    children: [
      ...authenticationHeadFields(b, off),
      ...(hmacMd5
        ? [field('Secret ID', info, 4, { value: String(u32(b, info)) }), field('HMAC-MD5', info + 4, 16, { value: hex(b, info + 4, 16) })]
        : [field('Authentication information', info, infoLength, { value: hex(b, info, infoLength) })]),
    ],
  }
}

/**
 * Options 121 and 249 (RFC 3442): routes of a prefix length, its significant octets and a router. The routes
 * Wireshark reads are its dhcp.option.classless_static_route (wireshark-routes.ts); a prefix over 32 it notes.
 */
function classlessRoutes(b: Uint8Array, off: number, len: number): DecodedValue {
  const routes: string[] = []
  const children: FieldNode[] = []
  let at = off
  const end = off + len
  while (at < end) {
    const width = b[at]
    const significant = Math.ceil(width / 8)
    if (width > 32 || at + 1 + significant + 4 > end) {
      if (width > 32 && len >= 5) children.push(field('Prefix length over 32', at, 1, { key: 'dhcp.option.classless_static.route', value: `Mask width (${width}) > 32` }))
      return { value: routes, text: routes.join(', '), children, problem: `route at offset ${at} is truncated or has prefix length ${width}` }
    }
    const dest = [0, 0, 0, 0]
    for (let i = 0; i < significant; i++) dest[i] = b[at + 1 + i]
    const route = `${dest.join('.')}/${width} via ${ipv4(b, at + 1 + significant)}`
    routes.push(route)
    children.push(field('Route', at, 1 + significant + 4, { key: len >= 5 ? 'dhcp.option.classless_static_route' : undefined, value: route }))
    at += 1 + significant + 4
  }
  return { value: routes, text: routes.join(', '), children }
}

/** What one enterprise's data holds: its value for the JSON, its fields, a problem if any. */
type EnterpriseData = (b: Uint8Array, off: number, len: number, enterprise: number) => { value: Json; children?: FieldNode[]; problem?: string }
type Json = { [key: string]: OptionValue }

/** Options 124 and 125 (RFC 3925) and option 82's sub-option 9 (RFC 4243): blocks of enterprise number, length, data. */
/** Wireshark's keys of an enterprise block's number and data length (options 124 and 125 name them apart). */
interface EnterpriseKeys {
  enterprise: string
  length: string
}

/**
 * @param overrunStopsWireshark Wireshark reads data that runs past the option anyway, raising an exception (see
 * DecodedValue.wiresharkStop): option 124; for 125 it checks first.
 */
function enterpriseBlocks(keys: EnterpriseKeys, readData: EnterpriseData, overrunStopsWireshark = false): Decoder {
  return (b, off, len) => {
    const items: Json[] = []
    const children: FieldNode[] = []
    const summary = () => items.map((i) => `enterprise ${i.enterprise}`).join(', ')
    for (let at = off; at < off + len;) {
      if (at + 5 > off + len) return { value: items, text: summary(), children, problem: `enterprise block at offset ${at} is truncated` }
      const enterprise = u32(b, at)
      const dataLen = b[at + 4]
      const framing = [field('Enterprise', at, 4, { key: keys.enterprise, value: String(enterprise) }), field('Length', at + 4, 1, { key: keys.length, value: String(dataLen) })]
      if (at + 5 + dataLen > off + len) {
        const problem = `enterprise ${enterprise} data at offset ${at + 5} runs past the option`
        if (!overrunStopsWireshark) return { value: items, text: summary(), children, problem }
        children.push(field(`Enterprise ${enterprise}`, at, off + len - at, { problem, children: framing }))
        return { value: items, text: summary(), children, problem, wiresharkStop: at + 5 }
      }
      const data = readData(b, at + 5, dataLen, enterprise)
      items.push({ enterprise, ...data.value })
      children.push(field(`Enterprise ${enterprise}`, at, 5 + dataLen, { children: [...framing, ...(data.children ?? [])] }))
      if (data.problem) return { value: items, text: summary(), children, problem: data.problem }
      at += 5 + dataLen
    }
    return { value: items, text: summary(), children }
  }
}

/** Option 124: per enterprise, its vendor classes (length-prefixed, RFC 3925 section 3). */
const vendorClasses = enterpriseBlocks({ enterprise: 'dhcp.option.vi_class.enterprise', length: 'dhcp.option.vi_class.length' }, (b, off, len) => {
  const classes = lengthPrefixed(b, off, len) ?? [hex(b, off, len)]
  return { value: { data: classes }, children: [field('Vendor class data', off, len, { key: 'dhcp.option.vi_class.data', value: classes.join(', ') })] }
}, true)

/**
 * Sub-options per enterprise, read by `tables` where the vendor's meaning is public. `framings`: the fields Wireshark
 * gives a known vendor's sub-options' code, length and value bytes, where it names them.
 */
function vendorSubOptions(tables: ReadonlyMap<number, SubOptionTable>, keyPrefix: string, keys: EnterpriseKeys, unknownVendor: SubOptionFraming, framings = new Map<number, SubOptionFraming>()): Decoder {
  return enterpriseBlocks(keys, (b, off, len, enterprise) => {
    const table = tables.get(enterprise)
    const framing = table ? framings.get(enterprise) ?? {} : unknownVendor
    const { items, children, problem } = subOptions(b, off, len, table, `${keyPrefix}.${enterprise}`, framing)
    return { value: { suboptions: items }, children, problem }
  })
}

/** RFC 3004 style: a list of length-prefixed items; null if the bytes are not shaped that way. */
function lengthPrefixed(b: Uint8Array, off: number, len: number): string[] | null {
  const items: string[] = []
  forEachPrefixed(b, off, len, (at, n) => items.push(printableOrHex(b, at, n)))
  return items.length || len === 0 ? items : null
}

/** Visits each length-prefixed item, or none when the bytes are not shaped that way. */
function forEachPrefixed(b: Uint8Array, off: number, len: number, visit: (at: number, length: number) => void): void {
  const items: [number, number][] = []
  for (let at = off; at < off + len; at += 1 + b[at]) {
    if (b[at] === 0 || at + 1 + b[at] > off + len) return
    items.push([at + 1, b[at]])
  }
  for (const [at, n] of items) visit(at, n)
}

function userClass(b: Uint8Array, off: number, len: number): DecodedValue {
  const items = lengthPrefixed(b, off, len)
  const children: FieldNode[] = []
  forEachPrefixed(b, off, len, (at, n) => children.push(
    field('Length', at - 1, 1, { key: 'dhcp.option.user_class.length', value: String(n) }), field('Data', at, n, { key: 'dhcp.option.user_class.data', value: printableOrHex(b, at, n) }),
  ))
  if (items) return { value: items, text: items.join(', '), children }
  // Many Windows clients send option 77 as a plain string instead of RFC 3004 items (Wireshark's user_class.text).
  const plain = string(b, off, len)
  return {
    ...plain,
    children: [field('User class data (text)', off, len, {
      key: 'dhcp.option.user_class.text', value: String(plain.value),
      children: [field('Not RFC 3004 items: non-standard option data', off, len, { key: 'dhcp.option.nonstd_data' })],
    })],
  }
}

function domainList(b: Uint8Array, off: number, len: number): DecodedValue {
  const { names, problem } = decodeNameList(b, off, len)
  return { value: names, text: names.join(', '), problem }
}

/** Option 120 (RFC 3361): an encoding byte, then addresses (1) or names (0), each a field as Wireshark's. */
function sipServers(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 1) return lengthProblem(len, 'at least 1')
  const encoding = field('Encoding', off, 1, { key: 'dhcp.option.sip_server.encoding', value: String(b[off]) })
  if (b[off] === 1) {
    const addresses = list(4, ipv4)(b, off + 1, len - 1)
    const each = addresses.problem ? [] : (addresses.value as string[]).map((address, k) => field('Address', off + 1 + 4 * k, 4, { key: 'dhcp.option.sip_server.address', value: address }))
    return { ...addresses, children: [encoding, ...each] }
  }
  const names = domainList(b, off + 1, len - 1)
  return { ...names, children: [encoding] }
}


function enumByte(names: Record<number, string>): Decoder {
  return fixed(1, (b, off) => ({ value: names[b[off]] ?? b[off], text: `${names[b[off]] ?? 'Unknown'} (${b[off]})` }))
}

export const dhcp4Formats: Record<Dhcp4Format, Decoder> = {
  ip: fixed(4, (b, off) => ({ value: ipv4(b, off), text: ipv4(b, off) })),
  ips: list(4, ipv4),
  policyFilter: addressPairs('dhcp.option.policy_filter.ip', 'dhcp.option.policy_filter.subnet_mask'),
  staticRoutes: addressPairs('dhcp.option.static_route.ip', 'dhcp.option.static_route.router'),
  u8: fixed(1, (b, off) => ({ value: b[off], text: String(b[off]) })),
  u8s: list(1, (b, off) => String(b[off])),
  u16: fixed(2, (b, off) => ({ value: u16(b, off), text: String(u16(b, off)) })),
  u16s: list(2, (b, off) => String(u16(b, off))),
  u32: fixed(4, (b, off) => ({ value: u32(b, off), text: String(u32(b, off)) })),
  i32: fixed(4, (b, off) => ({ value: i32(b, off), text: String(i32(b, off)) })),
  secs: fixed(4, (b, off) => ({ value: u32(b, off), text: duration(u32(b, off)) })),
  bool: fixed(1, (b, off) => ({ value: b[off] !== 0, text: b[off] ? 'Enabled' : 'Disabled' })),
  string: (b, off, len) => (len < 1 ? lengthProblem(len, 'at least 1', false) : string(b, off, len)),
  printable,
  hex: raw,
  messageType: fixed(1, (b, off) => {
    const name = dhcp4MessageTypes[b[off]]
    return name ? { value: name, text: `${name} (${b[off]})` } : { value: b[off], text: `Unknown (${b[off]})` }
  }),
  parameterList,
  clientId,
  domainName: (b, off, len) => {
    const { names, problem } = decodeNameList(b, off, len)
    return { value: names[0] ?? '', text: names[0] ?? '', problem }
  },
  domainList,
  clientFqdn,
  relayAgent,
  classlessRoutes,
  authentication,
  viVendorClass: vendorClasses,
  // A vendor whose meaning is not public gets Wireshark's generic fields for each sub-option's parts.
  viVendorInfo: vendorSubOptions(viVendorSubOptions, 'dhcp.option.vi_vendor_info', { enterprise: 'dhcp.option.vi.enterprise', length: 'dhcp.option.vi.length' },
    { code: 'dhcp.vendor.suboption', length: 'dhcp.option.suboption_length', value: 'dhcp.vendor.data', notesMissing: true },
    new Map([[3561, { code: `${TR111}.suboption`, length: SUB_OPTION_LENGTH, value: 'dhcp.option.vi.value' }]])),
  // Option 82's vendor sub-options (RFC 4243) number their own sub-options: option 125's tables do not apply.
  relayVendorInfo: vendorSubOptions(new Map(), 'dhcp.option.agent_information_option.9', { enterprise: 'dhcp.option.agent_information_option.vi.enterprise', length: 'dhcp.option.agent_information_option.vi.data_length' }, {}),
  userClass,
  overload: enumByte(overloads),
  netbiosNodeType: enumByte(nodeTypes),
  sipServers,
  pxeVendorInfo,
  novellOptions,
  cableLabsConfiguration,
  slpDirectoryAgents,
  slpScope,
  civicLocation,
  locationConfiguration,
  nameServices,
  rdnssSelection,
  pcpServers,
  portParameters,
  sixRd,
  leasequeryStatus: (b, off, len) => {
    if (len < 1) return lengthProblem(len, 'at least 1')
    const status = leasequeryStatus[b[off]] ?? `Unknown (${b[off]})`
    const message = text(b, off + 1, len - 1)
    const children = [field('Status Code', off, 1, { key: 'dhcp.option.bulk_lease.status_code', value: `${status} (${b[off]})` })]
    if (len > 1) children.push(field('Status Code Message', off + 1, len - 1, { key: 'dhcp.option.bulk_lease.status_code_message', value: message }))
    return { value: { code: b[off], status, message }, text: message ? `${status}: ${message}` : status, children }
  },
  clientArch: list(2, (b, off) => clientArchitectures[u16(b, off)] ?? `Unknown (${u16(b, off)})`),
  // RFC 4578 section 2.2: the interface type (1: UNDI), then its major and minor version.
  clientNdi: fixed(3, (b, off) => ({
    value: { type: b[off], major: b[off + 1], minor: b[off + 2] }, text: `${b[off] === 1 ? 'UNDI' : `type ${b[off]}`} ${b[off + 1]}.${b[off + 2]}`,
    children: [
      field('Type', off, 1, { value: String(b[off]) }), field('Major version', off + 1, 1, { key: 'dhcp.client_network_id_major', value: String(b[off + 1]) }),
      field('Minor version', off + 2, 1, { key: 'dhcp.client_network_id_minor', value: String(b[off + 2]) }),
    ],
  })),
  uuidClientId: (b, off, len) => (len === 17
    ? { value: hex(b, off + 1, 16), text: `type ${b[off]}, ${hex(b, off + 1, 16)}`, children: [field('UUID', off + 1, 16, { key: 'dhcp.client_id.uuid', value: hex(b, off + 1, 16) })] }
    : raw(b, off, len)),
  dhcpState: enumByte(dhcpStates),
  bootServers,
  bootMenu,
  menuPrompt,
  bootItem,
  discoveryControl,
}
