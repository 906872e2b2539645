// Formatting of wire values; kept allocation-light because every packet of a large capture passes through here.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

export function hex(bytes: Uint8Array, offset = 0, length = bytes.length - offset, separator = ''): string {
  const end = Math.min(bytes.length, offset + length)
  if (offset >= end) return ''
  // Appending to a string beats an array joined: no array per call, and short strings are copied flat.
  let s = HEX[bytes[offset]]
  for (let i = offset + 1; i < end; i++) s += separator + HEX[bytes[i]]
  return s
}

export function mac(bytes: Uint8Array, offset: number, length = 6): string {
  return hex(bytes, offset, length, ':')
}

/**
 * A hardware address of ARP hardware type `hardwareType`, as Wireshark writes one (tvb_arphrdaddr_to_str): a MAC for
 * a 6-byte Ethernet or IEEE 802 address, hex digits alone for any other.
 */
export function hardwareAddress(bytes: Uint8Array, offset: number, length: number, hardwareType: number): string {
  return (hardwareType === 1 || hardwareType === 6) && length === 6 ? mac(bytes, offset) : hex(bytes, offset, length)
}

export function ipv4(bytes: Uint8Array, offset: number): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`
}

/**
 * The IPv6 address at `offset` as RFC 5952 writes it (section 4): groups in lower-case hex without leading zeros, and
 * the longest run of two or more zero groups (the first, of runs as long) as "::". Written here, not taken from
 * @leichtgewicht/ip-codec, which shortens the first run even when a later one is longer ("2001::fe00:0:0:0:0" for
 * Wireshark's "2001:0:0:fe00::"); ipaddr.js gets it right but takes twice as long, on every address of every packet.
 */
export function ipv6(bytes: Uint8Array, offset: number): string {
  let runStart = -1, bestStart = -1, bestLength = 1
  for (let g = 0; g < 8; g++) {
    if (bytes[offset + 2 * g] !== 0 || bytes[offset + 2 * g + 1] !== 0) runStart = -1
    else {
      if (runStart < 0) runStart = g
      if (g - runStart + 1 > bestLength) {
        bestStart = runStart
        bestLength = g - runStart + 1
      }
    }
  }
  let s = ''
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      s += g === 0 ? '::' : ':'
      g += bestLength - 1
      continue
    }
    s += (((bytes[offset + 2 * g] << 8) | bytes[offset + 2 * g + 1]).toString(16)) + (g < 7 ? ':' : '')
  }
  return s
}

export function u16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] << 8) | bytes[offset + 1]
}

export function u24(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] << 16) | (bytes[offset + 1] << 8) | bytes[offset + 2]
}

export function u32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) >>> 0) + ((bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3])
}

/** Little-endian readers, for the radio headers and 802.11 fields that are sent least significant byte first. */
export function u16le(bytes: Uint8Array, offset: number): number {
  return bytes[offset] | (bytes[offset + 1] << 8)
}

export function u32le(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0
}

export function i32(bytes: Uint8Array, offset: number): number {
  return u32(bytes, offset) | 0
}

/**
 * Text as DHCP carries it (NVT ASCII, RFC 2132 section 2) and as Wireshark shows it: it ends at the first NUL
 * (embedded clients pad with NULs, some leave garbage after them), and a byte above 0x7f, not being ASCII,
 * shows as U+FFFD rather than being guessed at.
 */
export function text(bytes: Uint8Array, offset: number, length: number): string {
  const end = Math.min(bytes.length, offset + length)
  let s = ''
  for (let i = offset; i < end && bytes[i] !== 0; i++) s += bytes[i] < 0x80 ? String.fromCharCode(bytes[i]) : '\ufffd'
  return s
}

/** Ids that are often printable (switch port names, interface ids), sometimes binary: show what helps. */
export function printableOrHex(bytes: Uint8Array, offset: number, length: number): string {
  for (let i = offset; i < offset + length; i++) if (bytes[i] < 0x20 || bytes[i] > 0x7e) return hex(bytes, offset, length)
  return text(bytes, offset, length)
}

/** "3600 (1 hour)": durations are shown both ways, as technicians read lease times in both. */
export function duration(seconds: number): string {
  if (seconds === 0xffffffff) return `${seconds} (infinity)`
  const units: [number, string][] = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']]
  const parts: string[] = []
  let rest = seconds
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size)
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`)
    rest -= n * size
  }
  return `${seconds} (${parts.length ? parts.join(', ') : '0 seconds'})`
}
