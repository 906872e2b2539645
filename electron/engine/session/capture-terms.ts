// What a session search finds a capture by, read once from its complete index: each client (MAC or DUID), xid,
// address handed out or asked for, host name and server, and the variables of a test-client run kept with it. Stored
// with the capture (captures.search_terms), so searching many sessions reads text, not capture files.
import type { ClientRunResult } from '../../contract/types'
import { ipv4, ipv6, text } from '../decode/bytes'
import type { CaptureIndex } from '../index/capture-index'

/** A capture of a million clients finds its first ones; the text of a session row stays a few hundred KB at most. */
export const MAX_TERMS = 20_000
const MAX_TERM_LENGTH = 255

/** DHCPv4 options naming the client's address or host: requested address (50), host name (12), client FQDN (81). */
const V4_REQUESTED_ADDRESS = 50, V4_HOSTNAME = 12, V4_FQDN = 81
/** DHCPv6 options: IA address (5), IA prefix (26), client FQDN (39). */
const V6_IAADDR = 5, V6_IAPREFIX = 26, V6_FQDN = 39

export function captureTerms(index: CaptureIndex, run?: ClientRunResult): string {
  const terms = new Set<string>()
  const add = (term: string) => {
    if (term && terms.size < MAX_TERMS) terms.add(term.slice(0, MAX_TERM_LENGTH).toLowerCase())
  }
  const clients = new Set<number>(), servers = new Set<number>()
  for (let i = 0; i < index.count && terms.size < MAX_TERMS; i++) {
    const family = index.col.family[i]
    if (!family) continue
    const client = index.col.client[i], server = index.col.server[i]
    if (client >= 0 && !clients.has(client)) {
      clients.add(client)
      add(index.clientName(client))
    }
    if (server >= 0 && !servers.has(server)) {
      servers.add(server)
      add(index.serverName(server))
    }
    const xid = index.col.xid[i].toString(16)
    add(`0x${xid.padStart(family === 4 ? 8 : 6, '0')}`)
    add(`0x${xid}`)
    if (index.retainFrames) for (const term of family === 4 ? v4Terms(index, i) : v6Terms(index, i)) add(term)
  }
  if (run) for (const value of [run.mac, run.duid ?? '', run.reason, ...Object.values(run.variables)]) add(value)
  return [...terms].join('\n')
}

function* v4Terms(index: CaptureIndex, i: number): Generator<string> {
  const frame = index.frame(i)
  for (const header of [12, 16]) {
    const at = index.col.dhcpOffset[i] + header
    if (at + 4 <= frame.length) yield address4(ipv4(frame, at))
  }
  const requested = option(index, i, V4_REQUESTED_ADDRESS)
  if (requested && requested.length === 4) yield address4(ipv4(frame, requested.offset))
  const hostname = option(index, i, V4_HOSTNAME)
  if (hostname) yield text(frame, hostname.offset, hostname.length)
  // FQDN: flags and two RCODE bytes, then the name (ASCII here, as most clients send it, or DNS wire format).
  const fqdn = option(index, i, V4_FQDN)
  if (fqdn && fqdn.length > 3) yield domainName(frame, fqdn.offset + 3, fqdn.length - 3)
}

function* v6Terms(index: CaptureIndex, i: number): Generator<string> {
  const frame = index.frame(i)
  const start = index.col.optionStart[i]
  for (let k = start; k < start + index.col.optionCount[i]; k++) {
    const code = index.options.code[k], at = index.options.offset[k], length = index.options.length[k]
    if (code === V6_IAADDR && length >= 16) yield ipv6(frame, at)
    if (code === V6_IAPREFIX && length >= 25) yield `${ipv6(frame, at + 9)}/${frame[at + 8]}`
    if (code === V6_FQDN && length > 1) yield domainName(frame, at + 1, length - 1)
  }
}

function option(index: CaptureIndex, i: number, code: number): { offset: number; length: number } | null {
  const k = index.findOption(i, code)
  return k < 0 ? null : { offset: index.options.offset[k], length: index.options.length[k] }
}

const address4 = (address: string) => (address === '0.0.0.0' ? '' : address)

/** A DNS name in wire format (length-prefixed labels) as dotted text; text that is not one is taken as it is. */
function domainName(frame: Uint8Array, offset: number, length: number): string {
  const labels: string[] = []
  let at = offset
  const end = offset + length
  while (at < end && frame[at] !== 0) {
    const size = frame[at]
    if (size > 63 || at + 1 + size > end) return text(frame, offset, length)
    labels.push(text(frame, at + 1, size))
    at += 1 + size
  }
  return labels.join('.')
}
