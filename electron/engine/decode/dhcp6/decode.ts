// DHCPv6 decoder (RFC 8415 and the option RFCs in the registry). Relay messages nest: each RELAY-FORW/REPL
// carries the next message in option 9, decoded recursively into `relayed`. Never throws.
import { duration, hex, ipv6, printableOrHex, text, u16, u24, u32 } from '../bytes'
import { decodeNameList } from '../domain-names'
import { field, lengthProblem, type FieldNode, type Problems } from '../field'
import type { DecodedOption, DecodedValue, Dhcp6Message, OptionValue } from '../types'
import { decodeDuid } from './duid'
import { clientArchitectures } from '../dhcp4/options'
import { dhcp6MessageTypes, dhcp6OptionSpec, dhcp6StatusCodes, RELAY_FORW, RELAY_REPL, type Dhcp6Format } from './registry'

/** Relay nesting deeper than this is refused (RFC 8415 allows 32 hops; a loop in a fuzzed file must end). */
const MAX_DEPTH = 40

interface Context {
  b: Uint8Array
  problems: Problems
  depth: number
  relayed?: Dhcp6Message
}

export function decodeDhcp6(b: Uint8Array, start: number, end: number, problems: Problems): Dhcp6Message {
  return decodeMessage({ b, problems, depth: 0 }, start, end)
}

function decodeMessage(ctx: Context, start: number, end: number): Dhcp6Message {
  const { b, problems } = ctx
  const messageType = start < end ? b[start] : 0
  const type = dhcp6MessageTypes[messageType] ?? `UNKNOWN-${messageType}`
  const message: Dhcp6Message = { family: 6, messageType, type, xid: null, options: [], tree: field(`DHCPv6 (${type})`, start, end - start, { key: 'dhcpv6' }) }
  const tree: FieldNode[] = []
  if (start >= end) {
    problems.error('DHCPv6 message', start, 'empty')
    return message
  }
  tree.push(field('Message type', start, 1, { key: 'dhcpv6.msgtype', value: `${type} (${messageType})` }))
  let optionsStart: number
  if (messageType === RELAY_FORW || messageType === RELAY_REPL) {
    if (start + 34 > end) {
      problems.truncated('DHCPv6 relay header', start, `truncated: 34 bytes needed, ${end - start} present`)
      message.tree.children = tree
      return message
    }
    message.hopCount = b[start + 1]
    message.linkAddress = ipv6(b, start + 2)
    message.peerAddress = ipv6(b, start + 18)
    tree.push(
      field('Hop count', start + 1, 1, { key: 'dhcpv6.hopcount', value: String(message.hopCount) }),
      field('Link address', start + 2, 16, { key: 'dhcpv6.linkaddr', value: message.linkAddress }),
      field('Peer address', start + 18, 16, { key: 'dhcpv6.peeraddr', value: message.peerAddress }),
    )
    optionsStart = start + 34
  } else {
    if (start + 4 > end) {
      problems.truncated('DHCPv6 header', start, `truncated: 4 bytes needed, ${end - start} present`)
      message.tree.children = tree
      return message
    }
    message.xid = u24(b, start + 1)
    tree.push(field('Transaction ID', start + 1, 3, { key: 'dhcpv6.xid', value: `0x${hex(b, start + 1, 3)}` }))
    optionsStart = start + 4
  }
  const inner: Context = { ...ctx, relayed: undefined }
  const options = decodeOptions(inner, optionsStart, end)
  message.options = options.list
  tree.push(...options.tree)
  if (inner.relayed) message.relayed = inner.relayed
  message.tree.children = tree
  return message
}

