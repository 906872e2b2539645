// How each DHCPv6 option format reads (the registry names each option's format), as a table like DHCPv4's:
// format → decoder of the option's value, with its sub-fields (offset and length each) for the field tree.
import { duration, hex, ipv4, ipv6, printableOrHex, text, u16, u32 } from '../bytes'
import { AUTHENTICATION_HEAD, authenticationHead, authenticationHeadFields, authenticationText } from '../authentication'
import { decodeNameList } from '../domain-names'
import { clientArchitectures } from '../dhcp4/options'
import { field, lengthProblem, type FieldNode } from '../field'
import type { DecodedValue, Dhcp6Message, OptionValue } from '../types'
import { decodeDuid } from './duid'
import { CABLELABS, cableLabsSubOptions } from './cablelabs'
import { wiresharkDomains } from './wireshark-domains'
import { containerHead, dhcp6OptionSpec, dhcp6StatusCodes, prefixBytes, psidOf, type Dhcp6Format } from './registry'

/** Relay nesting deeper than this is refused (RFC 8415 allows 32 hops; a loop in a fuzzed file must end). */
const MAX_DEPTH = 40

/** What a format decoder may ask of the message decoder: nested options, and a relayed message. */
export interface FormatContext {
  b: Uint8Array
  depth: number
  /** The type of the message whose options these are (a client's FQDN flags read by who sends them), and its byte. */
  messageType: number
  messageStart: number
  /** Where the bytes of that message end: Wireshark reads a value that overruns its option on to there. */
  messageEnd: number
  /** Decodes the options in [start, end), as the value's nested options. */
  options(start: number, end: number): { list: OptionValue[]; tree: FieldNode[] }
  /** Decodes the message a Relay Message option carries; the decoder keeps it as `relayed`. */
  relayedMessage(start: number, end: number): Dhcp6Message
}

type FormatDecoder = (ctx: FormatContext, off: number, len: number) => DecodedValue

/** An option that carries options: its head's fields, then its options (IA_NA, IA Address …). */
function container(format: Dhcp6Format, head: (b: Uint8Array, off: number) => { value: Record<string, OptionValue>; text: string; fields: FieldNode[] }): FormatDecoder {
  const size = containerHead(format) as number
  return (ctx, off, len) => {
    if (len < size) return lengthProblem(len, `at least ${size}`)
    const { value, text, fields } = head(ctx.b, off)
    const nested = ctx.options(off + size, off + len)
    return { value: { ...value, options: nested.list }, text, children: [...fields, ...nested.tree] }
  }
}

/** An IPv6 prefix sent in its leading bytes only (RFC 7598), as Wireshark shows it: the address they start, zero-padded. */
function leadingPrefix(b: Uint8Array, off: number, prefixLength: number): string {
  const address = new Uint8Array(16)
  address.set(b.subarray(off, off + prefixBytes(prefixLength)))
  return ipv6(address, 0)
}

const prefixField = (b: Uint8Array, off: number, prefixLength: number, key: string) => field('IPv6 prefix', off, prefixBytes(prefixLength), { key, value: leadingPrefix(b, off, prefixLength) })

/**
 * An S46 option whose head ends with an IPv6 prefix of the length its value says (RFC 7598 sections 4.1 and 4.5),
 * then options. `minimum`: the head's length before the prefix, whose last byte is the prefix's length.
 */
function s46Container(format: Dhcp6Format, minimum: number, head: (b: Uint8Array, off: number) => { value: Record<string, OptionValue>; text: string; fields: FieldNode[]; problem?: string }): FormatDecoder {
  const headLength = containerHead(format) as (b: Uint8Array, off: number) => number
  return (ctx, off, len) => {
    if (len < minimum) return lengthProblem(len, `at least ${minimum}`)
    const size = headLength(ctx.b, off)
    if (size > len) return lengthProblem(len, `at least ${size} (its IPv6 prefix's length)`)
    const { value, text, fields, problem } = head(ctx.b, off)
    if (problem) return { value: null, text: 'malformed', problem, children: fields }
    const nested = ctx.options(off + size, off + len)
    return { value: { ...value, options: nested.list }, text, children: [...fields, ...nested.tree] }
  }
}

