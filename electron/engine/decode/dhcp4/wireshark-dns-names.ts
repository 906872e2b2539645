// Where Wireshark 4.0 raises an exception reading the DNS names of options 81, 119, 120, 146 and 122's sub-options,
// which ends its dissection of the packet (DecodedValue.wiresharkStop). Its reader (packet-dns.c, get_dns_name over
// expand_dns_name) goes on past a label or pointer that the option does not hold, and the read past the option's
// bytes is the exception; so is a name that comes out shorter than two bytes (MIN_DNAME_LEN) unless it is the
// root, or longer with no text. The decoder's own reading (domain-names.ts) stops there with a problem instead,
// and keeps dissecting.

/** Pointers followed before a name is said to loop (Wireshark's MAX_DNAME_LEN). */
const MAX_POINTERS = 255
/** get_dns_name's MIN_DNAME_LEN: a name read in fewer bytes must be the root. */
const MIN_NAME_BYTES = 2

/**
 * A name read: the bytes it takes, the length of its text (labels and dots; a bitstring label adds none) and
 * whether anything was written at all (a bitstring, or one of Wireshark's "<...>" names, counts); or where the
 * read went past the value.
 */
type NameRead = { length: number; textLength: number; written: boolean } | { stop: number }

/**
 * Reads one name at `at` as expand_dns_name does, from the bytes [start, end) of an option's value: `maxLength`
 * bounds the name (0: none), pointers count from `start + base`. With `shown`, its text as Wireshark shows it is
 * put there (labels dotted, a bitstring as \\[x…/bits], its "<...>" names).
 */
function expandName(b: Uint8Array, start: number, end: number, at: number, maxLength: number, base: number, shown?: { text: string }): NameRead {
  let offset = at
  let length = -1
  let pointers = 0
  let textLength = 0
  let written = false
  const past = (o: number) => o < start || o >= end
  // One of Wireshark's "<...>" names, which it gives instead of the text read so far.
  const special = (bytes: number, name: string): NameRead => {
    if (shown) shown.text = name
    return { length: bytes, textLength: 1, written: true }
  }
  for (;;) {
    if (maxLength && offset - at > maxLength - 1) break
    if (past(offset)) return { stop: offset }
    const component = b[offset++]
    if (component === 0) break
    const kind = component & 0xc0
    if (kind === 0x00) {
      if (written) textLength++
      if (shown && written) shown.text += '.'
      written = true
      for (let left = component; left > 0; left--, offset++, textLength++) {
        if ((maxLength && offset - at > maxLength - 1) || past(offset)) return { stop: offset }
        if (shown) shown.text += String.fromCharCode(b[offset])
      }
    } else if (kind === 0x40) {
      // A bitstring label (RFC 2673) is read; any other extended label ends the name there.
      if ((component & 0x3f) !== 1) return offset - at < 1 ? { stop: offset } : special(offset - at, '<Unknown extended label>')
      if (past(offset)) return { stop: offset }
      const bits = b[offset++]
      if (shown) shown.text += '\\[x'
      for (let left = Math.trunc((bits - 1) / 8) + 1; left > 0; left--, offset++) {
        if (past(offset)) return { stop: offset }
        if (shown) shown.text += b[offset].toString(16).padStart(2, '0')
      }
      if (shown) shown.text += `/${bits}]`
      written = true
    } else if (kind === 0x80) {
      return { stop: offset - 1 }
    } else {
      if (past(offset)) return { stop: offset }
      const target = start + base + (((component & 0x3f) << 8) | b[offset])
      offset++
      pointers++
      if (length < 0) length = offset - at
      if (target === offset + 2 || pointers > MAX_POINTERS) return special(length, '<Name contains a pointer that loops>')
      offset = target
    }
  }
  return { length: length < 0 ? offset - at : length, textLength, written }
}

/** get_dns_name: expandName, then its checks of what came out, an exception at the name's start where they fail. */
function readName(b: Uint8Array, start: number, end: number, at: number, maxLength: number, base: number, shown?: { text: string }): NameRead {
  const read = expandName(b, start, end, at, maxLength, base, shown)
  if ('stop' in read) return read
  if (!read.written && read.length <= MIN_NAME_BYTES) {
    if (shown) shown.text = '<Root>'
    return read
  }
  return read.length < MIN_NAME_BYTES || (read.length > MIN_NAME_BYTES && read.textLength === 0) ? { stop: at } : read
}

/**
 * The names of [off, off + len) one after another as Wireshark shows (and filters) them in DHCPv4 (options 81, 119,
 * 120, 146): as get_dns_name reads them, up to where its reading would raise an exception.
 */
export function wiresharkNames4(b: Uint8Array, off: number, len: number): string[] {
  const names: string[] = []
  for (let at = off; at < off + len;) {
    const shown = { text: '' }
    const read = readName(b, off, off + len, at, len, 0, shown)
    if ('stop' in read) break
    names.push(shown.text)
    at += Math.max(1, read.length)
  }
  return names
}

/** Names one after another from `from` to the end of the value, as options 119 and 120 are read. */
function nameListStop(b: Uint8Array, off: number, len: number, from: number, base: number): number | null {
  for (let at = off + from; at < off + len;) {
    const read = readName(b, off, off + len, at, len, base)
    if ('stop' in read) return read.stop
    at += Math.max(1, read.length)
  }
  return null
}

/**
 * One name read at `at` within a value [start, end), bounded by `maxLength`, pointers counted from `at`: options 81
 * and 146 read theirs so, and option 122 its sub-options' (bounded by the sub-option, read within the option).
 */
export function nameStop(b: Uint8Array, start: number, end: number, at: number, maxLength: number): number | null {
  const read = readName(b, start, end, at, maxLength, at - start)
  return 'stop' in read ? read.stop : null
}

/** Option code → where Wireshark's reading of its names raises an exception, or null. */
export const wiresharkNameStops: Readonly<Record<number, (b: Uint8Array, off: number, len: number) => number | null>> = {
  // Client FQDN: a name in wire format (the E flag) after flags and two result codes.
  81: (b, off, len) => (len > 3 && b[off] & 0x04 ? nameStop(b, off, off + len, off + 3, len - 3) : null),
  119: (b, off, len) => nameListStop(b, off, len, 0, 0),
  // SIP servers: names after the encoding byte 0 (addresses for 1), pointers counted from after it.
  120: (b, off, len) => (len >= 3 && b[off] === 0 ? nameListStop(b, off, len, 1, 1) : null),
  // RDNSS selection: one name after preference and two addresses.
  146: (b, off, len) => (len >= 10 ? nameStop(b, off, off + len, off + 9, len - 9) : null),
}
