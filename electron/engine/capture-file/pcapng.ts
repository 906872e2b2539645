// pcapng: sections (each with its own byte order), several interfaces with their own link type and timestamp
// resolution, enhanced/simple/obsolete packet blocks and packet comments.
// https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html
import type { FileWindow } from './file-window'
import type { CaptureRecord } from './record'

const SHB = 0x0a0d0d0a, IDB = 1, OPB = 2, SPB = 3, EPB = 6
const BYTE_ORDER_MAGIC = 0x1a2b3c4d
const MAX_BLOCK = 16 * 1024 * 1024

interface Interface {
  linkType: number
  snapLength: number
  /** Timestamp units per second as 10^decimals (binary resolutions are converted to nanoseconds). */
  decimals: number
  binaryExponent: number | null
  offsetSeconds: number
  name?: string
}

export class PcapngRecords {
  private offset = 0
  private frame = 0
  private littleEndian = true
  private interfaces: Interface[] = []
  problem: string | null = null
  readonly interfaceNames: string[] = []

  constructor(private readonly file: FileWindow) {}

  next(): CaptureRecord | null {
    const { file } = this
    while (this.offset < file.size) {
      const head = file.bytes(this.offset, 12)
      if (!head) return this.stop(`the file ends inside a block header at offset ${this.offset}`)
      const rawType = head.readUInt32LE(0)
      if (rawType === SHB) this.littleEndian = head.readUInt32LE(8) === BYTE_ORDER_MAGIC
      const type = this.littleEndian ? rawType : head.readUInt32BE(0)
      const length = this.littleEndian ? head.readUInt32LE(4) : head.readUInt32BE(4)
      if (length < 12 || length % 4 !== 0 || length > MAX_BLOCK) return this.stop(`block at offset ${this.offset} has an invalid length ${length}`)
      const block = file.bytes(this.offset, length)
      if (!block) return this.stop(`the file ends inside a block at offset ${this.offset} (${length} bytes claimed, ${file.size - this.offset} present)`)
      const blockOffset = this.offset
      this.offset += length
      const body = block.subarray(8, length - 4)
      if (type === SHB) {
        this.interfaces = []
        continue
      }
      if (type === IDB) {
        this.interfaces.push(this.parseInterface(body))
        continue
      }
      if (type === EPB || type === OPB || type === SPB) {
        const record = this.parsePacket(type, body, blockOffset)
        if (record) return record
        if (this.problem) return null
      }
    }
    return null
  }

  private read32(b: Buffer, o: number): number {
    return this.littleEndian ? b.readUInt32LE(o) : b.readUInt32BE(o)
  }

  private read16(b: Buffer, o: number): number {
    return this.littleEndian ? b.readUInt16LE(o) : b.readUInt16BE(o)
  }

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

  private parseInterface(body: Buffer): Interface {
    const iface: Interface = { linkType: this.read16(body, 0), snapLength: this.read32(body, 4), decimals: 6, binaryExponent: null, offsetSeconds: 0 }
    const options = this.options(body, 8)
    const resolution = options.get(9)
    if (resolution && resolution.length >= 1) {
      if (resolution[0] & 0x80) iface.binaryExponent = resolution[0] & 0x7f
      else iface.decimals = resolution[0]
    }
    const offset = options.get(14)
    if (offset && offset.length === 8) iface.offsetSeconds = Number(this.littleEndian ? offset.readBigInt64LE(0) : offset.readBigInt64BE(0))
    const name = options.get(2)
    iface.name = name ? name.toString('utf8') : undefined
    this.interfaceNames.push(iface.name ?? `interface ${this.interfaces.length}`)
    return iface
  }

  private parsePacket(type: number, body: Buffer, blockOffset: number): CaptureRecord | null {
    const frame = this.frame + 1
    const headerSize = type === SPB ? 4 : 20
    if (body.length < headerSize) return this.stop(`packet block ${frame} at offset ${blockOffset} is too short`)
    const interfaceId = type === SPB ? 0 : type === OPB ? this.read16(body, 0) : this.read32(body, 0)
    const iface = this.interfaces[interfaceId]
    if (!iface) return this.stop(`packet block ${frame} at offset ${blockOffset} names interface ${interfaceId}, which no interface block described`)
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
    if (headerSize + capturedLength > body.length) return this.stop(`packet block ${frame} at offset ${blockOffset} claims ${capturedLength} bytes of data but holds ${body.length - headerSize}`)
    const data = body.subarray(headerSize, headerSize + capturedLength)
    const comment = type === SPB ? undefined : this.options(body, headerSize + ((capturedLength + 3) & ~3)).get(1)?.toString('utf8')
    this.frame = frame
    return { frame, interfaceId, linkType: iface.linkType, originalLength, data, comment, ...this.timestamp(iface, high, low) }
  }

  private timestamp(iface: Interface, high: number, low: number) {
    const ticks = BigInt(high) * 4294967296n + BigInt(low)
    let perSecond: bigint, digits: number, toFraction: (rest: bigint) => bigint
    if (iface.binaryExponent !== null) {
      perSecond = 1n << BigInt(iface.binaryExponent)
      digits = 9
      toFraction = (rest) => (rest * 1_000_000_000n) / perSecond
    } else {
      perSecond = 10n ** BigInt(iface.decimals)
      digits = iface.decimals
      toFraction = (rest) => rest
    }
    return {
      timestampSeconds: Number(ticks / perSecond) + iface.offsetSeconds,
      timestampFraction: Number(toFraction(ticks % perSecond)),
      fractionDigits: digits,
    }
  }

  private stop(why: string): null {
    this.problem = `Damaged capture: ${why}; ${this.frame} packet${this.frame === 1 ? ' was' : 's were'} read before it.`
    this.offset = this.file.size
    return null
  }
}
