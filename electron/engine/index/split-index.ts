// Indexes a large classic pcap file on two threads for the command line's `stats`: a worker indexes the second
// half while this thread indexes the first, both into shared rows (column-layout.ts), so joining the halves copies
// nothing. This thread's reading is the proof that the worker started on a record: its last record must end exactly
// there, or it reads on alone. Either way the result is the one reading from the start would give.
import { Worker } from 'node:worker_threads'
import { FileWindow } from '../capture-file/file-window'
import { openCapture, openRegular } from '../capture-file/open'
import { parsePcapHeader, PcapRecords, type PcapHeader } from '../capture-file/pcap'
import { CaptureIndex, type SharedPart } from './capture-index'
import { sharedRows, type SharedRows } from './column-layout'
import type { IndexedFile } from './index-file'
import { indexCaptureFile } from './index-file'
import { findRecordBoundary } from './pcap-boundary'

/** Below this a second thread costs more to start than it saves. */
const SPLIT_MIN_BYTES = 16 * 1024 * 1024

/** What the worker is asked: index `path` from `start`, a record boundary, into the second part of `rows`. */
export interface PartRequest {
  path: string
  start: number
  rows: SharedRows
}
export type PartResult = { part: SharedPart; problem: string | null } | { error: string }

/**
 * Indexes `path` without frames (grouping and statistics only). `workerEntry` is the built index-worker.js; without
 * one (or for pcapng, or small files) the file is read on this thread alone. `whileWaiting` gets the first part's
 * index while the worker still reads the second: work on it (grouping) then costs no time; the same index then
 * grows by the second part.
 */
export async function indexSummariesInParallel(path: string, workerEntry: string | null, whileWaiting?: (index: CaptureIndex) => void): Promise<IndexedFile> {
  const reader = openCapture(path, path, true)
  const { format, size } = reader
  reader.close()
  if (!workerEntry || format === 'pcapng' || size < SPLIT_MIN_BYTES) return indexCaptureFile(path, { retainFrames: false })

  const { fd } = openRegular(path, path)
  const file = new FileWindow(fd, size, true)
  try {
    const header = parsePcapHeader(file.bytes(0, 24)!)
    const boundary = findRecordBoundary(file, header, Math.floor(size / 2))
    if (boundary < 0) return indexCaptureFile(path, { retainFrames: false })
    const rows = sharedRows(boundary, size - boundary)
    const second = indexPartInWorker(workerEntry, { path, start: boundary, rows })
    const index = new CaptureIndex({ retainFrames: false, shared: { rows, part: 'first' } })
    const records = new PcapRecords(file, header)
    records.end = boundary
    readInto(index, records, header)
    index.endFirstPart()
    const joined = records.position === boundary && !records.problem
    if (joined) whileWaiting?.(index)
    const result = joined ? await second.result : null
    if (!result || 'error' in result || result.problem) {
      // The guess was wrong, the rows ran out or the file is damaged: read on here, so that frame numbers in messages
      // are right. The worker writes the rows that follow this part's: it must be gone before they are written.
      await second.cancel()
      records.end = null
      readInto(index, records, header)
      return { index, format, problem: records.problem }
    }
    index.adoptSharedPart(result.part)
    return { index, format, problem: null }
  } finally {
    file.close()
  }
}

/** Indexes records until the reader's end, or until the index's shared rows are full (index.full). */
export function readInto(index: CaptureIndex, records: PcapRecords, header: PcapHeader): void {
  const digits = header.nanoseconds ? 9 : 6
  while (!index.full && records.nextInPlace()) index.addAt(header.linkType, digits, records.current)
}

function indexPartInWorker(entry: string, request: PartRequest): { result: Promise<PartResult>; cancel(): Promise<unknown> } {
  const worker = new Worker(entry, { workerData: request })
  const result = new Promise<PartResult>((done) => {
    worker.once('message', (message: PartResult) => done(message))
    worker.once('error', (error) => done({ error: error.message }))
    worker.once('exit', () => done({ error: 'the worker stopped without an answer' }))
  })
  return { result, cancel: () => worker.terminate() }
}
