// Value decoders for the DHCPv4 registry's formats. Each checks the length its format allows: a length the
// format cannot have is a protocol error (Wireshark raises an error-level expert item for it too).
import { duration, hex, i32, ipv4, mac, printableOrHex, text, u16, u32 } from '../bytes'
import { decodeNameList } from '../domain-names'
import { field, type FieldNode } from '../field'
import type { DecodedValue, OptionValue } from '../types'
import { dhcp4MessageTypes } from './message-types'
import { clientArchitectures, dhcp4OptionSpec, relayAgentSubOptions, type Dhcp4Format } from './options'

type Decoder = (b: Uint8Array, off: number, len: number) => DecodedValue

function lengthProblem(len: number, expected: string): DecodedValue {
  return { value: null, text: `invalid length ${len}`, problem: `length ${len} is invalid, expected ${expected}` }
}

function fixed(size: number, read: (b: Uint8Array, off: number) => DecodedValue): Decoder {
  return (b, off, len) => (len === size ? read(b, off) : lengthProblem(len, `${size}`))
}

function list(size: number, item: (b: Uint8Array, off: number) => string, min = size): Decoder {
  return (b, off, len) => {
    if (len < min || len % size !== 0) return lengthProblem(len, `a multiple of ${size}`)
    const values: string[] = []
    for (let i = off; i < off + len; i += size) values.push(item(b, i))
    return { value: values, text: values.join(', ') }
  }
}

const ipPair = (b: Uint8Array, off: number) => `${ipv4(b, off)} ${ipv4(b, off + 4)}`

function string(b: Uint8Array, off: number, len: number): DecodedValue {
  const s = text(b, off, len)
  return { value: s, text: JSON.stringify(s) }
}

function raw(b: Uint8Array, off: number, len: number): DecodedValue {
  const h = hex(b, off, len)
  return { value: h, text: h || '(empty)' }
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

function clientId(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 2) return lengthProblem(len, 'at least 2')
  const type = b[off]
  if (type === 1 && len === 7) {
    const hw = mac(b, off + 1)
    return {
      value: { type, hwaddr: hw }, text: `Ethernet ${hw}`,
      children: [field('Hardware type', off, 1, { value: 'Ethernet (0x01)' }), field('Client MAC address', off + 1, 6, { key: 'dhcp.client_id.mac', value: hw })],
    }
  }
  if (type === 255 && len >= 5) {
    const iaid = u32(b, off + 1)
    const duid = hex(b, off + 5, len - 5)
    return {
      value: { type, iaid, duid }, text: `IAID ${iaid}, DUID ${duid}`,
      children: [field('Type', off, 1, { value: 'IAID + DUID (RFC 4361)' }), field('IAID', off + 1, 4, { value: String(iaid) }), field('DUID', off + 5, len - 5, { key: 'dhcp.client_id.duid', value: duid })],
    }
  }
  const data = hex(b, off + 1, len - 1)
  return { value: { type, data }, text: `type ${type}, ${data}` }
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
      field('Flags', off, 1, { value: `0x${flags.toString(16).padStart(2, '0')} (S=${flags & 1}, O=${(flags >> 1) & 1}, E=${(flags >> 2) & 1}, N=${(flags >> 3) & 1})` }),
      field('A-RR result', off + 1, 1, { value: String(b[off + 1]) }),
      field('PTR-RR result', off + 2, 1, { value: String(b[off + 2]) }),
      field('Client name', off + 3, len - 3, { key: 'dhcp.fqdn.name', value: name }),
    ],
  }
}

/** Type-length-value sub-options with one-byte codes and lengths (options 82, 43, 125 data). */
function subOptions(
  b: Uint8Array, off: number, len: number, names: Record<number, string>, keyPrefix: string,
): { items: OptionValue[]; children: FieldNode[]; problem?: string } {
  const items: OptionValue[] = []
  const children: FieldNode[] = []
  let at = off
  const end = off + len
  while (at < end) {
    if (at + 2 > end) return { items, children, problem: `sub-option at offset ${at} has no room for its length` }
    const code = b[at]
    const subLen = b[at + 1]
    if (at + 2 + subLen > end) {
      return { items, children, problem: `sub-option ${code} at offset ${at} runs past the end of its option (length ${subLen}, ${end - at - 2} bytes left)` }
    }
    const name = names[code] ?? `Unknown (${code})`
    const value = code === 5 || code === 11 ? (subLen === 4 ? ipv4(b, at + 2) : hex(b, at + 2, subLen)) : printableOrHex(b, at + 2, subLen)
    items.push({ code, name, value })
    children.push(field(name, at, 2 + subLen, { key: `${keyPrefix}.${code}`, value }))
    at += 2 + subLen
  }
  return { items, children }
}

