// The frame arena adopts the reader's chunks while they are mostly frames, and copies frames out of chunks that
// are mostly something else: a hostile file with one packet per 16 MB chunk must not cost 16 MB per packet.
import { describe, expect, it } from 'vitest'
import { PacketArena } from '../../electron/engine/index/packet-arena'

const CHUNK = 16 * 1024 * 1024

describe('packet arena', () => {
  it('adopts dense read chunks in place', () => {
    const arena = new PacketArena()
    const chunk = new Uint8Array(CHUNK)
    chunk[1000] = 7
    for (let at = 0; at + 300 <= CHUNK; at += 320) arena.add(chunk.subarray(at, at + 300))
    const next = new Uint8Array(CHUNK)
    const ref = arena.add(next.subarray(0, 300))
    expect(arena.slab(ref).buffer === next.buffer).toBe(true)
    expect(arena.byteLength).toBe(2 * CHUNK)
  })

  it('copies frames out of sparse chunks instead of keeping each chunk', () => {
    const arena = new PacketArena()
    const refs = []
    for (let n = 0; n < 50; n++) {
      const chunk = new Uint8Array(CHUNK)
      chunk.fill(n, 0, 400)
      refs.push(arena.add(chunk.subarray(0, 400)))
    }
    // The first chunk may be adopted; the rest are copied into one slab of the arena's own.
    expect(arena.byteLength).toBeLessThanOrEqual(2 * CHUNK)
    refs.forEach((ref, n) => expect(arena.bytes(ref, 400).every((b) => b === n)).toBe(true))
  })
})