const fixed = (size: number, read: (b: Uint8Array, off: number) => { value: OptionValue; text: string }): FormatDecoder =>
  (ctx, off, len) => (len === size ? read(ctx.b, off) : lengthProblem(len, String(size)))

const iaHead = (b: Uint8Array, off: number) => {
  const iaid = u32(b, off), t1 = u32(b, off + 4), t2 = u32(b, off + 8)
  return {
    value: { iaid, t1, t2 }, text: `IAID ${iaid}, T1 ${t1}, T2 ${t2}`,
    fields: [
      field('IAID', off, 4, { key: 'dhcpv6.iaid', value: String(iaid) }), field('T1', off + 4, 4, { key: 'dhcpv6.iaid.t1', value: duration(t1) }),
      field('T2', off + 8, 4, { key: 'dhcpv6.iaid.t2', value: duration(t2) }),
    ],
  }
}

export const dhcp6Formats: Record<Dhcp6Format, FormatDecoder> = {
  duid: (ctx, off, len) => decodeDuid(ctx.b, off, len),
  iaNa: container('iaNa', iaHead),
  iaPd: container('iaPd', iaHead),
  iaTa: container('iaTa', (b, off) => ({ value: { iaid: u32(b, off) }, text: `IAID ${u32(b, off)}`, fields: [field('IAID', off, 4, { key: 'dhcpv6.iata', value: String(u32(b, off)) })] })),
  iaAddress: container('iaAddress', (b, off) => {
    const address = ipv6(b, off), preferred = u32(b, off + 16), valid = u32(b, off + 20)
    return {
      value: { address, preferred, valid }, text: `${address} (preferred ${preferred}, valid ${valid})`,
      fields: [
        field('IPv6 address', off, 16, { key: 'dhcpv6.iaaddr.ip', value: address }),
        field('Preferred lifetime', off + 16, 4, { key: 'dhcpv6.iaaddr.pref_lifetime', value: duration(preferred) }),
        field('Valid lifetime', off + 20, 4, { key: 'dhcpv6.iaaddr.valid_lifetime', value: duration(valid) }),
      ],
    }
  }),
  iaPrefix: container('iaPrefix', (b, off) => {
    const preferred = u32(b, off), valid = u32(b, off + 4), prefixLength = b[off + 8], prefix = ipv6(b, off + 9)
    return {
      value: { prefix: `${prefix}/${prefixLength}`, preferred, valid }, text: `${prefix}/${prefixLength} (preferred ${preferred}, valid ${valid})`,
      fields: [
        field('Preferred lifetime', off, 4, { key: 'dhcpv6.iaprefix.pref_lifetime', value: duration(preferred) }),
        field('Valid lifetime', off + 4, 4, { key: 'dhcpv6.iaprefix.valid_lifetime', value: duration(valid) }),
        field('Prefix length', off + 8, 1, { key: 'dhcpv6.iaprefix.pref_len', value: String(prefixLength) }), field('Prefix address', off + 9, 16, { key: 'dhcpv6.iaprefix.pref_addr', value: prefix }),
      ],
    }
  }),
  // RFC 5007 section 4.1.2.2: the query type and link address, then the query's options.
  leaseQuery: container('leaseQuery', (b, off) => ({
    value: { queryType: b[off], linkAddress: ipv6(b, off + 1) }, text: `query type ${b[off]}, link ${ipv6(b, off + 1)}`,
    fields: [field('Query type', off, 1, { key: 'dhcpv6.lq_query', value: String(b[off]) }), field('Link address', off + 1, 16, { key: 'dhcpv6.lq_query_link_address', value: ipv6(b, off + 1) })],
  })),
  // Options and nothing else: a lease query's client data (RFC 5007), the S46 containers (RFC 7598).
  options: container('options', () => ({ value: {}, text: '', fields: [] })),
  optionRequest: ({ b }, off, len) => {
    if (len % 2 !== 0) return lengthProblem(len, 'a multiple of 2')
    const codes: number[] = []
    const children: FieldNode[] = []
    for (let i = off; i < off + len; i += 2) {
      codes.push(u16(b, i))
      children.push(field('Requested Option code', i, 2, { key: 'dhcpv6.requested_option_code', value: `${dhcp6OptionSpec(u16(b, i)).name} (${u16(b, i)})` }))
    }
    return { value: codes, text: codes.join(', '), children }
  },
  u8: fixed(1, (b, off) => ({ value: b[off], text: String(b[off]) })),
  u16: fixed(2, (b, off) => ({ value: u16(b, off), text: String(u16(b, off)) })),
  u32: fixed(4, (b, off) => ({ value: u32(b, off), text: String(u32(b, off)) })),
  secs: fixed(4, (b, off) => ({ value: u32(b, off), text: duration(u32(b, off)) })),
  elapsed: fixed(2, (b, off) => ({ value: u16(b, off) * 10, text: `${u16(b, off) * 10} ms` })),
  relayMessage: (ctx, off, len) => {
    if (ctx.depth >= MAX_DEPTH) return { value: null, text: 'nested too deep', problem: `relay nesting deeper than ${MAX_DEPTH}` }
    const relayed = ctx.relayedMessage(off, off + len)
    return { value: relayed.type, text: relayed.type, children: [relayed.tree] }
  },
  ip6: fixed(16, (b, off) => ({ value: ipv6(b, off), text: ipv6(b, off) })),
  ip6s: ({ b }, off, len) => {
    if (len % 16 !== 0) return lengthProblem(len, 'a multiple of 16')
    const addresses: string[] = []
    for (let i = off; i < off + len; i += 16) addresses.push(ipv6(b, i))
    return { value: addresses, text: addresses.join(', ') }
  },
  status: ({ b }, off, len) => {
    if (len < 2) return lengthProblem(len, 'at least 2')
    const code = u16(b, off)
    const status = dhcp6StatusCodes[code] ?? `Unknown (${code})`
    const message = text(b, off + 2, len - 2)
    return {
      value: { code, status, message }, text: message ? `${status}: ${message}` : status,
      children: [field('Status Code', off, 2, { key: 'dhcpv6.status_code', value: `${status} (${code})` }), field('Status Message', off + 2, len - 2, { key: 'dhcpv6.status_msg', value: message })],
    }
  },
  empty: (_ctx, _off, len) => (len === 0 ? { value: true, text: '' } : lengthProblem(len, '0')),
  userClass: ({ b, messageEnd }, off, len) => {
    const { items, children, problem } = lengthPrefixedList(b, off, len, USER_CLASS_DATA, USER_CLASS_LENGTH)
    const shown = problem ? wiresharkUserClasses(b, off, len, messageEnd) : null
    return { value: items, text: items.join(', '), children: shown?.children ?? children, problem, ...(shown && !shown.noted ? { wiresharkQuiet: true } : {}) }
  },
  vendorClass: ({ b }, off, len) => {
    if (len < 4) return lengthProblem(len, 'at least 4')
    const { items, children, problem } = lengthPrefixedList(b, off + 4, len - 4)
    return {
      value: { enterprise: u32(b, off), data: items }, text: `enterprise ${u32(b, off)}: ${items.join(', ')}`, problem,
      // Wireshark checks none of the classes' lengths: it notes no problem with them.
      ...(problem ? { wiresharkQuiet: true } : {}),
      children: [field('Enterprise ID', off, 4, { key: 'dhcpv6.vendorclass.enterprise', value: String(u32(b, off)) }), ...wiresharkVendorClassData(b, off, len, children)],
    }
  },
  vendorOpts: ({ b, messageEnd }, off, len) => decodeVendorOpts(b, off, len, messageEnd),
  printable: ({ b }, off, len) => ({ value: printableOrHex(b, off, len), text: printableOrHex(b, off, len) }),
  string: ({ b }, off, len) => ({ value: text(b, off, len), text: JSON.stringify(text(b, off, len)) }),
  domainList: ({ b }, off, len) => {
    const { names, problem } = decodeNameList(b, off, len)
    return { value: names, text: names.join(', '), problem, children: wiresharkDomains(b, off, len).notes }
  },
  // One name; like Wireshark, a partial one (no root label) is read too.
  domainName: ({ b }, off, len) => {
    const { names, problem } = decodeNameList(b, off, len, true)
    return { value: names[0] ?? '', text: names[0] ?? '', problem, children: wiresharkDomains(b, off, len).notes }
  },
  fqdn: ({ b, messageType, messageStart }, off, len) => {
    if (len < 1) return lengthProblem(len, 'at least 1')
    const { names, problem } = decodeNameList(b, off + 1, len - 1, true)
    return { value: { flags: b[off], name: names[0] ?? '' }, text: names[0] ?? '', problem, children: fqdnFields(b, off, len, messageType, messageStart, names[0] ?? '') }
  },
  remoteId: ({ b }, off, len) => {
    if (len < 4) return lengthProblem(len, 'at least 4')
    return {
      value: { enterprise: u32(b, off), id: printableOrHex(b, off + 4, len - 4) }, text: `enterprise ${u32(b, off)}: ${printableOrHex(b, off + 4, len - 4)}`,
      children: [
        field('Enterprise ID', off, 4, { key: 'dhcpv6.remoteid.enterprise', value: String(u32(b, off)) }),
        field('Remote-ID', off + 4, len - 4, { key: 'dhcpv6.remoteid_enterprise_id', value: hex(b, off + 4, len - 4, ':') }),
      ],
    }
  },
  linkLayer: ({ b }, off, len) => {
    if (len < 2) return lengthProblem(len, 'at least 2')
    const address = hex(b, off + 2, len - 2, ':')
    return { value: { hwtype: u16(b, off), address }, text: address }
  },
  ntpServer: ({ b }, off, len) => decodeNtpServer(b, off, len),
  clientArch: ({ b }, off, len) => {
    if (len % 2 !== 0) return lengthProblem(len, 'a multiple of 2')
    const arches: string[] = []
    for (let i = off; i < off + len; i += 2) arches.push(clientArchitectures[u16(b, i)] ?? `Unknown (${u16(b, i)})`)
    return { value: arches, text: arches.join(', ') }
  },
  hex: ({ b }, off, len) => ({ value: hex(b, off, len), text: hex(b, off, len) || '(empty)' }),
  auth: ({ b }, off, len) => decodeAuthentication(b, off, len),
  // RFC 7598 section 4.1: a MAP rule, then its port parameters.
  s46Rule: s46Container('s46Rule', 8, (b, off) => {
    const flags = b[off], eaLength = b[off + 1], v4Length = b[off + 2], v6Length = b[off + 7]
    const ipv4Prefix = `${ipv4(b, off + 3)}/${v4Length}`, ipv6Prefix = `${leadingPrefix(b, off + 8, v6Length)}/${v6Length}`
    const fields = [
      field('Flags', off, 1, {
        key: 'dhcpv6.s46_rule.flags', value: `0x${hex(b, off, 1)}`,
        children: [field('Reserved', off, 1, { key: 'dhcpv6.s46_rule.flags.reserved', value: String(flags >> 1) }), field('Forwarding Mapping Rule', off, 1, { key: 'dhcpv6.s46_rule.flags.fmr', value: flags & 1 ? 'True' : 'False' })],
      }),
      field('EA-bit length', off + 1, 1, { key: 'dhcpv6.s46_rule.ea_len', value: String(eaLength) }),
      field('IPv4 prefix length', off + 2, 1, { key: 'dhcpv6.s46_rule.ipv4_pref_len', value: String(v4Length) }),
      field('IPv4 prefix', off + 3, 4, { key: 'dhcpv6.s46_rule.ipv4_prefix', value: ipv4(b, off + 3) }),
      field('IPv6 prefix length', off + 7, 1, { key: 'dhcpv6.s46_rule.ipv6_prefix_len', value: String(v6Length) }),
      prefixField(b, off + 8, v6Length, 'dhcpv6.s46_rule.ipv6_prefix'),
    ]
    const problem = v4Length > 32 ? `IPv4 prefix length ${v4Length} is over 32` : v6Length > 128 ? `IPv6 prefix length ${v6Length} is over 128` : undefined
    return { value: { flags, eaLength, ipv4Prefix, ipv6Prefix }, text: `${ipv4Prefix} ↔ ${ipv6Prefix}, EA bits ${eaLength}${flags & 1 ? ', forwarding' : ''}`, fields, problem }
  }),
  // RFC 7598 section 4.3: the MAP-T default mapping rule's IPv6 prefix.
  s46Dmr: ({ b }, off, len) => {
    if (len < 1 || len > 17) return lengthProblem(len, '1 to 17')
    const prefixLength = b[off]
    if (prefixLength > 128 || 1 + prefixBytes(prefixLength) > len) return { value: null, text: 'malformed', problem: `IPv6 prefix length ${prefixLength} does not fit the option's ${len} bytes` }
    const prefix = `${leadingPrefix(b, off + 1, prefixLength)}/${prefixLength}`
    return {
      value: { prefix }, text: prefix,
      children: [field('IPv6 prefix length', off, 1, { key: 'dhcpv6.s46_dmr.dmr_pref_len', value: String(prefixLength) }), prefixField(b, off + 1, prefixLength, 'dhcpv6.s46_dmr.dmr_prefix')],
    }
  },
  // RFC 7598 section 4.5: a lightweight 4over6 binding of an IPv4 address to an IPv6 prefix, then port parameters.
  s46V4v6Bind: s46Container('s46V4v6Bind', 5, (b, off) => {
    const address = ipv4(b, off), v6Length = b[off + 4]
    const ipv6Prefix = `${leadingPrefix(b, off + 5, v6Length)}/${v6Length}`
    return {
      value: { ipv4Address: address, ipv6Prefix }, text: `${address} ↔ ${ipv6Prefix}`,
      fields: [
        field('IPv4 Address', off, 4, { key: 'dhcpv6.s46_v4v6bind.ipv4_address', value: address }),
        field('IPv6 prefix length', off + 4, 1, { key: 'dhcpv6.s46_v4v6bind.ipv6_pref_len', value: String(v6Length) }),
        prefixField(b, off + 5, v6Length, 'dhcpv6.s46_v4v6bind.ipv6_prefix'),
      ],
      problem: v6Length > 128 ? `IPv6 prefix length ${v6Length} is over 128` : undefined,
    }
  }),
  // RFC 7598 section 4.5: the port set's offset, and the PSID, its length's leading bits of the last two bytes.
  s46PortParams: ({ b }, off, len) => {
    if (len !== 4) return lengthProblem(len, '4')
    const offset = b[off], psidLength = b[off + 1]
    if (offset > 15 || psidLength > 16) return { value: null, text: 'malformed', problem: offset > 15 ? `offset ${offset} is over 15` : `PSID length ${psidLength} is over 16` }
    const psid = psidOf(psidLength, u16(b, off + 2))
    return {
      value: { offset, psidLength, psid }, text: `offset ${offset}, PSID ${psid} (${psidLength} bits)`,
      children: [
        field('Offset', off, 1, { key: 'dhcpv6.s46_portparam.offset', value: String(offset) }),
        field('PSID length', off + 1, 1, { key: 'dhcpv6.s46_portparam.psid_len', value: String(psidLength) }),
        field('PSID', off + 2, 2, { key: 'dhcpv6.s46_portparam.psid', value: String(psid) }),
      ],
    }
  },
  // RFC 6603 section 4.2: the excluded prefix's length, then the bits of its subnet ID (at most 16 bytes).
  pdExclude: ({ b }, off, len) => {
    if (len < 2 || len > 17) return lengthProblem(len, '2 to 17')
    const subnetId = hex(b, off + 1, len - 1)
    return {
      value: { prefixLength: b[off], subnetId }, text: `/${b[off]}, subnet ID ${subnetId}`,
      children: [
        field('Prefix length', off, 1, { key: 'dhcpv6.pd_exclude.pref_len', value: String(b[off]) }),
        field('IPv6 subnet ID', off + 1, len - 1, { key: 'dhcpv6.pd_exclude.subnet_id', value: hex(b, off + 1, len - 1, ':') }),
      ],
    }
  },
}