function decodeOptions(ctx: Context, start: number, end: number): { list: DecodedOption[]; tree: FieldNode[] } {
  const { b, problems } = ctx
  const list: DecodedOption[] = []
  const tree: FieldNode[] = []
  let at = start
  while (at < end) {
    if (at + 4 > end) {
      const problem = problems.truncated('DHCPv6 option', at, `header truncated: 4 bytes needed, ${end - at} present`)
      tree.push(field('Option (truncated)', at, end - at, { problem }))
      break
    }
    const code = u16(b, at)
    const len = u16(b, at + 2)
    const spec = dhcp6OptionSpec(code)
    if (at + 4 + len > end) {
      const problem = problems.truncated(`Option ${code} (${spec.name})`, at, `length ${len} runs past the end of its container (${end - at - 4} bytes left)`)
      list.push({ code, name: spec.name, value: null, offset: at, length: end - at })
      tree.push(field(`${spec.name}`, at, end - at, { key: 'dhcpv6.option', problem }))
      break
    }
    const decoded = decodeValue(ctx, spec.format, at + 4, len)
    const problem = decoded.problem ? problems.error(`Option ${code} (${spec.name})`, at, decoded.problem) : undefined
    list.push({ code, name: spec.name, value: decoded.value, offset: at, length: len + 4 })
    tree.push(field(spec.name, at, len + 4, {
      key: `dhcpv6.option.${spec.key}`, value: decoded.text, problem,
      children: [field('Option', at, 2, { key: 'dhcpv6.option.type', value: `${spec.name} (${code})` }), field('Length', at + 2, 2, { value: String(len) }), ...(decoded.children ?? [])],
    }))
    at += 4 + len
  }
  return { list, tree }
}

/** Options that carry further options (IA_NA, IAADDR …) put them under `options` in their value. */
function withNested(ctx: Context, head: Record<string, OptionValue>, headText: string, headFields: FieldNode[], start: number, end: number): DecodedValue {
  const nested = decodeOptions(ctx, start, end)
  const options: OptionValue[] = nested.list.map((o) => ({ code: o.code, name: o.name, value: o.value }))
  return { value: { ...head, options }, text: headText, children: [...headFields, ...nested.tree] }
}

function lengthPrefixedList(b: Uint8Array, off: number, len: number): { items: string[]; problem?: string } {
  const items: string[] = []
  let at = off
  while (at < off + len) {
    if (at + 2 > off + len) return { items, problem: `item at offset ${at} has no room for its length` }
    const n = u16(b, at)
    if (at + 2 + n > off + len) return { items, problem: `item at offset ${at} (length ${n}) runs past the option` }
    items.push(printableOrHex(b, at + 2, n))
    at += 2 + n
  }
  return { items }
}

