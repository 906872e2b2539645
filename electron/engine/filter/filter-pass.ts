// One run of a display filter over a capture's index, a slice at a time, so a caller can look at the clock (a
// time budget) or let other work in (the engine answers other calls) between slices.
import type { CaptureIndex } from '../index/capture-index'
import type { PacketTest } from './compile'
import type { Cursor } from './fields'

/** What a filter run kept, and how far it got: `tested` is below the packet count when it was stopped. */
export interface FilterRun {
  positions: Int32Array
  tested: number
}

/** Frame bytes tested in the first slice, and the most in one slice. */
const FIRST_SLICE_BYTES = 16 * 1024
const MAX_SLICE_BYTES = 4 * 1024 * 1024
/** How long a slice should take. */
export const SLICE_MS = 20
/** What a packet counts beyond its frame bytes, for the work each costs whatever its size (so empty frames count). */
const PACKET_BYTES = 64

/**
 * Slices are measured in frame bytes, since a test's cost grows with the bytes it reads; each is sized from the
 * last one to take about SLICE_MS (at most doubling), so a cheap filter reads the clock every few thousand
 * packets, and a costly one on large packets stops within a slice or two of its budget.
 */
export class FilterPass {
  readonly started = performance.now()
  private readonly out: Int32Array
  private readonly cursor: Cursor
  private kept = 0
  private next = 0
  private sliceBytes = FIRST_SLICE_BYTES

  constructor(private readonly index: CaptureIndex, private readonly test: PacketTest | null, private readonly count = index.count) {
    this.out = test ? new Int32Array(count) : new Int32Array(0)
    this.cursor = { index, i: 0, b: new Uint8Array(0), base: 0 }
  }

  get done(): boolean {
    return this.next >= this.count
  }

  /** Tests the packets of about one slice, or up to the end. */
  slice(): void {
    const { test, cursor, out, count } = this
    if (!test) {
      this.next = count
      return
    }
    const { ref, capturedLength } = this.index.col
    const arena = this.index.arena
    const sliceStarted = performance.now()
    let bytes = 0
    let i = this.next
    while (i < count && bytes < this.sliceBytes) {
      cursor.i = i
      cursor.b = arena.slab(ref[i])
      cursor.base = arena.offset(ref[i])
      if (test(cursor)) out[this.kept++] = i
      bytes += capturedLength[i] + PACKET_BYTES
      i++
    }
    this.next = i
    const scale = Math.min(2, SLICE_MS / Math.max(performance.now() - sliceStarted, 0.001))
    this.sliceBytes = Math.min(MAX_SLICE_BYTES, Math.max(1, Math.round(bytes * scale)))
  }

  result(): FilterRun {
    const positions = this.test ? this.out.slice(0, this.kept) : Int32Array.from({ length: this.next }, (_, i) => i)
    return { positions, tested: this.next }
  }
}
