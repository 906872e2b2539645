// Capture statistics: what `tshark -q -z dhcp,stat` counts (packets per DHCPv4 message type), plus DHCPv6 types,
// exchanges complete or not, reply latency percentiles per step and the servers that answered.
import type { CaptureStats, LatencySummary } from '../../contract/types'
import { dhcp4MessageTypes } from '../decode/dhcp4/message-types'
import { dhcp6MessageTypes } from '../decode/dhcp6/registry'
import type { CaptureIndex } from './capture-index'
import { Assessor } from '../transactions/assess-exchange'
import type { Exchanges } from '../transactions/exchanges'
import { NumberSet } from '../transactions/number-set'

/** tshark lists DHCPv4 types 1–18; so do we, zeros included, so the two tables line up. */
const TSHARK_TYPE_COUNT = 18

export function captureStats(index: CaptureIndex, exchanges: Exchanges): CaptureStats {
  const builder = new StatisticsBuilder(index)
  builder.addExchanges(exchanges, 0, exchanges.count)
  return builder.result()
}

interface ServerCount {
  family: 4 | 6
  replies: number
  clients: NumberSet
  /** The client added to `clients` last. */
  lastClient: number
}

/** Statistics gathered an exchange range at a time, so the engine can answer other calls in between. */
export class StatisticsBuilder {
  private readonly totals = { total: 0, complete: 0, incomplete: 0, nak: 0, failed: 0, multipleServers: 0 }
  /** Latencies per step, keyed by stepKey(family, request type, reply type). */
  private readonly latencies = new Map<number, Samples>()
  private readonly servers = new Map<number, ServerCount>()
  private readonly assessor: Assessor
  /** Replies per server of the exchange at hand (indexes of Assessment.servers). */
  private readonly replies = new Float64Array(1 << 15)

  constructor(private readonly index: CaptureIndex) {
    this.assessor = new Assessor(index)
  }

  /** Adds exchanges [from, to). */
  addExchanges(exchanges: Exchanges, from: number, to: number): void {
    const { totals, replies } = this
    const c = this.index.col
    for (let id = from; id < to; id++) {
      const a = this.assessor.assess(exchanges, id)
      const family = exchanges.family[id] as 4 | 6
      totals.total++
      // A switch, not totals[a.status]: a store keyed by a string read per exchange is a lookup by name each time.
      switch (a.status) {
        case 'complete': totals.complete++; break
        case 'incomplete': totals.incomplete++; break
        case 'nak': totals.nak++; break
        case 'failed': totals.failed++; break
      }
      if (a.serverCount > 1) totals.multipleServers++
      let lastRequest = -1
      let k = 0
      for (let i = exchanges.first[id]; i >= 0; i = exchanges.next[i], k++) {
        const type = c.messageType[i]
        if (a.serverOf[k] < 0) {
          lastRequest = type
          continue
        }
        if (!Number.isNaN(a.latencyMs[k]) && lastRequest >= 0) this.samplesOf(stepKey(family, lastRequest, type)).pushFrom(a.latencyMs, k)
        replies[a.serverOf[k]]++
      }
      // Per server of this exchange, not per reply: a DORA's OFFER and ACK count one client once.
      for (let s = 0; s < a.serverCount; s++) {
        const server = this.serverOf(a.servers[s], family)
        server.replies += replies[s]
        replies[s] = 0
        const client = exchanges.client[id]
        // A client's exchanges often follow one another: the set is asked only when the client changes.
        if (client !== server.lastClient) server.clients.add(server.lastClient = client)
      }
    }
  }

  /**
   * Most replies are of one of the last two steps (a DORA's two alternate) and of the server before them: a
   * comparison or two instead of a map lookup each.
   */
  private lastStep = -1
  private lastSamples: Samples | null = null
  private otherStep = -1
  private otherSamples: Samples | null = null
  private lastServerKey = Number.NaN
  private lastServer: ServerCount | null = null

