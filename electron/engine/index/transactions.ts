// Groups DHCP messages into exchanges: DHCPv4 by transaction id and client hardware address (DORA shares one xid),
// DHCPv6 by transaction id and client DUID, with a REQUEST joined to the SOLICIT/ADVERTISE it follows (RFC 8415
// gives each exchange its own xid, but a technician reads S-A-R-R as one story).
// Grouping and assessing are numeric and cheap, for statistics over millions of packets; the readable
// TransactionInfo is built only for the exchanges on screen.
import type { TransactionInfo, TransactionStatus, TransactionStep } from '../../contract/types'
import { ipv6 } from '../decode/bytes'
import { dhcp4MessageTypes } from '../decode/dhcp4/message-types'
import { dhcp6MessageTypes, dhcp6StatusCodes } from '../decode/dhcp6/registry'
import type { CaptureIndex } from './capture-index'
import { UintToIntMap } from './int-map'
import { headerAddress, optionText, statusCodes6 } from './packet-values'

/** A message from the same client this long after the last one starts a new exchange, even with the same xid. */
const EXCHANGE_GAP_SECONDS = 60

const V4 = { DISCOVER: 1, OFFER: 2, REQUEST: 3, DECLINE: 4, ACK: 5, NAK: 6, RELEASE: 7, INFORM: 8 }
/** Client-to-server DHCPv4 types; the others are replies. Leasequery (10, 14, 16) asks too. */
const V4_REQUESTS = new Set([1, 3, 4, 7, 8, 10, 14, 16])
const V4_LEASEQUERIES = new Set([10, 14, 16])
const V6 = { SOLICIT: 1, ADVERTISE: 2, REQUEST: 3, REPLY: 7, RECONFIGURE: 10, RELAY_FORW: 12, RELAY_REPL: 13 }
const V6_REQUESTS = new Set([1, 3, 4, 5, 6, 8, 9, 11, 14])
const V6_KINDS: Record<number, string> = { 1: 'SARR', 3: 'Request', 4: 'Confirm', 5: 'Renew', 6: 'Rebind', 8: 'Release', 9: 'Decline', 11: 'Information-request', 14: 'Leasequery' }
const V4_KINDS: Record<number, string> = { 4: 'Decline', 7: 'Release', 8: 'Inform', 10: 'Leasequery', 14: 'Bulk leasequery', 16: 'Active leasequery' }

const bit = (type: number) => (type < 31 ? 1 << type : 0)
const maskOf = (types: Set<number>) => [...types].reduce((m, t) => m | bit(t), 0)
const V4_REQUEST_MASK = maskOf(V4_REQUESTS)
const V6_REQUEST_MASK = maskOf(V6_REQUESTS)

/**
 * All exchanges of a capture, as columns (a million packets make a few hundred thousand exchanges; objects
 * and arrays for each would cost more than the work). Exchange ids are 0-based; an exchange's packets are a
 * chain through `next`, in capture order.
 */
export class Exchanges {
  count = 0
  family = new Uint8Array(0)
  /** The index's client key (chaddr or interned DUID). */
  client = new Float64Array(0)
  xid = new Uint32Array(0)
  /** Bit t set when a message of type t (below 31) is in the exchange: cheap "has an OFFER?" tests. */
  seen = new Int32Array(0)
  done = new Uint8Array(0)
  first = new Int32Array(0)
  last = new Int32Array(0)
  size = new Int32Array(0)
  /** Per packet: the next packet of its exchange, or -1. */
  readonly next: Int32Array
  /** Per exchange: the previous exchange with the same xid, or -1. */
  previousWithXid = new Int32Array(0)

  constructor(packets: number) {
    this.next = new Int32Array(packets).fill(-1)
    // A DORA is four packets, but lost replies make shorter exchanges: start with room for a third.
    this.grow(Math.ceil(packets / 3))
  }

  has(id: number, type: number): boolean {
    return (this.seen[id] & bit(type)) !== 0
  }

  packets(id: number): number[] {
    const out: number[] = []
    for (let i = this.first[id]; i >= 0; i = this.next[i]) out.push(i)
    return out
  }

  open(family: number, client: number, xid: number, previousWithXid: number): number {
    if (this.count === this.family.length) this.grow(this.family.length * 2)
    const id = this.count++
    this.family[id] = family
    this.client[id] = client
    this.xid[id] = xid
    this.seen[id] = 0
    this.done[id] = 0
    this.first[id] = -1
    this.last[id] = -1
    this.size[id] = 0
    this.previousWithXid[id] = previousWithXid
    return id
  }

