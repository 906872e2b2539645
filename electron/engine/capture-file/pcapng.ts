// pcapng: sections (each with its own byte order), several interfaces with their own link type and timestamp
// resolution, enhanced/simple/obsolete packet blocks and packet comments, and the blocks Wireshark numbers as frames
// though they hold no packet (pcapng-records.ts). A block's length is checked against the file and MAX_BLOCK before
// it is read, and its body against the fixed fields its type needs before they are.
// https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html
import type { FileWindow } from './file-window'
import {
  CUSTOM_BLOCK_COPY, CUSTOM_BLOCK_NO_COPY, customBlockFrame, isRecordBlock, journalEntry, journalTime, MIN_JOURNAL_ENTRY, recordLinkType,
  SYSTEMD_JOURNAL_EXPORT_BLOCK, UNTIMED,
} from './pcapng-records'
import { MAX_PACKET_BYTES, type CaptureRecord } from './record'

const SHB = 0x0a0d0d0a, IDB = 1, OPB = 2, SPB = 3, EPB = 6
const BYTE_ORDER_MAGIC = 0x1a2b3c4d, SWAPPED_BYTE_ORDER_MAGIC = 0x4d3c2b1a
const MAX_BLOCK = 16 * 1024 * 1024
/** Interfaces of one section beyond this are damage: real captures have a handful, and each one costs memory. */
const MAX_INTERFACES = 65536

/** The block types read here: their names in messages, and the body their fixed fields need. */
const BLOCK_TYPES = new Map<number, { name: string; minimumBody: number }>([
  [SHB, { name: 'section header block', minimumBody: 16 }],
  [IDB, { name: 'interface description block', minimumBody: 8 }],
  [EPB, { name: 'enhanced packet block', minimumBody: 20 }],
  [OPB, { name: 'obsolete packet block', minimumBody: 20 }],
  [SPB, { name: 'simple packet block', minimumBody: 4 }],
  [CUSTOM_BLOCK_COPY, { name: 'custom block', minimumBody: 4 }],
  [CUSTOM_BLOCK_NO_COPY, { name: 'custom block', minimumBody: 4 }],
  [SYSTEMD_JOURNAL_EXPORT_BLOCK, { name: 'systemd journal export block', minimumBody: MIN_JOURNAL_ENTRY }],
])

interface Interface {
  linkType: number
  snapLength: number
  /** Timestamp units per second: 10^n or 2^n, as if_tsresol says. */
  perSecond: bigint
  /** Digits of the fraction records get: the resolution's own up to nanoseconds, 9 for binary and finer ones. */
  fractionDigits: number
  /** 10^fractionDigits. */
  fractionScale: bigint
  offsetSeconds: bigint
  /**
   * Ticks per second as a number when it is 10^fractionDigits and the offset is a safe integer: then a timestamp
   * below 2^53 ticks is read exactly with numbers (0 otherwise). BigInt arithmetic per packet cost a tenth of a
   * decode.
   */
  decimalPerSecond: number
}

export class PcapngRecords {
  private offset = 0
  private frame = 0
  private littleEndian = true
  private interfaces: Interface[] = []
  /** The block being read, for messages: its number in the file (from 1), type and offset. */
  private block = { number: 0, type: 0, offset: 0 }
  problem: string | null = null

  constructor(private readonly file: FileWindow) {}

  get position(): number {
    return this.offset
  }

