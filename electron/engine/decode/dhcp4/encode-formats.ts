// Value encoders for the DHCPv4 registry's formats: the other direction of formats.ts. Each takes the value its
// decoder gives (so encode → decode returns it) and gives the option's bytes; a value the format cannot carry throws
// an EncodeError saying what is wrong. Sub-options are encoded through the same tables the decoder reads them by; the
// encoders both families share are in ../encode-values.ts.
import type { OptionValue } from '../types'
import { authenticationHeadBytes } from '../authentication'
import { ascii, bigEndian, EncodeError, hexBytes, items, lengthPrefixed, listOf, named, printableOrHex, record, uint, whole, wireName, wrong, type Encoder, type Json } from '../encode-values'
import { dhcp4MessageTypes } from './message-types'
import type { EncodedOption } from '../option-arguments'
import { clientArchitectures, dhcp4OptionSpec, dhcpStates, leasequeryStatus, nodeTypes, overloads, type Dhcp4Format } from './options'
import { ipv6Bytes } from '../dhcp6/encode-formats'
import { cableLabsSubOptions, novellSubOptions, pxeSubOptions, relayAgentSubOptions, subOptionSpec, viVendorSubOptions, type SubOptionTable } from './sub-options'

export { EncodeError, hexBytes }

export function ipv4Bytes(value: OptionValue): number[] {
  const parts = typeof value === 'string' ? value.split('.') : []
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) wrong('an IPv4 address (a.b.c.d)', value)
  return parts.map(Number)
}

/** "a.b.c.d e.f.g.h": options 21 and 33. */
const addressPairs: Encoder = listOf((pair) => {
  const halves = typeof pair === 'string' ? pair.trim().split(/\s+/) : []
  if (halves.length !== 2) wrong('two addresses separated by a space', pair)
  return halves.flatMap(ipv4Bytes)
}, 'address pairs')

/** Type-length-value sub-options with one-byte codes and lengths, each by its table's format. */
function subOptions(table: SubOptionTable | undefined, value: OptionValue): number[] {
  return items(value, 'sub-options').flatMap((item) => {
    const { code, value: inner } = record(item, 'a sub-option ({"code":N,"value":…})')
    const number = whole(code, 8)
    const { format } = subOptionSpec(table, number)
    return [number, ...lengthPrefixed(format === 'printable' ? printableOrHex(inner) : dhcp4Encoders[format](inner))]
  })
}

/** Options 124 and 125: blocks of enterprise number, data length, data. */
function enterpriseBlocks(data: (block: Json, enterprise: number) => number[]): Encoder {
  return (value) => items(value, 'enterprise blocks').flatMap((item) => {
    const block = record(item, 'an enterprise block ({"enterprise":N,…})')
    const enterprise = whole(block.enterprise, 32)
    return [...bigEndian(enterprise, 4), ...lengthPrefixed(data(block, enterprise))]
  })
}

/** Option 61: a hardware type and address, type 0 and an identifier, or 255 with an IAID and a DUID (RFC 4361). */
function clientId(value: OptionValue): number[] {
  const id = record(value, 'a client id ({"type":1,"hwaddr":"…"}, {"type":0,"data":"…"} or {"type":255,"iaid":N,"duid":{"hex":"…"}})')
  const type = whole(id.type, 8)
  if (type === 255) return [255, ...uint(32)(id.iaid), ...hexBytes(record(id.duid, 'a DUID ({"hex":"…"})').hex)]
  if (type === 0) return [0, ...printableOrHex(id.data)]
  return [type, ...hexBytes(id.hwaddr)]
}

/** Option 81 (RFC 4702): flags, two result codes, the name (wire format when the E flag is set, else text). */
function clientFqdn(value: OptionValue): number[] {
  const fqdn = record(value, 'a client FQDN ({"flags":N,"rcode1":0,"rcode2":0,"name":"…"})')
  const flags = whole(fqdn.flags, 8)
  return [flags, whole(fqdn.rcode1 ?? 0, 8), whole(fqdn.rcode2 ?? 0, 8), ...(flags & 0x04 ? wireName(fqdn.name) : ascii(fqdn.name))]
}

