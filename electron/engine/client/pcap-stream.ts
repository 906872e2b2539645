// Splits the capture helper's stdout (a classic pcap stream: host byte order, microseconds) into packets as chunks
// arrive. Every record length is bounded by the stream's snapshot length.
const GLOBAL_HEADER = 24
const RECORD_HEADER = 16
const MAGIC = 0xa1b2c3d4

export interface StreamPacket {
  /** Milliseconds since the epoch, to the microsecond. */
  timeMs: number
  data: Uint8Array
}

export class PcapStreamSplitter {
  private pending: Buffer = Buffer.alloc(0)
  private littleEndian: boolean | null = null
  private snaplen = 0
  linkType = -1

  /** The packets now complete; throws when the stream is not pcap or a record is longer than it may be. */
  push(chunk: Buffer): StreamPacket[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk
    if (this.littleEndian === null) {
      if (this.pending.length < GLOBAL_HEADER) return []
      this.littleEndian = this.pending.readUInt32LE(0) === MAGIC
      if (!this.littleEndian && this.pending.readUInt32BE(0) !== MAGIC) throw new Error('the capture helper\'s output is not a pcap stream')
      this.snaplen = this.u32(16)
      this.linkType = this.u32(20)
      this.pending = this.pending.subarray(GLOBAL_HEADER)
    }
    const packets: StreamPacket[] = []
    while (this.pending.length >= RECORD_HEADER) {
      const length = this.u32(8)
      if (length > this.snaplen) throw new Error(`the capture helper sent a record of ${length} bytes, beyond its snapshot length ${this.snaplen}`)
      if (this.pending.length < RECORD_HEADER + length) break
      packets.push({ timeMs: this.u32(0) * 1000 + this.u32(4) / 1000, data: Uint8Array.from(this.pending.subarray(RECORD_HEADER, RECORD_HEADER + length)) })
      this.pending = this.pending.subarray(RECORD_HEADER + length)
    }
    return packets
  }

  /** True once the global header has come: the helper has opened the interface and is capturing. */
  get started(): boolean {
    return this.littleEndian !== null
  }

  private u32(at: number): number {
    return this.littleEndian ? this.pending.readUInt32LE(at) : this.pending.readUInt32BE(at)
  }
}
