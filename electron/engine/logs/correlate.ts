// Log lines joined to captured packets by transaction id. Kea writes the xid as tid=0x…; a line links to the
// packets with that xid near its time (the server's clock may differ from the capture host's: the skew is the
// median offset of the nearest pairs, and the window is centred on it). When an xid repeats, the MAC decides.
import type { ClockSkew } from '../../contract/types'
import type { LogLines } from './log-lines'

export interface CapturedPacket {
  frame: number
  xid: number
  /** DHCPv4 chaddr; null for DHCPv6 (a DUID). */
  mac: string | null
  /** Milliseconds since the epoch. */
  time: number
  type: string
  transactionId: number
}

/** A line and a packet further apart than this (after the skew) are not the same exchange. */
const LINK_WINDOW_MS = 30_000

export interface Links {
  /** Per log line position: the packets it links to. */
  byLine: Map<number, CapturedPacket[]>
  /** Per transaction id: the log line positions linked to its packets. */
  byTransaction: Map<number, number[]>
  skew: ClockSkew | null
}

export function correlate(lines: LogLines, packets: CapturedPacket[]): Links {
  const byXid = new Map<number, CapturedPacket[]>()
  for (const p of packets) {
    const list = byXid.get(p.xid)
    if (list) list.push(p)
    else byXid.set(p.xid, [p])
  }
  const candidates = (i: number): CapturedPacket[] => {
    const mac = lines.clients.names[lines.mac[i]]
    const all = (byXid.get(lines.xid[i]) ?? []).filter((p) => !mac || p.mac === null || p.mac === mac)
    // A line naming a message type (DHCPDISCOVER received, trying to send DHCPOFFER) is about that packet.
    const named = messageTypes(lines.text[i].split('\n', 1)[0])
    const ofType = named.size ? all.filter((p) => named.has(p.type)) : []
    return ofType.length ? ofType : all
  }
  // The skew from each line's nearest packet of its xid.
  const offsets: number[] = []
  for (let i = 0; i < lines.count; i++) {
    if (lines.xid[i] < 0 || !Number.isFinite(lines.time[i])) continue
    let best = Infinity
    for (const p of candidates(i)) {
      const offset = lines.time[i] - p.time
      if (Math.abs(offset) < Math.abs(best)) best = offset
    }
    if (Number.isFinite(best)) offsets.push(best)
  }
  const skew = skewOf(offsets)
  const centre = skew?.medianMs ?? 0
  const byLine = new Map<number, CapturedPacket[]>()
  const byTransaction = new Map<number, number[]>()
  for (let i = 0; i < lines.count; i++) {
    if (lines.xid[i] < 0 || !Number.isFinite(lines.time[i])) continue
    const linked = candidates(i).filter((p) => Math.abs(lines.time[i] - p.time - centre) <= LINK_WINDOW_MS)
    if (!linked.length) continue
    byLine.set(i, linked)
    for (const id of new Set(linked.map((p) => p.transactionId))) {
      const list = byTransaction.get(id)
      if (list) list.push(i)
      else byTransaction.set(id, [i])
    }
  }
  return { byLine, byTransaction, skew }
}

function skewOf(offsets: number[]): ClockSkew | null {
  if (!offsets.length) return null
  const sorted = [...offsets].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { medianMs: Math.round(at(0.5)), pairs: sorted.length, spreadMs: Math.round(at(0.9) - at(0.1)) }
}

const V4_TYPE = /\bDHCP(DISCOVER|OFFER|REQUEST|DECLINE|ACK|NAK|RELEASE|INFORM|LEASEQUERY)\b/g
const V6_TYPE = /\b(SOLICIT|ADVERTISE|REQUEST|CONFIRM|RENEW|REBIND|REPLY|RELEASE|DECLINE|RECONFIGURE|INFORMATION-REQUEST|RELAY-FORW|RELAY-REPL)\b/g

/** The DHCP message types a line names, as the transactions name them. */
function messageTypes(text: string): Set<string> {
  const types = new Set<string>()
  for (const m of text.matchAll(V4_TYPE)) types.add(m[1])
  if (!types.size) for (const m of text.matchAll(V6_TYPE)) types.add(m[1])
  return types
}