/** RFC 3315's delayed authentication (section 21.4.1): a realm, then a key id and an HMAC-MD5. */
const DELAYED_KEY_AND_HMAC = 20

/**
 * Option 11 (RFC 8415 section 21.11). Wireshark 4.0 reads the information after the head as RFC 3315's delayed
 * authentication (a realm, a key id, an HMAC-MD5) wherever the algorithm is HMAC-MD5 and there is room for a realm,
 * whatever the protocol; otherwise as bytes (a reconfigure key's type and HMAC, RFC 8415 section 20.4.1).
 */
function decodeAuthentication(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < AUTHENTICATION_HEAD) return lengthProblem(len, `at least ${AUTHENTICATION_HEAD}`)
  const head = authenticationHead(b, off)
  const info = off + AUTHENTICATION_HEAD
  const infoLength = len - AUTHENTICATION_HEAD
  const headFields = authenticationHeadFields(b, off, 'dhcpv6.auth')
  if (head.algorithm !== 1 || infoLength <= DELAYED_KEY_AND_HMAC) {
    const information = hex(b, info, infoLength)
    return {
      value: { ...head, information }, text: authenticationText(head),
      children: [...headFields, field('Authentication information', info, infoLength, { key: 'dhcpv6.auth.info', value: information })],
    }
  }
  const realmLength = infoLength - DELAYED_KEY_AND_HMAC
  const realm = text(b, info, realmLength)
  const keyId = u32(b, info + realmLength)
  const hmacMd5 = hex(b, info + realmLength + 4, 16)
  return {
    value: { ...head, realm, keyId, hmacMd5 }, text: `${authenticationText(head)}, realm ${JSON.stringify(realm)}, key ${keyId}`,
    children: [
      ...headFields,
      field('DHCP realm', info, realmLength, { key: 'dhcpv6.auth.realm', value: realm }),
      field('Key ID', info + realmLength, 4, { key: 'dhcpv6.auth.key_id', value: String(keyId) }),
      field('HMAC-MD5 data', info + realmLength + 4, 16, { key: 'dhcpv6.auth.md5_data', value: hmacMd5 }),
    ],
  }
}