/** "10.0.0.0/8 via 192.0.2.1": option 121 (RFC 3442), only the destination's significant bytes. */
const classlessRoute: Encoder = (route) => {
  const match = typeof route === 'string' ? /^(\S+)\/(\d+) via (\S+)$/.exec(route.trim()) : null
  if (!match || Number(match[2]) > 32) wrong('a route "DEST/WIDTH via ROUTER"', route)
  const width = Number(match[2])
  return [width, ...ipv4Bytes(match[1]).slice(0, Math.ceil(width / 8)), ...ipv4Bytes(match[3])]
}

/** Option 90 (RFC 3118): protocol, algorithm, replay detection, then either secret id and HMAC-MD5 or raw information. */
function authentication(value: OptionValue): number[] {
  const auth = record(value, 'authentication ({"protocol":N,"algorithm":N,"rdm":N,"replayDetection":"16 hex digits",…})')
  const head = authenticationHeadBytes(auth)
  return 'hmacMd5' in auth ? [...head, ...uint(32)(auth.secretId), ...hexBytes(auth.hmacMd5)] : [...head, ...hexBytes(auth.information ?? '')]
}

/** Option 120 (RFC 3361): encoding 1 and addresses when every item is an address, else 0 and names. */
function sipServers(value: OptionValue): number[] {
  const list = items(value, 'SIP servers')
  const addresses = list.every((s) => typeof s === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(s))
  return addresses ? [1, ...list.flatMap(ipv4Bytes)] : [0, ...list.flatMap(wireName)]
}

/** PXE tags 8 and 9: entries of a type, a one-byte count (of addresses, or of bytes), and what it counts. */
const pxeEntries = (what: string, body: (entry: Json) => number[], unit: number): Encoder => listOf((item) => {
  const entry = record(item, what)
  const bytes = body(entry)
  if (bytes.length / unit > 255) throw new EncodeError(`${what.split(' (')[0]} holds ${bytes.length / unit} items; at most 255 fit`)
  return [...uint(16)(entry.type), bytes.length / unit, ...bytes]
}, what)

