import { indexCaptureFile } from './electron/engine/index/index-file'
import { groupExchanges } from './electron/engine/index/transactions'
import { captureStats } from './electron/engine/index/statistics'
const t0 = performance.now()
const { index } = indexCaptureFile(process.argv[2], { retainFrames: false })
const t1 = performance.now()
const ex = groupExchanges(index)
const t2 = performance.now()
captureStats(index, ex)
const t3 = performance.now()
console.log({ index: t1 - t0, group: t2 - t1, stats: t3 - t2 })