/**
 * Option 16's data as Wireshark reads it: one text from after the first class's length to the option's end, the
 * other classes' lengths included, cut at the first NUL (so in practice the first class). The classes as read
 * here are its parts, without Wireshark's key.
 */
function wiresharkVendorClassData(b: Uint8Array, off: number, len: number, classes: FieldNode[]): FieldNode[] {
  if (len < 6) return classes
  let end = off + 6
  while (end < off + len && b[end] !== 0) end++
  return [field('Vendor class data', off + 6, end - off - 6, { key: 'dhcpv6.vendorclass.data', value: printableOrHex(b, off + 6, end - off - 6), children: classes })]
}

const USER_CLASS_DATA = 'dhcpv6.userclass.opaque_data'
const USER_CLASS_LENGTH = 'dhcpv6.userclass.length'

/** Items with a two-byte length each (user and vendor classes), with Wireshark's fields for each item's data and length. */
function lengthPrefixedList(b: Uint8Array, off: number, len: number, dataKey?: string, lengthKey?: string): { items: string[]; children: FieldNode[]; problem?: string } {
  const items: string[] = []
  const children: FieldNode[] = []
  let at = off
  while (at < off + len) {
    if (at + 2 > off + len) return { items, children, problem: `item at offset ${at} has no room for its length` }
    const n = u16(b, at)
    if (at + 2 + n > off + len) return { items, children, problem: `item at offset ${at} (length ${n}) runs past the option` }
    items.push(printableOrHex(b, at + 2, n))
    children.push(...itemFields(b, at, n, dataKey, lengthKey))
    at += 2 + n
  }
  return { items, children }
}

