// pcapng: sections (each with its own byte order), several interfaces with their own link type and timestamp
// resolution, enhanced/simple/obsolete packet blocks and packet comments. A block's length is checked against
// the file and MAX_BLOCK before it is read, and its body against the fixed fields its type needs before they are.
// https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html
import type { FileWindow } from './file-window'
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
      const head = file.bytes(this.offset, 12)
      if (!head && file.growing) return this.notYet()
      if (!head) return this.stop(`the file ends inside the header of block ${block.number} at offset ${block.offset}`)
      // The section header's type reads the same in either byte order; its magic then says which one follows.
      const rawType = head.readUInt32LE(0)
      block.type = rawType
      if (rawType === SHB) {
        const magic = head.readUInt32LE(8)
        if (magic !== BYTE_ORDER_MAGIC && magic !== SWAPPED_BYTE_ORDER_MAGIC) return this.stop(`${this.here()} has no byte-order magic (1a2b3c4d in either byte order)`)
        this.littleEndian = magic === BYTE_ORDER_MAGIC
      }
      block.type = this.littleEndian ? rawType : head.readUInt32BE(0)
      const length = this.read32(head, 4)
      const minimum = 12 + (BLOCK_TYPES.get(block.type)?.minimumBody ?? 0)
      if (length < minimum) return this.stop(`${this.here()} is ${length} bytes long, too short for its fields (at least ${minimum})`)
      if (length % 4 !== 0) return this.stop(`${this.here()} has the length ${length}, not a multiple of 4`)
      if (length > MAX_BLOCK) return this.stop(`${this.here()} claims ${length} bytes, more than the ${MAX_BLOCK}-byte maximum`)
      const bytes = file.bytes(this.offset, length)
      if (!bytes && file.growing) return this.notYet()
      if (!bytes) return this.stop(`the file ends inside ${this.here()} (${length} bytes claimed, ${file.size - this.offset} present)`)
      const trailer = this.read32(bytes, length - 4)
      if (trailer !== length) return this.stop(`${this.here()} ends with the length ${trailer}, where its header says ${length}`)
      this.offset += length
      const body = bytes.subarray(8, length - 4)
      if (block.type === SHB) {
        this.interfaces = []
      } else if (block.type === IDB) {
        if (this.interfaces.length === MAX_INTERFACES) return this.stop(`${this.here()} describes more than ${MAX_INTERFACES} interfaces in one section`)
        this.interfaces.push(this.parseInterface(body))
      } else if (block.type === EPB || block.type === OPB || block.type === SPB) {
        return this.parsePacket(block.type, body)
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
    return {
      linkType: this.read16(body, 0),
      snapLength: this.read32(body, 4),
      perSecond: binary ? 1n << exponent : 10n ** exponent,
      fractionDigits,
      fractionScale: 10n ** BigInt(fractionDigits),
      offsetSeconds: offset?.length === 8 ? (this.littleEndian ? offset.readBigInt64LE(0) : offset.readBigInt64BE(0)) : 0n,
    }
  }

  /** `body` holds at least the fixed fields of its type (4 bytes for SPB, 20 for EPB and OPB). */
  private parsePacket(type: number, body: Buffer): CaptureRecord | null {
    const frame = this.frame + 1
    const headerSize = type === SPB ? 4 : 20
    const interfaceId = type === SPB ? 0 : type === OPB ? this.read16(body, 0) : this.read32(body, 0)
    const iface = this.interfaces[interfaceId]
    if (!iface) return this.stop(`${this.here()} names interface ${interfaceId}, which no interface block of its section described`)
    let capturedLength: number, originalLength: number, high = 0, low = 0
    if (type === SPB) {
      originalLength = this.read32(body, 0)
      capturedLength = Math.min(originalLength, body.length - 4, iface.snapLength || Infinity)
    } else {
      high = this.read32(body, 4)
      low = this.read32(body, 8)
      capturedLength = this.read32(body, 12)
      originalLength = this.read32(body, 16)
    }
    if (capturedLength > MAX_PACKET_BYTES) return this.stop(`${this.here()} claims ${capturedLength} bytes of packet data, more than the ${MAX_PACKET_BYTES}-byte maximum`)
    if (headerSize + capturedLength > body.length) return this.stop(`${this.here()} claims ${capturedLength} bytes of packet data but holds ${body.length - headerSize}`)
    const data = body.subarray(headerSize, headerSize + capturedLength)
    const comment = type === SPB ? undefined : this.options(body, headerSize + ((capturedLength + 3) & ~3)).get(1)?.toString('utf8')
    this.frame = frame
    return { frame, interfaceId, linkType: iface.linkType, originalLength, data, comment, ...timestamp(iface, high, low) }
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
  const ticks = (BigInt(high) << 32n) | BigInt(low)
  return {
    timestampSeconds: Number(ticks / iface.perSecond + iface.offsetSeconds),
    timestampFraction: Number(((ticks % iface.perSecond) * iface.fractionScale) / iface.perSecond),
    fractionDigits: iface.fractionDigits,
  }
}
