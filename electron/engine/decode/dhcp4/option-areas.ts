// Where a DHCPv4 message's options are (RFC 2131 4.1, RFC 2132 9.3): after the magic cookie, then in file and
// sname when option 52 says so. The field-tree decoder, the scanner (and through its index the filters) all walk
// options through here, so they all see the pieces of a split option in the order RFC 3396 joins them.

export const BOOTP_HEADER_LENGTH = 236
export const MAGIC_COOKIE = 0x63825363
const OPTIONS_OFFSET = BOOTP_HEADER_LENGTH + 4
/** [start, end) of the BOOTP sname and file fields in the message. */
export const SNAME = [44, 108] as const
export const FILE = [108, BOOTP_HEADER_LENGTH] as const

export type OptionVisit = (code: number, valueOffset: number, length: number) => void

/**
 * Calls `visit` for each option of the message at `start`, skipping pads, in the order the areas are read: the
 * options area, then file, then sname when overloaded (RFC 2131 section 4.1, RFC 3396 section 5). An area stops
 * at End or where an option runs past it. Returns the overload value (option 52: 1 file, 2 sname, 3 both), or 0.
 * The caller checks the magic cookie.
 */
export function forEachDhcp4Option(b: Uint8Array, start: number, end: number, visit: OptionVisit, cut?: OptionCut): number {
  const overload = walkArea(b, start + OPTIONS_OFFSET, end, visit, cut)
  if (overload & 1) walkArea(b, start + FILE[0], start + FILE[1], visit, cut)
  if (overload & 2) walkArea(b, start + SNAME[0], start + SNAME[1], visit, cut)
  return overload
}

/** An option whose length runs past the end of its area, which stops the area there: the offset of its code byte. */
export type OptionCut = (codeOffset: number) => void

/**
 * A place in the order Wireshark reads a message's options, for comparing two: the options area in order, with the
 * options of an overloaded sname, then file, read where option 52 stands (`overloadAt`, its offset in the frame).
 * `offset`: an option's offset in the frame; `start`: the message's.
 */
export function wiresharkReadingRank(offset: number, start: number, overloadAt: number): number {
  const at = offset - start
  const sname = at >= SNAME[0] && at < SNAME[1], file = at >= FILE[0] && at < FILE[1]
  if (!sname && !file) return at * 512
  // Within option 52's place: sname's options, then file's (each area under 256 bytes).
  return (overloadAt - start) * 512 + 1 + (sname ? at - SNAME[0] : SNAME[1] - SNAME[0] + at - FILE[0])
}

/** Visits one area's options; returns the first option 52 value found there, or 0. */
function walkArea(b: Uint8Array, start: number, end: number, visit: OptionVisit, cut?: OptionCut): number {
  let overload = -1
  let at = start
  while (at + 1 < end && b[at] !== 255) {
    if (b[at] === 0) { at++; continue }
    const len = b[at + 1]
    if (at + 2 + len > end) {
      cut?.(at)
      break
    }
    if (b[at] === 52 && len === 1 && overload < 0) overload = b[at + 2] & 3
    visit(b[at], at + 2, len)
    at += 2 + len
  }
  return Math.max(0, overload)
}