function decodeValue(ctx: Context, format: Dhcp6Format, off: number, len: number): DecodedValue {
  const { b } = ctx
  switch (format) {
    case 'duid': return decodeDuid(b, off, len)
    case 'iaNa':
    case 'iaPd': {
      if (len < 12) return lengthProblem(len, 'at least 12')
      const iaid = u32(b, off), t1 = u32(b, off + 4), t2 = u32(b, off + 8)
      return withNested(ctx, { iaid, t1, t2 }, `IAID ${iaid}, T1 ${t1}, T2 ${t2}`, [
        field('IAID', off, 4, { value: String(iaid) }), field('T1', off + 4, 4, { value: duration(t1) }), field('T2', off + 8, 4, { value: duration(t2) }),
      ], off + 12, off + len)
    }
    case 'iaTa': {
      if (len < 4) return lengthProblem(len, 'at least 4')
      const iaid = u32(b, off)
      return withNested(ctx, { iaid }, `IAID ${iaid}`, [field('IAID', off, 4, { value: String(iaid) })], off + 4, off + len)
    }
    case 'iaAddress': {
      if (len < 24) return lengthProblem(len, 'at least 24')
      const address = ipv6(b, off), preferred = u32(b, off + 16), valid = u32(b, off + 20)
      return withNested(ctx, { address, preferred, valid }, `${address} (preferred ${preferred}, valid ${valid})`, [
        field('IPv6 address', off, 16, { key: 'dhcpv6.iaaddr.ip', value: address }),
        field('Preferred lifetime', off + 16, 4, { value: duration(preferred) }), field('Valid lifetime', off + 20, 4, { value: duration(valid) }),
      ], off + 24, off + len)
    }
    case 'iaPrefix': {
      if (len < 25) return lengthProblem(len, 'at least 25')
      const preferred = u32(b, off), valid = u32(b, off + 4), prefixLength = b[off + 8], prefix = ipv6(b, off + 9)
      return withNested(ctx, { prefix: `${prefix}/${prefixLength}`, preferred, valid }, `${prefix}/${prefixLength} (preferred ${preferred}, valid ${valid})`, [
        field('Preferred lifetime', off, 4, { value: duration(preferred) }), field('Valid lifetime', off + 4, 4, { value: duration(valid) }),
        field('Prefix length', off + 8, 1, { value: String(prefixLength) }), field('Prefix address', off + 9, 16, { key: 'dhcpv6.iaprefix.pref_addr', value: prefix }),
      ], off + 25, off + len)
    }
    case 'optionRequest': {
      if (len % 2 !== 0) return lengthProblem(len, 'a multiple of 2')
      const codes: number[] = []
      const children: FieldNode[] = []
      for (let i = off; i < off + len; i += 2) {
        codes.push(u16(b, i))
        children.push(field('Requested Option code', i, 2, { key: 'dhcpv6.requested_option_code', value: `${dhcp6OptionSpec(u16(b, i)).name} (${u16(b, i)})` }))
      }
      return { value: codes, text: codes.join(', '), children }
    }
    case 'u8': return len === 1 ? { value: b[off], text: String(b[off]) } : lengthProblem(len, '1')
    case 'u16': return len === 2 ? { value: u16(b, off), text: String(u16(b, off)) } : lengthProblem(len, '2')
    case 'u32': return len === 4 ? { value: u32(b, off), text: String(u32(b, off)) } : lengthProblem(len, '4')
    case 'secs': return len === 4 ? { value: u32(b, off), text: duration(u32(b, off)) } : lengthProblem(len, '4')
    case 'elapsed': return len === 2 ? { value: u16(b, off) * 10, text: `${u16(b, off) * 10} ms` } : lengthProblem(len, '2')
    case 'relayMessage': {
      if (ctx.depth >= MAX_DEPTH) return { value: null, text: 'nested too deep', problem: `relay nesting deeper than ${MAX_DEPTH}` }
      const relayed = decodeMessage({ ...ctx, depth: ctx.depth + 1, relayed: undefined }, off, off + len)
      ctx.relayed = relayed
      return { value: relayed.type, text: relayed.type, children: [relayed.tree] }
    }
    case 'ip6': return len === 16 ? { value: ipv6(b, off), text: ipv6(b, off) } : lengthProblem(len, '16')
    case 'ip6s': {
      if (len % 16 !== 0) return lengthProblem(len, 'a multiple of 16')
      const addresses: string[] = []
      for (let i = off; i < off + len; i += 16) addresses.push(ipv6(b, i))
      return { value: addresses, text: addresses.join(', ') }
    }
    case 'status': {
      if (len < 2) return lengthProblem(len, 'at least 2')
      const code = u16(b, off)
      const status = dhcp6StatusCodes[code] ?? `Unknown (${code})`
      const message = text(b, off + 2, len - 2)
      return {
        value: { code, status, message }, text: message ? `${status}: ${message}` : status,
        children: [field('Status Code', off, 2, { key: 'dhcpv6.status_code', value: `${status} (${code})` }), field('Status Message', off + 2, len - 2, { key: 'dhcpv6.status_msg', value: message })],
      }
    }
    case 'empty': return len === 0 ? { value: true, text: '' } : lengthProblem(len, '0')
    case 'userClass': {
      const { items, problem } = lengthPrefixedList(b, off, len)
      return { value: items, text: items.join(', '), problem }
    }
    case 'vendorClass': {
      if (len < 4) return lengthProblem(len, 'at least 4')
      const { items, problem } = lengthPrefixedList(b, off + 4, len - 4)
      return { value: { enterprise: u32(b, off), data: items }, text: `enterprise ${u32(b, off)}: ${items.join(', ')}`, problem }
    }
    case 'vendorOpts': return decodeVendorOpts(b, off, len)
    case 'printable': return { value: printableOrHex(b, off, len), text: printableOrHex(b, off, len) }
    case 'string': return { value: text(b, off, len), text: JSON.stringify(text(b, off, len)) }
    case 'domainList': {
      const { names, problem } = decodeNameList(b, off, len)
      return { value: names, text: names.join(', '), problem }
    }
    case 'domainName': {
      const { names, problem } = decodeNameList(b, off, len)
      return { value: names[0] ?? '', text: names[0] ?? '', problem }
    }
    case 'fqdn': {
      if (len < 1) return lengthProblem(len, 'at least 1')
      const { names, problem } = decodeNameList(b, off + 1, len - 1, true)
      return { value: { flags: b[off], name: names[0] ?? '' }, text: names[0] ?? '', problem }
    }
    case 'remoteId': {
      if (len < 4) return lengthProblem(len, 'at least 4')
      return { value: { enterprise: u32(b, off), id: printableOrHex(b, off + 4, len - 4) }, text: `enterprise ${u32(b, off)}: ${printableOrHex(b, off + 4, len - 4)}` }
    }
    case 'linkLayer': {
      if (len < 2) return lengthProblem(len, 'at least 2')
      const address = hex(b, off + 2, len - 2, ':')
      return { value: { hwtype: u16(b, off), address }, text: address }
    }
    case 'ntpServer': return decodeNtpServer(b, off, len)
    case 'clientArch': {
      if (len % 2 !== 0) return lengthProblem(len, 'a multiple of 2')
      const arches: string[] = []
      for (let i = off; i < off + len; i += 2) arches.push(clientArchitectures[u16(b, i)] ?? `Unknown (${u16(b, i)})`)
      return { value: arches, text: arches.join(', ') }
    }
    case 'hex': return { value: hex(b, off, len), text: hex(b, off, len) || '(empty)' }
  }
}