function itemFields(b: Uint8Array, at: number, n: number, dataKey?: string, lengthKey?: string): FieldNode[] {
  return [
    ...(lengthKey ? [field('Length', at, 2, { key: lengthKey, value: String(n) })] : []),
    field('Data', at + 2, n, { key: dataKey, value: printableOrHex(b, at + 2, n) }),
  ]
}

/**
 * Option 15 as Wireshark reads it: it notes a class only when its length exceeds what is left of the option
 * counted from the class's length field, and reads one shorter by up to two bytes on into the next option's
 * bytes. Null where that reading goes past the message (an exception this decoder does not follow).
 */
function wiresharkUserClasses(b: Uint8Array, off: number, len: number, messageEnd: number): { children: FieldNode[]; noted: boolean } | null {
  const children: FieldNode[] = []
  for (let taken = 0; taken < len;) {
    const at = off + taken
    if (at + 2 > messageEnd) return null
    const n = u16(b, at)
    if (n > len - taken) return { children, noted: true }
    if (at + 2 + n > messageEnd) return null
    children.push(...itemFields(b, at, n, USER_CLASS_DATA, USER_CLASS_LENGTH))
    taken += 2 + n
  }
  return { children, noted: false }
}

/** Option 39's flags (RFC 4704 section 4.1): the client's bits in its requests, the server's in its answers. */
const fqdnBits: Record<number, [bit: number, key: string][]> = {
  1: [[0x4, 'client.n'], [0x1, 'client.s']], 3: [[0x4, 'client.n'], [0x1, 'client.s']], 5: [[0x4, 'client.n'], [0x1, 'client.s']],
  6: [[0x4, 'client.n'], [0x1, 'client.s']], 2: [[0x4, 'server.n'], [0x2, 'server.o'], [0x1, 'server.s']], 7: [[0x4, 'server.n'], [0x2, 'server.o'], [0x1, 'server.s']],
}