  private samplesOf(key: number): Samples {
    if (key === this.lastStep) return this.lastSamples!
    let samples: Samples | undefined
    if (key === this.otherStep) samples = this.otherSamples!
    else {
      samples = this.latencies.get(key)
      if (!samples) this.latencies.set(key, samples = new Samples())
    }
    this.otherStep = this.lastStep
    this.otherSamples = this.lastSamples
    this.lastStep = key
    return this.lastSamples = samples
  }

  private serverOf(key: number, family: 4 | 6): ServerCount {
    if (key === this.lastServerKey) return this.lastServer!
    let server = this.servers.get(key)
    if (!server) this.servers.set(key, server = { family, replies: 0, clients: new NumberSet(), lastClient: Number.NaN })
    this.lastServerKey = key
    return this.lastServer = server
  }

  /** The statistics of the packets indexed and the exchanges added. */
  result(): CaptureStats {
    const { index } = this
    const v4 = new Uint32Array(256), v6 = new Uint32Array(256)
    let dhcp4Packets = 0, dhcp6Packets = 0
    const c = index.col
    for (let i = 0; i < index.count; i++) {
      if (c.family[i] === 4) {
        dhcp4Packets++
        v4[c.messageType[i]]++
      } else if (c.family[i] === 6) {
        dhcp6Packets++
        v6[c.messageType[i]]++
      }
    }
    const dhcp4Types = Array.from({ length: TSHARK_TYPE_COUNT }, (_, k) => ({ type: dhcp4MessageTypes[k + 1], packets: v4[k + 1] }))
    const dhcp6Types = [...v6.entries()].filter(([type, n]) => n > 0 && type > 0).map(([type, n]) => ({ type: dhcp6MessageTypes[type] ?? `TYPE-${type}`, packets: n }))
    return {
      packets: index.count, dhcp4Packets, dhcp6Packets, dhcp4Types, dhcp6Types, transactions: { ...this.totals },
      latency: [...this.latencies.entries()].map(([key, values]) => summarise(stepName(key), values)).sort((a, b) => b.count - a.count),
      servers: [...this.servers.entries()].map(([key, s]) => ({ family: s.family, server: index.serverName(key), replies: s.replies, clients: s.clients.size })).sort((a, b) => b.replies - a.replies),
    }
  }
}

/** A growing list of numbers in a typed array: a million latencies as a plain array churn the heap as it grows. */
class Samples {
  values = new Float64Array(1024)
  count = 0

  /**
   * Adds from[at]. Taken from the array, not as a number: a fractional number passed to a call V8 does not inline is
   * boxed on the heap, half a million times a run.
   */
  pushFrom(from: Float64Array, at: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.count * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.count++] = from[at]
  }
}

const stepKey = (family: number, request: number, reply: number) => family * 65536 + request * 256 + reply

/** "DISCOVER→OFFER" for a step key. */
function stepName(key: number): string {
  const names = key >> 16 === 4 ? dhcp4MessageTypes : dhcp6MessageTypes
  const request = (key >> 8) & 255, reply = key & 255
  return `${names[request] ?? request}→${names[reply] ?? reply}`
}

/** Reorders the samples (percentiles by selection, each from where the one before left the data partitioned). */
function summarise(step: string, samples: Samples): LatencySummary {
  const data = samples.values.subarray(0, samples.count)
  let from = 0
  const at = (q: number) => {
    const k = Math.min(data.length - 1, Math.floor(q * data.length))
    const value = nth(data, k, from)
    from = k
    return round(value)
  }
  return { step, count: data.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) }
}

/**
 * The k-th smallest value (quickselect, Hoare partition): percentiles without sorting all of them. `low`: the values
 * before it are known to be no larger than any from it on (a smaller k was selected before).
 */
function nth(data: Float64Array, k: number, low = 0): number {
  let high = data.length - 1
  while (low < high) {
    const pivot = data[(low + high) >>> 1]
    let i = low, j = high
    while (i <= j) {
      while (data[i] < pivot) i++
      while (data[j] > pivot) j--
      if (i <= j) {
        const t = data[i]
        data[i++] = data[j]
        data[j--] = t
      }
    }
    if (k <= j) high = j
    else if (k >= i) low = i
    else return data[k]
  }
  return data[k]
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
