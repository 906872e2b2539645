// The worker of split-index.ts, built as out/main/index-worker.js and started by part-worker.ts: waits for its
// request, then indexes a classic pcap file from a record boundary to its end, without frames, into the second part
// of the shared rows, and posts them in batches as it goes.
import { parentPort } from 'node:worker_threads'
import { FileWindow } from '../capture-file/file-window'
import { openRegular } from '../capture-file/open'
import { parsePcapHeader, PcapRecords } from '../capture-file/pcap'
import { CaptureIndex } from './capture-index'
import type { PartMessage, PartRequest } from './part-worker'
import { readInto } from './split-index'

/** Rows per batch: small enough that the other thread works on them soon after, large enough to post few messages. */
const BATCH_ROWS = 32_768

const post = (message: PartMessage) => parentPort!.postMessage(message)

function indexPart({ path, start, rows }: PartRequest): void {
  const { fd, size } = openRegular(path, path)
  const file = new FileWindow(fd, size, true)
  try {
    const header = parsePcapHeader(file.bytes(0, 24)!)
    const records = new PcapRecords(file, header, start)
    const index = new CaptureIndex({ retainFrames: false, shared: { rows, part: 'second' } })
    const end = readInto(index, records, header, () => post({ batch: index.takeSharedBatch(), end: records.position, last: false }), BATCH_ROWS)
    post({ batch: index.takeSharedBatch(), end, last: true, problem: records.problem, full: index.full && end < size })
  } finally {
    file.close()
  }
}

parentPort!.once('message', (request: PartRequest) => {
  try {
    indexPart(request)
  } catch (error) {
    post({ error: (error as Error).message })
  }
})
