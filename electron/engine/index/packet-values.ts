// Values read straight from an indexed packet's bytes, for transactions, statistics and filters.
import { hex, ipv4, ipv6, text, u16 } from '../decode/bytes'
import type { CaptureIndex } from './capture-index'

/** The packet's source IP address as text, or '' when it has none. */
export function sourceAddress(index: CaptureIndex, i: number): string {
  const version = index.col.ipVersion[i]
  if (version === 0) return ''
  const frame = index.frame(i)
  const at = index.col.ipOffset[i]
  return version === 4 ? ipv4(frame, at + 12) : ipv6(frame, at + 8)
}

/** DHCPv4 chaddr (first 6 bytes) as one number, a cheap grouping key. */
export function chaddrKey(index: CaptureIndex, i: number): number {
  const b = index.arena.slab(index.col.ref[i])
  const at = index.arena.offset(index.col.ref[i]) + index.col.dhcpOffset[i] + 28
  return ((b[at] << 8) | b[at + 1]) * 2 ** 32 + (((b[at + 2] << 24) >>> 0) + ((b[at + 3] << 16) | (b[at + 4] << 8) | b[at + 5]))
}

export function chaddrText(index: CaptureIndex, i: number): string {
  const frame = index.frame(i)
  const at = index.col.dhcpOffset[i]
  if (at + 34 > frame.length) return ''
  const hlen = frame[at + 2]
  return hex(frame, at + 28, hlen > 0 && hlen <= 16 ? hlen : 6, ':')
}

/** DHCPv4 yiaddr, ciaddr (offset 16, 12) as text. */
export function headerAddress(index: CaptureIndex, i: number, offset: number): string {
  const frame = index.frame(i)
  const at = index.col.dhcpOffset[i] + offset
  return at + 4 <= frame.length ? ipv4(frame, at) : ''
}

/** The value bytes of the packet's first option with this code, or null. */
export function optionBytes(index: CaptureIndex, i: number, code: number): Uint8Array | null {
  const k = index.findOption(i, code)
  if (k < 0) return null
  return index.frame(i).subarray(index.options.offset[k], index.options.offset[k] + index.options.length[k])
}

export function optionHex(index: CaptureIndex, i: number, code: number): string | null {
  const bytes = optionBytes(index, i, code)
  return bytes ? hex(bytes) : null
}

export function optionAddress4(index: CaptureIndex, i: number, code: number): string | null {
  const bytes = optionBytes(index, i, code)
  return bytes && bytes.length === 4 ? ipv4(bytes, 0) : null
}

export function optionText(index: CaptureIndex, i: number, code: number): string | null {
  const bytes = optionBytes(index, i, code)
  return bytes ? text(bytes, 0, bytes.length) : null
}

/** DHCPv6 status codes (option 13) anywhere in the message, top level or inside an IA: [code, message]. */
export function statusCodes6(index: CaptureIndex, i: number): [number, string][] {
  const found: [number, string][] = []
  const start = index.col.optionStart[i]
  const frame = index.frame(i)
  for (let k = start; k < start + index.col.optionCount[i]; k++) {
    if (index.options.code[k] !== 13 || index.options.length[k] < 2) continue
    const at = index.options.offset[k]
    // Relay-level options come first; only those inside the innermost message describe the client's result.
    if (at < index.col.dhcpOffset[i]) continue
    found.push([u16(frame, at), text(frame, at + 2, index.options.length[k] - 2)])
  }
  return found
}
