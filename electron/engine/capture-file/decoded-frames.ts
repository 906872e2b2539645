import { decodeFrame, type DecodedFrame } from '../decode/frame'
import { openCapture } from './open'
import type { CaptureRecord } from './record'

/**
 * Reads a whole capture and hands each record with its decode to `visit`, in file order. Returns the reader's
 * problem (damage that stopped reading early), or null. Throws CaptureFileError when the file is no capture.
 * `transient`: `visit` keeps nothing of a record once it returns, so one read buffer is reused (memory stays
 * flat however the file's blocks are laid out).
 */
export function forEachDecodedFrame(path: string, visit: (record: CaptureRecord, decoded: DecodedFrame) => void, transient = false): string | null {
  const reader = openCapture(path, path, transient)
  try {
    for (let record = reader.next(); record; record = reader.next()) visit(record, decodeFrame(record.linkType, record.data, record.originalLength))
    return reader.problem
  } finally {
    reader.close()
  }
}