  append(id: number, packet: number, type: number): void {
    if (this.last[id] >= 0) this.next[this.last[id]] = packet
    else this.first[id] = packet
    this.last[id] = packet
    this.size[id]++
    this.seen[id] |= bit(type)
  }

  private grow(wanted: number): void {
    const capacity = Math.max(1024, wanted)
    const grown = <T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const array = make(capacity)
      array.set(old)
      return array
    }
    this.family = grown(this.family, (n) => new Uint8Array(n))
    this.client = grown(this.client, (n) => new Float64Array(n))
    this.xid = grown(this.xid, (n) => new Uint32Array(n))
    this.seen = grown(this.seen, (n) => new Int32Array(n))
    this.done = grown(this.done, (n) => new Uint8Array(n))
    this.first = grown(this.first, (n) => new Int32Array(n))
    this.last = grown(this.last, (n) => new Int32Array(n))
    this.size = grown(this.size, (n) => new Int32Array(n))
    this.previousWithXid = grown(this.previousWithXid, (n) => new Int32Array(n))
  }
}

export function groupExchanges(index: CaptureIndex): Exchanges {
  const ex = new Exchanges(index.count)
  /** xid → the latest exchange with it (earlier ones chain through previousWithXid). */
  const byXid = new UintToIntMap(index.count / 4)
  const lastSolicitOf = new Map<number, number>()
  /** The REQUEST/REPLY xid of a SARR, which differs from its SOLICIT/ADVERTISE xid. */
  const secondXid = new Map<number, number>()
  const c = index.col
  for (let i = 0; i < index.count; i++) {
    const family = c.family[i]
    const type = c.messageType[i]
    if (type === 0) continue
    if (family === 4 ? !dhcp4MessageTypes[type] : type === V6.RELAY_FORW || type === V6.RELAY_REPL) continue
    const isRequest = ((family === 4 ? V4_REQUEST_MASK : V6_REQUEST_MASK) & bit(type)) !== 0
    const key = c.client[i]
    const xid = c.xid[i]
    const latest = byXid.get(xid)
    let id = continuing(ex, latest, family, key, type, isRequest, c.time[i], index)
    if (id < 0 && family === 6) {
      const sarr = secondXid.get(xid) ?? -1
      if (sarr >= 0 && ex.client[sarr] === key && !startsNew(ex, sarr, type, isRequest, c.time[i], index)) id = sarr
    }
    if (id < 0 && family === 6 && type === V6.REQUEST) {
      const sarr = lastSolicitOf.get(key) ?? -1
      if (sarr >= 0 && ex.has(sarr, V6.ADVERTISE) && !ex.has(sarr, V6.REQUEST) && c.time[i] - c.time[ex.last[sarr]] < EXCHANGE_GAP_SECONDS) {
        id = sarr
        secondXid.set(xid, sarr)
      }
    }
    if (id < 0) {
      id = ex.open(family, key, xid, latest)
      byXid.set(xid, id)
      if (family === 6 && type === V6.SOLICIT) lastSolicitOf.set(key, id)
    }
    ex.append(id, i, type)
    if (family === 4 ? type === V4.ACK || type === V4.NAK || type === V4.DECLINE || type === V4.RELEASE : type === V6.REPLY) ex.done[id] = 1
  }
  return ex
}

/** The exchange of this client that a message with this xid continues, or -1. */
function continuing(ex: Exchanges, latest: number, family: number, key: number, type: number, isRequest: boolean, time: number, index: CaptureIndex): number {
  for (let id = latest; id >= 0; id = ex.previousWithXid[id]) {
    if (ex.family[id] === family && ex.client[id] === key) return startsNew(ex, id, type, isRequest, time, index) ? -1 : id
  }
  return -1
}

/** A client message that cannot continue this exchange: it was over, or the client started afresh. */
function startsNew(ex: Exchanges, id: number, type: number, isRequest: boolean, time: number, index: CaptureIndex): boolean {
  const last = ex.last[id]
  if (time - index.col.time[last] > EXCHANGE_GAP_SECONDS) return true
  if (!isRequest) return false
  // A repeat of the request that ended it (a duplicate on the wire) still belongs to it.
  if (ex.done[id]) return index.col.messageType[last] !== type
  return ex.family[id] === 4 && type === V4.DISCOVER && (ex.seen[id] & ~(bit(V4.DISCOVER) | bit(V4.OFFER))) !== 0
}