export const dhcp4Encoders: Record<Dhcp4Format, Encoder> = {
  ip: ipv4Bytes,
  ips: listOf(ipv4Bytes, 'IPv4 addresses'),
  policyFilter: addressPairs,
  staticRoutes: addressPairs,
  u8: uint(8),
  u8s: listOf(uint(8), 'numbers'),
  u16: uint(16),
  u16s: listOf(uint(16), 'numbers'),
  u32: uint(32),
  i32: uint(32, true),
  secs: uint(32),
  bool: (value) => (typeof value === 'boolean' ? [value ? 1 : 0] : wrong('true or false', value)),
  string: ascii,
  printable: printableOrHex,
  hex: hexBytes,
  messageType: named(dhcp4MessageTypes, 8),
  parameterList: listOf(uint(8), 'option codes'),
  clientId,
  domainName: wireName,
  domainList: listOf(wireName, 'domain names'),
  clientFqdn,
  relayAgent: (value) => subOptions(relayAgentSubOptions, value),
  classlessRoutes: listOf(classlessRoute, 'routes'),
  authentication,
  viVendorClass: enterpriseBlocks((block) => items(block.data, 'vendor classes').flatMap((c) => lengthPrefixed(printableOrHex(c)))),
  viVendorInfo: enterpriseBlocks((block, enterprise) => subOptions(viVendorSubOptions.get(enterprise), block.suboptions)),
  relayVendorInfo: enterpriseBlocks((block) => subOptions(undefined, block.suboptions)),
  userClass: (value) => (typeof value === 'string' ? ascii(value) : listOf((c) => lengthPrefixed(printableOrHex(c)), 'user classes')(value)),
  overload: named(overloads, 8),
  netbiosNodeType: named(nodeTypes, 8),
  sipServers,
  // Ends with PXE's End tag (Intel PXE 2.1 section 2.4), which the decoder stops at.
  pxeVendorInfo: (value) => [...subOptions(pxeSubOptions, value), 255],
  leasequeryStatus: (value) => {
    const status = record(value, 'a leasequery status ({"code":N,"message":"…"})')
    return [...named(leasequeryStatus, 8)(status.code), ...ascii(status.message ?? '')]
  },
  clientArch: listOf(named(clientArchitectures, 16), 'architectures'),
  clientNdi: (value) => {
    const ndi = record(value, 'an interface ({"type":1,"major":N,"minor":N})')
    return [whole(ndi.type, 8), whole(ndi.major, 8), whole(ndi.minor, 8)]
  },
  // RFC 4578 section 2.3: type 0, then the 16-byte UUID.
  uuidClientId: (value) => {
    const uuid = hexBytes(value)
    return uuid.length === 16 ? [0, ...uuid] : wrong('a 16-byte UUID in hex', value)
  },
  dhcpState: named(dhcpStates, 8),
  bootServers: pxeEntries('a boot server entry ({"type":N,"addresses":[…]})', (e) => items(e.addresses, 'addresses').flatMap(ipv4Bytes), 4),
  bootMenu: pxeEntries('a boot menu entry ({"type":N,"description":"…"})', (e) => ascii(e.description), 1),
  menuPrompt: (value) => {
    const prompt = record(value, 'a menu prompt ({"timeout":N,"prompt":"…"})')
    return [whole(prompt.timeout, 8), ...ascii(prompt.prompt)]
  },
  bootItem: (value) => {
    const item = record(value, 'a boot item ({"type":N,"layer":N})')
    return [...uint(16)(item.type), ...uint(16)(item.layer)]
  },
  discoveryControl: uint(8),
  novellOptions: (value) => subOptions(novellSubOptions, value),
  cableLabsConfiguration: (value) => subOptions(cableLabsSubOptions, value),
  slpDirectoryAgents: (value) => {
    const da = record(value, 'directory agents ({"mandatory":0|1,"agents":["a.b.c.d",…]})')
    return [whole(da.mandatory, 8), ...items(da.agents, 'addresses').flatMap(ipv4Bytes)]
  },
  slpScope: (value) => {
    const scope = record(value, 'a scope list ({"mandatory":0|1,"scopes":"a,b"})')
    return [whole(scope.mandatory, 8), ...ascii(scope.scopes)]
  },
  civicLocation: (value) => {
    const civic = record(value, 'a civic address ({"what":0|1|2,"country":"US","elements":[{"type":N,"value":"…"}]})')
    const country = ascii(civic.country)
    if (country.length !== 2) wrong('a two-letter country code', civic.country)
    return [whole(civic.what, 8), ...country, ...items(civic.elements, 'civic address elements').flatMap((item) => {
      const element = record(item, 'an element ({"type":N,"value":"…"})')
      return [whole(element.type, 8), ...lengthPrefixed(ascii(element.value))]
    })]
  },
  nameServices: listOf(uint(16), 'name service option codes'),
  rdnssSelection: (value) => {
    const r = record(value, 'an RDNSS selection ({"preference":N,"primary":"a.b.c.d","secondary":"a.b.c.d","domain":"…"})')
    return [whole(r.preference, 2), ...ipv4Bytes(r.primary), ...ipv4Bytes(r.secondary), ...wireName(r.domain)]
  },
  // Each list's length counts its own byte too, as Wireshark reads it (and the decoder after it).
  pcpServers: listOf((list) => {
    const addresses = items(list, 'PCP server addresses').flatMap(ipv4Bytes)
    return addresses.length > 250 ? wrong('at most 62 addresses in a list', list) : [1 + addresses.length, ...addresses]
  }, 'lists of PCP servers'),
  portParameters: (value) => {
    const p = record(value, 'port parameters ({"offset":N,"psidLength":N,"psid":"hhhh"})')
    const psid = hexBytes(p.psid)
    return psid.length === 2 ? [whole(p.offset, 8), whole(p.psidLength, 8), ...psid] : wrong('a 2-byte PSID in hex', p.psid)
  },
  sixRd: (value) => {
    const s = record(value, 'a 6rd configuration ({"ipv4MaskLength":N,"prefixLength":N,"prefix":"2001:db8::","borderRelays":["a.b.c.d"]})')
    return [whole(s.ipv4MaskLength, 8), whole(s.prefixLength, 8), ...ipv6Bytes(s.prefix), ...items(s.borderRelays, 'border relay addresses').flatMap(ipv4Bytes)]
  },
  // 16 bytes of coordinates (RFC 6225) in hex, or DSS_IDs.
  locationConfiguration: (value) => (typeof value === 'string' ? hexBytes(value) : items(value, 'DSS_IDs').flatMap((item) => {
    const id = record(item, 'a DSS_ID ({"type":N,"id":"…"})')
    return [whole(id.type, 8), ...lengthPrefixed(ascii(id.id))]
  })),
}

/** An option's value, as the decoder gives it, encoded by its registry format. */
export function encodeOptionValue4(code: number, value: OptionValue): EncodedOption {
  return { code, bytes: dhcp4Encoders[dhcp4OptionSpec(code).format](value) }
}
