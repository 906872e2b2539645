// Value encoders for the DHCPv6 registry's formats: the other direction of formats.ts. Each takes the value its
// decoder gives (so encode → decode returns it) and gives the option's bytes; options that carry options (IA_NA, IA
// Address …) encode theirs through the registry too. The encoders both families share are in ../encode-values.ts.
import { isIPv6 } from 'node:net'
import { v6 } from '@leichtgewicht/ip-codec'
import type { OptionValue } from '../types'
import { authenticationHeadBytes } from '../authentication'
import { clientArchitectures } from '../dhcp4/options'
import { ascii, bigEndian, EncodeError, hexBytes, items, lengthPrefixed, listOf, named, printableOrHex, record, uint, whole, wireName, wrong, type Encoder, type Json } from '../encode-values'
import { dhcp6OptionSpec, dhcp6StatusCodes, prefixBytes, type Dhcp6Format } from './registry'
import { ipv4Bytes } from '../dhcp4/encode-formats'

/** An option ready for the wire: its code and value bytes. */
export interface EncodedOption6 {
  code: number
  bytes: number[]
}

/** DUID-LLT times count seconds from 2000-01-01T00:00:00Z (RFC 8415 section 11.2). */
const DUID_EPOCH_MS = Date.UTC(2000, 0, 1)
const MAX_OPTION_LENGTH = 0xffff

export function ipv6Bytes(value: OptionValue): number[] {
  if (typeof value !== 'string' || !isIPv6(value)) wrong('an IPv6 address (like 2001:db8::1)', value)
  return [...v6.encode(value)]
}

/** Code, two-byte length, value (RFC 8415 section 21.1). */
export function optionBytes({ code, bytes }: EncodedOption6): number[] {
  if (bytes.length > MAX_OPTION_LENGTH) throw new EncodeError(`option ${code} would be ${bytes.length} bytes; at most ${MAX_OPTION_LENGTH} fit its length`)
  return [...bigEndian(code, 2), ...bigEndian(bytes.length, 2), ...bytes]
}

/** An option's value, as the decoder gives it, encoded by its registry format. */
export function encodeOptionValue6(code: number, value: OptionValue): EncodedOption6 {
  return { code, bytes: dhcp6Encoders[dhcp6OptionSpec(code).format](value) }
}

/** The nested options of a container's value ([{code, value}, …], as the decoder lists them). */
function nested(value: Json): number[] {
  return items(value.options ?? [], 'options').flatMap((item) => {
    const option = record(item, 'an option ({"code":N,"value":…})')
    return optionBytes(encodeOptionValue6(whole(option.code, 16), option.value))
  })
}

/** A DUID as decode shows it: by its type's fields, or its bytes in hex (a string, or `hex` of any other type). */
function duid(value: OptionValue): number[] {
  if (typeof value === 'string') return hexBytes(value)
  const d = record(value, 'a DUID ({"type":3,"hwtype":1,"linkLayerAddress":"…"} or its hex)')
  const type = whole(d.type, 16)
  if (type === 1) {
    const seconds = (Date.parse(String(d.time)) - DUID_EPOCH_MS) / 1000
    return [...uint(16)(type), ...uint(16)(d.hwtype), ...uint(32)(Number.isNaN(seconds) ? d.time : seconds), ...hexBytes(d.linkLayerAddress)]
  }
  if (type === 2) return [...uint(16)(type), ...uint(32)(d.enterprise), ...hexBytes(d.identifier)]
  if (type === 3) return [...uint(16)(type), ...uint(16)(d.hwtype), ...hexBytes(d.linkLayerAddress)]
  if (type === 4) {
    const uuid = hexBytes(d.uuid)
    return uuid.length === 16 ? [...uint(16)(type), ...uuid] : wrong('a 16-byte UUID', d.uuid)
  }
  return hexBytes(d.hex)
}

/** IA_NA and IA_PD: IAID, T1, T2, options. */
const identityAssociation: Encoder = (value) => {
  const ia = record(value, 'an IA ({"iaid":N,"t1":N,"t2":N,"options":[…]})')
  return [...uint(32)(ia.iaid), ...uint(32)(ia.t1 ?? 0), ...uint(32)(ia.t2 ?? 0), ...nested(ia)]
}

