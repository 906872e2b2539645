// Opens a capture file whatever its format, after checking it is one; the only way the engine reads captures.
import { FileWindow } from './file-window'
import { parsePcapHeader, PcapRecords } from './pcap'
import { PcapngRecords } from './pcapng'
import { CaptureFileError, type CaptureFormat, type CaptureRecord } from './record'

export interface CaptureReader {
  format: CaptureFormat
  size: number
  /** The next packet record, or null at the end of the file or where damage stopped reading. */
  next(): CaptureRecord | null
  /** Why reading stopped early, if it did; the records before it were delivered. */
  readonly problem: string | null
  /** Record by record without an object per record, where the format allows (classic pcap: one link type). */
  readonly inPlace: InPlaceRecords | null
  close(): void
}

export interface InPlaceRecords {
  linkType: number
  fractionDigits: number
  next(): boolean
  readonly current: PcapRecords['current']
}

const KNOWN_SIGNATURES: [string, string][] = [
  ['1f8b', 'a gzip-compressed file; decompress it first'],
  ['504b0304', 'a ZIP archive'],
  ['7b', 'text that looks like JSON'],
  ['3c', 'text that looks like HTML/XML'],
  ['736e6f6f70', 'a Solaris snoop capture'],
]

/**
 * `label` is how messages name the file: the user's own name for it, where the path is an upload's.
 * `transient`: each record's data is valid only until the next call (faster; for callers that keep nothing).
 */
export function openCapture(path: string, label = path, transient = false): CaptureReader {
  let file: FileWindow
  try {
    file = new FileWindow(path, transient)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message
    throw new CaptureFileError(`Cannot open ${label}: ${why}.`, 0)
  }
  try {
    return detect(file, label)
  } catch (error) {
    file.close()
    throw error
  }
}

function detect(file: FileWindow, label: string): CaptureReader {
  if (file.size === 0) throw new CaptureFileError(`${label} is empty (0 bytes); expected a pcap or pcapng capture.`, 0)
  const start = file.bytes(0, Math.min(24, file.size))!
  const magicLe = start.length >= 4 ? start.readUInt32LE(0) : -1
  if (magicLe === 0x0a0d0d0a) {
    const records = new PcapngRecords(file)
    return reader('pcapng', file, records)
  }
  if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(magicLe)) {
    if (file.size < 24) throw new CaptureFileError(`${label} is truncated: a pcap file header is 24 bytes, the file has ${file.size}.`, 0)
    const header = parsePcapHeader(start)
    const records = new PcapRecords(file, header)
    const inPlace = { linkType: header.linkType, fractionDigits: header.nanoseconds ? 9 : 6, next: () => records.nextInPlace(), current: records.current }
    return reader(header.nanoseconds ? 'pcap-ns' : 'pcap', file, records, inPlace)
  }
  const found = start.subarray(0, 4).toString('hex')
  const guess = KNOWN_SIGNATURES.find(([sig]) => start.toString('hex').startsWith(sig))?.[1]
  throw new CaptureFileError(
    `${label} is not a pcap or pcapng capture: it starts with 0x${found}${guess ? ` (${guess})` : ''} at offset 0, ` +
    'where a capture starts with a pcap magic number (a1b2c3d4, a1b23c4d in either byte order) or a pcapng section header (0a0d0d0a).',
    0,
  )
}

function reader(format: CaptureFormat, file: FileWindow, records: PcapRecords | PcapngRecords, inPlace: InPlaceRecords | null = null): CaptureReader {
  return {
    format,
    inPlace,
    size: file.size,
    next: () => records.next(),
    get problem() { return records.problem },
    close: () => file.close(),
  }
}
