// The frames of pcapng blocks that hold no packet (capture-file/pcapng-records.ts): a custom block's enterprise
// number and data, and a systemd journal entry's fields, as Wireshark's frame and systemd Journal dissectors show them.
import { u32le } from './bytes'
import { field, type FieldNode, type Problems } from './field'
import { BLOCK_RECORD } from './link-types'

export interface BlockRecordDecode {
  protocol: string
  info: string
  /** What stands in for the tree's frame node (a custom block's number and copying rule), if anything. */
  frame: FieldNode | null
  fields: FieldNode[]
}

const utf8 = new TextDecoder()

export function decodeBlockRecord(linkType: number, b: Uint8Array, originalLength: number, problems: Problems, tree: boolean): BlockRecordDecode {
  return linkType === BLOCK_RECORD.SYSTEMD_JOURNAL ? journalEntry(b, tree) : customBlock(linkType === BLOCK_RECORD.CUSTOM_COPY, b, originalLength, problems, tree)
}

function customBlock(copy: boolean, b: Uint8Array, originalLength: number, problems: Problems, tree: boolean): BlockRecordDecode {
  if (b.length < 4) {
    problems.error('Custom block', 0, `${b.length} bytes, too short for its enterprise number`)
    return { protocol: 'PCAPNG', info: 'Custom Block', frame: null, fields: [] }
  }
  const pen = u32le(b, 0)
  const copying = copy ? 'Allowed' : 'Not allowed'
  const data = originalLength - 4
  const frame = tree ? field(`Custom block: ${data} bytes of custom data and options, PEN ${pen}, copying ${copy ? 'allowed' : 'not allowed'}`, 0, b.length, {
    key: 'frame',
    children: [
      field('Private Enterprise Number', 0, 4, { key: 'frame.cb_pen', value: String(pen) }),
      field('Copying', 0, 0, { key: 'frame.cb_copy', value: copying }),
    ],
  }) : null
  const fields = tree ? [field(`Data (${b.length - 4} bytes)`, 4, b.length - 4)] : []
  return { protocol: 'PCAPNG', info: `Custom Block: PEN = ${pen}, ${copy ? 'will be copied' : 'will not be copied'}`, frame, fields }
}

/**
 * An export-format entry: `NAME=value` lines, and binary fields (a name alone on its line, then a 64-bit
 * little-endian length, the bytes and a newline). The Info column is the MESSAGE, as Wireshark's.
 */
function journalEntry(b: Uint8Array, tree: boolean): BlockRecordDecode {
  const lines: FieldNode[] = []
  let message: string | null = null
  for (let at = 0; at < b.length;) {
    let end = b.indexOf(0x0a, at)
    if (end < 0) end = b.length
    const equals = b.subarray(at, end).indexOf(0x3d)
    const name = utf8.decode(b.subarray(at, equals < 0 ? end : at + equals))
    let value: string, next: number
    if (equals >= 0) {
      value = utf8.decode(b.subarray(at + equals + 1, end))
      next = end + 1
    } else {
      // A binary field's length is bounded by what the entry holds, whatever it claims.
      const size = end + 9 <= b.length ? Math.min(Number(Buffer.from(b.buffer, b.byteOffset + end + 1, 8).readBigUInt64LE()), b.length - end - 9) : 0
      value = utf8.decode(b.subarray(end + 9, end + 9 + size))
      next = Math.min(b.length, end + 9 + size + 1)
    }
    if (name === 'MESSAGE') message ??= value
    if (tree && name) lines.push(field(name, at, next - at, { value }))
    at = Math.max(next, at + 1)
  }
  const fields = tree ? [field(`systemd Journal Entry`, 0, b.length, { key: 'systemd_journal', children: lines })] : []
  return { protocol: 'systemd Journal', info: message ?? 'Journal Entry', frame: null, fields }
}
