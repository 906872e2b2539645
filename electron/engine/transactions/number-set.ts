// A set of non-negative numbers (client keys: a MAC address as a 48-bit number, or an interned DUID) in one
// Float64Array, open addressing with linear probing. A Set of a quarter million such keys boxes each as a heap
// number: some 40 bytes apiece on the JS heap, against 16 here, and nothing for the collector to trace.
const EMPTY = -1

export class NumberSet {
  private slots: Float64Array
  private mask: number
  size = 0

  constructor(expected = 64) {
    let capacity = 64
    while (capacity < expected * 2) capacity *= 2
    this.slots = new Float64Array(capacity).fill(EMPTY)
    this.mask = capacity - 1
  }

  /** Adds `key` (a whole number, 0 to 2^53); returns whether it was new. */
  add(key: number): boolean {
    const slots = this.slots
    let slot = this.slotOf(key)
    for (; slots[slot] !== EMPTY; slot = (slot + 1) & this.mask) if (slots[slot] === key) return false
    slots[slot] = key
    if (++this.size * 2 > this.mask) this.grow()
    return true
  }

  private slotOf(key: number): number {
    // Both halves of the key count: MAC addresses of one vendor share their high bytes, DUID ids their low ones.
    const high = Math.floor(key / 2 ** 32)
    return (Math.imul((key >>> 0) ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0) & this.mask
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Float64Array(old.length * 2).fill(EMPTY)
    this.mask = this.slots.length - 1
    this.size = 0
    for (const key of old) if (key !== EMPTY) this.add(key)
  }
}