  next(): CaptureRecord | null {
    const { file, block } = this
    // Damage ends reading for good, even where the file grows on (a live capture's stream went wrong).
    if (this.problem !== null) return null
    while (this.offset < file.size) {
      block.number++
      block.offset = this.offset
      // Header and trailer are read in place: a view per block and per field cost more than the packet's decode.
      if (!file.ensure(this.offset, 12)) return file.growing ? this.notYet() : this.stop(`the file ends inside the header of block ${block.number} at offset ${block.offset}`)
      // The section header's type reads the same in either byte order; its magic then says which one follows.
      const rawType = file.uint32(this.offset, true)
      block.type = rawType
      if (rawType === SHB) {
        const magic = file.uint32(this.offset + 8, true)
        if (magic !== BYTE_ORDER_MAGIC && magic !== SWAPPED_BYTE_ORDER_MAGIC) return this.stop(`${this.here()} has no byte-order magic (1a2b3c4d in either byte order)`)
        this.littleEndian = magic === BYTE_ORDER_MAGIC
      }
      const le = this.littleEndian
      block.type = le ? rawType : file.uint32(this.offset, false)
      const length = file.uint32(this.offset + 4, le)
      const minimum = 12 + (BLOCK_TYPES.get(block.type)?.minimumBody ?? 0)
      if (length < minimum) return this.stop(`${this.here()} is ${length} bytes long, too short for its fields (at least ${minimum})`)
      if (length % 4 !== 0) return this.stop(`${this.here()} has the length ${length}, not a multiple of 4`)
      if (length > MAX_BLOCK) return this.stop(`${this.here()} claims ${length} bytes, more than the ${MAX_BLOCK}-byte maximum`)
      if (!file.ensure(this.offset, length)) {
        return file.growing ? this.notYet() : this.stop(`the file ends inside ${this.here()} (${length} bytes claimed, ${file.size - this.offset} present)`)
      }
      const trailer = file.uint32(this.offset + length - 4, le)
      if (trailer !== length) return this.stop(`${this.here()} ends with the length ${trailer}, where its header says ${length}`)
      const bodyStart = this.offset + 8, bodyLength = length - 12
      this.offset += length
      if (block.type === SHB) {
        // Wireshark reads versions 1.0 and 1.2 (which some writers put for 1.0) and no other: a later one may lay out
        // its blocks otherwise, so its frames are not guessed at.
        const major = file.uint16(bodyStart + 4, le), minor = file.uint16(bodyStart + 6, le)
        if (major !== 1 || (minor !== 0 && minor !== 2)) return this.stop(`${this.here()} is of pcapng version ${major}.${minor}, which no reader knows (1.0 is pcapng's)`)
        this.interfaces = []
      } else if (block.type === IDB) {
        if (this.interfaces.length === MAX_INTERFACES) return this.stop(`${this.here()} describes more than ${MAX_INTERFACES} interfaces in one section`)
        this.interfaces.push(this.parseInterface(file.bytes(bodyStart, bodyLength)!))
      } else if (block.type === EPB || block.type === OPB || block.type === SPB) {
        return this.parsePacket(block.type, bodyStart, bodyLength)
      } else if (isRecordBlock(block.type)) {
        return this.parseRecordBlock(block.type, bodyStart, bodyLength)
      }
    }
    return null
  }

  /** "interface description block 2 at offset 28": the block being read, as messages name it. */
  private here(): string {
    const { number, type, offset } = this.block
    const name = BLOCK_TYPES.get(type)?.name
    return `${name ? `${name} ${number}` : `block ${number} (type ${type})`} at offset ${offset}`
  }

  private read32(b: Buffer, o: number): number {
    return this.littleEndian ? b.readUInt32LE(o) : b.readUInt32BE(o)
  }

  private read16(b: Buffer, o: number): number {
    return this.littleEndian ? b.readUInt16LE(o) : b.readUInt16BE(o)
  }

  /** The options from `start` on, first of each code; one running past the body ends them (what is left is padding or damage). */
  private options(b: Buffer, start: number): Map<number, Buffer> {
    const found = new Map<number, Buffer>()
    let at = start
    while (at + 4 <= b.length) {
      const code = this.read16(b, at), len = this.read16(b, at + 2)
      if (code === 0 || at + 4 + len > b.length) break
      if (!found.has(code)) found.set(code, b.subarray(at + 4, at + 4 + len))
      at += 4 + ((len + 3) & ~3)
    }
    return found
  }

