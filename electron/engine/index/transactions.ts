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

/** One exchange: its packets (index positions) in capture order; their types are in the index. */
export interface Exchange {
  family: 4 | 6
  /** The index's client key (chaddr or interned DUID). */
  clientKey: number
  xid: number
  packets: number[]
  /** Bit t set when a message of type t (below 31) is in the exchange: cheap "has an OFFER?" tests. */
  seen: number
  done: boolean
}

const bit = (type: number) => (type < 31 ? 1 << type : 0)
const has = (e: Exchange, type: number) => (e.seen & bit(type)) !== 0
const maskOf = (types: Set<number>) => [...types].reduce((m, t) => m | bit(t), 0)
const V4_REQUEST_MASK = maskOf(V4_REQUESTS)
const V6_REQUEST_MASK = maskOf(V6_REQUESTS)

export function groupExchanges(index: CaptureIndex): Exchange[] {
  const exchanges: Exchange[] = []
  const byXid = new Map<number, Exchange | Exchange[]>()
  const lastSolicitOf = new Map<number, Exchange>()
  const c = index.col
  for (let i = 0; i < index.count; i++) {
    const family = c.family[i]
    const type = c.messageType[i]
    if (type === 0) continue
    if (family === 4 ? !dhcp4MessageTypes[type] : type === V6.RELAY_FORW || type === V6.RELAY_REPL) continue
    const isRequest = family === 4 ? V4_REQUESTS.has(type) : V6_REQUESTS.has(type)
    const key = c.client[i]
    const xid = c.xid[i]
    let exchange = continuing(byXid.get(xid), family, key, type, isRequest, c.time[i], index)
    if (!exchange && family === 6 && type === V6.REQUEST) {
      const sarr = lastSolicitOf.get(key)
      if (sarr && has(sarr, V6.ADVERTISE) && !has(sarr, V6.REQUEST) && c.time[i] - c.time[sarr.packets[sarr.packets.length - 1]] < EXCHANGE_GAP_SECONDS) {
        exchange = sarr
        remember(byXid, xid, exchange)
      }
    }
    if (!exchange) {
      exchange = { family: family as 4 | 6, clientKey: key, xid, packets: [], seen: 0, done: false }
      exchanges.push(exchange)
      remember(byXid, xid, exchange)
      if (family === 6 && type === V6.SOLICIT) lastSolicitOf.set(key, exchange)
    }
    exchange.packets.push(i)
    exchange.seen |= bit(type)
    if (family === 4 ? type === V4.ACK || type === V4.NAK || type === V4.DECLINE || type === V4.RELEASE : type === V6.REPLY) exchange.done = true
  }
  return exchanges
}

/** Most xids belong to one exchange; a list is made only when several share one. */
function remember(map: Map<number, Exchange | Exchange[]>, xid: number, exchange: Exchange): void {
  const known = map.get(xid)
  if (known === undefined) map.set(xid, exchange)
  else if (Array.isArray(known)) known.push(exchange)
  else map.set(xid, [known, exchange])
}

function continuing(known: Exchange | Exchange[] | undefined, family: number, key: number, type: number, isRequest: boolean, time: number, index: CaptureIndex): Exchange | undefined {
  if (known === undefined) return undefined
  if (!Array.isArray(known)) return known.family === family && known.clientKey === key && !startsNew(known, type, isRequest, time, index) ? known : undefined
  for (let k = known.length - 1; k >= 0; k--) {
    const e = known[k]
    if (e.family === family && e.clientKey === key) return startsNew(e, type, isRequest, time, index) ? undefined : e
  }
  return undefined
}