/** "2001:db8:8000::/56": option 26's prefix and length. */
function prefix(value: OptionValue): number[] {
  const [address, length, extra] = typeof value === 'string' ? value.split('/') : []
  if (extra !== undefined || !/^\d{1,3}$/.test(length ?? '') || Number(length) > 128) wrong('a prefix (like 2001:db8::/56)', value)
  return [Number(length), ...ipv6Bytes(address)]
}

/** "2001:db8:f000::/36" as RFC 7598 sends it: the length, then only the bytes the length needs. */
function leadingPrefix(value: OptionValue): number[] {
  const [length, ...address] = prefix(value)
  return [length, ...address.slice(0, prefixBytes(length))]
}

/** "192.0.2.0/24": an S46 rule's IPv4 prefix, as its length and its address. */
function ipv4Prefix(value: OptionValue): [number, number[]] {
  const [address, length, extra] = typeof value === 'string' ? value.split('/') : []
  if (extra !== undefined || !/^\d{1,2}$/.test(length ?? '') || Number(length) > 32) wrong('an IPv4 prefix (like 192.0.2.0/24)', value)
  return [Number(length), ipv4Bytes(address)]
}

/** Items with a two-byte length each: user classes, vendor classes, boot file parameters. */
const classes = (what: string): Encoder => listOf((item) => lengthPrefixed(printableOrHex(item), 2), what)

/** Code, length and data, two bytes each: vendor and NTP sub-options. */
function subOption(code: OptionValue, bytes: number[]): number[] {
  return [...uint(16)(code), ...lengthPrefixed(bytes, 2)]
}

const NTP_SERVER_FQDN = 3

