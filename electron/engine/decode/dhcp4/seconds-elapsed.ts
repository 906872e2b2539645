// The BOOTP secs field (RFC 2131 section 2: seconds since the client began acquiring or renewing, in network byte
// order). Some clients (Windows among them) write it little-endian; read as the RFC says, a few seconds become
// hours. As Wireshark does, a value whose second byte is 0 and first is not is taken as little-endian: 256, 512 …
// seconds sent correctly are far rarer than 1, 2 … seconds sent backwards. Used by the decoder and the filters.

/** The secs field at `at` was written little-endian (by the rule above). */
export function secondsLittleEndian(b: Uint8Array, at: number): boolean {
  return b[at] !== 0 && b[at + 1] === 0
}

export function secondsElapsed(b: Uint8Array, at: number): number {
  return secondsLittleEndian(b, at) ? b[at] : (b[at] << 8) | b[at + 1]
}
