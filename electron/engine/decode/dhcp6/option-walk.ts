// The one walk over DHCPv6 options (RFC 8415 21.1: two-byte code, two-byte length, value), shared by the field-tree
// decoder and the scanner so the two agree on where every option is and where a damaged list stops.

export type Dhcp6OptionVisit = (code: number, valueOffset: number, length: number) => void

/**
 * Calls `visit` for each whole option in [start, end). Returns where the walk stopped: `end` when the options
 * fill the area exactly, else the offset of the option whose header or value runs past it.
 */
export function forEachDhcp6Option(b: Uint8Array, start: number, end: number, visit: Dhcp6OptionVisit): number {
  let at = start
  while (at + 4 <= end) {
    const length = (b[at + 2] << 8) | b[at + 3]
    if (at + 4 + length > end) return at
    visit((b[at] << 8) | b[at + 1], at + 4, length)
    at += 4 + length
  }
  return at
}
