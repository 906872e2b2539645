// A capture held in memory for analysis: one typed-array column per scanned property, the client and server
// identity of each DHCP message, and (when frames are retained) the raw frames in an arena with a flat table of
// where each packet's DHCP options sit. Display filters, transactions and statistics read only this, so they
// run over a million packets without decoding field trees; the packet list decodes only the rows it shows.
import { hex, ipv4, ipv6, mac } from '../decode/bytes'
import { seconds, type CaptureRecord, type Timestamp } from '../capture-file/record'
import { decodeFrame, type DecodedFrame } from '../decode/frame'
import { FrameScan } from '../decode/scan'
import { ByteInterner, type FlatStrings } from './byte-interner'
import { PacketArena } from './packet-arena'
import { allocate, SUMMARY_COLUMNS, summaryColumnTypes, type SharedRows } from './column-layout'

/** Client and server keys: DHCPv4 values are numbers below these bases, DHCPv6 ones are base + interned name. */
const V6_CLIENT_BASE = 2 ** 48
const V6_SERVER_BASE = 2 ** 32

const columnTypes = {
  ...summaryColumnTypes,
  timestampFraction: Uint32Array,
  fractionDigits: Uint8Array,
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
  dhcpOffset: Uint32Array,
  relayHops: Uint8Array,
  /** Set from the full decoder, for packets below `malformedChecked` only (see index/malformed-check.ts). */
  malformed: Uint8Array,
  optionStart: Uint32Array,
  optionCount: Uint16Array,
}
type Columns = { [K in keyof typeof columnTypes]: InstanceType<(typeof columnTypes)[K]> }

/**
 * Where each packet's options are. An offset from the frame's start fits 16 bits: DHCP travels in one UDP datagram,
 * so its options lie within the first 64 KiB of any frame that carries it; one found beyond is not indexed (a
 * million packets have five million options: 2 bytes each less is 10 MB).
 */
const optionTypes = { code: Uint16Array, offset: Uint16Array, length: Uint16Array }
const MAX_OPTION_OFFSET = 0xffff
type OptionColumns = { [K in keyof typeof optionTypes]: InstanceType<(typeof optionTypes)[K]> }

/**
 * A batch of a second part's rows (see CaptureIndex.takeSharedBatch): how many follow the batch before, and the DUIDs
 * and DHCPv6 server addresses its thread met first in them (DUID ids go on from the batch before's).
 */
export interface SharedBatch {
  count: number
  duids: FlatStrings
  serverAddresses: [number, string][]
}

export type IndexedRecord = Pick<CaptureRecord, 'linkType' | 'data' | 'originalLength' | 'timestampSeconds' | 'timestampFraction' | 'fractionDigits'>

/** A record where it sits in a read buffer: the shape of the pcap reader's in-place record (InPlaceRecords.current). */
export interface FrameAt {
  buffer: Uint8Array
  dataStart: number
  dataEnd: number
  originalLength: number
  /** Whole seconds and their fraction, in units of 10^-fractionDigits. */
  seconds: number
  fraction: number
}

export interface IndexOptions {
  /**
   * Keep the frames, the per-packet columns and the option table (filters, paging and transaction details need
   * them). Without: only what grouping exchanges and statistics read (time, family, type, xid, client, server,
   * status), so a whole file need not be held in memory.
   */
  retainFrames?: boolean
  /** Size of the capture file, to reserve room once instead of regrowing the columns while it loads. */
  fileSize?: number
  /** Without frames: the rows of one part of a file read in two at once, in shared columns (see SharedRows). */
  shared?: { rows: SharedRows; part: 'first' | 'second' }
}

/**
 * Whole seconds below this are recovered exactly from `time` and the fraction (the error of their sum is at most a
 * quarter second); times beyond it (tens of millions of years: damage or hostile offsets) are kept aside.
 */
const EXACT_SECONDS = 2 ** 50

/** File bytes per DHCP packet (frame plus record header), on the small side so that columns rarely regrow. */
const TYPICAL_RECORD = 300
/** Options reserved per packet: room for most captures without regrowing the table (pages never written cost no memory). */
const OPTIONS_PER_PACKET = 8
/** Packets reserved for at most, whatever the file's size claims (a sparse file can claim terabytes). */
const MAX_RESERVED = 1 << 22
/**
 * The columns first hold this many packets, and take their reserved size when they first fill up. Their memory is
 * in transparent huge pages (engine-host/malloc-tunables.ts), so the first write to each of two dozen columns sized
 * for a whole large file cleared 2 MB: the first batch of a million-packet load, the one `captures.open` waits for,
 * took 85 ms of such faults for 500 packets; columns this small share a few 4 KB pages.
 */
const FIRST_ROWS = 4096

