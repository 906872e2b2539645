// Writes packets back to pcap or pcapng with their original bytes, lengths and timestamps. pcapng also keeps
// each packet's interface (one interface block per original interface and link type) and its comment, and says
// in the section header which application wrote it and from what. The frames of blocks that are not packets
// (pcapng-records.ts) go back as the blocks they were, as Wireshark writes them: custom blocks a rewriter may not
// copy are left out, and a pcap file, which has no such blocks, takes none.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs'
import { BLOCK_RECORD, isBlockRecord, linkTypeNames } from '../decode/link-types'
import { CUSTOM_BLOCK_COPY, SYSTEMD_JOURNAL_EXPORT_BLOCK } from './pcapng-records'
import { isoTimestamp, type CaptureRecord } from './record'

export type WritableFormat = 'pcap' | 'pcapng'

const SNAP_LENGTH = 262144
const BUFFER = 1 << 20

/** Where a writer's bytes go: a new file, or a function handed each large chunk (a stream into a zip). */
export type CaptureTarget = string | ((chunk: Buffer) => void)

/** Gathers output into large writes. */
class Output {
  private chunks: Buffer[] = []
  private size = 0
  private readonly fd: number | null

  constructor(private readonly target: CaptureTarget) {
    this.fd = typeof target === 'string' ? openSync(target, 'w') : null
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.size += chunk.length
    if (this.size >= BUFFER) this.flush()
  }

  flush(): void {
    if (this.size > 0) {
      const bytes = Buffer.concat(this.chunks, this.size)
      if (this.fd === null) (this.target as (chunk: Buffer) => void)(bytes)
      else writeSync(this.fd, bytes)
    }
    this.chunks = []
    this.size = 0
  }

  close(): void {
    this.flush()
    if (this.fd !== null) closeSync(this.fd)
  }
}

export interface WriteOptions {
  /** Timestamp digits to write: 9 when any packet has nanoseconds (so no precision is lost), else 6. */
  digits: 6 | 9
  /** pcapng only: a comment for the section, e.g. where the packets came from. */
  comment?: string
  /** pcapng only: the name of each original interface (by interface id), for its interface block (if_name). */
  interfaceNames?: readonly string[]
}

/** The fraction of a second in units of 10^-digits. */
function fraction(record: CaptureRecord, digits: number): number {
  const shift = digits - record.fractionDigits
  return shift >= 0 ? record.timestampFraction * 10 ** shift : Math.floor(record.timestampFraction / 10 ** -shift)
}

const isUint32 = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff

/** The time in pcapng's units (10^-digits s since 1970), or null where they cannot count it: 64 bits, unsigned. */
function pcapngTicks(record: CaptureRecord, perSecond: bigint, digits: number): bigint | null {
  const part = fraction(record, digits)
  if (!Number.isInteger(record.timestampSeconds) || !Number.isInteger(part)) return null
  const ticks = BigInt(record.timestampSeconds) * perSecond + BigInt(part)
  return ticks >= 0n && ticks < 1n << 64n ? ticks : null
}

/**
 * Streams the records to a new file; returns how many were written. Throws with a sentence (and leaves no
 * partial file) when the packets cannot go into this format.
 */
export function writeCapture(path: string, format: WritableFormat, records: Iterable<CaptureRecord>, options: WriteOptions): number {
  const writer = new CaptureWriter(path, format, options)
  try {
    for (const record of records) writer.add(record)
    return writer.close()
  } catch (error) {
    writer.discard()
    throw error
  }
}

/** Writes records to a new file one at a time, so a caller can write in turns (see session/capture-save.ts). */
export class CaptureWriter {
  private readonly out: Output
  private written = 0
  /** pcap: the file's one link type, once the first record set it. */
  private linkType: number | null = null
  /** pcapng: one interface block per (original interface, link type): packets keep which interface they came from. */
  private readonly interfaces = new Map<string, number>()
  private readonly perSecond: bigint

  constructor(private readonly target: CaptureTarget, private readonly format: WritableFormat, private readonly options: WriteOptions) {
    this.out = new Output(target)
    this.perSecond = 10n ** BigInt(options.digits)
    if (format === 'pcapng') this.out.push(sectionHeader(options.comment))
  }

  /** Throws with a sentence when the record cannot go into this format. */
  add(record: CaptureRecord): void {
    if (isBlockRecord(record.linkType)) {
      if (this.format === 'pcap') {
        throw new Error(`Frame ${record.frame} is a ${linkTypeNames[record.linkType]}, which a pcap file cannot hold; save as pcapng, or save only the packets a display filter such as "dhcp || dhcpv6" keeps.`)
      }
      if (record.linkType === BLOCK_RECORD.CUSTOM_NO_COPY) return
      this.out.push(block(record.linkType === BLOCK_RECORD.SYSTEMD_JOURNAL ? SYSTEMD_JOURNAL_EXPORT_BLOCK : CUSTOM_BLOCK_COPY, [padded(record.data)]))
    } else if (this.format === 'pcap') {
      this.addPcap(record)
    } else {
      this.addPcapng(record)
    }
    this.written++
  }

