// The worker of split-index.ts, built as out/main/index-worker.js: indexes a classic pcap file from a record
// boundary to its end, without frames, and posts the columns back (their buffers moved, not copied).
import { parentPort, workerData } from 'node:worker_threads'
import { FileWindow } from '../capture-file/file-window'
import { openRegular } from '../capture-file/open'
import { parsePcapHeader, PcapRecords } from '../capture-file/pcap'
import { CaptureIndex } from './capture-index'
import { readInto, type PartRequest, type PartResult } from './split-index'

function indexPart({ path, start }: PartRequest): PartResult {
  const { fd, size } = openRegular(path, path)
  const file = new FileWindow(fd, size, true)
  try {
    const header = parsePcapHeader(file.bytes(0, 24)!)
    const records = new PcapRecords(file, header, start)
    const index = new CaptureIndex({ retainFrames: false, fileSize: size - start })
    readInto(index, records, header)
    return { part: index.summaries(), problem: records.problem }
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
const moved = 'part' in result ? [result.part.time, result.part.family, result.part.messageType, result.part.xid, result.part.client, result.part.server, result.part.status, result.part.duids.bytes, result.part.duids.starts, result.part.duids.lengths].map((a) => a.buffer as ArrayBuffer) : []
parentPort!.postMessage(result, moved)
