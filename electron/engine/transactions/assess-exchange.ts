// What an exchange amounts to (complete, incomplete, NAK, failed; latencies; servers), computed without text so
// statistics can assess every exchange of a large capture.
import type { TransactionStatus } from '../../contract/types'
import type { CaptureIndex } from '../index/capture-index'
import type { Exchanges } from './exchanges'
import { bit, maskOf, V4, V4_LEASEQUERIES, V4_REQUEST_MASK, V6, V6_REQUEST_MASK } from './message-roles'

/** What an exchange amounts to, computed without building text (statistics run this on every exchange). */
export interface Assessment {
  status: TransactionStatus
  missing: readonly string[]
  retransmissions: number
  /** Per packet of the exchange: reply latency in ms, or NaN for requests and unanswered replies. */
  latencyMs: Float64Array
  /** Per packet: index into `servers` for replies, -1 for requests. */
  serverOf: Int16Array
  /** The index's server keys of the servers that replied, in order of first reply: the first `serverCount`. */
  servers: Float64Array
  serverCount: number
  /** Packet position of a NAK or failed reply, -1 if none. */
  failure: number
}

/**
 * Assesses exchanges one after another into the same buffers, so a million of them allocate almost nothing.
 * The result is valid until the next call.
 */
export class Assessor {
  private readonly result: Assessment = { status: 'complete', missing: [], retransmissions: 0, latencyMs: new Float64Array(16), serverOf: new Int16Array(16), servers: new Float64Array(16), serverCount: 0, failure: -1 }

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
      r.servers = new Float64Array(n * 2)
      this.packets = new Int32Array(n * 2)
    }
    const packets = this.packets
    r.serverCount = 0
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
      let s = 0
      while (s < r.serverCount && r.servers[s] !== server) s++
      if (s === r.serverCount) r.servers[r.serverCount++] = server
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
const V4_LEASEQUERY_MASK = maskOf(V4_LEASEQUERIES)
export const MISSING = {
  request: ['request'], offer: ['OFFER'], request4: ['REQUEST'], ack: ['ACK'], reply: ['reply'],
  advertise: ['ADVERTISE'], request6: ['REQUEST'], reply6: ['REPLY'],
} as const

/** Whether bit `type` is set in `seen`. A module function, not a closure over `seen` made per call: statistics
 * call missingSteps for every exchange, and those closures were 26 MB of garbage on a million packets. */
const has = (seen: number, type: number) => (seen & bit(type)) !== 0

/** The replies (or the client's next step) an exchange with these message types (bits) still lacks. */
function missingSteps(family: 4 | 6, seen: number): readonly string[] {
  if ((seen & (family === 4 ? V4_REQUEST_MASK : V6_REQUEST_MASK)) === 0) return MISSING.request
  if (family === 4) {
    const answered = has(seen, V4.ACK) || has(seen, V4.NAK)
    if (has(seen, V4.DISCOVER)) {
      if (!has(seen, V4.OFFER)) return MISSING.offer
      if (!has(seen, V4.REQUEST)) return MISSING.request4
      return answered ? NONE : MISSING.ack
    }
    if (has(seen, V4.REQUEST) || has(seen, V4.INFORM)) return answered ? NONE : MISSING.ack
    if ((seen & V4_LEASEQUERY_MASK) !== 0) return (seen & ~V4_REQUEST_MASK) !== 0 ? NONE : MISSING.reply
    return NONE
  }
  if (has(seen, V6.SOLICIT) && !has(seen, V6.REPLY)) {
    if (!has(seen, V6.ADVERTISE)) return MISSING.advertise
    if (!has(seen, V6.REQUEST)) return MISSING.request6
  }
  return has(seen, V6.REPLY) ? NONE : MISSING.reply6
}
