// A display filter over records as they stream past (the CLI's `decode -Y`): filters run on an index, so records
// are indexed a batch at a time in a small one, tested, and handed on in file order. Memory stays one batch.
import type { CaptureRecord } from '../capture-file/record'
import type { DecodedFrame } from '../decode/frame'
import { CaptureIndex } from '../index/capture-index'
import { runFilter, type PacketTest } from './compile'

const BATCH = 4096

type Pass = (record: CaptureRecord, decoded: DecodedFrame) => void

export class RecordFilter {
  private records: CaptureRecord[] = []
  private decodes: DecodedFrame[] = []

  /** `pass` gets the records the filter keeps. Records must stay valid until flush(): read them non-transient. */
  constructor(private readonly test: PacketTest, private readonly pass: Pass) {}

  add(record: CaptureRecord, decoded: DecodedFrame): void {
    this.records.push(record)
    this.decodes.push(decoded)
    if (this.records.length === BATCH) this.flush()
  }

  flush(): void {
    const index = new CaptureIndex()
    this.records.forEach((record, i) => index.add(record, this.decodes[i].malformed))
    for (const i of runFilter(index, this.test)) this.pass(this.records[i], this.decodes[i])
    this.records = []
    this.decodes = []
  }
}