function relayAgent(b: Uint8Array, off: number, len: number): DecodedValue {
  const { items, children, problem } = subOptions(b, off, len, relayAgentSubOptions, 'dhcp.option.agent_information_option')
  return { value: items, text: `${items.length} sub-option${items.length === 1 ? '' : 's'}`, children, problem }
}

function classlessRoutes(b: Uint8Array, off: number, len: number): DecodedValue {
  const routes: string[] = []
  const children: FieldNode[] = []
  let at = off
  const end = off + len
  while (at < end) {
    const width = b[at]
    const significant = Math.ceil(width / 8)
    if (width > 32 || at + 1 + significant + 4 > end) {
      return { value: routes, text: routes.join(', '), children, problem: `route at offset ${at} is truncated or has prefix length ${width}` }
    }
    const dest = [0, 0, 0, 0]
    for (let i = 0; i < significant; i++) dest[i] = b[at + 1 + i]
    const route = `${dest.join('.')}/${width} via ${ipv4(b, at + 1 + significant)}`
    routes.push(route)
    children.push(field('Route', at, 1 + significant + 4, { value: route }))
    at += 1 + significant + 4
  }
  return { value: routes, text: routes.join(', '), children }
}

function enterpriseBlocks(b: Uint8Array, off: number, len: number, withSubOptions: boolean): DecodedValue {
  const items: OptionValue[] = []
  const children: FieldNode[] = []
  let at = off
  const end = off + len
  while (at < end) {
    if (at + 5 > end) return { value: items, text: `${items.length} enterprise(s)`, children, problem: `enterprise block at offset ${at} is truncated` }
    const enterprise = u32(b, at)
    const dataLen = b[at + 4]
    if (at + 5 + dataLen > end) {
      return { value: items, text: `${items.length} enterprise(s)`, children, problem: `enterprise ${enterprise} data at offset ${at + 5} runs past the option` }
    }
    if (withSubOptions) {
      const subs = subOptions(b, at + 5, dataLen, {}, 'dhcp.option.vi_vendor_info')
      if (subs.problem) return { value: items, text: '', children, problem: subs.problem }
      items.push({ enterprise, suboptions: subs.items })
      children.push(field(`Enterprise ${enterprise}`, at, 5 + dataLen, { children: subs.children }))
    } else {
      const classes = lengthPrefixed(b, at + 5, dataLen)
      items.push({ enterprise, data: classes ?? [hex(b, at + 5, dataLen)] })
      children.push(field(`Enterprise ${enterprise}`, at, 5 + dataLen, { value: (classes ?? [hex(b, at + 5, dataLen)]).join(', ') }))
    }
    at += 5 + dataLen
  }
  return { value: items, text: items.map((i) => `enterprise ${(i as { enterprise: number }).enterprise}`).join(', '), children }
}

/** RFC 3004 style: a list of length-prefixed items; null if the bytes are not shaped that way. */
function lengthPrefixed(b: Uint8Array, off: number, len: number): string[] | null {
  const items: string[] = []
  let at = off
  while (at < off + len) {
    const n = b[at]
    if (n === 0 || at + 1 + n > off + len) return null
    items.push(printableOrHex(b, at + 1, n))
    at += 1 + n
  }
  return items
}

function userClass(b: Uint8Array, off: number, len: number): DecodedValue {
  const items = lengthPrefixed(b, off, len)
  if (items) return { value: items, text: items.join(', ') }
  // Many Windows clients send option 77 as a plain string instead of RFC 3004 items.
  return string(b, off, len)
}

function domainList(b: Uint8Array, off: number, len: number): DecodedValue {
  const { names, problem } = decodeNameList(b, off, len)
  return { value: names, text: names.join(', '), problem }
}

function sipServers(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 1) return lengthProblem(len, 'at least 1')
  if (b[off] === 1) return list(4, ipv4)(b, off + 1, len - 1)
  return domainList(b, off + 1, len - 1)
}

const nodeTypes: Record<number, string> = { 1: 'B-node', 2: 'P-node', 4: 'M-node', 8: 'H-node' }
const overloads: Record<number, string> = { 1: 'file', 2: 'sname', 3: 'file and sname' }
const leasequeryStatus: Record<number, string> = { 0: 'Success', 1: 'UnspecFail', 2: 'QueryTerminated', 3: 'MalformedQuery', 4: 'NotAllowed' }
const dhcpStates: Record<number, string> = { 1: 'AVAILABLE', 2: 'ACTIVE', 3: 'EXPIRED', 4: 'RELEASED', 5: 'ABANDONED', 6: 'RESET', 7: 'REMOTE', 8: 'TRANSITIONING' }

function enumByte(names: Record<number, string>): Decoder {
  return fixed(1, (b, off) => ({ value: names[b[off]] ?? b[off], text: `${names[b[off]] ?? 'Unknown'} (${b[off]})` }))
}

