// Before it shows a DHCPv4 message, Wireshark walks its options once, looking for the message type (53), the
// vendor class (60) and option overload (52), up to where the datagram says it ends. In a frame the capture cut short
// (its snapshot length), that walk reads an option code past the bytes captured unless End comes first: the read
// raises Wireshark's exception, and the message shows no field at all, only "Packet size limited during capture".
// Old captures taken with a 68- or 96-byte snapshot length are like this in every packet.
import { u32 } from '../bytes'
import { BOOTP_HEADER_LENGTH, MAGIC_COOKIE } from './option-areas'

/** Where Wireshark starts that walk without the magic cookie: after the 64 bytes of a BOOTP vendor area. */
const NO_COOKIE_OFFSET = BOOTP_HEADER_LENGTH + 64

/**
 * Whether Wireshark shows no field of the DHCPv4 message at [start, end) of `b`, whose datagram claims to end at
 * `claimedEnd` (beyond `end` when the capture cut it short). Reads only the bytes captured.
 */
export function wiresharkShowsNoFields(b: Uint8Array, start: number, end: number, claimedEnd: number): boolean {
  if (claimedEnd <= end) return false
  const c = start + BOOTP_HEADER_LENGTH
  const cookie = c + 4 <= end && u32(b, c) === MAGIC_COOKIE
  let at = cookie ? c + 4 : start + NO_COOKIE_OFFSET
  for (;;) {
    if (at >= claimedEnd) return false
    if (at >= end) return true
    const code = b[at]
    if (code === 255) return false
    // A pad, or an option whose length byte was not captured (Wireshark counts its code alone, then reads on).
    at += code === 0 || at + 1 >= end ? 1 : b[at + 1] + 2
  }
}
