// DHCPv6 options given as text in dhcptest's forms (../option-arguments.ts): `23=20010db8…`, `16:vendorClass=…`,
// `user-class=lab,ipxe`, with the registry's filter keys and the names dhclient and Kea use for the options a client
// sends most. Encoded by encode-formats.ts.
import { optionArguments } from '../option-arguments'
import type { OptionValue } from '../types'
import { dhcp6Encoders } from './encode-formats'
import { dhcp6OptionSpec, dhcp6Options, type Dhcp6Format } from './registry'

const commonNames: Record<string, number> = {
  'client-id': 1, 'server-id': 2, 'option-request': 6, 'name-servers': 23, 'dns-servers': 23, 'domain-search': 24,
  'user-class': 15, 'vendor-class': 16, 'vendor-opts': 17, 'interface-id': 18, 'rapid-commit': 14, 'remote-id': 37,
  'client-fqdn': 39, 'sntp-servers': 31,
}

export const dhcp6Arguments = optionArguments<Dhcp6Format>({
  name: 'DHCPv6',
  maxCode: 0xffff,
  codeOf: (key) => commonNames[key] ?? [...dhcp6Options.values()].find((spec) => spec.key.replace(/_/g, '-') === key)?.code,
  formatOf: (code) => dhcp6OptionSpec(code).format,
  encoders: dhcp6Encoders,
  typeAliases: { str: 'string', text: 'string', time: 'secs', ipv6: 'ip6', i8: 'u8', i16: 'u16', i32: 'u32' },
  listFormats: new Set<Dhcp6Format>(['optionRequest', 'ip6s', 'domainList', 'userClass', 'clientArch']),
  // A flag-only option (rapid commit) needs no value; a DUID is its hex.
  fromText: (fmt, text): OptionValue | undefined => (fmt === 'empty' && text.trim() === '' ? true : undefined),
  example: '16:vendorClass={"enterprise":4491,"data":["lab"]}',
  nameAdvice: 'use its code (e.g. 15=00036c6162) or a name such as user-class',
})
