import { forEachDecodedFrame } from '../engine/capture-file/decoded-frames'
import { isoTimestamp, withTimeWarning, type CaptureRecord } from '../engine/capture-file/record'
import type { DecodedFrame } from '../engine/decode/frame'
import { jsonLine } from '../engine/decode/json'
import { formatPacketText } from '../engine/decode/text'
import { compileFilter } from '../engine/filter/compile'
import { RecordFilter } from '../engine/filter/record-filter'

export interface DecodeOptions {
  json: boolean
  /** A display filter (tshark's -Y): only the packets it keeps are printed. */
  filter?: string
  /** Read only the first N packets of the file (tshark's -c). */
  count?: number
}

/**
 * Streams the DHCP packets of a capture to `write`; returns the reader's problem (damage) if reading stopped
 * early. Throws FilterError for a bad filter, before reading anything.
 */
export function decodeCommand(path: string, { json, filter = '', count }: DecodeOptions, write: (line: string) => void): string | null {
  const print = (record: CaptureRecord, decoded: DecodedFrame) => {
    if (!decoded.dhcp) return
    // A time no date can show is printed raw; the packet's warnings say so.
    const shown = withTimeWarning(decoded, record)
    write(json ? jsonLine(record, shown)! : formatPacketText(record.frame, isoTimestamp(record), shown))
  }
  const test = compileFilter(filter)
  if (!test) return forEachDecodedFrame(path, print, { transient: true, count })
  const filtered = new RecordFilter(test, print)
  const problem = forEachDecodedFrame(path, (record, decoded) => filtered.add(record, decoded), { count })
  filtered.flush()
  return problem
}
