// DHCPv4/BOOTP decoder (RFC 951, RFC 2131, RFC 2132). An option split into several instances (RFC 3396) is
// decoded once from the joined bytes; option 43 is read by the format its vendor (named in option 60) gives it.
// Never throws: whatever cannot be read is reported through Problems and decoding stops at that point.
import { hex, ipv4, mac, text, u16, u32 } from '../bytes'
import { field, type FieldNode, type Problems } from '../field'
import type { DecodedOption, DecodedValue, Dhcp4Message } from '../types'
import { dhcp4Formats } from './formats'
import { dhcp4MessageTypes, dhcp4TypeTitle } from './message-types'
import { dhcp4OptionSpec } from './options'
import { BOOTP_HEADER_LENGTH, FILE, forEachDhcp4Option, MAGIC_COOKIE, SNAME } from './option-areas'
import { secondsElapsed, secondsLittleEndian } from './seconds-elapsed'
import { vendorInfoField, vendorInfoFormat } from './sub-options'
import { ValueMemo } from '../value-memo'
import { wiresharkShowsNoFields } from './wireshark-first-pass'
import { wiresharkValueStops } from './wireshark-value-stops'


interface OptionArea {
  name: string
  start: number
  end: number
  options: DecodedOption[]
  tree: FieldNode[]
}

/** The JSON value of each piece of a split option (RFC 3396) after the first, which carries the joined value. */
export const RFC3396_CONTINUATION = '(RFC 3396 continuation)'

/** Value ranges [offset, length] of each option code in the areas, in order; a quick scan, no decoding. */
type Instances = Map<number, [number, number][]>


/** What decoding an option depends on beyond its own bytes. */
interface AreaContext {
  instances: Instances
  /** Option 60, which says how to read option 43. */
  vendorClass: string
  /** Values read before, for a decode without the tree (see value-memo.ts). */
  memo: ValueMemo | null
  /** An option read so far stops Wireshark's dissection (DecodedValue.wiresharkStop): the nodes from here on are past it. */
  wiresharkStopped: boolean
}

const memo = new ValueMemo()

/** The BOOTP header's fixed fields: offset, size, label, field name, and how its value reads. */
const HEADER_FIELDS: [number, number, string, string, (b: Uint8Array, o: number) => string][] = [
  [0, 1, 'Message type', 'dhcp.op', (b, o) => (b[o] === 1 ? 'Boot Request (1)' : b[o] === 2 ? 'Boot Reply (2)' : `Unknown (${b[o]})`)],
  [1, 1, 'Hardware type', 'dhcp.hw.type', (b, o) => (b[o] === 1 ? 'Ethernet (0x01)' : `0x${b[o].toString(16).padStart(2, '0')}`)],
  [2, 1, 'Hardware address length', 'dhcp.hw.len', (b, o) => String(b[o])],
  [3, 1, 'Hops', 'dhcp.hops', (b, o) => String(b[o])],
  [4, 4, 'Transaction ID', 'dhcp.id', (b, o) => `0x${hex(b, o, 4)}`],
  [8, 2, 'Seconds elapsed', 'dhcp.secs', (b, o) => `${secondsElapsed(b, o)}${secondsLittleEndian(b, o) ? ' (sent little-endian)' : ''}`],
  [10, 2, 'Bootp flags', 'dhcp.flags', (b, o) => `0x${hex(b, o, 2)} (${b[o] & 0x80 ? 'Broadcast' : 'Unicast'})`],
  [12, 4, 'Client IP address', 'dhcp.ip.client', (b, o) => ipv4(b, o)],
  [16, 4, 'Your (client) IP address', 'dhcp.ip.your', (b, o) => ipv4(b, o)],
  [20, 4, 'Next server IP address', 'dhcp.ip.server', (b, o) => ipv4(b, o)],
  [24, 4, 'Relay agent IP address', 'dhcp.ip.relay', (b, o) => ipv4(b, o)],
]

/**
 * `withTree`: give the message's tree node its children (see DecodeOptions). `claimedEnd`: where the datagram says it
 * ends, past `end` when the capture cut it short.
 */
