// A map from 32-bit unsigned keys to non-negative ints in one typed array (open addressing, linear probing).
// Grouping a million packets by transaction id does one lookup per packet; a Map of boxed entries costs several
// times more in time and garbage. Each key sits beside its value, so a lookup touches one cache line, not two:
// the table is far larger than the caches, and those misses are most of the grouping's time. It is filled to three
// quarters before it grows: a fresh page costs more than the probes that emptier tables spare (see
// engine-host/malloc-tunables.ts).
export class UintToIntMap {
  /** [key, value + 1] pairs; value + 1 of 0 marks an empty slot. */
  private entries: Uint32Array
  private mask: number
  private size = 0

  constructor(expected = 1024) {
    let capacity = 1024
    while (capacity * 3 < expected * 4) capacity *= 2
    this.entries = new Uint32Array(capacity * 2)
    this.mask = capacity - 1
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const e = this.entries
    key >>>= 0
    for (let slot = this.slotOf(key); ; slot = (slot + 1) & this.mask) {
      const stored = e[slot * 2 + 1]
      if (stored === 0) return -1
      if (e[slot * 2] === key) return stored - 1
    }
  }

  /** Sets a value (≥ 0) for `key`. */
  set(key: number, value: number): void {
    const e = this.entries
    key >>>= 0
    let slot = this.slotOf(key)
    while (e[slot * 2 + 1] !== 0 && e[slot * 2] !== key) slot = (slot + 1) & this.mask
    if (e[slot * 2 + 1] === 0) this.size++
    e[slot * 2] = key
    e[slot * 2 + 1] = value + 1
    if (this.size * 4 > this.mask * 3) this.grow()
  }

  private slotOf(key: number): number {
    // Fibonacci hashing spreads sequential ids (perfdhcp, many clients) across the table.
    return Math.imul(key, 0x9e3779b1) >>> 0 & this.mask
  }

  private grow(): void {
    const old = this.entries
    this.entries = new Uint32Array(old.length * 2)
    this.mask = old.length - 1
    this.size = 0
    for (let k = 0; k < old.length; k += 2) if (old[k + 1] !== 0) this.set(old[k], old[k + 1] - 1)
  }
}