/** What an exchange amounts to, computed without building text (statistics run this on every exchange). */
export interface Assessment {
  status: TransactionStatus
  missing: readonly string[]
  retransmissions: number
  /** Per packet of the exchange: reply latency in ms, or NaN for requests and unanswered replies. */
  latencyMs: Float64Array
  /** Per packet: index into `servers` for replies, -1 for requests. */
  serverOf: Int16Array
  /** The index's server keys of the servers that replied, in order of first reply. */
  servers: number[]
  /** Packet position of a NAK or failed reply, -1 if none. */
  failure: number
}

/**
 * Assesses exchanges one after another into the same buffers, so a million of them allocate almost nothing.
 * The result is valid until the next call.
 */
export class Assessor {
  private readonly result: Assessment = { status: 'complete', missing: [], retransmissions: 0, latencyMs: new Float64Array(16), serverOf: new Int16Array(16), servers: [], failure: -1 }

  private packets = new Int32Array(16)

  constructor(private readonly index: CaptureIndex) {}

  assess(ex: Exchanges, id: number): Assessment {
    const c = this.index.col
    const r = this.result
    const family = ex.family[id] as 4 | 6
    const requests = family === 4 ? V4_REQUEST_MASK : V6_REQUEST_MASK
    const n = ex.size[id]
    if (r.latencyMs.length < n) {
      r.latencyMs = new Float64Array(n * 2)
      r.serverOf = new Int16Array(n * 2)
      this.packets = new Int32Array(n * 2)
    }
    const packets = this.packets
    r.servers = []
    r.retransmissions = 0
    r.failure = -1
    let status: TransactionStatus | null = null
    let k = 0
    for (let i = ex.first[id]; i >= 0; i = ex.next[i], k++) {
      packets[k] = i
      const type = c.messageType[i]
      r.latencyMs[k] = NaN
      r.serverOf[k] = -1
      if ((requests & bit(type)) !== 0) {
        if (k > 0 && c.messageType[packets[k - 1]] === type) r.retransmissions++
        continue
      }
      for (let j = k - 1; j >= 0; j--) {
        const earlier = c.messageType[packets[j]]
        if ((requests & bit(earlier)) !== 0 && answers(family, type, earlier)) {
          r.latencyMs[k] = (c.time[i] - c.time[packets[j]]) * 1000
          break
        }
      }
      const server = c.server[i]
      let s = r.servers.indexOf(server)
      if (s < 0) s = r.servers.push(server) - 1
      r.serverOf[k] = s
      if (status !== null) continue
      if (family === 4 ? type === V4.NAK : c.status[i] !== 0) {
        status = family === 4 ? 'nak' : 'failed'
        r.failure = k
      }
    }
    r.missing = missingSteps(family, ex.seen[id])
    r.status = status ?? (r.missing.length > 0 ? 'incomplete' : 'complete')
    return r
  }
}

/** Which request a reply answers, for latencies. */
function answers(family: 4 | 6, reply: number, request: number): boolean {
  if (family === 4) {
    if (reply === V4.OFFER) return request === V4.DISCOVER
    if (reply === V4.ACK || reply === V4.NAK) return request === V4.REQUEST || request === V4.INFORM
    return V4_LEASEQUERIES.has(request)
  }
  if (reply === V6.ADVERTISE) return request === V6.SOLICIT
  return reply !== V6.RECONFIGURE
}

const NONE: readonly string[] = []
const MISSING = {
  request: ['request'], offer: ['OFFER'], request4: ['REQUEST'], ack: ['ACK'], reply: ['reply'],
  advertise: ['ADVERTISE'], request6: ['REQUEST'], reply6: ['REPLY'],
} as const

/** The replies (or the client's next step) an exchange with these message types (bits) still lacks. */
function missingSteps(family: 4 | 6, seen: number): readonly string[] {
  const has = (type: number) => (seen & bit(type)) !== 0
  if ((seen & (family === 4 ? V4_REQUEST_MASK : V6_REQUEST_MASK)) === 0) return MISSING.request
  if (family === 4) {
    const answered = has(V4.ACK) || has(V4.NAK)
    if (has(V4.DISCOVER)) {
      if (!has(V4.OFFER)) return MISSING.offer
      if (!has(V4.REQUEST)) return MISSING.request4
      return answered ? NONE : MISSING.ack
    }
    if (has(V4.REQUEST) || has(V4.INFORM)) return answered ? NONE : MISSING.ack
    if ((seen & maskOf(V4_LEASEQUERIES)) !== 0) return (seen & ~V4_REQUEST_MASK) !== 0 ? NONE : MISSING.reply
    return NONE
  }
  if (has(V6.SOLICIT) && !has(V6.REPLY)) {
    if (!has(V6.ADVERTISE)) return MISSING.advertise
    if (!has(V6.REQUEST)) return MISSING.request6
  }
  return has(V6.REPLY) ? NONE : MISSING.reply6
}

