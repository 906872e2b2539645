// Raw frames of a capture, packed into large slabs: a million small Uint8Arrays would cost more in object
// headers than in bytes. Frames that already sit in a large read buffer (the file reader's chunks) are
// adopted in place rather than copied, while the chunks adopted so far are mostly frames; others are copied
// into slabs of our own. A frame is addressed by one number: slab index × 2^32 + offset in the slab.
const SLAB_SIZE = 16 * 1024 * 1024
/** Slabs start this small and grow with the bytes copied so far: most captures copy few frames, or none. */
const FIRST_SLAB_SIZE = 64 * 1024
/** A frame's backing buffer at least this large is a shared read chunk worth adopting. */
const ADOPT_MIN = 1024 * 1024
const STRIDE = 2 ** 32
/**
 * Adopted chunks may hold at most this many bytes per frame byte stored. A capture's file is mostly frames; a
 * file whose packets sit far apart (a hostile one: one packet per read chunk) is copied instead, so memory
 * follows the frames, not the file.
 */
const ADOPTED_PER_FRAME_BYTE = 2

export class PacketArena {
  private readonly slabs: Uint8Array[] = []
  private current = new Uint8Array(0)
  private used = 0
  private adopted: ArrayBufferLike | null = null
  private adoptedIndex = -1
  private adoptedBytes = 0
  private frameBytes = 0
  private copiedBytes = 0

  /** Stores the frame at [start, end) of `b` (all of it by default); returns its reference. */
  add(b: Uint8Array, start = 0, end = b.length): number {
    const length = end - start
    const at = b.byteOffset + start
    this.frameBytes += length
    if (b.buffer === this.adopted) return this.adoptedIndex * STRIDE + at
    if (b.buffer.byteLength >= ADOPT_MIN && this.adoptedBytes <= ADOPTED_PER_FRAME_BYTE * this.frameBytes) {
      this.adopted = b.buffer
      this.adoptedBytes += b.buffer.byteLength
      this.slabs.push(new Uint8Array(b.buffer))
      this.adoptedIndex = this.slabs.length - 1
      return this.adoptedIndex * STRIDE + at
    }
    if (this.used + length > this.current.length) {
      this.current = new Uint8Array(Math.max(length, Math.min(SLAB_SIZE, Math.max(FIRST_SLAB_SIZE, this.copiedBytes))))
      this.slabs.push(this.current)
      this.used = 0
    }
    const ref = (this.slabs.length - 1) * STRIDE + this.used
    this.current.set(b.subarray(start, end), this.used)
    this.used += length
    this.copiedBytes += length
    return ref
  }

  slab(ref: number): Uint8Array {
    return this.slabs[Math.floor(ref / STRIDE)]
  }

  offset(ref: number): number {
    return ref % STRIDE
  }

  /** Bytes held: the slabs, adopted read chunks included. */
  get byteLength(): number {
    let total = 0
    for (const slab of this.slabs) total += slab.byteLength
    return total
  }

  bytes(ref: number, length: number): Uint8Array {
    const at = this.offset(ref)
    return this.slab(ref).subarray(at, at + length)
  }
}
