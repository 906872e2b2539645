// "Apply as filter" from the field tree, as in Wireshark: the filter that selects packets with this field's value,
// written from the field's own bytes in the way its type reads (an address, a MAC, quoted text, a number).
import { hex, ipv4, ipv6, mac } from '../decode/bytes'
import { filterField } from './fields'
import { fieldValue, treeFieldSpec, treeNumber } from './tree-fields'

/**
 * The filter for a field of the tree (its key, and its bytes in the frame), or null when the field is no filter
 * field. `selects` tells whether a filter selects the packet the field is in: a value the field's type cannot
 * read back (a list, text that is not UTF-8) falls back to the field's presence, which always does.
 */
export function filterForField(key: string, frame: Uint8Array, offset: number, length: number, selects: (filter: string) => boolean): string | null {
  const field = filterField(key)
  if (!field) return null
  if (field.kind === 'protocol' || length === 0 || offset + length > frame.length) return key
  const [at, size] = fieldValue(key, frame, offset, length)
  const shown = 'texts' in field ? field.texts?.(frame, at, size) : undefined
  const value = size === 0 ? null : shown ? (shown.length ? quoted(shown[0]) : null) : literal(field.kind, key, frame, at, size)
  const filter = value === null ? key : `${key} == ${value}`
  return filter === key || selects(filter) ? filter : key
}

function literal(kind: string, key: string, b: Uint8Array, offset: number, length: number): string | null {
  switch (kind) {
    case 'ipv4': return length === 4 ? ipv4(b, offset) : null
    case 'ipv6': return length === 16 ? ipv6(b, offset) : null
    // A link-layer address field may be padded (Linux cooked capture's 8 bytes): its MAC is the first 6.
    case 'mac': return length >= 6 ? mac(b, offset, 6) : null
    case 'bytes': return hex(b, offset, length, ':')
    case 'string': {
      // Up to the first NUL, as text fields compare (see compile.ts).
      let end = offset
      while (end < offset + length && b[end] !== 0) end++
      return quoted(new TextDecoder().decode(b.subarray(offset, end)))
    }
    default:
      return length > 4 && !treeFieldSpec(key)?.compose ? null : String(treeNumber(b, offset, length, treeFieldSpec(key) ?? {}))
  }
}

/** Text as a filter's string: JSON's quoting, but control characters as \xhh, which filters read (as Wireshark's do). */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/\\u00([0-9a-f]{2})/g, '\\x$1')
}