  /** Ends the file; returns how many records it holds. */
  close(): number {
    if (this.format === 'pcap' && this.linkType === null) this.out.push(pcapHeader(this.options.digits, 1))
    this.out.close()
    return this.written
  }

  /** Closes and removes the file (a failed or stopped save leaves nothing behind). */
  discard(): void {
    this.out.close()
    if (typeof this.target === 'string') rmSync(this.target, { force: true })
  }

  private addPcap(r: CaptureRecord): void {
    const { digits } = this.options
    if (this.linkType === null) {
      this.linkType = r.linkType
      this.out.push(pcapHeader(digits, r.linkType))
    } else if (r.linkType !== this.linkType) {
      throw new Error(`Packet ${r.frame} has link type ${r.linkType}, the ones before it ${this.linkType}; a pcap file holds one link type, so save as pcapng instead.`)
    }
    const part = fraction(r, digits)
    if (!isUint32(r.timestampSeconds) || !isUint32(part)) {
      throw new Error(`Packet ${r.frame}'s timestamp (${isoTimestamp(r)}) does not fit a pcap file (whole seconds from 1970 to 2106, in 32 bits); save it as pcapng instead.`)
    }
    const head = Buffer.alloc(16)
    head.writeUInt32LE(r.timestampSeconds, 0)
    head.writeUInt32LE(part, 4)
    head.writeUInt32LE(r.data.length, 8)
    head.writeUInt32LE(r.originalLength, 12)
    this.out.push(head)
    this.out.push(Buffer.from(r.data.buffer, r.data.byteOffset, r.data.length))
  }

  private addPcapng(r: CaptureRecord): void {
    const { digits, interfaceNames } = this.options
    const key = `${r.interfaceId}/${r.linkType}`
    let id = this.interfaces.get(key)
    if (id === undefined) {
      id = this.interfaces.size
      this.interfaces.set(key, id)
      const idb = Buffer.alloc(8)
      idb.writeUInt16LE(r.linkType, 0)
      idb.writeUInt32LE(SNAP_LENGTH, 4)
      const name = interfaceNames?.[r.interfaceId]
      this.out.push(block(1, [idb, ...(name ? [option(2, Buffer.from(name))] : []), option(9, Buffer.from([digits])), END_OF_OPTIONS]))
    }
    const ticks = pcapngTicks(r, this.perSecond, digits)
    if (ticks === null) throw new Error(`Packet ${r.frame}'s timestamp (${isoTimestamp(r)}) does not fit a pcapng file (64 bits of ${digits === 9 ? 'nanoseconds' : 'microseconds'} since 1970).`)
    const epb = Buffer.alloc(20)
    epb.writeUInt32LE(id, 0)
    epb.writeUInt32LE(Number(ticks >> 32n), 4)
    epb.writeUInt32LE(Number(ticks & 0xffffffffn), 8)
    epb.writeUInt32LE(r.data.length, 12)
    epb.writeUInt32LE(r.originalLength, 16)
    const options = r.comment ? [option(1, Buffer.from(r.comment)), END_OF_OPTIONS] : []
    this.out.push(block(6, [epb, padded(r.data), ...options]))
  }
}

function pcapHeader(digits: number, linkType: number): Buffer {
  const header = Buffer.alloc(24)
  header.writeUInt32LE(digits === 9 ? 0xa1b23c4d : 0xa1b2c3d4, 0)
  header.writeUInt16LE(2, 4)
  header.writeUInt16LE(4, 6)
  header.writeUInt32LE(SNAP_LENGTH, 16)
  header.writeUInt32LE(linkType, 20)
  return header
}

/** Bytes with zeros after them to a multiple of 4, as pcapng's blocks and options hold them. */
function padded(bytes: Uint8Array, before = 0): Buffer {
  const out = Buffer.alloc(before + ((bytes.length + 3) & ~3))
  out.set(bytes, before)
  return out
}

function option(code: number, value: Buffer): Buffer {
  const out = padded(value, 4)
  out.writeUInt16LE(code, 0)
  out.writeUInt16LE(value.length, 2)
  return out
}

const END_OF_OPTIONS = Buffer.alloc(4)

function block(type: number, body: Buffer[]): Buffer {
  const length = 12 + body.reduce((n, b) => n + b.length, 0)
  const head = Buffer.alloc(8)
  head.writeUInt32LE(type, 0)
  head.writeUInt32LE(length, 4)
  const tail = Buffer.alloc(4)
  tail.writeUInt32LE(length, 0)
  return Buffer.concat([head, ...body, tail], length)
}

function sectionHeader(comment: string | undefined): Buffer {
  const shb = Buffer.alloc(16)
  shb.writeUInt32LE(0x1a2b3c4d, 0)
  shb.writeUInt16LE(1, 4)
  shb.writeBigInt64LE(-1n, 8)
  const shbOptions = [option(4, Buffer.from('DHCP Field Kit')), ...(comment ? [option(1, Buffer.from(comment))] : []), END_OF_OPTIONS]
  return block(0x0a0d0d0a, [shb, ...shbOptions])
}
