// Indexes a large classic pcap file on two threads for the command line's `stats`: a worker (part-worker.ts)
// indexes the second part while this thread indexes the first, both into shared rows (column-layout.ts), so joining
// the parts copies nothing. The worker hands its rows over in batches as it goes, so this thread can work on them
// (group exchanges) while the worker reads on. This thread's reading is the proof that the worker started on a
// record: its last record must end exactly there, or it reads on alone. Either way the result is the one reading
// from the start would give.
import { FileWindow } from '../capture-file/file-window'
import { openCapture, openRegular } from '../capture-file/open'
import { parsePcapHeader, PcapRecords, type PcapHeader } from '../capture-file/pcap'
import { CaptureIndex } from './capture-index'
import { sharedRows } from './column-layout'
import type { IndexedFile } from './index-file'
import { indexCaptureFile } from './index-file'
import type { PartWorker } from './part-worker'
import { findRecordBoundary } from './pcap-boundary'

/**
 * Indexes `path` without frames (grouping and statistics only), with `second` (startPartWorkerFor) reading the second
 * part; without one (or for pcapng) the file is read on this thread alone, and the worker stopped. `onRows` gets the
 * index each time it has grown while the worker still reads (the first part, then each batch of the second): work
 * on those rows (grouping) then costs no time. `expected`: the packets the whole file will hold, as far as can be
 * told.
 */
export async function indexSummariesInParallel(path: string, second: PartWorker | null, onRows?: (index: CaptureIndex, expected: number) => void): Promise<IndexedFile> {
  try {
    return await indexInTwo(path, second, onRows)
  } catch (error) {
    // The worker waits for its request, or reads on: either way it would keep the process alive.
    await second?.cancel()
    throw error
  }
}

async function indexInTwo(path: string, second: PartWorker | null, onRows?: (index: CaptureIndex, expected: number) => void): Promise<IndexedFile> {
  const alone = async () => {
    await second?.cancel()
    return indexCaptureFile(path, { retainFrames: false })
  }
  const reader = openCapture(path, path, true)
  const { format, size } = reader
  reader.close()
  if (!second || format === 'pcapng') return alone()

  const { fd } = openRegular(path, path)
  const file = new FileWindow(fd, size, true)
  try {
    const header = parsePcapHeader(file.bytes(0, 24)!)
    const boundary = findRecordBoundary(file, header, Math.floor(size / 2))
    if (boundary < 0) return await alone()
    const rows = sharedRows(boundary, size - boundary)
    second.request({ path, start: boundary, rows })
    const index = new CaptureIndex({ retainFrames: false, shared: { rows, part: 'first' } })
    const records = new PcapRecords(file, header)
    records.end = boundary
    readInto(index, records, header)
    index.endFirstPart()
    if (records.position === boundary && !records.problem) {
      const expected = Math.round(index.count * size / boundary)
      onRows?.(index, expected)
      for (;;) {
        const message = await second.next()
        if ('error' in message) break
        index.adoptSharedBatch(message.batch)
        records.resumeAt(message.end, index.count)
        onRows?.(index, expected)
        if (message.last && !message.problem && !message.full) return { index, format, problem: null }
        if (message.last) break
      }
    }
    // The guess was wrong, the rows ran out, the file is damaged or the worker failed: read on here from the last
    // row taken, so that frame numbers in messages are right. The worker writes the rows that follow this part's: it
    // must be gone before they are written.
    await second.cancel()
    records.end = null
    readInto(index, records, header)
    return { index, format, problem: records.problem }
  } finally {
    file.close()
  }
}

/**
 * Indexes records until the reader's end, or until the index's shared rows are full (index.full), calling
 * `batchEnded` after every `batch` of them. Returns the file offset the last record read ends at (damage moves the
 * reader's position to the end of the file).
 */
export function readInto(index: CaptureIndex, records: PcapRecords, header: PcapHeader, batchEnded?: () => void, batch = Infinity): number {
  const digits = header.nanoseconds ? 9 : 6
  let rows = 0
  let end = records.position
  while (!index.full && records.nextInPlace()) {
    index.addAt(header.linkType, digits, records.current)
    end = records.position
    if (++rows === batch) {
      batchEnded!()
      rows = 0
    }
  }
  return end
}
