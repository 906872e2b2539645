// Builds small classic pcap files in memory, for tests of byte order, precision and damage.
export function pcapFile(frames: Uint8Array[], options: { bigEndian?: boolean; nanoseconds?: boolean; linkType?: number } = {}): Buffer {
  const le = !options.bigEndian
  const header = Buffer.alloc(24)
  const w32 = (b: Buffer, v: number, o: number) => (le ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o))
  const w16 = (b: Buffer, v: number, o: number) => (le ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o))
  w32(header, options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, 0)
  w16(header, 2, 4)
  w16(header, 4, 6)
  w32(header, 65535, 16)
  w32(header, options.linkType ?? 1, 20)
  const records = frames.map((data, i) => {
    const h = Buffer.alloc(16)
    w32(h, 1700000000 + i, 0)
    w32(h, 123456, 4)
    w32(h, data.length, 8)
    w32(h, data.length, 12)
    return Buffer.concat([h, data])
  })
  return Buffer.concat([header, ...records])
}
