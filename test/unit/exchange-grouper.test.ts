// A loading or live capture is grouped as it grows (ExchangeGrouper.update after each batch): the exchanges must be
// the ones grouping the whole capture at once gives.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCapture } from '../../electron/engine/capture-file/open'
import { CaptureIndex } from '../../electron/engine/index/capture-index'
import { FileIndexer } from '../../electron/engine/index/file-indexer'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { ExchangeGrouper, groupExchanges, type Exchanges } from '../../electron/engine/transactions/exchanges'
import { corpusDir, corpusFiles } from '../helpers/corpus'

const shape = (ex: Exchanges) => Array.from({ length: ex.count }, (_, id) => ({ family: ex.family[id], client: ex.client[id], xid: ex.xid[id], done: ex.done[id], packets: ex.packets(id) }))

describe('grouping a capture as it grows', () => {
  it.each(corpusFiles())('%s: batch by batch gives the exchanges of grouping it at once', (file) => {
    const path = join(corpusDir, file)
    const whole = groupExchanges(indexCaptureFile(path).index)
    const reader = openCapture(path)
    const index = new CaptureIndex()
    const indexer = new FileIndexer(reader, index)
    const grouper = new ExchangeGrouper(index)
    try {
      while (indexer.step(3)) grouper.update()
    } finally {
      reader.close()
    }
    expect(shape(grouper.update())).toEqual(shape(whole))
  })

  it.each(corpusFiles())('%s: a finished grouping frees its tables and reads the same', (file) => {
    const { index } = indexCaptureFile(join(corpusDir, file))
    const whole = groupExchanges(index)
    const read = (ex: Exchanges) => Array.from({ length: ex.count }, (_, id) => ({ family: ex.family[id], client: ex.client[id], xid: ex.xid[id], seen: ex.seen[id], size: ex.size[id], packets: ex.packets(id) }))
    const grouper = new ExchangeGrouper(index)
    grouper.update(Math.floor(index.count / 2))
    const finished = grouper.finish()
    expect(read(finished)).toEqual(read(whole))
    expect(finished.family.length).toBe(finished.count)
    expect(finished.previousWithXid.length).toBe(0)
    expect(() => grouper.update()).toThrow(/finished/)
  })
})
