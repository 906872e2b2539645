// Builds small classic pcap files in memory, for tests of byte order, precision and damage.
export interface PcapOptions {
  bigEndian?: boolean
  nanoseconds?: boolean
  linkType?: number
  snapLength?: number
}

export function pcapHeader(options: PcapOptions = {}): Buffer {
  const le = !options.bigEndian
  const header = Buffer.alloc(24)
  const w32 = (v: number, o: number) => (le ? header.writeUInt32LE(v, o) : header.writeUInt32BE(v, o))
  const w16 = (v: number, o: number) => (le ? header.writeUInt16LE(v, o) : header.writeUInt16BE(v, o))
  w32(options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, 0)
  w16(2, 4)
  w16(4, 6)
  w32(options.snapLength ?? 65535, 16)
  w32(options.linkType ?? 1, 20)
  return header
}

/** A record header as written, whatever its fields say (they may lie about the data that follows). */
export function pcapRecordHeader(fields: { seconds: number; fraction: number; capturedLength: number; originalLength: number }, bigEndian = false): Buffer {
  const h = Buffer.alloc(16)
  const w32 = (v: number, o: number) => (bigEndian ? h.writeUInt32BE(v, o) : h.writeUInt32LE(v, o))
  w32(fields.seconds, 0)
  w32(fields.fraction, 4)
  w32(fields.capturedLength, 8)
  w32(fields.originalLength, 12)
  return h
}

export function pcapFile(frames: Uint8Array[], options: PcapOptions = {}): Buffer {
  const records = frames.map((data, i) => Buffer.concat([
    pcapRecordHeader({ seconds: 1700000000 + i, fraction: 123456, capturedLength: data.length, originalLength: data.length }, options.bigEndian),
    data,
  ]))
  return Buffer.concat([pcapHeader(options), ...records])
}
