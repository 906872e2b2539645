// Builds small pcapng files in memory, block by block, for tests of blocks, options, byte order, timestamp
// resolution and damage. Every builder takes the section's byte order.
export const BLOCK = { SHB: 0x0a0d0d0a, IDB: 1, OPB: 2, SPB: 3, NRB: 4, ISB: 5, EPB: 6, JOURNAL: 9, CB_COPY: 0x0bad, CB_NO_COPY: 0x40000bad } as const
export const OPTION = { END: 0, COMMENT: 1, IF_NAME: 2, IF_TSRESOL: 9, IF_TSOFFSET: 14 } as const

function writer(b: Buffer, bigEndian: boolean) {
  return {
    u16: (v: number, o: number) => (bigEndian ? b.writeUInt16BE(v, o) : b.writeUInt16LE(v, o)),
    u32: (v: number, o: number) => (bigEndian ? b.writeUInt32BE(v, o) : b.writeUInt32LE(v, o)),
  }
}

/** A block with its two length fields right, padded body included. */
export function block(type: number, body: Buffer, bigEndian = false): Buffer {
  const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)])
  const out = Buffer.alloc(12 + padded.length)
  const w = writer(out, bigEndian)
  w.u32(type, 0)
  w.u32(out.length, 4)
  padded.copy(out, 8)
  w.u32(out.length, out.length - 4)
  return out
}

/** Options, each padded to 4 bytes, closed by opt_endofopt. */
export function options(list: [code: number, value: Buffer][], bigEndian = false): Buffer {
  const parts = list.map(([code, value]) => {
    const o = Buffer.alloc(4 + ((value.length + 3) & ~3))
    const w = writer(o, bigEndian)
    w.u16(code, 0)
    w.u16(value.length, 2)
    value.copy(o, 4)
    return o
  })
  return list.length ? Buffer.concat([...parts, Buffer.alloc(4)]) : Buffer.alloc(0)
}

export function sectionHeader(bigEndian = false): Buffer {
  const body = Buffer.alloc(16)
  const w = writer(body, bigEndian)
  w.u32(0x1a2b3c4d, 0)
  w.u16(1, 4)
  body.writeBigInt64LE(-1n, 8)
  return block(BLOCK.SHB, body, bigEndian)
}

export interface InterfaceOptions {
  linkType?: number
  snapLength?: number
  /** if_tsresol's byte: 10^-n, or 2^-(n & 0x7f) with the top bit set. */
  tsresol?: number
  /** if_tsoffset: seconds added to every timestamp. */
  tsoffset?: bigint
}

export function interfaceBlock({ linkType = 1, snapLength = 65535, tsresol, tsoffset }: InterfaceOptions = {}, bigEndian = false): Buffer {
  const head = Buffer.alloc(8)
  const w = writer(head, bigEndian)
  w.u16(linkType, 0)
  w.u32(snapLength, 4)
  const list: [number, Buffer][] = []
  if (tsresol !== undefined) list.push([OPTION.IF_TSRESOL, Buffer.from([tsresol])])
  if (tsoffset !== undefined) {
    const value = Buffer.alloc(8)
    if (bigEndian) value.writeBigInt64BE(tsoffset)
    else value.writeBigInt64LE(tsoffset)
    list.push([OPTION.IF_TSOFFSET, value])
  }
  return block(BLOCK.IDB, Buffer.concat([head, options(list, bigEndian)]), bigEndian)
}

/** An enhanced packet block; `ticks` counts the interface's timestamp units. */
export function packetBlock(data: Uint8Array, { ticks = 0n, interfaceId = 0, comment }: { ticks?: bigint; interfaceId?: number; comment?: string } = {}, bigEndian = false): Buffer {
  const head = Buffer.alloc(20)
  const w = writer(head, bigEndian)
  w.u32(interfaceId, 0)
  w.u32(Number(ticks >> 32n), 4)
  w.u32(Number(ticks & 0xffffffffn), 8)
  w.u32(data.length, 12)
  w.u32(data.length, 16)
  const padded = Buffer.concat([Buffer.from(data), Buffer.alloc((4 - (data.length % 4)) % 4)])
  const tail = comment === undefined ? Buffer.alloc(0) : options([[OPTION.COMMENT, Buffer.from(comment)]], bigEndian)
  return block(BLOCK.EPB, Buffer.concat([head, padded, tail]), bigEndian)
}

/** One section, one interface, one enhanced packet block per frame (ticks 1, 2, 3… unless given). */
export function pcapngFile(frames: Uint8Array[], { bigEndian = false, ticks, ...iface }: InterfaceOptions & { bigEndian?: boolean; ticks?: bigint[] } = {}): Buffer {
  return Buffer.concat([
    sectionHeader(bigEndian),
    interfaceBlock(iface, bigEndian),
    ...frames.map((data, i) => packetBlock(data, { ticks: ticks?.[i] ?? BigInt(i + 1) }, bigEndian)),
  ])
}

/** A custom block: the enterprise number in the section's byte order, then the custom data. */
export function customBlock(pen: number, data: Uint8Array, { copy = true, bigEndian = false }: { copy?: boolean; bigEndian?: boolean } = {}): Buffer {
  const head = Buffer.alloc(4)
  writer(head, bigEndian).u32(pen, 0)
  return block(copy ? BLOCK.CB_COPY : BLOCK.CB_NO_COPY, Buffer.concat([head, data]), bigEndian)
}

/** A systemd journal export block: an entry in the journal's export format, padded with NULs. */
export function journalBlock(entry: string, bigEndian = false): Buffer {
  return block(BLOCK.JOURNAL, Buffer.from(entry), bigEndian)
}
