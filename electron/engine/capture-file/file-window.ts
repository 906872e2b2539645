// Reads a file forward in large chunks, so a capture of any size streams through a bounded buffer.
import { closeSync, readSync } from 'node:fs'
import { u16, u16le, u32, u32le } from '../decode/bytes'

/**
 * A read into a fresh buffer faults its pages in, and on some machines (virtual ones) each page costs about 10 µs: a
 * 16 MB read held a load's turn for 60–80 ms. With 4 MB reads the longest turns of a 1M-packet load fell from
 * 88–108 ms to 60–87 ms (the first page's included), and the load took as long, within the runs' spread.
 */
const CHUNK = 4 * 1024 * 1024
/**
 * The first read is this small and each next one four times larger, up to CHUNK: opening a file then reads (and
 * faults in) one megabyte before its first rows show, not four.
 */
const FIRST_CHUNK = 1024 * 1024
/** A transient window's one buffer is refilled in place: a small one stays in the CPU's caches and out of RSS. */
const TRANSIENT_CHUNK = 1024 * 1024

export class FileWindow {
  private buffer = Buffer.alloc(0)
  private spare = Buffer.alloc(0)
  /** File offset of buffer[0]. */
  private bufferStart = 0
  /** Gets each range of the file as it is read for the first time (see teeTo); `teed` is where the next one starts. */
  private tee: ((bytes: Buffer, offset: number) => void) | null = null
  private teed = 0
  private chunk = FIRST_CHUNK

  /**
   * Takes over `fd`, an open regular file of `size` bytes (see openCapture, which checks that).
   * @param transient the caller uses each record before asking for the next and keeps nothing: one buffer is
   * refilled in place, which spares the page faults of fresh memory (the largest cost of a pass over a big file).
   */
  /**
   * The file is still being written (a live capture appends to it): a record cut short at its end is one not yet
   * written, not damage. See follow().
   */
  growing = false

  constructor(private readonly fd: number, public size: number, private readonly transient = false) {}

  /** The file has grown to `size` bytes; `growing`: more may come. */
  follow(size: number, growing: boolean): void {
    this.size = Math.max(this.size, size)
    this.growing = growing
  }

  /**
   * Bytes [offset, offset + length) of the file, or null if the file ends before. Unless transient, each refill
   * reads into a fresh buffer and never writes to an old one, so a returned view stays valid while it is held.
   * Callers bound `length` before asking: it is what gets allocated when it exceeds a chunk.
   */
  bytes(offset: number, length: number): Buffer | null {
    if (!this.ensure(offset, length)) return null
    const start = offset - this.bufferStart
    return this.buffer.subarray(start, start + length)
  }

  /** Makes bytes [offset, offset + length) readable by uint32(); false if the file ends before. */
  ensure(offset: number, length: number): boolean {
    if (offset + length > this.size) return false
    if (offset < this.bufferStart || offset + length > this.bufferStart + this.buffer.length) this.fill(offset, length)
    // A file that shrank after it was opened comes up short: it ends here, as one that was short from the start.
    return offset + length <= this.bufferStart + this.buffer.length
  }

  /** The buffer holding the range last made readable by ensure(), and the file offset of its first byte. */
  get window(): Buffer {
    return this.buffer
  }

  get windowStart(): number {
    return this.bufferStart
  }

  /**
   * A 32-bit field of a range made readable by ensure(), read in place (record headers: no view per record). Read
   * byte by byte: Buffer's readers check their argument's type and bounds, a quarter of a pass over a million
   * records' headers.
   */
  uint32(offset: number, littleEndian: boolean): number {
    const at = offset - this.bufferStart
    return littleEndian ? u32le(this.buffer, at) : u32(this.buffer, at)
  }

  /** A 16-bit field, as uint32(). */
  uint16(offset: number, littleEndian: boolean): number {
    const at = offset - this.bufferStart
    return littleEndian ? u16le(this.buffer, at) : u16(this.buffer, at)
  }

  /**
   * Hands every byte read from now on, and the bytes of the window read so far, to `sink` once each, in file order:
   * a copy of the file is made from the reads of the reader, without reading it twice. The readers read forward
   * from offset 0, so the ranges follow one another. Not for transient windows, whose buffer is refilled in place.
   */
  teeTo(sink: (bytes: Buffer, offset: number) => void): void {
    if (this.transient) throw new Error('a transient window reuses its buffer: it cannot hand its bytes on')
    if (this.bufferStart !== 0) throw new Error('bytes are handed on from the start of the file: tee before reading on')
    this.tee = sink
    this.teed = 0
    this.handOn()
  }

  private handOn(): void {
    const end = this.bufferStart + this.buffer.length
    if (!this.tee || end <= this.teed) return
    const from = Math.max(this.teed, this.bufferStart)
    this.tee(this.buffer.subarray(from - this.bufferStart), from)
    this.teed = end
  }

  private fill(offset: number, length: number): void {
    const want = Math.min(Math.max(this.transient ? TRANSIENT_CHUNK : this.chunk, length), this.size - offset)
    this.chunk = Math.min(CHUNK, this.chunk * 4)
    const next = this.transient && this.spare.length >= want ? this.spare : Buffer.allocUnsafeSlow(want)
    if (this.transient) this.spare = next
    let got = 0
    while (got < want) {
      const n = readSync(this.fd, next, got, want - got, offset + got)
      if (n === 0) break
      got += n
    }
    this.buffer = next.subarray(0, got)
    this.bufferStart = offset
    this.handOn()
  }

  private closed = false

  close(): void {
    if (this.closed) return
    this.closed = true
    closeSync(this.fd)
  }
}
