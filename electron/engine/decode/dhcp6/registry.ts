// The DHCPv6 registries: message types, option codes (name, format, filter key), status codes, DUID types.
// Source: IANA "Dynamic Host Configuration Protocol for IPv6 (DHCPv6)",
// https://www.iana.org/assignments/dhcpv6-parameters/dhcpv6-parameters.xhtml
import { optionRegistry, type OptionSpec } from '../option-key'

export const dhcp6MessageTypes: Record<number, string> = {
  1: 'SOLICIT', 2: 'ADVERTISE', 3: 'REQUEST', 4: 'CONFIRM', 5: 'RENEW', 6: 'REBIND', 7: 'REPLY', 8: 'RELEASE',
  9: 'DECLINE', 10: 'RECONFIGURE', 11: 'INFORMATION-REQUEST', 12: 'RELAY-FORW', 13: 'RELAY-REPL', 14: 'LEASEQUERY',
  15: 'LEASEQUERY-REPLY', 16: 'LEASEQUERY-DONE', 17: 'LEASEQUERY-DATA', 18: 'RECONFIGURE-REQUEST',
  19: 'RECONFIGURE-REPLY', 20: 'DHCPV4-QUERY', 21: 'DHCPV4-RESPONSE', 22: 'ACTIVELEASEQUERY', 23: 'STARTTLS',
  24: 'BNDUPD', 25: 'BNDREPLY', 26: 'POOLREQ', 27: 'POOLRESP', 28: 'UPDREQ', 29: 'UPDREQALL', 30: 'UPDDONE',
  31: 'CONNECT', 32: 'CONNECTREPLY', 33: 'DISCONNECT', 34: 'STATE', 35: 'CONTACT', 36: 'ADDR-REG-INFORM',
  37: 'ADDR-REG-REPLY',
}

export const RELAY_FORW = 12
export const RELAY_REPL = 13
/** A relay message's header (type, hop count, link and peer addresses) before its options (RFC 8415 9). */
export const RELAY_HEADER_LENGTH = 34
/** A client or server message's header (type, transaction id) before its options. */
export const MESSAGE_HEADER_LENGTH = 4
/** The option that carries the relayed message. */
export const RELAY_MESSAGE = 9

/** Options that carry options (RFC 8415 21.4–21.6, 21.21, 21.22): the fixed head their options follow. */
const containerHeads: Partial<Record<Dhcp6Format, number>> = { iaNa: 12, iaPd: 12, iaTa: 4, iaAddress: 24, iaPrefix: 25, leaseQuery: 17, options: 0 }

/** An S46 port parameters' PSID (RFC 7598 section 4.5): the leading `psidLength` bits of its two bytes, `word`. */
export const psidOf = (psidLength: number, word: number): number => (psidLength === 0 || psidLength > 16 ? 0 : word >> (16 - psidLength))

/** The bytes of an IPv6 prefix sent in its leading bytes only (RFC 7598: S46 rules, bindings and DMRs). */
export const prefixBytes = (prefixLength: number): number => (prefixLength + 7) >> 3

/**
 * Options that carry options after a head whose length their value says (RFC 7598): an S46 rule's head ends with
 * its IPv6 prefix, as many bytes as its length needs; an IPv4/IPv6 binding's too. `off` is the value's first byte.
 */
const variableHeads: Partial<Record<Dhcp6Format, (b: Uint8Array, off: number) => number>> = {
  s46Rule: (b, off) => 8 + prefixBytes(b[off + 7]),
  s46V4v6Bind: (b, off) => 5 + prefixBytes(b[off + 4]),
}

export type Dhcp6Format =
  | 'duid' | 'iaNa' | 'iaTa' | 'iaPd' | 'iaAddress' | 'iaPrefix' | 'optionRequest' | 'u8' | 'u16' | 'u32' | 'secs'
  | 'elapsed' | 'relayMessage' | 'hex' | 'ip6' | 'ip6s' | 'status' | 'empty' | 'userClass' | 'vendorClass'
  | 'vendorOpts' | 'printable' | 'domainList' | 'domainName' | 'fqdn' | 'remoteId' | 'linkLayer' | 'ntpServer'
  | 'string' | 'clientArch' | 'pdExclude' | 'leaseQuery' | 'options' | 'auth' | 's46Rule' | 's46Dmr' | 's46V4v6Bind' | 's46PortParams'

export type Dhcp6OptionSpec = OptionSpec<Dhcp6Format>

