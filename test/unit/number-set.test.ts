// The statistics count each server's distinct clients in a NumberSet: it must count as a Set does, for MAC keys
// (48-bit) that differ only in their high or low bytes, and across its growth.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NumberSet } from '../../electron/engine/transactions/number-set'

describe('NumberSet', () => {
  it('counts distinct keys as a Set does', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.maxSafeNat(), fc.integer({ min: 0, max: 2 ** 48 - 1 }))), (keys) => {
      const set = new NumberSet(1)
      const added = keys.map((k) => set.add(k))
      const seen = new Set<number>()
      expect(added).toEqual(keys.map((k) => !seen.has(k) && !!seen.add(k)))
      expect(set.size).toBe(seen.size)
    }))
  })

  it('keeps MAC addresses apart that share all but one byte, through many growths', () => {
    const set = new NumberSet()
    const vendor = 0x02005e * 2 ** 24
    for (let n = 0; n < 100_000; n++) set.add(vendor + n)
    for (let n = 0; n < 100_000; n++) set.add(n * 2 ** 24)
    expect(set.size).toBe(200_000)
  })
})