/** A client message that cannot continue this exchange: it was over, or the client started afresh. */
function startsNew(e: Exchange, type: number, isRequest: boolean, time: number, index: CaptureIndex): boolean {
  const last = e.packets[e.packets.length - 1]
  if (time - index.col.time[last] > EXCHANGE_GAP_SECONDS) return true
  if (!isRequest) return false
  // A repeat of the request that ended it (a duplicate on the wire) still belongs to it.
  if (e.done) return index.col.messageType[last] !== type
  return e.family === 4 && type === V4.DISCOVER && (e.seen & ~(bit(V4.DISCOVER) | bit(V4.OFFER))) !== 0
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

  constructor(private readonly index: CaptureIndex) {}

  assess(e: Exchange): Assessment {
    const c = this.index.col
    const r = this.result
    const requests = e.family === 4 ? V4_REQUESTS : V6_REQUESTS
    const n = e.packets.length
    if (r.latencyMs.length < n) {
      r.latencyMs = new Float64Array(n * 2)
      r.serverOf = new Int16Array(n * 2)
    }
    r.servers = []
    r.retransmissions = 0
    r.failure = -1
    let status: TransactionStatus | null = null
    for (let k = 0; k < n; k++) {
      const i = e.packets[k], type = c.messageType[i]
      r.latencyMs[k] = NaN
      r.serverOf[k] = -1
      if (requests.has(type)) {
        if (k > 0 && c.messageType[e.packets[k - 1]] === type) r.retransmissions++
        continue
      }
      for (let j = k - 1; j >= 0; j--) {
        const earlier = c.messageType[e.packets[j]]
        if (requests.has(earlier) && answers(e.family, type, earlier)) {
          r.latencyMs[k] = (c.time[i] - c.time[e.packets[j]]) * 1000
          break
        }
      }
      const server = c.server[i]
      let s = r.servers.indexOf(server)
      if (s < 0) s = r.servers.push(server) - 1
      r.serverOf[k] = s
      if (status !== null) continue
      if (e.family === 4 ? type === V4.NAK : c.status[i] !== 0) {
        status = e.family === 4 ? 'nak' : 'failed'
        r.failure = k
      }
    }
    r.missing = missingSteps(e)
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

/** The replies (or the client's next step) an exchange of this shape still lacks. */
function missingSteps(e: Exchange): readonly string[] {
  if ((e.seen & (e.family === 4 ? V4_REQUEST_MASK : V6_REQUEST_MASK)) === 0) return MISSING.request
  if (e.family === 4) {
    const answered = has(e, V4.ACK) || has(e, V4.NAK)
    if (has(e, V4.DISCOVER)) {
      if (!has(e, V4.OFFER)) return MISSING.offer
      if (!has(e, V4.REQUEST)) return MISSING.request4
      return answered ? NONE : MISSING.ack
    }
    if (has(e, V4.REQUEST) || has(e, V4.INFORM)) return answered ? NONE : MISSING.ack
    if ((e.seen & maskOf(V4_LEASEQUERIES)) !== 0) return (e.seen & ~V4_REQUEST_MASK) !== 0 ? NONE : MISSING.reply
    return NONE
  }
  if (has(e, V6.SOLICIT) && !has(e, V6.REPLY)) {
    if (!has(e, V6.ADVERTISE)) return MISSING.advertise
    if (!has(e, V6.REQUEST)) return MISSING.request6
  }
  return has(e, V6.REPLY) ? NONE : MISSING.reply6
}

function typeName(family: 4 | 6, type: number): string {
  return (family === 4 ? dhcp4MessageTypes[type] : dhcp6MessageTypes[type]) ?? `TYPE-${type}`
}

function kindOf(index: CaptureIndex, e: Exchange): string {
  const requests = e.family === 4 ? V4_REQUESTS : V6_REQUESTS
  const types = e.packets.map((i) => index.col.messageType[i])
  const first = types.findIndex((t) => requests.has(t))
  if (first < 0) return `${typeName(e.family, types[0])} (request not captured)`
  const type = types[first]
  if (e.family === 6) return type === V6.SOLICIT && !has(e, V6.ADVERTISE) && has(e, V6.REPLY) ? 'Rapid commit' : V6_KINDS[type] ?? typeName(6, type)
  if (type === V4.DISCOVER) return 'DORA'
  if (type !== V4.REQUEST) return V4_KINDS[type] ?? typeName(4, type)
  // RFC 2131 4.3.2: INIT-REBOOT has no ciaddr; RENEWING unicasts to the server; REBINDING broadcasts.
  const i = e.packets[first]
  if (headerAddress(index, i, 12) === '0.0.0.0') return 'Reboot'
  const broadcast = index.col.ipVersion[i] === 4 && index.frame(i)[index.col.ipOffset[i] + 19] === 255
  return broadcast ? 'Rebind' : 'Renew'
}

/** The readable form of one exchange, for the transactions view and `stats`' listing. */
export function describeExchange(index: CaptureIndex, e: Exchange, id: number): TransactionInfo {
  const c = index.col
  const a = new Assessor(index).assess(e)
  const servers = a.servers.map((key) => index.serverName(key))
  const first = index.count > 0 ? c.time[0] : 0
  const steps: TransactionStep[] = e.packets.map((i, k) => {
    const step: TransactionStep = { frame: i + 1, type: typeName(e.family, c.messageType[i]), time: c.time[i] - first, latencyMs: Number.isNaN(a.latencyMs[k]) ? null : a.latencyMs[k] }
    if (a.serverOf[k] >= 0) step.server = servers[a.serverOf[k]]
    return step
  })
  let problem: string | undefined
  if (a.failure >= 0) problem = failureText(index, e, a.failure, steps[a.failure].server ?? '')
  else if (a.missing === MISSING.request) problem = 'the client\'s request is not in the capture'
  else if (a.missing.length > 0) problem = `no ${a.missing.join(', no ')}${a.retransmissions ? ` after ${a.retransmissions + 1} tries` : ''}`
  const start = c.time[e.packets[0]]
  return {
    id, family: e.family, kind: kindOf(index, e), client: index.clientName(e.clientKey),
    xid: `0x${e.xid.toString(16).padStart(e.family === 4 ? 8 : 6, '0')}`, start: start - first,
    durationMs: (c.time[e.packets[e.packets.length - 1]] - start) * 1000, status: a.status, problem, missing: [...a.missing],
    address: addressOf(index, e), servers,
    warnings: servers.length > 1 ? [`${servers.length} servers answered this client: ${servers.join(', ')}`] : [],
    retransmissions: a.retransmissions, steps,
  }
}

function failureText(index: CaptureIndex, e: Exchange, k: number, server: string): string {
  const i = e.packets[k]
  if (e.family === 4) {
    const message = optionText(index, i, 56)
    return `NAK from ${server}${message ? `: "${message}"` : ''}`
  }
  const [code, message] = statusCodes6(index, i).find(([status]) => status !== 0)!
  return `${dhcp6StatusCodes[code] ?? `Status ${code}`}${message ? `: ${message}` : ''} (from ${server})`
}

/** The address the client got: the ACK's yiaddr, or the first IA address of a successful REPLY. */
function addressOf(index: CaptureIndex, e: Exchange): string | undefined {
  for (let k = e.packets.length - 1; k >= 0; k--) {
    const i = e.packets[k]
    if (e.family === 4 && index.col.messageType[i] === V4.ACK) {
      const yiaddr = headerAddress(index, i, 16)
      if (yiaddr !== '0.0.0.0') return yiaddr
    }
    if (e.family === 6 && index.col.messageType[i] === V6.REPLY) {
      const o = index.findOption(i, 5)
      if (o >= 0 && index.options.length[o] >= 16) return ipv6(index.frame(i), index.options.offset[o])
    }
  }
  return undefined
}