const table: [number, string, Dhcp6Format, string?][] = [
  [1, 'Client Identifier', 'duid', 'client_id'],
  [2, 'Server Identifier', 'duid', 'server_id'],
  [3, 'Identity Association for Non-temporary Address', 'iaNa', 'ia_na'],
  [4, 'Identity Association for Temporary Address', 'iaTa', 'ia_ta'],
  [5, 'IA Address', 'iaAddress', 'iaaddr'],
  [6, 'Option Request', 'optionRequest', 'oro'],
  [7, 'Preference', 'u8', 'preference'],
  [8, 'Elapsed time', 'elapsed', 'elapsed_time'],
  [9, 'Relay Message', 'relayMessage', 'relay_msg'],
  [11, 'Authentication', 'auth', 'auth'],
  [12, 'Server unicast', 'ip6', 'unicast'],
  [13, 'Status code', 'status', 'status_code'],
  [14, 'Rapid Commit', 'empty', 'rapid_commit'],
  [15, 'User Class', 'userClass', 'user_class'],
  [16, 'Vendor Class', 'vendorClass', 'vendor_class'],
  [17, 'Vendor-specific Information', 'vendorOpts', 'vendor_opts'],
  [18, 'Interface-Id', 'printable', 'interface_id'],
  [19, 'Reconfigure Message', 'u8', 'reconf_msg'],
  [20, 'Reconfigure Accept', 'empty', 'reconf_accept'],
  [21, 'SIP Server Domain Name List', 'domainList'],
  [22, 'SIP Servers IPv6 Address List', 'ip6s'],
  [23, 'DNS recursive name server', 'ip6s', 'dns_servers'],
  [24, 'Domain Search List', 'domainList', 'domain_search'],
  [25, 'Identity Association for Prefix Delegation', 'iaPd', 'ia_pd'],
  [26, 'IA Prefix', 'iaPrefix', 'iaprefix'],
  [27, 'NIS Servers', 'ip6s'],
  [28, 'NISP Servers', 'ip6s'],
  [29, 'NIS Domain Name', 'domainList'],
  [30, 'NISP Domain Name', 'domainList'],
  [31, 'SNTP Server List', 'ip6s'],
  [32, 'Information Refresh Time', 'secs', 'info_refresh_time'],
  [33, 'BCMCS Server Domain Name List', 'domainList'],
  [34, 'BCMCS Server IPv6 Address List', 'ip6s'],
  [36, 'Geoconf Civic Address', 'hex'],
  [37, 'Remote Identifier', 'remoteId', 'remote_id'],
  [38, 'Subscriber ID', 'printable', 'subscriber_id'],
  [39, 'Fully Qualified Domain Name', 'fqdn', 'fqdn'],
  [40, 'PANA Agents', 'ip6s'],
  [41, 'Time Zone (POSIX)', 'string'],
  [42, 'Time Zone (tz database)', 'string'],
  [43, 'Echo Request', 'optionRequest'],
  [44, 'Lease Query', 'leaseQuery'],
  [45, 'Client Data', 'options'],
  [46, 'Client Last Transaction Time', 'secs'],
  [47, 'Relay data', 'hex'],
  [48, 'Client Link', 'ip6s'],
  [49, 'MIPv6 Home Network ID FQDN', 'domainName'],
  [50, 'MIPv6 Visited Home Network Information', 'hex'],
  [51, 'LoST Server', 'domainName'],
  [52, 'CAPWAP Access Controllers', 'ip6s'],
  [53, 'Relay-ID', 'duid', 'relay_id'],
  [54, 'IPv6 Address MoS', 'hex'],
  [55, 'IPv6 FQDN MoS', 'hex'],
  [56, 'NTP Server', 'ntpServer', 'ntp_server'],
  [57, 'Access Network Domain Name', 'domainName'],
  [58, 'SIP User Agent Configuration Service Domains', 'domainList'],
  [59, 'Boot File URL', 'string', 'bootfile_url'],
  [60, 'Boot File Parameters', 'userClass', 'bootfile_param'],
  [61, 'Client System Architecture Type', 'clientArch', 'client_arch'],
  [62, 'Client Network Interface Identifier', 'hex'],
  [63, 'Geolocation', 'hex'],
  [64, 'AFTR-Name', 'domainName', 'aftr_name'],
  [65, 'ERP Local Domain Name', 'domainName'],
  [66, 'RSOO', 'hex'],
  [67, 'PD Exclude', 'pdExclude'],
  [68, 'Virtual Subnet Selection', 'hex'],
  [74, 'RDNSS Selection', 'hex'],
  [79, 'Client Link-layer Address', 'linkLayer', 'client_linklayer_addr'],
  [80, 'Link Address', 'ip6'],
  [82, 'SOL_MAX_RT', 'secs', 'sol_max_rt'],
  [83, 'INF_MAX_RT', 'secs', 'inf_max_rt'],
  [84, 'Address Selection', 'hex'],
  [86, 'PCP Server', 'ip6s'],
  [87, 'DHCPv4 Message', 'hex'],
  [88, 'DHCP4o6 Server Address', 'ip6s'],
  [89, 'S46 Rule', 's46Rule', 's46_rule'],
  [90, 'S46 BR', 'ip6', 's46_br'],
  [91, 'S46 DMR', 's46Dmr', 's46_dmr'],
  [92, 'S46 IPv4/IPv6 Address Binding', 's46V4v6Bind', 's46_v4v6bind'],
  [93, 'S46 Port Parameters', 's46PortParams', 's46_portparams'],
  [94, 'S46 MAP-E Container', 'options'],
  [95, 'S46 MAP-T Container', 'options'],
  [96, 'S46 Lightweight 4over6 Container', 'options'],
  [103, 'DHCP Captive-Portal', 'string'],
  [112, 'MUD URL', 'string', 'mud_url'],
  [136, 'Encrypted DNS Server', 'hex'],
]

