// A capture held in memory for analysis: one typed-array column per scanned property, the client and server
// identity of each DHCP message, and (when frames are retained) the raw frames in an arena with a flat table of
// where each packet's DHCP options sit. Display filters, transactions and statistics read only this, so they
// run over a million packets without decoding field trees.
import { hex, ipv4, ipv6, mac } from '../decode/bytes'
import { secondsOf, type CaptureRecord } from '../capture-file/record'
import { FrameScan } from '../decode/scan'
import { PacketArena } from './packet-arena'

/** Client and server keys: DHCPv4 values are numbers below these bases, DHCPv6 ones are base + interned name. */
const V6_CLIENT_BASE = 2 ** 48
const V6_SERVER_BASE = 2 ** 32

const columnTypes = {
  time: Float64Array,
  ref: Float64Array,
  capturedLength: Uint32Array,
  originalLength: Uint32Array,
  linkType: Uint16Array,
  ethernet: Int8Array,
  vlanId: Int16Array,
  ipVersion: Uint8Array,
  ipOffset: Uint16Array,
  udpOffset: Int32Array,
  sourcePort: Uint16Array,
  destinationPort: Uint16Array,
  family: Uint8Array,
  dhcpOffset: Uint32Array,
  messageType: Uint8Array,
  relayHops: Uint8Array,
  xid: Uint32Array,
  malformed: Uint8Array,
  /** DHCPv4: chaddr as a 48-bit number. DHCPv6: V6_CLIENT_BASE + interned client DUID. -1 without DHCP. */
  client: Float64Array,
  /** DHCPv4: server identifier (option 54) or source address as a number. DHCPv6: V6_SERVER_BASE + interned name. */
  server: Float64Array,
  /** DHCPv6: the first non-success status code in the message (top level or in an IA), else 0. */
  status: Uint16Array,
  optionStart: Uint32Array,
  optionCount: Uint16Array,
}
type Columns = { [K in keyof typeof columnTypes]: InstanceType<(typeof columnTypes)[K]> }

const optionTypes = { code: Uint16Array, offset: Uint32Array, length: Uint16Array }
type OptionColumns = { [K in keyof typeof optionTypes]: InstanceType<(typeof optionTypes)[K]> }

function allocate<T extends Record<string, new (n: number) => ArrayLike<number>>>(types: T, capacity: number, from?: Record<string, ArrayLike<number>>) {
  const out: Record<string, ArrayLike<number> & { set(a: ArrayLike<number>): void }> = {}
  for (const [key, Type] of Object.entries(types)) {
    const column = new Type(capacity) as ArrayLike<number> & { set(a: ArrayLike<number>): void }
    if (from) column.set(from[key])
    out[key] = column
  }
  return out
}

export type IndexedRecord = Pick<CaptureRecord, 'linkType' | 'data' | 'originalLength' | 'timestampSeconds' | 'timestampFraction' | 'fractionDigits'>

export interface IndexOptions {
  /**
   * Keep the frames, the per-packet columns and the option table (filters, paging and transaction details need
   * them). Without: only what grouping exchanges and statistics read (time, family, type, xid, client, server,
   * status), so a whole file need not be held in memory.
   */
  retainFrames?: boolean
  /** Size of the capture file, to reserve room once instead of regrowing the columns while it loads. */
  fileSize?: number
}

/** File bytes per DHCP packet (frame plus record header), on the small side so that columns rarely regrow. */
const TYPICAL_RECORD = 300
/** Packets reserved for at most, whatever the file's size claims (a sparse file can claim terabytes). */
const MAX_RESERVED = 1 << 22

export class CaptureIndex {
  count = 0
  optionTotal = 0
  readonly arena = new PacketArena()
  readonly retainFrames: boolean
  col: Columns
  options: OptionColumns
  /** Interned DHCPv6 DUIDs (their bytes as a binary string), referenced from the client and server columns. */
  private readonly duids: string[] = []
  private readonly duidIds = new Map<string, number>()
  /** Source address of the first packet seen from each DHCPv6 server, for its name. */
  private readonly serverAddresses = new Map<number, string>()
  private capacity: number
  private optionCapacity: number
  private readonly scanner = new FrameScan()

  constructor({ retainFrames = true, fileSize = 0 }: IndexOptions = {}) {
    this.retainFrames = retainFrames
    this.capacity = Math.min(MAX_RESERVED, Math.max(1024, Math.ceil(fileSize / TYPICAL_RECORD)))
    this.optionCapacity = retainFrames ? this.capacity * 8 : 0
    this.col = allocate(columnTypes, this.capacity) as unknown as Columns
    this.options = allocate(optionTypes, this.optionCapacity) as unknown as OptionColumns
  }

  /** Adds the next packet (frame numbers are positions + 1). */
  add(record: IndexedRecord, malformed: boolean): void {
    if (this.count === this.capacity) this.grow()
    const s = this.scanner.scan(record.linkType, record.data)
    if (this.retainFrames && this.optionTotal + s.optionCount > this.optionCapacity) {
      while (this.optionTotal + s.optionCount > this.optionCapacity) this.optionCapacity *= 2
      this.options = allocate(optionTypes, this.optionCapacity, this.options as unknown as Record<string, ArrayLike<number>>) as unknown as OptionColumns
    }
    const i = this.count
    const c = this.col
    this.addSummary(s, record.data, record.data.length, secondsOf(record))
    if (!this.retainFrames) return
    c.ref[i] = this.arena.add(record.data)
    c.capturedLength[i] = record.data.length
    c.originalLength[i] = record.originalLength
    c.linkType[i] = record.linkType
    c.ethernet[i] = s.ethernet
    c.vlanId[i] = s.vlanId
    c.ipVersion[i] = s.ipVersion
    c.ipOffset[i] = s.ipOffset
    c.udpOffset[i] = s.udpOffset
    c.sourcePort[i] = s.sourcePort
    c.destinationPort[i] = s.destinationPort
    c.dhcpOffset[i] = s.dhcpOffset
    c.relayHops[i] = s.relayHops
    c.malformed[i] = malformed ? 1 : 0
    c.optionStart[i] = this.optionTotal
    c.optionCount[i] = s.optionCount
    const o = this.options
    for (let k = 0; k < s.optionCount; k++) {
      o.code[this.optionTotal + k] = s.optionCodes[k]
      o.offset[this.optionTotal + k] = s.optionOffsets[k]
      o.length[this.optionTotal + k] = s.optionLengths[k]
    }
    this.optionTotal += s.optionCount
  }

