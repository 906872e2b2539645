// The index a capture's list, filters and transactions read: built in place from the pcap reader's buffers (no
// object per packet) it must hold what it holds when built record by record, and give every time back exactly.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCapture } from '../../electron/engine/capture-file/open'
import { isoTimestamp } from '../../electron/engine/capture-file/record'
import { CaptureIndex } from '../../electron/engine/index/capture-index'
import { FileIndexer } from '../../electron/engine/index/file-indexer'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { corpusDir, corpusFiles, decodeFile } from '../helpers/corpus'
import { makeSyntheticCapture } from '../helpers/synthetic-capture'
import { tempDir } from '../helpers/temp'

function recordByRecord(path: string): CaptureIndex {
  const reader = openCapture(path)
  const index = new CaptureIndex()
  for (let record = reader.next(); record; record = reader.next()) index.add(record)
  reader.close()
  return index
}

describe('capture index', () => {
  it.each(corpusFiles().filter((f) => f.endsWith('.pcap')))('holds the same in place as record by record on %s', (file) => {
    const path = join(corpusDir, file)
    const { index } = indexCaptureFile(path)
    const reference = recordByRecord(path)
    expect(index.count).toBe(reference.count)
    for (const [name, column] of Object.entries(reference.col)) {
      if (name !== 'ref') expect([...index.col[name as keyof typeof index.col].subarray(0, index.count)], name).toEqual([...column.subarray(0, index.count)])
    }
    for (const [name, column] of Object.entries(reference.options)) {
      expect([...index.options[name as keyof typeof index.options].subarray(0, index.optionTotal)], name).toEqual([...column.subarray(0, reference.optionTotal)])
    }
    for (let i = 0; i < index.count; i++) expect(index.frame(i)).toEqual(reference.frame(i))
  })

  it('gives every packet\'s time back exactly, to the nanosecond and beyond any date', () => {
    const [{ record }] = decodeFile(join(corpusDir, 'zeek__dhcp.pcap'))
    const times = [
      [1_700_000_000, 999_999_999, 9], [1_700_000_000, 1, 9], [0, 0, 6], [4_294_967_295, 999_999, 6], [-5, 1, 6],
      [2 ** 50 - 1, 999_999_999, 9], [2 ** 50, 999_999_999, 9], [18_446_744_073_709, 551_615, 6], [2 ** 64, 0, 0],
    ]
    const index = new CaptureIndex()
    for (const [timestampSeconds, timestampFraction, fractionDigits] of times) index.add({ ...record, timestampSeconds, timestampFraction, fractionDigits })
    expect(times.map((_, i) => index.timestamp(i))).toEqual(times.map(([timestampSeconds, timestampFraction, fractionDigits]) => ({ timestampSeconds, timestampFraction, fractionDigits })))
    expect(isoTimestamp(index.timestamp(0))).toBe('2023-11-14T22:13:20.999999999Z')
  })
})

describe('indexing a file in batches', () => {
  it('stops a batch at its deadline, every 256 packets at most, in place and record by record, and goes on where it stopped', () => {
    const pcap = join(tempDir('batches'), 'big.pcap')
    makeSyntheticCapture(pcap, 2000)
    const pcapng = `${pcap}ng`
    execFileSync('editcap', ['-F', 'pcapng', pcap, pcapng])
    for (const file of [pcap, pcapng]) {
      const reader = openCapture(file)
      expect(Boolean(reader.inPlace), file).toBe(file === pcap)
      const indexer = new FileIndexer(reader, new CaptureIndex())
      // A deadline already past: the batch ends at the first clock reading.
      expect(indexer.step(Infinity, performance.now())).toBe(true)
      expect(indexer.index.count).toBe(256)
      expect(indexer.step(1000)).toBe(true)
      expect(indexer.index.count).toBe(1256)
      indexer.all()
      expect(indexer.index.count).toBe(2000)
      reader.close()
    }
  })
})