/**
 * The flags and the name as Wireshark's fields. As Wireshark, only in the messages RFC 4704 lets carry the option
 * (SOLICIT, ADVERTISE, REQUEST, RENEW, REBIND, REPLY), and with its note when N and S are both set. In any other
 * message Wireshark names the message's type instead, as illegal there: so do we, on the type's byte.
 */
function fqdnFields(b: Uint8Array, off: number, len: number, messageType: number, messageStart: number, name: string): FieldNode[] {
  const bits = fqdnBits[messageType]
  if (!bits) {
    return [field('Illegal Message Type', messageStart, 1, {
      key: 'dhcpv6.clientfqdn.bad_msgtype', value: String(messageType),
      children: [field('This message type is not permitted to use OPTION_CLIENT_FQDN', messageStart, 1, { key: 'dhcpv6.bad_msgtype' })],
    })]
  }
  const flags = b[off]
  const domains = wiresharkDomains(b, off + 1, len - 1)
  return [
    field('Flags', off, 1, {
      key: 'dhcpv6.client_fqdn_flags', value: `0x${flags.toString(16).padStart(2, '0')}`,
      children: bits.map(([bit, key]) => field(`${key.slice(-1).toUpperCase()} bit`, off, 1, { key: `dhcpv6.clientfqdn.${key}`, value: flags & bit ? '1' : '0' })),
    }),
    ...((flags & 0x5) === 0x5 ? [field('When the N bit is set, the S bit must be 0', off, 1, { key: 'dhcpv6.s_bit_should_be_zero' })] : []),
    // Wireshark's own fields for the root alone, a TLD, an empty or bad name (RFC 4704 section 4.2).
    ...(domains.names.length ? [field('Domain name', off + 1, len - 1, { key: 'dhcpv6.client_domain', value: name })] : []),
    ...domains.notes,
  ]
}