export const dhcp6Encoders: Record<Dhcp6Format, Encoder> = {
  duid,
  iaNa: identityAssociation,
  iaPd: identityAssociation,
  iaTa: (value) => {
    const ia = record(value, 'an IA_TA ({"iaid":N,"options":[…]})')
    return [...uint(32)(ia.iaid), ...nested(ia)]
  },
  iaAddress: (value) => {
    const a = record(value, 'an IA address ({"address":"…","preferred":N,"valid":N})')
    return [...ipv6Bytes(a.address), ...uint(32)(a.preferred), ...uint(32)(a.valid), ...nested(a)]
  },
  iaPrefix: (value) => {
    const p = record(value, 'an IA prefix ({"prefix":"…/N","preferred":N,"valid":N})')
    return [...uint(32)(p.preferred), ...uint(32)(p.valid), ...prefix(p.prefix), ...nested(p)]
  },
  leaseQuery: (value) => {
    const q = record(value, 'a lease query ({"queryType":N,"linkAddress":"…","options":[…]})')
    return [...uint(8)(q.queryType), ...ipv6Bytes(q.linkAddress ?? '::'), ...nested(q)]
  },
  options: (value) => nested(record(value, 'options ({"options":[…]})')),
  optionRequest: listOf(uint(16), 'option codes'),
  u8: uint(8),
  u16: uint(16),
  u32: uint(32),
  secs: uint(32),
  // Hundredths of a second on the wire; the decoder gives milliseconds.
  elapsed: (value) => uint(16)(whole(value, 32) / 10),
  // The decoder shows only the relayed message's type: the message itself is given as its bytes, in hex.
  relayMessage: hexBytes,
  hex: hexBytes,
  ip6: ipv6Bytes,
  ip6s: listOf(ipv6Bytes, 'IPv6 addresses'),
  status: (value) => {
    const s = record(value, 'a status ({"code":N,"message":"…"})')
    return [...named(dhcp6StatusCodes, 16)(s.code ?? s.status), ...ascii(s.message ?? '')]
  },
  empty: (value) => (value === true || value === '' ? [] : wrong('true (the option carries no value)', value)),
  userClass: classes('user classes'),
  vendorClass: (value) => {
    const v = record(value, 'a vendor class ({"enterprise":N,"data":[…]})')
    return [...uint(32)(v.enterprise), ...classes('vendor classes')(v.data)]
  },
  vendorOpts: (value) => {
    const v = record(value, 'vendor options ({"enterprise":N,"suboptions":[{"code":N,"value":"…"}]})')
    return [...uint(32)(v.enterprise), ...items(v.suboptions ?? [], 'sub-options').flatMap((item) => {
      const sub = record(item, 'a sub-option ({"code":N,"value":"…"})')
      return subOption(sub.code, printableOrHex(sub.value))
    })]
  },
  printable: printableOrHex,
  string: ascii,
  domainList: listOf(wireName, 'domain names'),
  domainName: wireName,
  fqdn: (value) => {
    const f = record(value, 'an FQDN ({"flags":N,"name":"…"})')
    return [whole(f.flags, 8), ...wireName(f.name)]
  },
  remoteId: (value) => {
    const r = record(value, 'a remote id ({"enterprise":N,"id":"…"})')
    return [...uint(32)(r.enterprise), ...printableOrHex(r.id)]
  },
  linkLayer: (value) => {
    const l = record(value, 'a link-layer address ({"hwtype":1,"address":"…"})')
    return [...uint(16)(l.hwtype), ...hexBytes(l.address)]
  },
  pdExclude: (value) => {
    const excluded = record(value, 'an excluded prefix ({"prefixLength":N,"subnetId":"hex"})')
    const subnetId = hexBytes(excluded.subnetId)
    if (subnetId.length < 1 || subnetId.length > 16) wrong('a subnet ID of 1 to 16 bytes in hex', excluded.subnetId)
    return [whole(excluded.prefixLength, 8), ...subnetId]
  },
  s46Rule: (value) => {
    const r = record(value, 'an S46 rule ({"flags":1,"eaLength":N,"ipv4Prefix":"…/N","ipv6Prefix":"…/N","options":[…]}; flags 1: a forwarding mapping rule)')
    const [v4Length, v4Address] = ipv4Prefix(r.ipv4Prefix)
    const [v6Length, ...v6Prefix] = leadingPrefix(r.ipv6Prefix)
    return [...uint(8)(r.flags ?? 0), ...uint(8)(r.eaLength), v4Length, ...v4Address, v6Length, ...v6Prefix, ...nested(r)]
  },
  s46Dmr: (value) => leadingPrefix(record(value, 'a default mapping rule ({"prefix":"…/N"})').prefix),
  s46V4v6Bind: (value) => {
    const v = record(value, 'an IPv4/IPv6 binding ({"ipv4Address":"…","ipv6Prefix":"…/N","options":[…]})')
    return [...ipv4Bytes(v.ipv4Address), ...leadingPrefix(v.ipv6Prefix), ...nested(v)]
  },
  s46PortParams: (value) => {
    const p = record(value, 'port parameters ({"offset":N,"psidLength":N,"psid":N})')
    const psidLength = whole(p.psidLength, 8)
    if (psidLength > 16) wrong('a PSID length of 0 to 16 bits', p.psidLength)
    const psid = whole(p.psid ?? 0, 16)
    if (psid >= 2 ** psidLength) wrong(`a PSID below 2^${psidLength}`, p.psid)
    return [whole(p.offset, 8), psidLength, ...bigEndian(psidLength === 0 ? 0 : psid << (16 - psidLength), 2)]
  },
  ntpServer: listOf((item) => {
    const sub = record(item, 'an NTP server ({"code":1,"value":"2001:db8::1"} or {"code":3,"value":"ntp.example.com"})')
    const code = whole(sub.code, 16)
    return subOption(code, code === NTP_SERVER_FQDN ? wireName(sub.value) : code <= 2 ? ipv6Bytes(sub.value) : hexBytes(sub.value))
  }, 'NTP servers'),
  clientArch: listOf(named(clientArchitectures, 16), 'architectures'),
  auth: (value) => {
    const auth = record(value, 'authentication ({"protocol":N,"algorithm":N,"rdm":N,"replayDetection":"16 hex digits","information":"hex"}, or "realm", "keyId" and "hmacMd5" in place of "information")')
    const head = authenticationHeadBytes(auth)
    if (!('hmacMd5' in auth)) return [...head, ...hexBytes(auth.information ?? '')]
    const hmac = hexBytes(auth.hmacMd5)
    if (hmac.length !== 16) wrong('a 16-byte HMAC-MD5 in hex', auth.hmacMd5)
    return [...head, ...ascii(auth.realm), ...uint(32)(auth.keyId), ...hmac]
  },
}