export function decodeDhcp4(b: Uint8Array, start: number, end: number, problems: Problems, withTree = true, claimedEnd = end): Dhcp4Message {
  const has = (offset: number, size: number) => start + offset + size <= end
  const at = (offset: number) => start + offset
  // Wireshark gives up on such a message at once: the values are still read, the tree shows none of them.
  const noFields = wiresharkShowsNoFields(b, start, end, claimedEnd)
  const tree: FieldNode[] | null = withTree && !noFields ? [] : null
  const message: Dhcp4Message = {
    family: 4, op: 0, type: 'BOOTREQUEST', messageType: null, xid: 0, hops: 0, secs: 0, flags: 0,
    ciaddr: '0.0.0.0', yiaddr: '0.0.0.0', siaddr: '0.0.0.0', giaddr: '0.0.0.0', chaddr: '', sname: '', file: '',
    options: [], tree: field('Dynamic Host Configuration Protocol', start, end - start, { key: 'dhcp' }),
  }

  if (noFields) {
    problems.truncated('DHCP', start, `Packet size limited during capture: ${end - start} of ${claimedEnd - start} bytes kept, the options cut before their End; as in Wireshark, no field is shown`)
  }
  if (!has(0, BOOTP_HEADER_LENGTH)) {
    problems.truncated('BOOTP header', start, `truncated: ${BOOTP_HEADER_LENGTH} bytes needed, ${Math.max(0, end - start)} present`)
  }
  if (has(0, 28)) {
    message.op = b[at(0)]
    message.type = message.op === 2 ? 'BOOTREPLY' : 'BOOTREQUEST'
    message.hops = b[at(3)]
    message.xid = u32(b, at(4))
    message.secs = secondsElapsed(b, at(8))
    message.flags = u16(b, at(10))
    message.ciaddr = ipv4(b, at(12))
    message.yiaddr = ipv4(b, at(16))
    message.siaddr = ipv4(b, at(20))
    message.giaddr = ipv4(b, at(24))
  }
  if (tree) for (const [offset, size, label, key, show] of HEADER_FIELDS) {
    if (!has(offset, size)) break
    tree.push(field(label, at(offset), size, { key, value: show(b, at(offset)), children: key === 'dhcp.flags' ? flagBits(b, at(offset)) : undefined }))
  }
  if (has(28, 16)) {
    const hlen = b[at(2)]
    const shown = hlen > 0 && hlen <= 16 ? hlen : 6
    message.chaddr = mac(b, at(28), shown)
    // Wireshark's names: a 6-byte hardware address is a MAC address, any other length just an address.
    tree?.push(field('Client MAC address', at(28), shown, { key: shown === 6 ? 'dhcp.hw.mac_addr' : 'dhcp.hw.addr', value: message.chaddr }))
    if (shown < 16) tree?.push(field('Client hardware address padding', at(28 + shown), 16 - shown, { key: 'dhcp.hw.addr_padding', value: hex(b, at(28 + shown), 16 - shown) }))
  }
  const instances: Instances = new Map()
  const overload = has(BOOTP_HEADER_LENGTH, 4) ? forEachDhcp4Option(b, start, end, (code, offset, length) => {
    const list = instances.get(code)
    if (list) list.push([offset, length])
    else instances.set(code, [[offset, length]])
  }) : 0
  const [vendorClass] = instances.get(60) ?? []
  const context: AreaContext = { instances, vendorClass: vendorClass ? text(b, vendorClass[0], vendorClass[1]) : '', memo: withTree ? null : memo, wiresharkStopped: false }
  // An overloaded sname or file holds options, not text: it reads as empty, as Wireshark (which adds no
  // dhcp.server / dhcp.file field then) and PRODUCT.md's JSON have it.
  const textFields = [[SNAME, 2, 'Server host name', 'sname', 'dhcp.server'], [FILE, 1, 'Boot file name', 'file', 'dhcp.file']] as const
  for (const [[from, to], overloadBit, label, name, key] of textFields) {
    if (!has(from, to - from)) break
    const overloaded = (overload & overloadBit) !== 0
    message[name] = overloaded ? '' : text(b, at(from), to - from)
    tree?.push(field(label, at(from), to - from, overloaded ? { value: 'overloaded by DHCP options' } : { key, value: message[name] || 'not given' }))
  }

  if (has(BOOTP_HEADER_LENGTH, 4)) {
    const cookie = u32(b, at(BOOTP_HEADER_LENGTH))
    if (cookie === MAGIC_COOKIE) {
      tree?.push(field('Magic cookie', at(236), 4, { key: 'dhcp.cookie', value: 'DHCP' }))
      // Option 52 moves options into the sname and file fields; they are listed where option 52 stands,
      // sname first, as Wireshark lists them (a split option is still joined options, file, sname: see decodeValue).
      const overloaded = () => [
        ...(overload & 2 ? [decodeOptionArea(b, at(SNAME[0]), at(SNAME[1]), 'Server host name', problems, false, null, context, withTree)] : []),
        ...(overload & 1 ? [decodeOptionArea(b, at(FILE[0]), at(FILE[1]), 'Boot file name', problems, false, null, context, withTree)] : []),
      ]
      const main = decodeOptionArea(b, at(240), end, 'Options', problems, true, overloaded, context, withTree)
      message.options.push(...main.options)
      tree?.push(...main.tree)
    } else {
      const problem = problems.error('Magic cookie', at(236), `0x${cookie.toString(16).padStart(8, '0')} is not the DHCP cookie 0x63825363; the vendor area is not decoded`)
      // No dhcp.cookie field for it, as in Wireshark: these bytes are not the cookie.
      tree?.push(field('Magic cookie', at(236), 4, { value: `0x${hex(b, at(236), 4)}`, problem }))
    }
  }

  const typeOption = message.options.find((o) => o.code === 53 && o.length === 3)
  const typeName = typeOption && dhcp4MessageTypes[b[typeOption.offset + 2]]
  if (typeOption && typeName) {
    message.messageType = b[typeOption.offset + 2]
    message.type = typeName
    message.tree.label = `Dynamic Host Configuration Protocol (${dhcp4TypeTitle(typeName)})`
  }
  if (tree) message.tree.children = tree
  return message
}