/**
 * RFC 8415 section 21.17: an enterprise number, then sub-options with two-byte codes and lengths whose meaning the
 * vendor defines; each is shown as text when printable, else as hex. CableLabs' are shown as Wireshark reads them
 * (cablelabs.ts).
 */
function decodeVendorOpts(b: Uint8Array, off: number, len: number, messageEnd: number): DecodedValue {
  if (len < 4) return lengthProblem(len, 'at least 4')
  const enterprise = u32(b, off)
  const suboptions: OptionValue[] = []
  const head = field('Enterprise number', off, 4, { key: 'dhcpv6.vendoropts.enterprise', value: String(enterprise) })
  // CableLabs' are read on their own terms; the generic reading still gives the value.
  const cableLabs = enterprise === CABLELABS ? cableLabsSubOptions(b, off + 4, len - 4, messageEnd) : null
  const generic: FieldNode[] = []
  const end = off + len
  for (let at = off + 4; at < end;) {
    if (at + 4 > end || at + 4 + u16(b, at + 2) > end) {
      const problem = `vendor sub-option at offset ${at} runs past the option`
      // Wireshark checks nothing: it reads the sub-options on into the next option's bytes.
      const shown = cableLabs ?? (enterprise === CABLELABS ? null : wiresharkVendorSubOptions(b, at, end, messageEnd))
      const children = [head, ...(cableLabs ?? [...generic, ...(shown ?? [])])]
      return { value: { enterprise, suboptions }, text: `enterprise ${enterprise}`, children, problem, ...(shown ? { wiresharkQuiet: true } : {}) }
    }
    const code = u16(b, at), subLen = u16(b, at + 2)
    suboptions.push({ code, value: printableOrHex(b, at + 4, subLen) })
    generic.push(vendorSubOption(b, at))
    at += 4 + subLen
  }
  return { value: { enterprise, suboptions }, text: `enterprise ${enterprise}, ${suboptions.length} sub-option(s)`, children: [head, ...(cableLabs ?? generic)] }
}

