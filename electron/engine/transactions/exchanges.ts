// Groups DHCP messages into exchanges: DHCPv4 by transaction id and client hardware address (DORA shares one xid),
// DHCPv6 by transaction id and client DUID, with a REQUEST joined to the SOLICIT/ADVERTISE it follows (RFC 8415
// gives each exchange its own xid, but a technician reads S-A-R-R as one story).
import { dhcp4MessageTypes } from '../decode/dhcp4/message-types'
import type { CaptureIndex } from '../index/capture-index'
import { UintToIntMap } from './int-map'
import { bit, V4, V4_REQUEST_MASK, V6, V6_REQUEST_MASK } from './message-roles'

/** A message from the same client this long after the last one starts a new exchange, even with the same xid. */
const EXCHANGE_GAP_SECONDS = 60

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
  next: Int32Array
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

  /**
   * Frees what only grouping needs (the last packet of each exchange, whether it ended, the xid chains) and the
   * room kept for more exchanges: for a capture that will not grow, whose exchanges are now only read.
   */
  compact(): void {
    const n = this.count
    this.family = this.family.slice(0, n)
    this.client = this.client.slice(0, n)
    this.xid = this.xid.slice(0, n)
    this.seen = this.seen.slice(0, n)
    this.first = this.first.slice(0, n)
    this.size = this.size.slice(0, n)
    this.done = new Uint8Array(0)
    this.last = new Int32Array(0)
    this.previousWithXid = new Int32Array(0)
  }

  /** Makes room for `packets` packets in `next`. */
  reserve(packets: number): void {
    if (packets <= this.next.length) return
    const next = new Int32Array(Math.max(packets, this.next.length * 2)).fill(-1)
    next.set(this.next)
    this.next = next
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
  return new ExchangeGrouper(index).update()
}

/**
 * Groups an index's packets as they are added: each update() takes the packets added since the last one, so a
 * live capture (and a file read in two halves) is grouped once, not again from the start at every batch.
 */
export class ExchangeGrouper {
  readonly exchanges: Exchanges
  /** Packets [0, groupedCount) are grouped. */
  private groupedCount = 0
  /** xid → the latest exchange with it (earlier ones chain through previousWithXid). */
  private byXid: UintToIntMap
  /** A DHCPv6 client's latest SOLICIT exchange, by the low 32 bits of its key (its interned DUID). */
  private lastSolicitOf = new UintToIntMap()
  /** The REQUEST/REPLY xid of a SARR, which differs from its SOLICIT/ADVERTISE xid. */
  private secondXid = new UintToIntMap()
  /** Set by finish(): the index is complete, and every table only grouping needs is freed. */
  private finished = false

  /** @param expected packets the index will hold (more than now while it grows), to size the tables once. */
  constructor(readonly index: CaptureIndex, expected = index.count) {
    this.exchanges = new Exchanges(expected)
    // Most exchanges have an xid of their own, and two (a renewal) to four packets (a DORA): room for one per three
    // packets; the table grows if that was too few.
    this.byXid = new UintToIntMap(expected / 3)
  }

  /** Packets grouped so far. */
  get grouped(): number {
    return this.groupedCount
  }

  /** Whether the index's packets are all grouped and it will not grow: update() has nothing more to do. */
  get isFinished(): boolean {
    return this.finished
  }

  /**
   * For an index that is complete (a file read to its end, a capture stopped): groups what is left and frees the
   * grouping's tables, a tenth of the memory of a million-packet capture's exchanges.
   */
  finish(): Exchanges {
    if (this.finished) return this.exchanges
    this.update()
    this.finished = true
    this.byXid = this.lastSolicitOf = this.secondXid = new UintToIntMap(0)
    this.exchanges.compact()
    return this.exchanges
  }

  /** Groups the packets added to the index since the last call, up to packet `until` (all of them by default). */
  update(until = this.index.count): Exchanges {
    if (this.finished) throw new Error('The exchanges of a finished capture are not grouped again')
    const { index, exchanges: ex, byXid, lastSolicitOf, secondXid } = this
    const c = index.col
    const end = Math.min(until, index.count)
    ex.reserve(end)
    for (let i = this.groupedCount; i < end; i++) {
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
        const sarr = secondXid.get(xid)
        if (sarr >= 0 && ex.client[sarr] === key && !startsNew(ex, sarr, type, isRequest, c.time[i], index)) id = sarr
      }
      if (id < 0 && family === 6 && type === V6.REQUEST) {
        const sarr = lastSolicitOf.get(key >>> 0)
        if (sarr >= 0 && ex.has(sarr, V6.ADVERTISE) && !ex.has(sarr, V6.REQUEST) && c.time[i] - c.time[ex.last[sarr]] < EXCHANGE_GAP_SECONDS) {
          id = sarr
          secondXid.set(xid, sarr)
        }
      }
      if (id < 0) {
        id = ex.open(family, key, xid, latest)
        byXid.set(xid, id)
        if (family === 6 && type === V6.SOLICIT) lastSolicitOf.set(key >>> 0, id)
      }
      ex.append(id, i, type)
      if (family === 4 ? type === V4.ACK || type === V4.NAK || type === V4.DECLINE || type === V4.RELEASE : type === V6.REPLY) ex.done[id] = 1
    }
    this.groupedCount = Math.max(this.groupedCount, end)
    return ex
  }
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
