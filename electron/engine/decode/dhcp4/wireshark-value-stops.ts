// Option code → where Wireshark 4.0 raises an exception reading the option's value, ending its dissection of the
// packet (DecodedValue.wiresharkStop), or null: for the options whose stop is found apart from their format, the
// DNS names (wireshark-dns-names.ts), the classless routes (wireshark-routes.ts), option 123's DSS_IDs, empty
// option 79 and option 61's IAID and DUID.
import { dssIdWiresharkStop } from './location-formats'
import { wiresharkNameStops } from './wireshark-dns-names'
import { wiresharkRouteStop } from './wireshark-routes'

type ValueStop = (b: Uint8Array, off: number, len: number) => number | null

/** DUID types whose fields Wireshark reads from a fixed place in option 61: LLT, EN, LL (RFC 8415 section 11). */
const DUID_LLT = 1, DUID_EN = 2, DUID_LL = 3

/**
 * Option 61 of type 255 (RFC 4361), as dissect_dhcpopt_client_identifier reads it: the IAID and the DUID type
 * whatever the length, then each DUID type's fields, where it checks the option's length against less than they
 * take (LLT: 8, for 13 bytes; EN: 6, for 11; LL: 4, for 9).
 */
function clientIdStop(b: Uint8Array, off: number, len: number): number | null {
  if (len < 1 || b[off] !== 255) return null
  if (len < 5) return off + 1
  if (len < 7) return off + 5
  const duidType = (b[off + 5] << 8) | b[off + 6]
  if (duidType === DUID_LLT) return len < 8 ? null : len < 9 ? off + 7 : len < 13 ? off + 9 : null
  if (duidType === DUID_EN) return len < 11 ? off + 7 : null
  if (duidType === DUID_LL) return len < 9 ? off + 7 : null
  return null
}

export const wiresharkValueStops: Readonly<Record<number, ValueStop>> = {
  ...wiresharkNameStops, 61: clientIdStop, 121: wiresharkRouteStop, 249: wiresharkRouteStop, 123: dssIdWiresharkStop,
  // Wireshark reads the Mandatory byte of an empty option 79.
  79: (_b, off, len) => (len < 1 ? off : null),
}
