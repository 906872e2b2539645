// Where a DHCPv4 message's options are (RFC 2131 4.1, RFC 2132 9.3): after the magic cookie, then in sname
// and file when option 52 says so. Both the field-tree decoder and the scanner walk options through here.

export const BOOTP_HEADER_LENGTH = 236
export const MAGIC_COOKIE = 0x63825363
const OPTIONS_OFFSET = BOOTP_HEADER_LENGTH + 4
const SNAME = [44, 108]
const FILE = [108, BOOTP_HEADER_LENGTH]

export type OptionVisit = (code: number, valueOffset: number, length: number) => void

/**
 * Calls `visit` for each option of the message at `start` (options area first, then sname, then file when
 * overloaded), skipping pads; an area stops at End or where an option runs past it. Returns the overload value
 * (option 52: 1 file, 2 sname, 3 both), or 0. The caller checks the magic cookie.
 */
export function forEachDhcp4Option(b: Uint8Array, start: number, end: number, visit: OptionVisit): number {
  const overload = walkArea(b, start + OPTIONS_OFFSET, end, visit)
  if (overload & 2) walkArea(b, start + SNAME[0], start + SNAME[1], visit)
  if (overload & 1) walkArea(b, start + FILE[0], start + FILE[1], visit)
  return overload
}

/** Visits one area's options; returns the first option 52 value found there, or 0. */
function walkArea(b: Uint8Array, start: number, end: number, visit: OptionVisit): number {
  let overload = -1
  let at = start
  while (at + 1 < end && b[at] !== 255) {
    if (b[at] === 0) { at++; continue }
    const len = b[at + 1]
    if (at + 2 + len > end) break
    if (b[at] === 52 && len === 1 && overload < 0) overload = b[at + 2] & 3
    visit(b[at], at + 2, len)
    at += 2 + len
  }
  return Math.max(0, overload)
}
