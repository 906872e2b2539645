// A map from 32-bit unsigned keys to non-negative ints in two typed arrays (open addressing, linear probing).
// Grouping a million packets by transaction id does one lookup per packet; a Map of boxed entries costs
// several times more in time and garbage.
export class UintToIntMap {
  private keys: Uint32Array
  private values: Int32Array
  private mask: number
  private size = 0

  constructor(expected = 1024) {
    let capacity = 1024
    while (capacity < expected * 2) capacity *= 2
    this.keys = new Uint32Array(capacity)
    this.values = new Int32Array(capacity).fill(-1)
    this.mask = capacity - 1
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    for (let slot = this.slotOf(key); ; slot = (slot + 1) & this.mask) {
      const value = this.values[slot]
      if (value < 0 || this.keys[slot] === key) return value
    }
  }

  /** Sets a value (≥ 0) for `key`. */
  set(key: number, value: number): void {
    let slot = this.slotOf(key)
    while (this.values[slot] >= 0 && this.keys[slot] !== key) slot = (slot + 1) & this.mask
    if (this.values[slot] < 0) this.size++
    this.keys[slot] = key
    this.values[slot] = value
    if (this.size * 2 > this.mask) this.grow()
  }

  private slotOf(key: number): number {
    // Fibonacci hashing spreads sequential ids (perfdhcp, many clients) across the table.
    return Math.imul(key, 0x9e3779b1) >>> 0 & this.mask
  }

  private grow(): void {
    const { keys, values } = this
    this.keys = new Uint32Array(keys.length * 2)
    this.values = new Int32Array(keys.length * 2).fill(-1)
    this.mask = this.keys.length - 1
    this.size = 0
    for (let k = 0; k < keys.length; k++) if (values[k] >= 0) this.set(keys[k], values[k])
  }
}
