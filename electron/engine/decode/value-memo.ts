// Options repeat from packet to packet: a server sends the same router, DNS servers and lease time in every
// reply, a client the same request list in every request. A decode without the field tree (decode --json,
// capture --json) keeps no offsets in its values, so an option whose bytes it has read before takes the value
// it gave then instead of being read again. Values are shared from then on: nothing may change one.
import type { DecodedValue } from './types'

/** Longer options are rare and seldom repeat; keeping them would only hold memory. */
const MAX_VALUE_BYTES = 256
/** Bounds the memory: about a megabyte of bytes at most, and a full memo simply starts again. */
const MAX_ENTRIES = 4096

interface Entry {
  /** What the value depends on besides its bytes: the option code, and for DHCPv6 the message type. */
  context: number
  bytes: Uint8Array
  decoded: DecodedValue
}

/** FNV-1a over the context and the bytes: a slot per hash, checked byte for byte on use. */
function hash(context: number, b: Uint8Array, off: number, len: number): number {
  let h = Math.imul(0x811c9dc5 ^ context, 0x01000193) ^ len
  for (let i = off; i < off + len; i++) h = Math.imul(h ^ b[i], 0x01000193)
  return h
}

function sameBytes(entry: Entry, b: Uint8Array, off: number, len: number): boolean {
  const kept = entry.bytes
  if (kept.length !== len) return false
  for (let i = 0; i < len; i++) if (kept[i] !== b[off + i]) return false
  return true
}

export class ValueMemo {
  private readonly entries = new Map<number, Entry>()

  /** The value decoded before from the same bytes in the same context, or undefined. */
  get(context: number, b: Uint8Array, off: number, len: number): DecodedValue | undefined {
    if (len > MAX_VALUE_BYTES) return undefined
    const entry = this.entries.get(hash(context, b, off, len))
    return entry && entry.context === context && sameBytes(entry, b, off, len) ? entry.decoded : undefined
  }

  /** Keeps a copy of the bytes: `b` may be a read buffer that the next record overwrites. */
  set(context: number, b: Uint8Array, off: number, len: number, decoded: DecodedValue): void {
    if (len > MAX_VALUE_BYTES) return
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear()
    this.entries.set(hash(context, b, off, len), { context, bytes: new Uint8Array(b.subarray(off, off + len)), decoded })
  }
}