export const dhcp4Formats: Record<Dhcp4Format, Decoder> = {
  ip: fixed(4, (b, off) => ({ value: ipv4(b, off), text: ipv4(b, off) })),
  ips: list(4, ipv4),
  ippairs: list(8, ipPair),
  u8: fixed(1, (b, off) => ({ value: b[off], text: String(b[off]) })),
  u16: fixed(2, (b, off) => ({ value: u16(b, off), text: String(u16(b, off)) })),
  u16s: list(2, (b, off) => String(u16(b, off))),
  u32: fixed(4, (b, off) => ({ value: u32(b, off), text: String(u32(b, off)) })),
  i32: fixed(4, (b, off) => ({ value: i32(b, off), text: String(i32(b, off)) })),
  secs: fixed(4, (b, off) => ({ value: u32(b, off), text: duration(u32(b, off)) })),
  bool: fixed(1, (b, off) => ({ value: b[off] !== 0, text: b[off] ? 'Enabled' : 'Disabled' })),
  string: (b, off, len) => (len < 1 ? lengthProblem(len, 'at least 1') : string(b, off, len)),
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
  viVendorClass: (b, off, len) => enterpriseBlocks(b, off, len, false),
  viVendorInfo: (b, off, len) => enterpriseBlocks(b, off, len, true),
  userClass,
  overload: enumByte(overloads),
  netbiosNodeType: enumByte(nodeTypes),
  sipServers,
  vendorInfo: raw,
  leasequeryStatus: (b, off, len) => {
    if (len < 1) return lengthProblem(len, 'at least 1')
    const status = leasequeryStatus[b[off]] ?? `Unknown (${b[off]})`
    const message = text(b, off + 1, len - 1)
    return { value: { code: b[off], status, message }, text: message ? `${status}: ${message}` : status }
  },
  clientArch: list(2, (b, off) => clientArchitectures[u16(b, off)] ?? `Unknown (${u16(b, off)})`),
  uuidClientId: (b, off, len) => (len === 17 ? { value: hex(b, off + 1, 16), text: `type ${b[off]}, ${hex(b, off + 1, 16)}` } : raw(b, off, len)),
  dhcpState: enumByte(dhcpStates),
}

const pxeSubOptions: Record<number, string> = {
  1: 'PXE_MTFTP_IP', 2: 'PXE_MTFTP_CPORT', 3: 'PXE_MTFTP_SPORT', 4: 'PXE_MTFTP_TMOUT', 5: 'PXE_MTFTP_DELAY',
  6: 'PXE_DISCOVERY_CONTROL', 7: 'PXE_DISCOVERY_MCAST_ADDR', 8: 'PXE_BOOT_SERVERS', 9: 'PXE_BOOT_MENU',
  10: 'PXE_MENU_PROMPT', 11: 'PXE_MCAST_ADDRS_ALLOC', 12: 'PXE_CREDENTIAL_TYPES', 71: 'PXE_BOOT_ITEM',
}

function pxeValue(code: number, b: Uint8Array, off: number, len: number): string {
  if ((code === 1 || code === 7) && len === 4) return ipv4(b, off)
  if ((code === 2 || code === 3) && len === 2) return String(u16(b, off))
  if ((code === 4 || code === 5 || code === 6) && len === 1) return String(b[off])
  if (code === 9) {
    const items: string[] = []
    for (let at = off; at + 3 <= off + len; at += 3 + b[at + 2]) items.push(`${u16(b, at)}: ${text(b, at + 3, Math.min(b[at + 2], off + len - at - 3))}`)
    return items.join('; ')
  }
  if (code === 10 && len >= 1) return `timeout ${b[off]} s: ${text(b, off + 1, len - 1)}`
  if (code === 71 && len === 4) return `type ${u16(b, off)}, layer ${u16(b, off + 2)}`
  return printableOrHex(b, off, len)
}

/** Option 43 of a PXE client or server (Intel PXE 2.1, section 2.4): sub-options ending with 255, no length. */
export function pxeVendorInfo(b: Uint8Array, off: number, len: number): DecodedValue {
  const items: OptionValue[] = []
  const children: FieldNode[] = []
  const end = off + len
  let at = off
  while (at < end) {
    const code = b[at]
    if (code === 0) { at++; continue }
    if (code === 255) {
      children.push(field('PXE end', at, 1))
      break
    }
    if (at + 2 > end || at + 2 + b[at + 1] > end) {
      return { value: items, text: `PXE, ${items.length} sub-option(s)`, children, problem: `PXE sub-option ${code} at offset ${at} runs past the option` }
    }
    const name = pxeSubOptions[code] ?? `PXE sub-option ${code}`
    const value = pxeValue(code, b, at + 2, b[at + 1])
    items.push({ code, name, value })
    children.push(field(name, at, 2 + b[at + 1], { key: `dhcp.option.vendor.pxe.${code}`, value }))
    at += 2 + b[at + 1]
  }
  return { value: items, text: `PXE, ${items.length} sub-option${items.length === 1 ? '' : 's'}`, children }
}
