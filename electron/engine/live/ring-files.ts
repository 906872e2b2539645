// A ring buffer of capture files, as dumpcap's -b filesize:N -b files:M: the pcap stream is written into a file until
// it holds N megabytes, then into the next one (which starts with the stream's file header again), and only the last
// M files are kept. Files are cut between records: the record headers are followed as the bytes pass, so a part is
// always a whole capture that any tool reads. Only classic pcap streams are cut (the helper's and tcpdump's); a
// pcapng stream (dumpcap) would need its section and interface blocks repeated, and is refused with the fix.
import { closeSync, openSync, writeSync } from 'node:fs'
import { PRIVATE_FILE_MODE } from '../files/private-dir'
import { MAX_PACKET_BYTES } from '../capture-file/record'

const PCAP_HEADER = 24
const RECORD_HEADER = 16
const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xa1b23c4d])

export interface RingLimits {
  /** Parts kept (the oldest goes when one more begins). */
  files: number
  /** Megabytes a part holds before the next begins. */
  megabytes: number
}

export interface RingPart {
  path: string
  /** 1 for the first part. */
  number: number
  /** Bytes written to it so far (all of them, once done). */
  bytes: number
}

export interface RingEvents {
  /** A new part begins: the caller names its (new) file and records it. */
  newPart(number: number): string
  /** A part is complete: no byte will be written to it again. */
  partDone(part: RingPart): void
  /** A part fell out of the ring: the caller removes it (file and record). */
  partDropped(part: RingPart): void
}

export class RingFiles {
  private header = Buffer.alloc(0)
  private littleEndian = true
  private fd = -1
  private current: RingPart | null = null
  private readonly parts: RingPart[] = []
  /** Bytes of the record being passed that are still to come (0 between records and within a record header). */
  private recordLeft = 0
  private readonly pendingHeader = Buffer.alloc(RECORD_HEADER)
  private pendingHeaderBytes = 0
  /** Records are followed and parts cut: a ring was asked for and the stream is classic pcap, undamaged so far. */
  private cutting = false
  /** Why a ring was asked for and the stream is not cut (pcapng, a damaged record header); it goes on in one part. */
  problem: string | null = null

  /** @param limits null: one part, never cut (a capture without a ring buffer). */
  constructor(private readonly limits: RingLimits | null, private readonly events: RingEvents) {}

  /** The part being written, once the stream's header is in. */
  get part(): RingPart | null {
    return this.current
  }

  write(chunk: Uint8Array): void {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.header.length < PCAP_HEADER) {
      const take = Math.min(PCAP_HEADER - this.header.length, bytes.length)
      this.header = Buffer.concat([this.header, bytes.subarray(0, take)])
      bytes = bytes.subarray(take)
      if (this.header.length < PCAP_HEADER) return
      if (this.limits) this.checkHeader()
      this.begin()
    }
    while (bytes.length > 0) {
      if (!this.cutting) {
        this.append(bytes)
        return
      }
      if (this.recordLeft === 0 && this.pendingHeaderBytes === 0 && this.current!.bytes - PCAP_HEADER >= this.limits!.megabytes * 1e6) this.rotate()
      let step: number
      if (this.recordLeft > 0) {
        step = Math.min(this.recordLeft, bytes.length)
        this.recordLeft -= step
      } else {
        step = this.takeHeader(bytes)
      }
      this.append(bytes.subarray(0, step))
      bytes = bytes.subarray(step)
    }
  }

  /** Ends the current part; a record cut short stays as it is (the reader reports it). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = -1
    if (this.current) this.events.partDone(this.current)
    this.current = null
  }

  private checkHeader(): void {
    this.littleEndian = PCAP_MAGICS.has(this.header.readUInt32LE(0))
    this.cutting = this.littleEndian || PCAP_MAGICS.has(this.header.readUInt32BE(0))
    if (!this.cutting) this.problem = 'The capturing side writes pcapng, which a ring buffer does not cut; use the capture helper or tcpdump for a ring buffer. The capture goes on in one file.'
  }

  /** Takes record header bytes; returns how many of `bytes` it took. A whole header sets the record's length. */
  private takeHeader(bytes: Buffer): number {
    const take = Math.min(RECORD_HEADER - this.pendingHeaderBytes, bytes.length)
    bytes.copy(this.pendingHeader, this.pendingHeaderBytes, 0, take)
    this.pendingHeaderBytes += take
    if (this.pendingHeaderBytes === RECORD_HEADER) {
      this.pendingHeaderBytes = 0
      const captured = this.littleEndian ? this.pendingHeader.readUInt32LE(8) : this.pendingHeader.readUInt32BE(8)
      if (captured > MAX_PACKET_BYTES) {
        this.cutting = false
        this.problem = `A record claims ${captured} bytes, more than the ${MAX_PACKET_BYTES}-byte maximum: the stream is damaged, and is no longer cut into parts.`
      }
      this.recordLeft = captured
    }
    return take
  }

  private append(bytes: Buffer): void {
    writeSync(this.fd, bytes)
    this.current!.bytes += bytes.length
  }

  private begin(): void {
    const number = (this.parts.at(-1)?.number ?? 0) + 1
    const path = this.events.newPart(number)
    this.fd = openSync(path, 'wx', PRIVATE_FILE_MODE)
    this.current = { path, number, bytes: 0 }
    this.parts.push(this.current)
    this.append(this.header)
    while (this.limits && this.parts.length > this.limits.files) this.events.partDropped(this.parts.shift()!)
  }

  private rotate(): void {
    this.close()
    this.begin()
  }
}
