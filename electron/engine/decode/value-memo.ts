// Options repeat from packet to packet: a server sends the same router, DNS servers and lease time in every
// reply, a client the same request list in every request. A decode without the field tree (decode --json,
// capture --json) keeps no offsets in its values, so an option whose bytes it has read before takes the value
// it gave then instead of being read again. Values are shared from then on: nothing may change one.
import type { DecodedValue } from './types'

/** Longer options are rare and seldom repeat; keeping them would only hold memory. */
const MAX_VALUE_BYTES = 256
/** Bounds the memory; a full memo simply starts again. */
const MAX_ENTRIES = 4096
/** The kept values' bytes, one after another in one buffer rather than an array each (less to collect). */
const BYTES_KEPT = 256 * 1024

interface Entry {
  /** What the value depends on besides its bytes: the option code, and for DHCPv6 the message type. */
  context: number
  /** Where its bytes are in the memo's buffer, and how many. */
  at: number
  length: number
  decoded: DecodedValue
}

/** FNV-1a over the context and the bytes: a slot per hash, checked byte for byte on use. */
function hash(context: number, b: Uint8Array, off: number, len: number): number {
  let h = Math.imul(0x811c9dc5 ^ context, 0x01000193) ^ len
  for (let i = off; i < off + len; i++) h = Math.imul(h ^ b[i], 0x01000193)
  return h
}

function sameBytes(kept: Uint8Array, entry: Entry, b: Uint8Array, off: number, len: number): boolean {
  if (entry.length !== len) return false
  for (let i = 0; i < len; i++) if (kept[entry.at + i] !== b[off + i]) return false
  return true
}

/** Hashes of values met once, a slot each: a value is kept only the second time it is met. */
const SEEN_SLOTS = 1 << 14

export class ValueMemo {
  private readonly entries = new Map<number, Entry>()
  /**
   * Most values that never repeat (a client's identifier) would each take an entry, and fill the memo over and
   * over: each time it starts again, what it held is garbage for a full collection, which raises decode's peak
   * memory (by 15 MB on the bench's 100k packets with a quarter of the entries). Only values met before are kept.
   */
  private seen: Int32Array | null = null
  private bytes: Uint8Array | null = null
  private used = 0

  /** The value decoded before from the same bytes in the same context, or undefined. */
  get(context: number, b: Uint8Array, off: number, len: number): DecodedValue | undefined {
    if (len > MAX_VALUE_BYTES) return undefined
    const entry = this.entries.get(hash(context, b, off, len))
    return entry && entry.context === context && sameBytes(this.bytes!, entry, b, off, len) ? entry.decoded : undefined
  }

  /**
   * Keeps a copy of the bytes (`b` may be a read buffer that the next record overwrites), and of the value what a
   * decode without the tree reads: not its text nor its fields, most of its memory.
   */
  set(context: number, b: Uint8Array, off: number, len: number, { value, problem, badLength, wiresharkStop }: DecodedValue): void {
    if (len > MAX_VALUE_BYTES) return
    // Made on first use: the app's own decodes, which keep the tree, never fill a memo.
    const seen = (this.seen ??= new Int32Array(SEEN_SLOTS))
    const bytes = (this.bytes ??= new Uint8Array(BYTES_KEPT))
    const key = hash(context, b, off, len)
    const slot = key & (SEEN_SLOTS - 1)
    if (seen[slot] !== key) {
      seen[slot] = key
      return
    }
    if (this.entries.size >= MAX_ENTRIES || this.used + len > BYTES_KEPT) {
      this.entries.clear()
      this.used = 0
    }
    const decoded: DecodedValue = { value, text: '' }
    if (problem !== undefined) decoded.problem = problem
    if (badLength) decoded.badLength = badLength
    if (wiresharkStop !== undefined) decoded.wiresharkStop = wiresharkStop
    bytes.set(b.subarray(off, off + len), this.used)
    this.entries.set(key, { context, at: this.used, length: len, decoded })
    this.used += len
  }
}
