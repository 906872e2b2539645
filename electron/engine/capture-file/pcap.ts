// Classic libpcap files: microsecond or nanosecond timestamps, either byte order.
// https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html
import type { FileWindow } from './file-window'
import { MAX_PACKET_BYTES, type CaptureRecord } from './record'

export interface PcapHeader {
  littleEndian: boolean
  nanoseconds: boolean
  linkType: number
}

/** The link-type field's upper bits carry FCS information; the link type itself is the low 16 bits. */
export function parsePcapHeader(header: Buffer): PcapHeader {
  const le = header.readUInt32LE(0)
  const littleEndian = le === 0xa1b2c3d4 || le === 0xa1b23c4d
  const magic = littleEndian ? le : header.readUInt32BE(0)
  const read32 = (o: number) => (littleEndian ? header.readUInt32LE(o) : header.readUInt32BE(o))
  return { littleEndian, nanoseconds: magic === 0xa1b23c4d, linkType: read32(20) & 0xffff }
}

export const PCAP_HEADER_LENGTH = 24

export class PcapRecords {
  private frame = 0
  problem: string | null = null
  /** Reading stops at this offset, when set: the end of a part read on its own (see index/split-index.ts). */
  end: number | null = null

  /** @param offset where the first record starts: after the file header, or a record boundary further on. */
  constructor(private readonly file: FileWindow, private readonly header: PcapHeader, private offset = PCAP_HEADER_LENGTH) {}

  /** The current record's fields, after nextInPlace(); its bytes are at [dataStart, dataEnd) of `buffer`. */
  readonly current = { seconds: 0, fraction: 0, capturedLength: 0, originalLength: 0, dataStart: 0, dataEnd: 0, buffer: Buffer.alloc(0) as Buffer }

  /**
   * Moves to the next record without making an object for it: for passes over large files that keep nothing
   * (the buffer is reused by the next call). False at the end or where damage stopped reading.
   */
  nextInPlace(): boolean {
    const { file, header, current } = this
    // Damage ends reading for good, even where the file grows on (a live capture's stream went wrong).
    if (this.problem !== null || this.offset >= (this.end ?? file.size)) return false
    const frame = this.frame + 1
    if (!file.ensure(this.offset, 16)) return file.growing ? false : this.stop(`the file ends inside the header of record ${frame} at offset ${this.offset}`)
    const le = header.littleEndian
    const capturedLength = file.uint32(this.offset + 8, le)
    if (capturedLength > MAX_PACKET_BYTES) return this.stop(`record ${frame} at offset ${this.offset} claims ${capturedLength} bytes, more than the ${MAX_PACKET_BYTES}-byte maximum`)
    current.seconds = file.uint32(this.offset, le)
    current.fraction = file.uint32(this.offset + 4, le)
    current.originalLength = file.uint32(this.offset + 12, le)
    current.capturedLength = capturedLength
    if (!file.ensure(this.offset + 16, capturedLength)) {
      if (file.growing) return false
      return this.stop(`the file ends inside record ${frame} at offset ${this.offset} (${capturedLength} bytes claimed, ${Math.max(0, file.size - this.offset - 16)} present)`)
    }
    current.buffer = file.window
    current.dataStart = this.offset + 16 - file.windowStart
    current.dataEnd = current.dataStart + capturedLength
    this.offset += 16 + capturedLength
    this.frame = frame
    return true
  }

  get position(): number {
    return this.offset
  }

  /** Goes on at `offset`, the end of record `frames`, where another reader of the same file got to (split-index.ts). */
  resumeAt(offset: number, frames: number): void {
    this.offset = offset
    this.frame = frames
  }

  next(): CaptureRecord | null {
    if (!this.nextInPlace()) return null
    const { current, header } = this
    return {
      frame: this.frame, timestampSeconds: current.seconds, timestampFraction: current.fraction, fractionDigits: header.nanoseconds ? 9 : 6,
      originalLength: current.originalLength, linkType: header.linkType, interfaceId: 0, data: current.buffer.subarray(current.dataStart, current.dataEnd),
    }
  }

  /** Records why reading stopped; false, for nextInPlace to return. */
  private stop(why: string): false {
    this.problem = `Damaged capture: ${why}; ${this.frame} packet${this.frame === 1 ? ' was' : 's were'} read before it.`
    this.offset = this.file.size
    return false
  }
}
