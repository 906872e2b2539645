// Interns short byte strings (DHCPv6 DUIDs) as dense ids, straight from a read buffer: no string, view or boxed
// key per packet. A million DHCPv6 packets carry two DUIDs each; keying a Map by a binary string cost a tenth of
// the whole statistics run.
export interface FlatStrings {
  bytes: Uint8Array
  starts: Uint32Array
  lengths: Uint16Array
}

export class ByteInterner {
  private bytes = new Uint8Array(4096)
  private used = 0
  private starts = new Uint32Array(256)
  private lengths = new Uint16Array(256)
  private hashes = new Uint32Array(256)
  count = 0
  /** Open-addressed table of id + 1 (0: empty), probed linearly from the hash. */
  private slots = new Int32Array(1024)

  /** The id of b[offset, offset + length), adding it when new. Lengths beyond 65535 are cut (DUIDs are ≤ 130). */
  intern(b: Uint8Array, offset: number, length: number): number {
    length = Math.min(length, 0xffff)
    let hash = 0x811c9dc5
    for (let k = 0; k < length; k++) hash = Math.imul(hash ^ b[offset + k], 0x01000193)
    hash >>>= 0
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] - 1
      if (id < 0) {
        const added = this.add(b, offset, length, hash)
        this.slots[slot] = added + 1
        if (this.count * 2 > this.slots.length) this.rehash()
        return added
      }
      if (this.hashes[id] === hash && this.lengths[id] === length && this.equals(id, b, offset, length)) return id
    }
  }

  /**
   * The strings interned from id `from` on as flat arrays, cheap to post to another thread and intern there again
   * (ids are from + positions; starts are offsets in `bytes`).
   */
  toFlat(from: number): FlatStrings {
    const base = from < this.count ? this.starts[from] : this.used
    return { bytes: this.bytes.slice(base, this.used), starts: this.starts.slice(from, this.count).map((start) => start - base), lengths: this.lengths.slice(from, this.count) }
  }

  /** The bytes of an id (a view into the interner's storage). */
  get(id: number): Uint8Array {
    return this.bytes.subarray(this.starts[id], this.starts[id] + this.lengths[id])
  }

  private equals(id: number, b: Uint8Array, offset: number, length: number): boolean {
    const start = this.starts[id]
    for (let k = 0; k < length; k++) if (this.bytes[start + k] !== b[offset + k]) return false
    return true
  }

  private add(b: Uint8Array, offset: number, length: number, hash: number): number {
    if (this.used + length > this.bytes.length) this.bytes = grown(this.bytes, Math.max(this.bytes.length * 2, this.used + length))
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count * 2)
      this.lengths = grown(this.lengths, this.count * 2)
      this.hashes = grown(this.hashes, this.count * 2)
    }
    this.bytes.set(b.subarray(offset, offset + length), this.used)
    const id = this.count++
    this.starts[id] = this.used
    this.lengths[id] = length
    this.hashes[id] = hash
    this.used += length
    return id
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    const mask = this.slots.length - 1
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id] & mask
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask
      this.slots[slot] = id + 1
    }
  }
}

function grown<T extends Uint8Array | Uint16Array | Uint32Array>(old: T, length: number): T {
  const array = new (old.constructor as new (n: number) => T)(length)
  array.set(old)
  return array
}
