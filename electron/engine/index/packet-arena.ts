// Raw frames of a capture, packed into large slabs: a million small Uint8Arrays would cost more in object
// headers than in bytes. Frames that already sit in a large read buffer (the file reader's chunks) are
// adopted in place rather than copied; others are copied into slabs of our own. A frame is addressed by one
// number: slab index × 2^32 + offset in the slab.
const SLAB_SIZE = 16 * 1024 * 1024
/** A frame's backing buffer at least this large is a shared read chunk worth adopting. */
const ADOPT_MIN = 1024 * 1024
const STRIDE = 2 ** 32

export class PacketArena {
  private readonly slabs: Uint8Array[] = []
  private current = new Uint8Array(0)
  private used = 0
  private adopted: ArrayBufferLike | null = null
  private adoptedIndex = -1

  /** Stores a frame; returns its reference. */
  add(data: Uint8Array): number {
    if (data.buffer === this.adopted) return this.adoptedIndex * STRIDE + data.byteOffset
    if (data.buffer.byteLength >= ADOPT_MIN) {
      this.adopted = data.buffer
      this.slabs.push(new Uint8Array(data.buffer))
      this.adoptedIndex = this.slabs.length - 1
      return this.adoptedIndex * STRIDE + data.byteOffset
    }
    if (this.used + data.length > this.current.length) {
      this.current = new Uint8Array(Math.max(SLAB_SIZE, data.length))
      this.slabs.push(this.current)
      this.used = 0
    }
    const ref = (this.slabs.length - 1) * STRIDE + this.used
    this.current.set(data, this.used)
    this.used += data.length
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
