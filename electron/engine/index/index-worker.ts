// The worker of split-index.ts, built as out/main/index-worker.js: indexes a classic pcap file from a record
// boundary to its end, without frames, into the second part of the shared rows, and posts back what else it found.
import { parentPort, workerData } from 'node:worker_threads'
import { FileWindow } from '../capture-file/file-window'
import { openRegular } from '../capture-file/open'
import { parsePcapHeader, PcapRecords } from '../capture-file/pcap'
import { CaptureIndex } from './capture-index'
import { readInto, type PartRequest, type PartResult } from './split-index'

function indexPart({ path, start, rows }: PartRequest): PartResult {
  const { fd, size } = openRegular(path, path)
  const file = new FileWindow(fd, size, true)
  try {
    const header = parsePcapHeader(file.bytes(0, 24)!)
    const records = new PcapRecords(file, header, start)
    const index = new CaptureIndex({ retainFrames: false, shared: { rows, part: 'second' } })
    readInto(index, records, header)
    if (index.full && records.position < size) return { error: 'the shared rows ran out before the end of the file' }
    return { part: index.sharedPart(), problem: records.problem }
  } finally {
    file.close()
  }
}

let result: PartResult
try {
  result = indexPart(workerData as PartRequest)
} catch (error) {
  result = { error: (error as Error).message }
}
parentPort!.postMessage(result)
