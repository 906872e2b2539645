// ISC dhclient's names and formats for DHCPv6 options, as its script sees them (`new_dhcp6_<name>` with '-' made
// '_'): ISC DHCP 4.4 common/tables.c, dhcpv6_options. Format letters as there: 6 an IPv6 address, 6A a list of them,
// T a lifetime, Z no value, N an enumeration; the others as for DHCPv4 (dhclient-names.ts).
import type { DhclientFormat } from './dhclient-names'

export type Dhclient6Format = DhclientFormat | '6' | '6A' | 'T' | 'Z' | 'N'

const table: [number, string, Dhclient6Format][] = [
  [1, 'client-id', 'X'], [2, 'server-id', 'X'], [3, 'ia-na', 'X'], [4, 'ia-ta', 'X'], [5, 'ia-addr', 'X'], [6, 'oro', 'SA'],
  [7, 'preference', 'B'], [8, 'elapsed-time', 'S'], [9, 'relay-msg', 'X'], [11, 'auth', 'X'], [12, 'unicast', '6'],
  [13, 'status-code', 'N'], [14, 'rapid-commit', 'Z'], [15, 'user-class', 'X'], [16, 'vendor-class', 'X'], [17, 'vendor-opts', 'X'],
  [18, 'interface-id', 'X'], [19, 'reconf-msg', 'B'], [20, 'reconf-accept', 'Z'], [21, 'sip-servers-names', 'D'],
  [22, 'sip-servers-addresses', '6A'], [23, 'name-servers', '6A'], [24, 'domain-search', 'D'], [25, 'ia-pd', 'X'],
  [26, 'ia-prefix', 'X'], [27, 'nis-servers', '6A'], [28, 'nisp-servers', '6A'], [29, 'nis-domain-name', 'D'],
  [30, 'nisp-domain-name', 'D'], [31, 'sntp-servers', '6A'], [32, 'info-refresh-time', 'T'], [33, 'bcms-server-d', 'D'],
  [34, 'bcms-server-a', '6A'], [36, 'geoconf-civic', 'X'], [37, 'remote-id', 'X'], [38, 'subscriber-id', 'X'], [39, 'fqdn', 'X'],
  [40, 'pana-agent', '6A'], [41, 'new-posix-timezone', 't'], [42, 'new-tzdb-timezone', 't'], [43, 'ero', 'SA'],
  [44, 'lq-query', 'X'], [45, 'client-data', 'X'], [46, 'clt-time', 'L'], [47, 'lq-relay-data', 'X'], [48, 'lq-client-link', '6A'],
  [51, 'v6-lost', 'd'], [52, 'capwap-ac-v6', '6A'], [53, 'relay-id', 'X'], [57, 'v6-access-domain', 'd'], [58, 'sip-ua-cs-list', 'D'],
  [59, 'bootfile-url', 't'], [60, 'bootfile-param', 'X'], [61, 'client-arch-type', 'SA'], [62, 'nii', 'BA'], [64, 'aftr-name', 'd'],
  [65, 'erp-local-domain-name', 'd'], [79, 'client-linklayer-addr', 'X'], [80, 'link-address', '6'], [82, 'solmax-rt', 'L'],
  [83, 'inf-max-rt', 'L'],
]

export interface Dhclient6Option {
  /** As the variable spells it, after `new_`: `dhcp6_name_servers`. */
  name: string
  format: Dhclient6Format
}

const byCode = new Map(table.map(([code, name, format]) => [code, { name: `dhcp6_${name.replace(/-/g, '_')}`, format }]))

/** An option dhclient has no name for is `dhcp6_unknown_N`, its bytes shown as X (ISC's rule for undefined codes). */
export function dhclient6Option(code: number): Dhclient6Option {
  return byCode.get(code) ?? { name: `dhcp6_unknown_${code}`, format: 'X' }
}