export const dhcp6Options: ReadonlyMap<number, Dhcp6OptionSpec> = optionRegistry(table)

/** Option code → the head before its nested options, for the options that nest (see containerHeads). */
export const DHCP6_CONTAINER_HEADS: Readonly<Record<number, number>> = Object.fromEntries(
  [...dhcp6Options.values()].flatMap((spec) => (containerHeads[spec.format] === undefined ? [] : [[spec.code, containerHeads[spec.format]!]])),
)

/** Option code → the length of its head before its nested options, read from its value at `off` (see variableHeads). */
export const DHCP6_VARIABLE_HEADS: Readonly<Record<number, (b: Uint8Array, off: number) => number>> = Object.fromEntries(
  [...dhcp6Options.values()].flatMap((spec) => (variableHeads[spec.format] === undefined ? [] : [[spec.code, variableHeads[spec.format]!]])),
)

/** The head an option with this format carries before its nested options: a length, or how to read it from the value. */
export function containerHead(format: Dhcp6Format): number | ((b: Uint8Array, off: number) => number) | undefined {
  return containerHeads[format] ?? variableHeads[format]
}

/**
 * Shortest values of options whose format takes any length: authentication's fixed fields (RFC 8415 section
 * 21.11), a non-empty interface id (21.18) and subscriber id (RFC 4580), relay data's peer address (RFC 5007
 * section 4.1.2.4). Wireshark calls a shorter one malformed too.
 */
const minimumLengths: Readonly<Record<number, number>> = { 11: 11, 18: 1, 38: 1, 47: 16 }

export function dhcp6MinimumLength(code: number): number {
  return minimumLengths[code] ?? 0
}

export function dhcp6OptionSpec(code: number): Dhcp6OptionSpec {
  return dhcp6Options.get(code) ?? { code, name: 'Unknown', format: 'hex', key: String(code) }
}

export const dhcp6StatusCodes: Record<number, string> = {
  0: 'Success', 1: 'UnspecFail', 2: 'NoAddrsAvail', 3: 'NoBinding', 4: 'NotOnLink', 5: 'UseMulticast',
  6: 'NoPrefixAvail', 7: 'UnknownQueryType', 8: 'MalformedQuery', 9: 'NotConfigured', 10: 'NotAllowed',
  11: 'QueryTerminated', 12: 'DataMissing', 13: 'CatchUpComplete', 14: 'NotSupported', 15: 'TLSConnectionRefused',
  16: 'AddressInUse', 17: 'ConfigurationConflict', 18: 'MissingBindingInformation', 19: 'OutdatedBindingInformation',
  20: 'ServerShuttingDown', 21: 'DNSUpdateNotSupported', 22: 'ExcessiveTimeSkew',
}

export const duidTypes: Record<number, string> = { 1: 'link-layer address plus time', 2: 'assigned by vendor based on Enterprise number', 3: 'link-layer address', 4: 'UUID' }
