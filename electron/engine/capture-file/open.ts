// Opens a capture file whatever its format, after checking it is one; the only way the engine reads captures.
import { closeSync, constants, fstatSync, openSync, statSync, type Stats } from 'node:fs'
import { FileWindow } from './file-window'
import { parsePcapHeader, PcapRecords } from './pcap'
import { PcapngRecords } from './pcapng'
import { CaptureFileError, type CaptureFormat, type CaptureRecord } from './record'

export interface CaptureReader {
  format: CaptureFormat
  size: number
  /** The next packet record, or null at the end of the file or where damage stopped reading. */
  next(): CaptureRecord | null
  /** How far into the file reading has got, in bytes. */
  readonly position: number
  /** Why reading stopped early, if it did; the records before it were delivered. */
  readonly problem: string | null
  /** Record by record without an object per record, where the format allows (classic pcap: one link type). */
  readonly inPlace: InPlaceRecords | null
  /** Hands on the file's bytes as they are read, from offset 0 (see FileWindow.teeTo). */
  tee(sink: (bytes: Buffer, offset: number) => void): void
  /**
   * The file (a live capture's) has grown to `size`; while `growing`, a record cut short at the end is waited for,
   * not damage: next() returns null until it is whole.
   */
  follow(size: number, growing: boolean): void
  close(): void
}

export interface InPlaceRecords {
  linkType: number
  fractionDigits: number
  next(): boolean
  readonly current: PcapRecords['current']
}

/** What other files start with, to say what was opened instead of a capture (never the bytes themselves). */
const KNOWN_SIGNATURES: [string, string][] = [
  ['1f8b', 'a gzip-compressed file: decompress it first'],
  ['504b0304', 'a ZIP archive'],
  ['7b', 'JSON text'],
  ['3c', 'HTML or XML text'],
  ['736e6f6f70', 'a Solaris snoop capture'],
]

/**
 * `label` is how messages name the file: the user's own name for it, where the path is an upload's. Messages
 * never quote the file's contents: the file may be anything the user (or a page) pointed at.
 * `transient`: each record's data is valid only until the next call (faster; for callers that keep nothing).
 */
export function openCapture(path: string, label = path, transient = false): CaptureReader {
  const { fd, size } = openRegular(path, label)
  const file = new FileWindow(fd, size, transient)
  try {
    return detect(file, label)
  } catch (error) {
    file.close()
    throw error
  }
}

/**
 * Opens a regular file for reading (the caller closes `fd`). Refuses folders, devices, FIFOs and sockets before
 * opening them (opening a device can act on it), and opens without blocking, so that a path swapped for a FIFO
 * after the check cannot hang the engine; then checks again. Throws CaptureFileError naming `label`.
 */
export function openRegular(path: string, label: string): { fd: number; size: number } {
  let fd: number | null = null
  try {
    refuseUnlessRegular(statSync(path), label)
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    const stats = fstatSync(fd)
    refuseUnlessRegular(stats, label)
    return { fd, size: stats.size }
  } catch (error) {
    if (fd !== null) closeSync(fd)
    if (error instanceof CaptureFileError) throw error
    throw new CaptureFileError(`Cannot open ${label}: ${whyNot(error as NodeJS.ErrnoException)}.`, 0)
  }
}

function refuseUnlessRegular(stats: Stats, label: string): void {
  if (stats.isFile()) return
  const kind = stats.isDirectory() ? 'a folder' : stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isSocket() ? 'a socket'
    : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'not a regular file'
  throw new CaptureFileError(`Cannot open ${label}: it is ${kind}, not a capture file.`, 0)
}

/** The system's reason in words; its own message would name the path, which may not be the user's name for it. */
function whyNot(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT': return 'no such file'
    case 'EACCES': case 'EPERM': return 'permission denied'
    case 'ENOTDIR': return 'a folder on its path is a file'
    case 'ELOOP': return 'too many symbolic links on its path'
    default: return `the system refused it (${error.code ?? error.name})`
  }
}

function detect(file: FileWindow, label: string): CaptureReader {
  if (file.size === 0) throw new CaptureFileError(`${label} is empty (0 bytes); expected a pcap or pcapng capture.`, 0)
  const start = file.bytes(0, Math.min(24, file.size))
  if (!start) throw new CaptureFileError(`${label} ended while its header at offset 0 was read.`, 0)
  const magicLe = start.length >= 4 ? start.readUInt32LE(0) : -1
  if (magicLe === 0x0a0d0d0a) return reader('pcapng', file, new PcapngRecords(file))
  if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(magicLe)) {
    if (file.size < 24) throw new CaptureFileError(`${label} is truncated: its pcap file header at offset 0 needs 24 bytes, the file has ${file.size}.`, 0)
    const header = parsePcapHeader(start)
    const records = new PcapRecords(file, header)
    const inPlace = { linkType: header.linkType, fractionDigits: header.nanoseconds ? 9 : 6, next: () => records.nextInPlace(), current: records.current }
    return reader(header.nanoseconds ? 'pcap-ns' : 'pcap', file, records, inPlace)
  }
  const guess = KNOWN_SIGNATURES.find(([signature]) => start.toString('hex').startsWith(signature))?.[1]
  throw new CaptureFileError(
    `${label} is not a pcap or pcapng capture${guess ? ` (it looks like ${guess})` : ''}: its header at offset 0 has no pcap magic number ` +
    '(a1b2c3d4 or a1b23c4d, in either byte order) and is no pcapng section header (0a0d0d0a).',
    0,
  )
}

function reader(format: CaptureFormat, file: FileWindow, records: PcapRecords | PcapngRecords, inPlace: InPlaceRecords | null = null): CaptureReader {
  return {
    format,
    inPlace,
    size: file.size,
    next: () => records.next(),
    get position() { return records.position },
    get problem() { return records.problem },
    tee: (sink) => file.teeTo(sink),
    follow: (size, growing) => file.follow(size, growing),
    close: () => file.close(),
  }
}
