// DHCPv4 options given as text in dhcptest's forms (../option-arguments.ts), with the names people use for the options
// a client sends most (hostname, client-id, vendor-class, parameter-request-list, requested-address…) beside the
// registry's filter keys. Encoded by encode-formats.ts.
import { optionArguments, type EncodedOption } from '../option-arguments'
import type { OptionValue } from '../types'
import { dhcp4Encoders } from './encode-formats'
import { dhcp4OptionSpec, dhcp4Options, type Dhcp4Format } from './options'

export type { EncodedOption }

const commonNames: Record<string, number> = {
  'client-id': 61, 'vendor-class': 60, 'parameter-request-list': 55, prl: 55, 'requested-address': 50,
  'requested-ip': 50, 'host-name': 12, 'user-class': 77, 'max-message-size': 57, 'message-type': 53,
}

export const { optionValueFromText, encodeOptionText, parseOptionArgument } = optionArguments<Dhcp4Format>({
  name: 'DHCPv4',
  maxCode: 254,
  codeOf: (key) => commonNames[key] ?? [...dhcp4Options.values()].find((spec) => spec.key.replace(/_/g, '-') === key)?.code,
  formatOf: (code) => dhcp4OptionSpec(code).format,
  encoders: dhcp4Encoders,
  typeAliases: { str: 'string', text: 'string', time: 'secs', ipv4: 'ip', i8: 'u8' },
  listFormats: new Set<Dhcp4Format>(['ips', 'policyFilter', 'staticRoutes', 'u8s', 'u16s', 'parameterList', 'domainList', 'classlessRoutes', 'clientArch', 'sipServers', 'userClass']),
  // True/false for a flag; a MAC address (type 1) or any text (type 0) for a client id.
  fromText: (fmt, text): OptionValue | undefined => {
    const trimmed = text.trim()
    if (fmt === 'bool') return /^(true|yes|on|1)$/i.test(trimmed) ? true : /^(false|no|off|0)$/i.test(trimmed) ? false : text
    if (fmt === 'clientId') return /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(trimmed) ? { type: 1, hwaddr: trimmed } : { type: 0, data: text }
    return undefined
  },
  example: '60:str=fieldkit',
  nameAdvice: 'use its code (e.g. 12=68656c6c6f) or a name such as hostname',
})