  /**
   * Adds a packet straight from a read buffer (frame at [start, end) of `b`), for an index without frames:
   * no object and no view per packet on a pass over a large file.
   */
  addInPlace(linkType: number, b: Uint8Array, start: number, end: number, time: number): void {
    if (this.retainFrames) throw new Error('addInPlace is for indexes without frames')
    if (this.count === this.capacity) this.grow()
    this.addSummary(this.scanner.scan(linkType, b, start, end), b, end, time)
  }

  private grow(): void {
    this.capacity *= 2
    this.col = allocate(columnTypes, this.capacity, this.col as unknown as Record<string, ArrayLike<number>>) as unknown as Columns
  }

  /** The columns grouping and statistics read, filled while the frame's bytes are at hand (end: frame end in b). */
  private addSummary(s: FrameScan, b: Uint8Array, end: number, time: number): void {
    const i = this.count++
    const c = this.col
    c.time[i] = time
    c.family[i] = s.family
    c.messageType[i] = s.messageType
    c.xid[i] = s.xid
    c.client[i] = -1
    c.server[i] = -1
    c.status[i] = 0
    if (s.family === 4) {
      const at = s.dhcpOffset + 28
      if (at + 6 <= end) c.client[i] = ((b[at] << 8) | b[at + 1]) * 2 ** 32 + (((b[at + 2] << 24) >>> 0) + ((b[at + 3] << 16) | (b[at + 4] << 8) | b[at + 5]))
      const from = s.serverIdOffset >= 0 ? s.serverIdOffset : s.ipOffset + 12
      if (from + 4 <= end) c.server[i] = ((b[from] << 24) >>> 0) + ((b[from + 1] << 16) | (b[from + 2] << 8) | b[from + 3])
    } else if (s.family === 6) {
      if (s.clientDuidOffset >= 0) c.client[i] = V6_CLIENT_BASE + this.intern(b, s.clientDuidOffset, s.clientDuidLength)
      if (s.serverDuidOffset >= 0) {
        const id = this.intern(b, s.serverDuidOffset, s.serverDuidLength)
        c.server[i] = V6_SERVER_BASE + id
        if (!this.serverAddresses.has(id)) this.serverAddresses.set(id, s.ipVersion === 6 ? ipv6(b, s.ipOffset + 8) : s.ipVersion === 4 ? ipv4(b, s.ipOffset + 12) : '')
      }
      c.status[i] = s.statusCode
    }
  }

  private intern(b: Uint8Array, offset: number, length: number): number {
    // A binary string is the cheapest exact key for a few bytes; hex is made only for display.
    const key = String.fromCharCode.apply(null, b.subarray(offset, offset + length) as unknown as number[])
    let id = this.duidIds.get(key)
    if (id === undefined) {
      id = this.duids.push(key) - 1
      this.duidIds.set(key, id)
    }
    return id
  }

  private duidHex(id: number): string {
    return hex(Uint8Array.from(this.duids[id], (ch) => ch.charCodeAt(0)))
  }

  /** The text of a server key (server column value). */
  serverName(key: number): string {
    if (key < 0) return ''
    if (key >= V6_SERVER_BASE) return `${this.serverAddresses.get(key - V6_SERVER_BASE)} (DUID ${this.duidHex(key - V6_SERVER_BASE)})`
    return `${key >>> 24}.${(key >>> 16) & 255}.${(key >>> 8) & 255}.${key & 255}`
  }

  /** The text of a client key (client column value): MAC address or DUID. */
  clientName(key: number): string {
    if (key < 0) return ''
    if (key >= V6_CLIENT_BASE) return this.duidHex(key - V6_CLIENT_BASE)
    const high = Math.floor(key / 2 ** 32), low = key % 2 ** 32
    return mac(Uint8Array.of(high >>> 8, high & 255, low >>> 24, (low >>> 16) & 255, (low >>> 8) & 255, low & 255), 0)
  }

  /** The frame's bytes (a view into the arena; no copy). */
  frame(i: number): Uint8Array {
    if (!this.retainFrames) throw new Error('this index was built without frames')
    return this.arena.bytes(this.col.ref[i], this.col.capturedLength[i])
  }

  /** Memory the index holds: frames, columns and option table. */
  get byteLength(): number {
    let total = this.arena.byteLength
    for (const column of Object.values(this.col)) total += column.byteLength
    for (const column of Object.values(this.options)) total += column.byteLength
    return total
  }

  /** Position in the option table of packet i's first option with this code, or -1. */
  findOption(i: number, code: number): number {
    const start = this.col.optionStart[i]
    const end = start + this.col.optionCount[i]
    for (let k = start; k < end; k++) if (this.options.code[k] === code) return k
    return -1
  }
}