function typeName(family: 4 | 6, type: number): string {
  return (family === 4 ? dhcp4MessageTypes[type] : dhcp6MessageTypes[type]) ?? `TYPE-${type}`
}

function kindOf(index: CaptureIndex, ex: Exchanges, id: number, packets: number[]): string {
  const family = ex.family[id] as 4 | 6
  const requests = family === 4 ? V4_REQUESTS : V6_REQUESTS
  const types = packets.map((i) => index.col.messageType[i])
  const first = types.findIndex((t) => requests.has(t))
  if (first < 0) return `${typeName(family, types[0])} (request not captured)`
  const type = types[first]
  if (family === 6) return type === V6.SOLICIT && !ex.has(id, V6.ADVERTISE) && ex.has(id, V6.REPLY) ? 'Rapid commit' : V6_KINDS[type] ?? typeName(6, type)
  if (type === V4.DISCOVER) return 'DORA'
  if (type !== V4.REQUEST) return V4_KINDS[type] ?? typeName(4, type)
  // RFC 2131 4.3.2: INIT-REBOOT has no ciaddr; RENEWING unicasts to the server; REBINDING broadcasts.
  const i = packets[first]
  if (headerAddress(index, i, 12) === '0.0.0.0') return 'Reboot'
  const broadcast = index.col.ipVersion[i] === 4 && index.frame(i)[index.col.ipOffset[i] + 19] === 255
  return broadcast ? 'Rebind' : 'Renew'
}

/** The readable form of exchange `id` (shown as number id + 1), for the transactions view. */
export function describeExchange(index: CaptureIndex, ex: Exchanges, id: number): TransactionInfo {
  const c = index.col
  const family = ex.family[id] as 4 | 6
  const packets = ex.packets(id)
  const a = new Assessor(index).assess(ex, id)
  const servers = a.servers.map((key) => index.serverName(key))
  const first = index.count > 0 ? c.time[0] : 0
  const steps: TransactionStep[] = packets.map((i, k) => {
    const step: TransactionStep = { frame: i + 1, type: typeName(family, c.messageType[i]), time: c.time[i] - first, latencyMs: Number.isNaN(a.latencyMs[k]) ? null : a.latencyMs[k] }
    if (a.serverOf[k] >= 0) step.server = servers[a.serverOf[k]]
    return step
  })
  let problem: string | undefined
  if (a.failure >= 0) problem = failureText(index, family, packets[a.failure], steps[a.failure].server ?? '')
  else if (a.missing === MISSING.request) problem = 'the client\'s request is not in the capture'
  else if (a.missing.length > 0) problem = `no ${a.missing.join(', no ')}${a.retransmissions ? ` after ${a.retransmissions + 1} tries` : ''}`
  const start = c.time[packets[0]]
  return {
    id: id + 1, family, kind: kindOf(index, ex, id, packets), client: index.clientName(ex.client[id]),
    xid: `0x${ex.xid[id].toString(16).padStart(family === 4 ? 8 : 6, '0')}`, start: start - first,
    durationMs: (c.time[packets[packets.length - 1]] - start) * 1000, status: a.status, problem, missing: [...a.missing],
    address: addressOf(index, family, packets), servers,
    warnings: servers.length > 1 ? [`${servers.length} servers answered this client: ${servers.join(', ')}`] : [],
    retransmissions: a.retransmissions, steps,
  }
}

function failureText(index: CaptureIndex, family: 4 | 6, i: number, server: string): string {
  if (family === 4) {
    const message = optionText(index, i, 56)
    return `NAK from ${server}${message ? `: "${message}"` : ''}`
  }
  const [code, message] = statusCodes6(index, i).find(([status]) => status !== 0)!
  return `${dhcp6StatusCodes[code] ?? `Status ${code}`}${message ? `: ${message}` : ''} (from ${server})`
}

/** The address the client got: the ACK's yiaddr, or the first IA address of a successful REPLY. */
function addressOf(index: CaptureIndex, family: 4 | 6, packets: number[]): string | undefined {
  for (let k = packets.length - 1; k >= 0; k--) {
    const i = packets[k]
    if (family === 4 && index.col.messageType[i] === V4.ACK) {
      const yiaddr = headerAddress(index, i, 16)
      if (yiaddr !== '0.0.0.0') return yiaddr
    }
    if (family === 6 && index.col.messageType[i] === V6.REPLY) {
      const o = index.findOption(i, 5)
      if (o >= 0 && index.options.length[o] >= 16) return ipv6(index.frame(i), index.options.offset[o])
    }
  }
  return undefined
}
