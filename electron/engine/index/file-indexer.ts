// Indexes a capture file's records a batch at a time, so that a caller can let other work in between batches
// (loading a capture, rebuilding an index that was dropped) or run them back to back (the CLI).
import type { CaptureReader } from '../capture-file/open'
import type { CaptureIndex } from './capture-index'

/**
 * A batch also ends after this much of the file: a batch of large records (up to 256 KiB each) would otherwise be
 * a gigabyte read before the engine answers anything else.
 */
const BATCH_BYTES = 32 * 1024 * 1024
/** The clock is read once per this many records plus one (a mask): a few microseconds of work between readings. */
const CLOCK_EVERY = 255

export class FileIndexer {
  /** @param limit index at most this many packets (a capture whose load was stopped keeps only those it read). */
  constructor(readonly reader: CaptureReader, readonly index: CaptureIndex, private readonly limit = Infinity) {}

  /**
   * Indexes up to `packets` more records, stopping early once `deadline` (a performance.now() time) has passed;
   * false when there were none left to index.
   */
  step(packets: number, deadline = Infinity): boolean {
    const { reader, index } = this
    const end = Math.min(this.limit, index.count + packets)
    const endByte = reader.position + BATCH_BYTES
    const before = index.count
    const inPlace = reader.inPlace
    if (inPlace) {
      // Classic pcap: record by record where it sits in the read buffer, without an object per record.
      const { linkType, fractionDigits, current } = inPlace
      while (index.count < end && reader.position < endByte && inPlace.next()) {
        index.addAt(linkType, fractionDigits, current)
        if ((index.count & CLOCK_EVERY) === 0 && performance.now() >= deadline) break
      }
    } else {
      while (index.count < end && reader.position < endByte) {
        const record = reader.next()
        if (!record) break
        index.add(record)
        if ((index.count & CLOCK_EVERY) === 0 && performance.now() >= deadline) break
      }
    }
    return index.count > before
  }

  /** Indexes every record left. */
  all(): void {
    while (this.step(Infinity));
  }
}