/**
 * Where Wireshark stops dissecting a packet (FrameScan.wiresharkStopped): `unseen` is 1 for each of its options
 * (in the option table's order) Wireshark does not read; DHCPv4 pads and End count only before `optionsEnd`, an
 * offset in the frame (-1: no limit).
 */
export interface WiresharkStop {
  unseen: Uint8Array
  optionsEnd: number
  /** Wireshark shows no field of the DHCPv4 message at all (FrameScan.wiresharkNoFields). */
  noFields: boolean
  /** The DHCPv4 option cut short it stops at, whose type and length it shows (FrameScan.wiresharkCutOffset), or null. */
  cut: { code: number; length: number } | null
}

export class CaptureIndex {
  count = 0
  optionTotal = 0
  /** Packets [0, malformedChecked) have their malformed flag; the scanner cannot tell, only the full decoder. */
  malformedChecked = 0
  readonly arena = new PacketArena()
  readonly retainFrames: boolean
  col: Columns
  options: OptionColumns
  /** Interned DHCPv6 DUIDs, referenced from the client and server columns. */
  private readonly duids = new ByteInterner()
  /** Whole seconds of packets beyond EXACT_SECONDS, by position. */
  private readonly farSeconds = new Map<number, number>()
  /** The packets Wireshark stops dissecting early (FrameScan.wiresharkStopped), by position: rare, so kept apart. */
  readonly wiresharkStops = new Map<number, WiresharkStop>()
  /**
   * The headers tunnels wrap packets in (FrameScan.wrapperKinds), by position: kind and offset from the frame's first
   * byte, in pairs. Rare, so kept apart; filters on Ethernet, IP and UDP fields read them beside the columns.
   */
  readonly wrappers = new Map<number, Uint32Array>()
  /** Source address of the first packet seen from each DHCPv6 server, for its name. */
  private readonly serverAddresses = new Map<number, string>()
  /** Packets the columns are sized for once past FIRST_ROWS: the file's size divided by TYPICAL_RECORD. */
  private readonly reserved: number
  private capacity: number
  private optionCapacity: number
  private readonly scanner = new FrameScan()

  constructor({ retainFrames = true, fileSize = 0, shared }: IndexOptions = {}) {
    this.retainFrames = retainFrames
    if (shared && retainFrames) throw new Error('shared rows hold summaries only: an index with frames has columns of its own')
    this.reserved = Math.min(MAX_RESERVED, Math.max(1024, Math.ceil(fileSize / TYPICAL_RECORD)))
    this.capacity = Math.min(this.reserved, FIRST_ROWS)
    this.optionCapacity = retainFrames ? this.capacity * OPTIONS_PER_PACKET : 0
    this.options = allocate(optionTypes, this.optionCapacity) as unknown as OptionColumns
    this.shared = shared?.rows ?? null
    if (!shared) {
      this.col = allocate(columnTypes, this.capacity) as unknown as Columns
      return
    }
    const { rows, middle } = shared.rows
    this.fixedRows = true
    if (shared.part === 'first') {
      this.downFrom = middle
      this.capacity = middle
      this.col = this.sharedColumns(0)
    } else {
      this.capacity = rows - middle
      this.col = this.sharedColumns(middle)
    }
  }

  /** The shared rows this index writes, when it is one part of a file read in two at once. */
  private readonly shared: SharedRows | null
  /** While true, the columns cannot grow: they are shared rows, and the other part's thread writes next to them. */
  private fixedRows = false
  /** A first part's rows are written downward from this row (see SharedRows); -1 once they are in order. */
  private downFrom = -1

  /** The columns of the shared rows from row `firstRow` on; those a summary index does not write are empty. */
  private sharedColumns(firstRow: number): Columns {
    const { buffer, rows } = this.shared!
    const summaries: Record<string, ArrayLike<number>> = allocate(summaryColumnTypes, rows, undefined, { buffer, firstRow })
    const empty: Record<string, ArrayLike<number>> = allocate(columnTypes, 0)
    return Object.fromEntries(Object.keys(columnTypes).map((key) => [key, summaries[key] ?? empty[key]])) as unknown as Columns
  }

  /** The shared rows of this part are all written: the reader must stop (and the file be read on otherwise). */
  get full(): boolean {
    return this.fixedRows && this.count === this.capacity
  }

  /**
   * Adds the next packet (frame numbers are positions + 1). `malformed`: what the full decoder said of it, when
   * the caller decoded it anyway; loading a file does not, and leaves it to be checked when a filter asks.
   */
  add(record: IndexedRecord, malformed?: boolean): void {
    const at = this.recordAt
    at.buffer = record.data
    at.dataStart = 0
    at.dataEnd = record.data.length
    at.originalLength = record.originalLength
    at.seconds = record.timestampSeconds
    at.fraction = record.timestampFraction
    this.addAt(record.linkType, record.fractionDigits, at, malformed)
  }