/** The BOOTP flags' bits, each a field over both bytes as Wireshark's (its masks: wireshark-dhcp-fields.ts). */
function flagBits(b: Uint8Array, at: number): FieldNode[] {
  return [
    field('Broadcast flag', at, 2, { key: 'dhcp.flags.bc', value: b[at] & 0x80 ? 'Broadcast' : 'Unicast' }),
    field('Reserved flags', at, 2, { key: 'dhcp.flags.reserved', value: `0x${(u16(b, at) & 0x7fff).toString(16).padStart(4, '0')}` }),
  ]
}

function decodeOptionArea(
  b: Uint8Array, start: number, end: number, name: string, problems: Problems, mustEnd: boolean,
  overloaded: (() => OptionArea[]) | null, context: AreaContext, withTree: boolean,
): OptionArea {
  const area: OptionArea = { name, start, end, options: [], tree: [] }
  const tree = withTree ? area.tree : null
  // Options are read in Wireshark's order (those of an overloaded sname and file at option 52), so once one stops its
  // dissection, every node made after it is past the stop.
  const push = (node: FieldNode) => tree?.push(context.wiresharkStopped ? pastWiresharkStop(node) : node)
  let at = start
  let ended = false
  while (at < end) {
    const code = b[at]
    if (code === 0) {
      let pads = 1
      while (at + pads < end && b[at + pads] === 0) pads++
      push(field(`Option: (0) Padding`, at, pads, { key: 'dhcp.option.padding' }))
      at += pads
      continue
    }
    if (code === 255) {
      push(field('Option: (255) End', at, 1, { key: 'dhcp.option.end' }))
      ended = true
      at++
      break
    }
    const spec = dhcp4OptionSpec(code)
    if (at + 2 > end) {
      const problem = problems.truncated(`Option ${code}`, at, 'has no room for its length byte')
      area.options.push({ code, name: spec.name, value: null, offset: at, length: end - at })
      push(field(`Option: (${code}) ${spec.name}`, at, end - at, { key: 'dhcp.option', problem }))
      return area
    }
    const len = b[at + 1]
    if (at + 2 + len > end) {
      // Wireshark shows the option's type and length, then stops at its value (an exception): nothing after is read.
      const problem = problems.truncated(`Option ${code} (${spec.name})`, at, `length ${len} runs past the end of the ${name.toLowerCase()} (${end - at - 2} bytes left)`)
      area.options.push({ code, name: spec.name, value: null, offset: at, length: end - at })
      push(field(`Option: (${code}) ${spec.name}`, at, end - at, { key: 'dhcp.option', problem, children: [field('Length', at + 1, 1, { key: 'dhcp.option.length', value: String(len) })] }))
      context.wiresharkStopped = true
      return area
    }
    const decoded = decodeValue(b, code, at + 2, len, context)
    const problem = decoded.problem ? problems.error(`Option ${code} (${spec.name})`, at, decoded.problem) : undefined
    area.options.push({ code, name: spec.name, value: decoded.value, offset: at, length: len + 2 })
    const stoppedBefore = context.wiresharkStopped
    const children = tree ? [field('Length', at + 1, 1, { key: 'dhcp.option.length', value: String(len) }), ...(decoded.children ?? [])] : null
    if (decoded.wiresharkStop !== undefined && children) markPastWiresharkStop(children, decoded.wiresharkStop)
    if (decoded.badLength) {
      // Wireshark notes a bad length only where it reads the value without an exception first.
      const badLength = field('Bad length', at, len + 2, { key: 'dhcp.bad_length', value: decoded.problem })
      children?.push(decoded.wiresharkStop === undefined ? badLength : pastWiresharkStop(badLength))
    }
    if (decoded.wiresharkStop !== undefined) context.wiresharkStopped = true
    if (code === 52 && overloaded) {
      for (const extra of overloaded()) {
        area.options.push(...extra.options)
        children?.push(field(`${extra.name} option overload`, extra.start, extra.end - extra.start, { children: extra.tree }))
      }
    }
    if (children) {
      const node = field(`Option: (${code}) ${spec.name}`, at, len + 2, { key: `dhcp.option.${spec.key}`, value: decoded.text, problem, children })
      area.tree.push(stoppedBefore ? pastWiresharkStop(node) : node)
    }
    at += 2 + len
  }
  if (mustEnd && !ended) problems.truncated(name, at, 'the End option (255) is missing')
  if (tree && ended && at < end && mustEnd) {
    let nonZero = false
    for (let i = at; i < end; i++) if (b[i] !== 0) { nonZero = true; break }
    push(field('Padding', at, end - at, { key: 'dhcp.option.padding', value: nonZero ? 'trailing data after End option' : `${end - at} bytes` }))
  }
  return area
}