/** A vendor sub-option at `at` (its code, length and data) with Wireshark's fields. */
function vendorSubOption(b: Uint8Array, at: number): FieldNode {
  const code = u16(b, at), subLen = u16(b, at + 2)
  const value = printableOrHex(b, at + 4, subLen)
  return field(`Sub-option ${code}`, at, 4 + subLen, {
    key: `dhcpv6.option.vendor_opts.${code}`, value,
    children: [
      field('Option code', at, 2, { key: 'dhcpv6.vendoropts.enterprise.option_code', value: String(code) }),
      field('Option length', at + 2, 2, { key: 'dhcpv6.vendoropts.enterprise.option_length', value: String(subLen) }),
      field('Option data', at + 4, subLen, { key: 'dhcpv6.vendoropts.enterprise.option_data', value }),
    ],
  })
}

/** The sub-options from `at` to the option's end as Wireshark reads them, past the option; null where it would pass the message. */
function wiresharkVendorSubOptions(b: Uint8Array, at: number, end: number, messageEnd: number): FieldNode[] | null {
  const nodes: FieldNode[] = []
  for (let p = at; p < end; p += 4 + u16(b, p + 2)) {
    if (p + 4 > messageEnd || p + 4 + u16(b, p + 2) > messageEnd) return null
    nodes.push(vendorSubOption(b, p))
  }
  return nodes
}

const ntpSubOptions: Record<number, string> = { 1: 'NTP server address', 2: 'NTP multicast address', 3: 'NTP server FQDN' }
/** Wireshark's field for each NTP sub-option's value. */
const ntpValueKeys: Record<number, string> = { 1: 'dhcpv6.ntpserver.addr', 2: 'dhcpv6.ntpserver.mc_addr', 3: 'dhcpv6.ntpserver.fqdn' }

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
    children.push(field(ntpSubOptions[code] ?? `Sub-option ${code}`, at, 4 + subLen, {
      value,
      children: [
        field('Sub-option', at, 2, { key: 'dhcpv6.ntpserver.option.type', value: String(code) }), field('Length', at + 2, 2, { key: 'dhcpv6.ntpserver.option.length', value: String(subLen) }),
        field(ntpSubOptions[code] ?? 'Value', at + 4, subLen, { key: ntpValueKeys[code], value }),
      ],
    }))
    at += 4 + subLen
  }
  return { value: items, text: items.map((i) => (i as { value: string }).value).join(', '), children }
}