  /** add()'s record as addAt() takes it, made once. */
  private readonly recordAt: FrameAt = { buffer: new Uint8Array(0), dataStart: 0, dataEnd: 0, originalLength: 0, seconds: 0, fraction: 0 }

  /**
   * Adds the next packet straight from a read buffer (the frame at [dataStart, dataEnd) of `buffer`), without an
   * object or a view per packet: on a pass over a million packets their garbage costs more than the indexing.
   */
  addAt(linkType: number, fractionDigits: number, r: FrameAt, malformed?: boolean): void {
    if (this.count === this.capacity) this.grow()
    const { buffer: b, dataStart: start, dataEnd: end } = r
    const s = this.scanner.scan(linkType, b, start, end, r.originalLength)
    const i = this.count
    this.addSummary(s, b, end, r, fractionDigits)
    if (!this.retainFrames) return
    if (this.optionTotal + s.optionCount > this.optionCapacity) {
      while (this.optionTotal + s.optionCount > this.optionCapacity) this.optionCapacity = Math.max(1024, this.reserved * OPTIONS_PER_PACKET, this.optionCapacity * 2)
      this.options = allocate(optionTypes, this.optionCapacity, this.options as unknown as Record<string, ArrayLike<number>>) as unknown as OptionColumns
    }
    const c = this.col
    // The scanner's offsets are positions in `b`; the columns keep them from the frame's first byte.
    c.ref[i] = this.arena.add(b, start, end)
    c.capturedLength[i] = end - start
    c.originalLength[i] = r.originalLength
    c.linkType[i] = linkType
    c.ethernet[i] = s.ethernet
    c.vlanId[i] = s.vlanId
    c.ipVersion[i] = s.ipVersion
    c.ipOffset[i] = s.ipVersion ? s.ipOffset - start : 0
    c.udpOffset[i] = s.udpOffset < 0 ? -1 : s.udpOffset - start
    c.sourcePort[i] = s.sourcePort
    c.destinationPort[i] = s.destinationPort
    c.dhcpOffset[i] = s.family ? s.dhcpOffset - start : 0
    c.relayHops[i] = s.relayHops
    if (s.wrapperCount) this.wrappers.set(i, Uint32Array.from({ length: s.wrapperCount * 2 }, (_, k) => (k % 2 ? s.wrapperOffsets[k >> 1] - start : s.wrapperKinds[k >> 1])))
    if (Math.abs(r.seconds) >= EXACT_SECONDS) this.farSeconds.set(i, r.seconds)
    c.timestampFraction[i] = r.fraction
    c.fractionDigits[i] = fractionDigits
    c.malformed[i] = malformed ? 1 : 0
    if (malformed !== undefined && this.malformedChecked === i) this.malformedChecked = i + 1
    c.optionStart[i] = this.optionTotal
    const o = this.options
    const cut = s.wiresharkCutOffset < 0 ? null : { code: b[s.wiresharkCutOffset], length: b[s.wiresharkCutOffset + 1] }
    const stop = s.wiresharkStopped ? { unseen: new Uint8Array(s.optionCount), optionsEnd: s.wiresharkOptionsEnd < 0 ? -1 : s.wiresharkOptionsEnd - start, noFields: s.wiresharkNoFields, cut } : null
    for (let k = 0; k < s.optionCount; k++) {
      const offset = s.optionOffsets[k] - start
      if (offset > MAX_OPTION_OFFSET) continue
      if (stop) stop.unseen[this.optionTotal - c.optionStart[i]] = s.wiresharkUnseen[k]
      o.code[this.optionTotal] = s.optionCodes[k]
      o.offset[this.optionTotal] = offset
      o.length[this.optionTotal] = s.optionLengths[k]
      this.optionTotal++
    }
    c.optionCount[i] = this.optionTotal - c.optionStart[i]
    if (stop) this.wiresharkStops.set(i, stop)
  }

  private grow(): void {
    if (this.fixedRows) throw new Error('the shared rows of this part are full: readers stop at index.full')
    this.capacity = Math.max(this.reserved, this.capacity * 2)
    this.col = allocate(columnTypes, this.capacity, this.col as unknown as Record<string, ArrayLike<number>>) as unknown as Columns
  }