  /** `body` holds at least the 8 bytes of link type, reserved and snapshot length. */
  private parseInterface(body: Buffer): Interface {
    const options = this.options(body, 8)
    const resolution = options.get(9)?.[0] ?? 6
    const binary = (resolution & 0x80) !== 0
    const exponent = BigInt(resolution & 0x7f)
    const fractionDigits = binary ? 9 : Math.min(resolution, 9)
    const offset = options.get(14)
    const perSecond = binary ? 1n << exponent : 10n ** exponent
    const fractionScale = 10n ** BigInt(fractionDigits)
    const offsetSeconds = offset?.length === 8 ? (this.littleEndian ? offset.readBigInt64LE(0) : offset.readBigInt64BE(0)) : 0n
    const safe = (n: bigint) => n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER)
    return {
      linkType: this.read16(body, 0),
      snapLength: this.read32(body, 4),
      perSecond, fractionDigits, fractionScale, offsetSeconds,
      decimalPerSecond: perSecond === fractionScale && safe(offsetSeconds) ? Number(perSecond) : 0,
    }
  }

  /**
   * The packet of the block whose body is the `length` bytes at file offset `at`, made readable by ensure(): at
   * least the fixed fields of its type (4 bytes for SPB, 20 for EPB and OPB).
   */
  private parsePacket(type: number, at: number, length: number): CaptureRecord | null {
    const { file, littleEndian: le } = this
    const frame = this.frame + 1
    const headerSize = type === SPB ? 4 : 20
    const interfaceId = type === SPB ? 0 : type === OPB ? file.uint16(at, le) : file.uint32(at, le)
    const iface = this.interfaces[interfaceId]
    if (!iface) return this.stop(`${this.here()} names interface ${interfaceId}, which no interface block of its section described`)
    let capturedLength: number, originalLength: number, high = 0, low = 0
    if (type === SPB) {
      originalLength = file.uint32(at, le)
      capturedLength = Math.min(originalLength, length - 4, iface.snapLength || Infinity)
    } else {
      high = file.uint32(at + 4, le)
      low = file.uint32(at + 8, le)
      capturedLength = file.uint32(at + 12, le)
      originalLength = file.uint32(at + 16, le)
    }
    if (capturedLength > MAX_PACKET_BYTES) return this.stop(`${this.here()} claims ${capturedLength} bytes of packet data, more than the ${MAX_PACKET_BYTES}-byte maximum`)
    if (headerSize + capturedLength > length) return this.stop(`${this.here()} claims ${capturedLength} bytes of packet data but holds ${length - headerSize}`)
    const data = file.bytes(at + headerSize, capturedLength)!
    const optionsStart = headerSize + ((capturedLength + 3) & ~3)
    // Options (a comment) are rare: their view is made only when there is room for one.
    const comment = type === SPB || optionsStart + 4 > length ? undefined : this.options(file.bytes(at, length)!, optionsStart).get(1)?.toString('utf8')
    this.frame = frame
    return { frame, interfaceId, linkType: iface.linkType, originalLength, data, comment, ...timestamp(iface, high, low) }
  }

  /**
   * The frame of a custom or journal block (see pcapng-records.ts), its body the `length` bytes at `at`. Beyond
   * MAX_PACKET_BYTES its bytes are cut, as a snapshot length cuts a packet: the frame keeps its place and length.
   */
  private parseRecordBlock(type: number, at: number, length: number): CaptureRecord | null {
    const body = this.file.bytes(at, Math.min(length, MAX_PACKET_BYTES))!
    let data: Uint8Array, stamp = UNTIMED, originalLength = length
    if (type === SYSTEMD_JOURNAL_EXPORT_BLOCK) {
      data = journalEntry(body)
      if (data.length < MIN_JOURNAL_ENTRY) return this.stop(`${this.here()} holds an entry of ${data.length} bytes, too short for one (at least ${MIN_JOURNAL_ENTRY})`)
      if (length <= MAX_PACKET_BYTES) originalLength = data.length
      stamp = journalTime(data)
    } else {
      data = customBlockFrame(body, this.littleEndian)
    }
    this.frame++
    return { frame: this.frame, interfaceId: 0, linkType: recordLinkType(type), originalLength, data, ...stamp }
  }

  /** The block at the end is not all written yet: read it again once the file has grown. */
  private notYet(): null {
    this.block.number--
    return null
  }

  private stop(why: string): null {
    this.problem = `Damaged capture: ${why}; ${this.frame} packet${this.frame === 1 ? ' was' : 's were'} read before it.`
    this.offset = this.file.size
    return null
  }
}

/**
 * Whole seconds (the offset may make them anything: a time no date can show is not damage, it is shown raw with a
 * warning) and an exact integer fraction: ticks finer than nanoseconds are cut to nanoseconds.
 */
function timestamp(iface: Interface, high: number, low: number) {
  const perSecond = iface.decimalPerSecond
  if (perSecond && high < 2 ** 21) {
    const ticks = high * 2 ** 32 + low
    const fraction = ticks % perSecond
    return { timestampSeconds: (ticks - fraction) / perSecond + Number(iface.offsetSeconds), timestampFraction: fraction, fractionDigits: iface.fractionDigits }
  }
  const ticks = (BigInt(high) << 32n) | BigInt(low)
  return {
    timestampSeconds: Number(ticks / iface.perSecond + iface.offsetSeconds),
    timestampFraction: Number(((ticks % iface.perSecond) * iface.fractionScale) / iface.perSecond),
    fractionDigits: iface.fractionDigits,
  }
}
