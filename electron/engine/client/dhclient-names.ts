// ISC dhclient's names and formats for DHCPv4 options, as its script sees them (`new_<name>` with '-' made '_'):
// ISC DHCP 4.4 common/tables.c, plus what Debian's /etc/dhcp/dhclient.conf declares (121, 249, 252). Format letters
// as tables.c has them (option 81's fields, an option space of their own there, are in dhclient-fqdn.ts): I address, IA addresses, IIA address pairs, t text, L/l/S/B unsigned 32/signed 32/16/8 bits,
// SA/BA lists of them, f flag, X text if printable else hex, D domain list, d domain name.
export type DhclientFormat = 'I' | 'IA' | 'IIA' | 't' | 'L' | 'l' | 'S' | 'SA' | 'B' | 'BA' | 'f' | 'X' | 'D' | 'd'

const table: [number, string, DhclientFormat][] = [
  [1, 'subnet-mask', 'I'], [2, 'time-offset', 'l'], [3, 'routers', 'IA'], [4, 'time-servers', 'IA'],
  [5, 'ien116-name-servers', 'IA'], [6, 'domain-name-servers', 'IA'], [7, 'log-servers', 'IA'], [8, 'cookie-servers', 'IA'],
  [9, 'lpr-servers', 'IA'], [10, 'impress-servers', 'IA'], [11, 'resource-location-servers', 'IA'], [12, 'host-name', 't'],
  [13, 'boot-size', 'S'], [14, 'merit-dump', 't'], [15, 'domain-name', 't'], [16, 'swap-server', 'I'], [17, 'root-path', 't'],
  [18, 'extensions-path', 't'], [19, 'ip-forwarding', 'f'], [20, 'non-local-source-routing', 'f'], [21, 'policy-filter', 'IIA'],
  [22, 'max-dgram-reassembly', 'S'], [23, 'default-ip-ttl', 'B'], [24, 'path-mtu-aging-timeout', 'L'], [25, 'path-mtu-plateau-table', 'SA'],
  [26, 'interface-mtu', 'S'], [27, 'all-subnets-local', 'f'], [28, 'broadcast-address', 'I'], [29, 'perform-mask-discovery', 'f'],
  [30, 'mask-supplier', 'f'], [31, 'router-discovery', 'f'], [32, 'router-solicitation-address', 'I'], [33, 'static-routes', 'IIA'],
  [34, 'trailer-encapsulation', 'f'], [35, 'arp-cache-timeout', 'L'], [36, 'ieee802-3-encapsulation', 'f'], [37, 'default-tcp-ttl', 'B'],
  [38, 'tcp-keepalive-interval', 'L'], [39, 'tcp-keepalive-garbage', 'f'], [40, 'nis-domain', 't'], [41, 'nis-servers', 'IA'],
  [42, 'ntp-servers', 'IA'], [43, 'vendor-encapsulated-options', 'X'], [44, 'netbios-name-servers', 'IA'], [45, 'netbios-dd-server', 'IA'],
  [46, 'netbios-node-type', 'B'], [47, 'netbios-scope', 't'], [48, 'font-servers', 'IA'], [49, 'x-display-manager', 'IA'],
  [50, 'dhcp-requested-address', 'I'], [51, 'dhcp-lease-time', 'L'], [52, 'dhcp-option-overload', 'B'], [53, 'dhcp-message-type', 'B'],
  [54, 'dhcp-server-identifier', 'I'], [55, 'dhcp-parameter-request-list', 'BA'], [56, 'dhcp-message', 't'], [57, 'dhcp-max-message-size', 'S'],
  [58, 'dhcp-renewal-time', 'L'], [59, 'dhcp-rebinding-time', 'L'], [60, 'vendor-class-identifier', 'X'], [61, 'dhcp-client-identifier', 'X'],
  [62, 'nwip-domain', 't'], [64, 'nisplus-domain', 't'], [65, 'nisplus-servers', 'IA'], [66, 'tftp-server-name', 't'], [67, 'bootfile-name', 't'],
  [68, 'mobile-ip-home-agent', 'IA'], [69, 'smtp-server', 'IA'], [70, 'pop-server', 'IA'], [71, 'nntp-server', 'IA'], [72, 'www-server', 'IA'],
  [73, 'finger-server', 'IA'], [74, 'irc-server', 'IA'], [75, 'streettalk-server', 'IA'], [76, 'streettalk-directory-assistance-server', 'IA'],
  [77, 'user-class', 't'], [81, 'fqdn', 'X'], [85, 'nds-servers', 'IA'], [86, 'nds-tree-name', 't'], [87, 'nds-context', 't'], [88, 'bcms-controller-names', 'D'],
  [89, 'bcms-controller-address', 'IA'], [91, 'client-last-transaction-time', 'L'], [92, 'associated-ip', 'IA'], [98, 'uap-servers', 't'],
  [112, 'netinfo-server-address', 'IA'], [113, 'netinfo-server-tag', 't'], [114, 'default-url', 't'], [118, 'subnet-selection', 'I'],
  [119, 'domain-search', 'D'], [121, 'rfc3442-classless-static-routes', 'BA'], [249, 'ms-classless-static-routes', 'BA'], [252, 'wpad', 't'],
]

export interface DhclientOption {
  /** As the variable spells it: `domain_name_servers`. */
  name: string
  format: DhclientFormat
}

const byCode = new Map(table.map(([code, name, format]) => [code, { name: name.replace(/-/g, '_'), format }]))

/** An option dhclient has no name for is `unknown_N`, its bytes shown as X (ISC's rule for undefined codes). */
export function dhclientOption(code: number): DhclientOption {
  return byCode.get(code) ?? { name: `unknown_${code}`, format: 'X' }
}