  /** The columns grouping and statistics read, filled while the frame's bytes are at hand (end: frame end in b). */
  private addSummary(s: FrameScan, b: Uint8Array, end: number, r: FrameAt, fractionDigits: number): void {
    const i = this.downFrom < 0 ? this.count : this.downFrom - 1 - this.count
    this.count++
    const c = this.col
    // Computed here, not passed in: a fractional number passed to a call V8 does not inline is boxed on the heap, and
    // a million of them kept the young generation collecting.
    c.time[i] = seconds(r.seconds, r.fraction, fractionDigits)
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
      if (s.clientDuidOffset >= 0) c.client[i] = V6_CLIENT_BASE + this.duids.intern(b, s.clientDuidOffset, s.clientDuidLength)
      if (s.serverDuidOffset >= 0) {
        const id = this.duids.intern(b, s.serverDuidOffset, s.serverDuidLength)
        c.server[i] = V6_SERVER_BASE + id
        if (!this.serverAddresses.has(id)) this.serverAddresses.set(id, s.ipVersion === 6 ? ipv6(b, s.ipOffset + 8) : s.ipVersion === 4 ? ipv4(b, s.ipOffset + 12) : '')
      }
      c.status[i] = s.statusCode
    }
  }

  private duidHex(id: number): string {
    return hex(this.duids.get(id))
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

  /** Packet i's time as its file gave it, exactly: a column of whole seconds would cost 8 bytes a packet. */
  timestamp(i: number): Timestamp {
    const c = this.col
    const timestampFraction = c.timestampFraction[i], fractionDigits = c.fractionDigits[i]
    const timestampSeconds = this.farSeconds.get(i) ?? Math.round(c.time[i] - seconds(0, timestampFraction, fractionDigits))
    return { timestampSeconds, timestampFraction, fractionDigits }
  }

  /** The frame's bytes (a view into the arena; no copy). */
  frame(i: number): Uint8Array {
    if (!this.retainFrames) throw new Error('this index was built without frames')
    return this.arena.bytes(this.col.ref[i], this.col.capturedLength[i])
  }

  /** Packet i decoded in full (field tree, list texts): for the few packets a caller needs more than columns of. */
  decoded(i: number): DecodedFrame {
    return decodeFrame(this.col.linkType[i], this.frame(i), this.col.originalLength[i])
  }

  /**
   * The first part of a file read in two (see SharedRows) is read: its rows, written downward, are put in order in
   * place, the first packet at row 0. The second part's rows, written by another thread, follow them.
   */
  endFirstPart(): void {
    if (this.downFrom < 0) throw new Error('only the first part of shared rows is written downward')
    const from = this.downFrom - this.count
    for (const key of SUMMARY_COLUMNS) this.col[key].subarray(from, this.downFrom).reverse()
    this.col = this.sharedColumns(from)
    this.capacity = this.shared!.rows - from
    this.downFrom = -1
    this.fixedRows = false
  }

  /** Of a second part's index: rows, DUIDs and server addresses already handed over by takeSharedBatch. */
  private readonly handedOver = { rows: 0, duids: 0, serverAddresses: 0 }

  /**
   * What a second part's index added since the last call besides its rows, which are in the shared columns already:
   * the other thread takes it in with adoptSharedBatch, and can work on those rows while this one reads on.
   */
  takeSharedBatch(): SharedBatch {
    const done = this.handedOver
    const batch = { count: this.count - done.rows, duids: this.duids.toFlat(done.duids), serverAddresses: [...this.serverAddresses].slice(done.serverAddresses) }
    done.rows = this.count
    done.duids = this.duids.count
    done.serverAddresses = this.serverAddresses.size
    return batch
  }

  /** The other thread's DUID ids, as this index interned them, for adoptSharedBatch. */
  private readonly adoptedDuids: number[] = []

  /**
   * Takes the next batch of the second part's rows, written by another thread after this part's (see endFirstPart),
   * as packets of this index: its DUIDs are interned again here, and its rows' client and server keys made this
   * index's.
   */
  adoptSharedBatch(batch: SharedBatch): void {
    if (!this.shared || this.downFrom >= 0 || this.count + batch.count > this.capacity) throw new Error('only a first part whose rows are in order takes the second part')
    const { duids } = batch
    const ids = this.adoptedDuids
    for (let k = 0; k < duids.starts.length; k++) ids.push(this.duids.intern(duids.bytes, duids.starts[k], duids.lengths[k]))
    for (const [id, address] of batch.serverAddresses) if (!this.serverAddresses.has(ids[id])) this.serverAddresses.set(ids[id], address)
    const { client, server } = this.col
    for (let k = this.count; k < this.count + batch.count; k++) {
      if (client[k] >= V6_CLIENT_BASE) client[k] = V6_CLIENT_BASE + ids[client[k] - V6_CLIENT_BASE]
      if (server[k] >= V6_SERVER_BASE) server[k] = V6_SERVER_BASE + ids[server[k] - V6_SERVER_BASE]
    }
    this.count += batch.count
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