/**
 * RFC 8415 section 21.17: an enterprise number, then sub-options with two-byte codes and lengths whose meaning the
 * vendor defines; each is shown as text when printable, else as hex.
 */
function decodeVendorOpts(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 4) return lengthProblem(len, 'at least 4')
  const enterprise = u32(b, off)
  const suboptions: OptionValue[] = []
  const children = [field('Enterprise number', off, 4, { key: 'dhcpv6.vendoropts.enterprise', value: String(enterprise) })]
  const end = off + len
  for (let at = off + 4; at < end;) {
    if (at + 4 > end || at + 4 + u16(b, at + 2) > end) {
      return { value: { enterprise, suboptions }, text: `enterprise ${enterprise}`, children, problem: `vendor sub-option at offset ${at} runs past the option` }
    }
    const code = u16(b, at), subLen = u16(b, at + 2)
    const value = printableOrHex(b, at + 4, subLen)
    suboptions.push({ code, value })
    children.push(field(`Sub-option ${code}`, at, 4 + subLen, { key: `dhcpv6.option.vendor_opts.${code}`, value }))
    at += 4 + subLen
  }
  return { value: { enterprise, suboptions }, text: `enterprise ${enterprise}, ${suboptions.length} sub-option(s)`, children }
}

const ntpSubOptions: Record<number, string> = { 1: 'NTP server address', 2: 'NTP multicast address', 3: 'NTP server FQDN' }

/** RFC 5908: a list of sub-options, each an address or an FQDN. */
function decodeNtpServer(b: Uint8Array, off: number, len: number): DecodedValue {
  const items: OptionValue[] = []
  const children: FieldNode[] = []
  let at = off
  while (at < off + len) {
    if (at + 4 > off + len || at + 4 + u16(b, at + 2) > off + len) {
      return { value: items, text: '', children, problem: `NTP sub-option at offset ${at} runs past the option` }
    }
    const code = u16(b, at), subLen = u16(b, at + 2)
    const value = code === 3 ? (decodeNameList(b, at + 4, subLen).names[0] ?? '') : subLen === 16 ? ipv6(b, at + 4) : hex(b, at + 4, subLen)
    items.push({ code, name: ntpSubOptions[code] ?? 'Unknown', value })
    children.push(field(ntpSubOptions[code] ?? `Sub-option ${code}`, at, 4 + subLen, { value }))
    at += 4 + subLen
  }
  return { value: items, text: items.map((i) => (i as { value: string }).value).join(', '), children }
}
