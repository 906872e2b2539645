// Value decoders for the DHCPv4 options that say where things are: Service Location Protocol directory agents and
// scopes (options 78 and 79, RFC 2610), the civic address (99, RFC 4776) and option 123 (RFC 6225's coordinates,
// or CableLabs' DSS_ID in the form Wireshark reads it). Their fields carry Wireshark's names.
import { hex, ipv4, text } from '../bytes'
import { field, lengthProblem, type FieldNode } from '../field'
import type { DecodedValue } from '../types'

/** Option 78: the Mandatory byte, then directory agents' addresses. */
export function slpDirectoryAgents(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 1) return lengthProblem(len, 'at least 1')
  const agents: string[] = []
  const children = [field('Mandatory', off, 1, { key: 'dhcp.option.slp_directory_agent.value', value: String(b[off]) })]
  for (let at = off + 1; at + 4 <= off + len; at += 4) {
    agents.push(ipv4(b, at))
    children.push(field('Directory agent', at, 4, { key: 'dhcp.option.slp_directory_agent.slpda_address', value: ipv4(b, at) }))
  }
  const value = { mandatory: b[off], agents }
  const shown = `${b[off] ? 'mandatory' : 'optional'}: ${agents.join(', ') || 'no agents'}`
  const left = (len - 1) % 4
  return left ? { value, text: shown, children, problem: `the last ${left} bytes are not a whole address (length ${len} is 1 plus a multiple of 4)`, badLength: true } : { value, text: shown, children }
}

/** Option 79: the Mandatory byte, then the scope list as text (scopes separated by commas). */
export function slpScope(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 1) return lengthProblem(len, 'at least 1')
  const scopes = text(b, off + 1, len - 1)
  return {
    value: { mandatory: b[off], scopes }, text: `${b[off] ? 'mandatory' : 'preferred'}: ${JSON.stringify(scopes)}`,
    children: [
      field('Mandatory', off, 1, { key: 'dhcp.option.slp_service_scope.value', value: String(b[off]) }),
      field('Scope list', off + 1, len - 1, { key: 'dhcp.option.slp_service_scope.string', value: scopes }),
    ],
  }
}

const CIVIC_WHAT: Record<number, string> = { 0: 'the DHCP server', 1: 'the network element closest to the client', 2: 'the client' }

/** Option 99: what the address is of, a two-letter country code, then civic address elements (type, length, text). */
export function civicLocation(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 3) return lengthProblem(len, 'at least 3')
  const what = b[off]
  const country = text(b, off + 1, 2)
  const children: FieldNode[] = [
    field('What', off, 1, { key: 'dhcp.option.civic_location.what', value: `${CIVIC_WHAT[what] ?? 'Unknown'} (${what})` }),
    field('Country', off + 1, 2, { key: 'dhcp.option.civic_location.country', value: country }),
  ]
  const elements: { type: number; value: string }[] = []
  const end = off + len
  let problem: string | undefined
  for (let at = off + 3; at + 2 <= end;) {
    const type = b[at], length = b[at + 1]
    children.push(field('CA type', at, 1, { key: 'dhcp.option.civic_location.ca_type', value: String(type) }), field('CA length', at + 1, 1, { key: 'dhcp.option.civic_location.ca_length', value: String(length) }))
    if (at + 2 + length > end) {
      problem = `civic address element ${type} at offset ${at} runs past the end of the option (length ${length}, ${end - at - 2} bytes left)`
      break
    }
    const value = text(b, at + 2, length)
    elements.push({ type, value })
    if (length) children.push(field('CA value', at + 2, length, { key: 'dhcp.option.civic_location.ca_value', value }))
    at += 2 + length
  }
  const shown = `${country}, ${elements.length} element${elements.length === 1 ? '' : 's'}, of ${CIVIC_WHAT[what] ?? `what ${what}`}`
  return { value: { what, country, elements }, text: shown, children, problem }
}

/** RFC 6225's coordinates are 16 bytes: shown as bytes. */
const GEOCONF_BYTES = 16

/** Option 123: 16 bytes of coordinates (RFC 6225), else DSS_IDs as Wireshark reads them: type, length, text. */
export function locationConfiguration(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len === GEOCONF_BYTES) return { value: hex(b, off, len), text: `coordinates (RFC 6225) ${hex(b, off, len)}` }
  return dssIds(b, off, len)
}

/** Largest option 123 Wireshark reads as DSS_IDs; longer ones it only calls invalid. */
const MAX_DSS_ID_OPTION = 68

/**
 * Where Wireshark 4.0 raises an exception reading option 123 as DSS_IDs (see wireshark-value-stops.ts): it reads one
 * type, length and text, and when bytes are left a second type and length, then a text at 4 plus the second length
 * (its own slip for the first length), without checking any length against the option first.
 */
export function dssIdWiresharkStop(b: Uint8Array, off: number, len: number): number | null {
  if (len === GEOCONF_BYTES || len > MAX_DSS_ID_OPTION) return null
  if (len < 2) return off + len
  const first = b[off + 1]
  if (2 + first > len) return off + 2
  if (len === 2 + first) return null
  if (4 + first > len) return off + len
  const second = b[off + 3 + first]
  return 4 + 2 * second > len ? off + 4 + second : null
}

function dssIds(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 2) return lengthProblem(len, `${GEOCONF_BYTES}, or at least 2`)
  const ids: { type: number; id: string }[] = []
  const children: FieldNode[] = []
  const end = off + len
  for (let at = off; at < end;) {
    if (at + 2 > end) return { value: ids, text: `${ids.length} DSS_ID`, children, problem: `the last byte, at offset ${at}, is not a whole DSS_ID` }
    const type = b[at], length = b[at + 1]
    children.push(field('DSS_ID type', at, 1, { key: 'dhcp.option.cl_dss_id.option', value: String(type) }), field('DSS_ID length', at + 1, 1, { key: 'dhcp.option.cl_dss_id.len', value: String(length) }))
    if (at + 2 + length > end) {
      return { value: ids, text: `${ids.length} DSS_ID`, children, problem: `DSS_ID ${type} at offset ${at} runs past the end of the option (length ${length}, ${end - at - 2} bytes left)` }
    }
    const id = text(b, at + 2, length)
    ids.push({ type, id })
    children.push(field('DSS_ID', at + 2, length, { key: 'dhcp.option.cl_dss_id', value: id }))
    at += 2 + length
  }
  return { value: ids, text: ids.map(({ id }) => JSON.stringify(id)).join(', '), children }
}