function withValueStop(decoded: DecodedValue, stop: number | null): DecodedValue {
  return stop === null || decoded.wiresharkStop !== undefined ? decoded : { ...decoded, wiresharkStop: stop }
}

function pastWiresharkStop(node: FieldNode): FieldNode {
  node.pastWiresharkStop = true
  return node
}

/** Marks the nodes from `offset` on, the first of an option's fields that Wireshark's exception leaves out. */
function markPastWiresharkStop(nodes: FieldNode[], offset: number): void {
  for (const node of nodes) {
    if (node.offset >= offset) pastWiresharkStop(node)
    else if (node.children) markPastWiresharkStop(node.children, offset)
  }
}

/** Option 43 as a whole under the field Wireshark gives it for the vendor (option 60) that sent it. */
function withVendorField(decoded: DecodedValue, off: number, len: number, vendorClass: string): DecodedValue {
  const key = vendorInfoField(vendorClass)
  return key ? { ...decoded, children: [...(decoded.children ?? []), field('Value', off, len, { key, value: decoded.text })] } : decoded
}

/**
 * One option's value. Several instances of a code are one option split up (RFC 3396): the instance read first
 * (options area, then file, then sname: forEachDhcp4Option's order) carries the value decoded from all of them
 * joined in that order, the others say they continue it.
 */
function decodeValue(b: Uint8Array, code: number, off: number, len: number, context: AreaContext): DecodedValue {
  const format = dhcp4Formats[(code === 43 && vendorInfoFormat(context.vendorClass)) || dhcp4OptionSpec(code).format]
  const valueStop = wiresharkValueStops[code]
  const decoder = valueStop ? (bytes: Uint8Array, at: number, length: number) => withValueStop(format(bytes, at, length), valueStop(bytes, at, length)) : format
  const parts = context.instances.get(code) ?? []
  if (code === 43 && parts.length < 2) return withVendorField(decoder(b, off, len), off, len, context.vendorClass)
  if (parts.length < 2) {
    // Option 43 and split options depend on other options too: only the rest are a function of their own bytes.
    const { memo } = context
    if (!memo) return decoder(b, off, len)
    let decoded = memo.get(code, b, off, len)
    if (!decoded) memo.set(code, b, off, len, (decoded = decoder(b, off, len)))
    return decoded
  }
  if (parts[0][0] !== off) return { value: RFC3396_CONTINUATION, text: `continues the first option ${code} (RFC 3396)` }
  const joined = new Uint8Array(parts.reduce((n, [, l]) => n + l, 0))
  let filled = 0
  for (const [start, length] of parts) {
    joined.set(b.subarray(start, start + length), filled)
    filled += length
  }
  // Sub-fields of the joined value would point into a buffer that is not the frame: keep value and text only.
  const whole = decoder(joined, 0, joined.length)
  return { value: whole.value, text: `${whole.text} (RFC 3396: joined from ${parts.length} instances)`, problem: whole.problem }
}
