// Options given as text, in dhcptest's forms: `CODE=HEX` (raw bytes), `CODE:TYPE=VALUE` (VALUE read as TYPE, one of
// the registry's formats), and `NAME=VALUE` / `NAME:TYPE=VALUE` with NAME an option's filter key or a common name
// (hostname, client-id, vendor-class, parameter-request-list, requested-address…). Encoded by encode-formats.ts.
import type { OptionValue } from '../types'
import { dhcp4Encoders, EncodeError, hexBytes } from './encode-formats'
import { dhcp4OptionSpec, dhcp4Options, type Dhcp4Format } from './options'

export interface EncodedOption {
  code: number
  bytes: number[]
}

/** Names people use for the options a client sends most, beside the registry's filter keys. */
const commonNames: Record<string, number> = {
  'client-id': 61, 'vendor-class': 60, 'parameter-request-list': 55, prl: 55, 'requested-address': 50,
  'requested-ip': 50, 'host-name': 12, 'user-class': 77, 'max-message-size': 57, 'message-type': 53,
}

/** dhcptest's type names, beside the registry's own format names. */
const typeAliases: Record<string, Dhcp4Format> = { str: 'string', text: 'string', time: 'secs', ipv4: 'ip', i8: 'u8' }

/** Formats whose value is a list: their text is comma-separated items. */
const listFormats = new Set<Dhcp4Format>(['ips', 'policyFilter', 'staticRoutes', 'u8s', 'u16s', 'parameterList', 'domainList', 'classlessRoutes', 'clientArch', 'sipServers', 'userClass'])

const MAX_ARGUMENT = 4096

function optionCode(name: string): number {
  if (/^\d+$/.test(name)) {
    const code = Number(name)
    if (code >= 1 && code <= 254) return code
    throw new EncodeError(`option code ${name} is out of range: options are numbered 1 to 254`)
  }
  const key = name.toLowerCase().replace(/_/g, '-')
  const code = commonNames[key] ?? [...dhcp4Options.values()].find((spec) => spec.key.replace(/_/g, '-') === key)?.code
  if (code === undefined) throw new EncodeError(`"${name}" is not a DHCPv4 option name; use its code (e.g. 12=68656c6c6f) or a name such as hostname`)
  return code
}

function format(type: string): Dhcp4Format {
  const known = typeAliases[type] ?? (type in dhcp4Encoders ? (type as Dhcp4Format) : undefined)
  if (!known) throw new EncodeError(`"${type}" is not a value type; use one of ${Object.keys(dhcp4Encoders).join(', ')}`)
  return known
}

/**
 * A value's text as its format's value: JSON when it starts as JSON does, comma-separated items for a list, a MAC
 * address or a text for a client id, true/false for a flag, else the text itself (numbers are read by the encoder).
 */
export function optionValueFromText(fmt: Dhcp4Format, text: string): OptionValue {
  const trimmed = text.trim()
  if (/^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as OptionValue
    } catch {
      throw new EncodeError(`${trimmed.slice(0, 40)} starts like JSON but is not valid JSON`)
    }
  }
  if (listFormats.has(fmt)) return trimmed === '' ? [] : trimmed.split(',').map((item) => item.trim())
  if (fmt === 'bool') return /^(true|yes|on|1)$/i.test(trimmed) ? true : /^(false|no|off|0)$/i.test(trimmed) ? false : text
  if (fmt === 'clientId') return /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(trimmed) ? { type: 1, hwaddr: trimmed } : { type: 0, data: text }
  return text
}

/** One option as bytes, from a value given as text in the option's own format (or `fmt` when given). */
export function encodeOptionText(code: number, text: string, fmt: Dhcp4Format = dhcp4OptionSpec(code).format): EncodedOption {
  return { code, bytes: dhcp4Encoders[fmt](optionValueFromText(fmt, text)) }
}

/** `CODE=HEX`, `CODE:TYPE=VALUE`, `NAME=VALUE` or `NAME:TYPE=VALUE`; throws an EncodeError naming what is wrong. */
export function parseOptionArgument(argument: string): EncodedOption {
  if (argument.length > MAX_ARGUMENT) throw new EncodeError(`an option argument is limited to ${MAX_ARGUMENT} characters`)
  const match = /^([A-Za-z0-9_-]+)(?::([A-Za-z0-9]+))?=(.*)$/s.exec(argument)
  if (!match) throw new EncodeError(`"${argument.slice(0, 60)}" is not an option: write CODE=HEX, CODE:TYPE=VALUE or NAME=VALUE (e.g. 60:str=fieldkit)`)
  const [, name, type, value] = match
  const code = optionCode(name)
  try {
    if (type) return encodeOptionText(code, value, format(type))
    if (/^\d+$/.test(name)) return { code, bytes: hexBytes(value) }
    return encodeOptionText(code, value)
  } catch (error) {
    if (error instanceof EncodeError) throw new EncodeError(`option ${name}: ${error.message}`)
    throw error
  }
}
