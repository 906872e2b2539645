// The CLI's `decode --json` line format: a stable interface that other tools parse (see PRODUCT.md).
// Written straight from the decode as text, key by key in the documented order, instead of an object per packet
// for JSON.stringify to walk: one pass over the decode, and no objects made only to be thrown away.
import { isoTimestamp, type CaptureRecord } from '../capture-file/record'
import type { DecodedFrame } from './frame'
import type { DecodedOption, Dhcp6Message, DhcpMessage, OptionValue } from './types'

const quote = JSON.stringify

/** Text that JSON carries as it is between quotes: printable ASCII but `"` and `\`. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

/**
 * The text of each list and object value written: a decode without the tree gives an option whose bytes repeat
 * the same value object (value-memo.ts), so its text is made once too. Weak: it goes with the value.
 */
const written = new WeakMap<object, string>()

/** JSON.stringify's text for a string, plain text taken without its general walk. */
function jsonString(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : quote(value)
}

function jsonStrings(list: string[]): string {
  let out = '['
  for (let i = 0; i < list.length; i++) out += `${i ? ',' : ''}${jsonString(list[i])}`
  return out + ']'
}

/** JSON.stringify's text for a value, with the common cases (numbers, plain text, values seen) taken without its general walk. */
function jsonValue(value: OptionValue): string {
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : 'null'
  if (typeof value === 'string') return jsonString(value)
  if (value === null || typeof value !== 'object') return quote(value)
  let text = written.get(value)
  if (text === undefined) written.set(value, (text = quote(value)))
  return text
}

/** `{"code":…,"name":…,"value":` for each option code and name, made once: bounded by the 16-bit codes. */
const optionHeads = new Map<number, Map<string, string>>()

function optionHead(code: number, name: string): string {
  let names = optionHeads.get(code)
  if (names === undefined) optionHeads.set(code, (names = new Map()))
  let head = names.get(name)
  if (head === undefined) names.set(name, (head = `{"code":${code},"name":${quote(name)},"value":`))
  return head
}

function options(list: DecodedOption[]): string {
  let out = '['
  for (let i = 0; i < list.length; i++) {
    const o = list[i]
    out += `${i ? ',' : ''}${optionHead(o.code, o.name)}${jsonValue(o.value)}}`
  }
  return out + ']'
}

/** A DHCPv6 message's keys after `family`; a relay's `relayed` message is a whole object with its own family. */
function message6(m: Dhcp6Message): string {
  const head = m.xid === null
    ? `"hopCount":${quote(m.hopCount ?? null)},"linkAddress":${quote(m.linkAddress ?? null)},"peerAddress":${quote(m.peerAddress ?? null)}`
    : `"xid":"0x${m.xid.toString(16).padStart(6, '0')}"`
  return `"type":"${m.type}",${head},"options":${options(m.options)}${m.relayed ? `,"relayed":{"family":6,${message6(m.relayed)}}` : ''}`
}

/**
 * The keys of a DHCP message from `family` on. Message types (names from the registries, or UNKNOWN-n), chaddr
 * (hex) and addresses are plain text by construction, and go between quotes as they are.
 */
function dhcpJson(m: DhcpMessage): string {
  if (m.family === 6) return `"family":6,${message6(m)}`
  // sname and file are empty when unused or overloaded by option 52 (then the options they hold are in `options`).
  return `"family":4,"type":"${m.type}","xid":"0x${m.xid.toString(16).padStart(8, '0')}","chaddr":"${m.chaddr}"`
    + `,"ciaddr":"${m.ciaddr}","yiaddr":"${m.yiaddr}","siaddr":"${m.siaddr}","giaddr":"${m.giaddr}"`
    + `,"hops":${m.hops},"secs":${m.secs},"flags":"0x${m.flags.toString(16).padStart(4, '0')}"`
    + `,"sname":${jsonString(m.sname)},"file":${jsonString(m.file)},"options":${options(m.options)}`
}

/** One JSON line for a DHCP packet, or null for a frame that carries no DHCP. */
export function jsonLine(record: CaptureRecord, decoded: DecodedFrame): string | null {
  if (!decoded.dhcp) return null
  return `{"frame":${record.frame},"time":"${isoTimestamp(record)}",${dhcpJson(decoded.dhcp)},"malformed":${decoded.malformed},"warnings":${jsonStrings(decoded.warnings)}}`
}
