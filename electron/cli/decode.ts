import { forEachDecodedFrame } from '../engine/capture-file/decoded-frames'
import { packetPrinter } from './packet-printer'

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
export async function decodeCommand(path: string, { json, filter = '', count }: DecodeOptions, write: (line: string) => void): Promise<string | null> {
  const print = packetPrinter(json, write)
  // Display filters (RE2, address math, the index) are loaded for -Y only: they are a good part of a plain decode's memory.
  const test = filter ? (await import('../engine/filter/compile')).compileFilter(filter) : null
  // JSON has values, not the field tree nor the list's columns; the filter reads the packets it needs again from its own index.
  const tree = !json
  if (!test) return forEachDecodedFrame(path, print, { transient: true, count, tree, columns: tree })
  const { RecordFilter } = await import('../engine/filter/record-filter')
  const filtered = new RecordFilter(test, print)
  const problem = forEachDecodedFrame(path, (record, decoded) => filtered.add(record, decoded), { count, tree })
  filtered.flush()
  return problem
}
