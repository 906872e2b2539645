// Values read straight from an indexed packet's bytes, for the readable side of transactions.
import { ipv4, text, u16 } from '../decode/bytes'
import type { CaptureIndex } from '../index/capture-index'

/** A DHCPv4 header address (ciaddr 12, yiaddr 16) as text. */
export function headerAddress(index: CaptureIndex, i: number, offset: number): string {
  const frame = index.frame(i)
  const at = index.col.dhcpOffset[i] + offset
  return at + 4 <= frame.length ? ipv4(frame, at) : ''
}

/** The text of the packet's first option with this code, or null. */
export function optionText(index: CaptureIndex, i: number, code: number): string | null {
  const k = index.findOption(i, code)
  return k < 0 ? null : text(index.frame(i), index.options.offset[k], index.options.length[k])
}

/** DHCPv6 status codes (option 13) in the innermost message, top level or inside an IA: [code, message]. */
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
