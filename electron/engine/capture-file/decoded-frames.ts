import { decodeFrame, type DecodedFrame, type DecodeOptions } from '../decode/frame'
import { openCapture } from './open'
import type { CaptureRecord } from './record'

export interface ReadOptions extends DecodeOptions {
  /**
   * `visit` keeps nothing of a record once it returns, so one read buffer is reused (memory stays flat however
   * the file's blocks are laid out).
   */
  transient?: boolean
  /** Read only the first `count` packets. */
  count?: number
}

/**
 * Reads a capture and hands each record with its decode to `visit`, in file order. Returns the reader's
 * problem (damage that stopped reading early), or null. Throws CaptureFileError when the file is no capture.
 */
export function forEachDecodedFrame(path: string, visit: (record: CaptureRecord, decoded: DecodedFrame) => void, { transient = false, count = Infinity, tree, columns }: ReadOptions = {}): string | null {
  const reader = openCapture(path, path, transient)
  const decode: DecodeOptions = { tree, columns }
  try {
    // Stops at the count before reading on, so damage past it is not reported.
    for (let record = count > 0 ? reader.next() : null; record; record = record.frame < count ? reader.next() : null) visit(record, decodeFrame(record.linkType, record.data, record.originalLength, decode))
    return reader.problem
  } finally {
    reader.close()
  }
}
