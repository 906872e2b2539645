// Indexes a capture file straight from disk, in one go: the CLI's `stats` and the tests use it.
import { openCapture } from '../capture-file/open'
import type { CaptureFormat } from '../capture-file/record'
import { CaptureIndex } from './capture-index'
import { FileIndexer } from './file-indexer'

export interface IndexedFile {
  index: CaptureIndex
  format: CaptureFormat
  /** Damage that stopped reading early; the packets before it are indexed. */
  problem: string | null
}

/** Throws CaptureFileError when the file is no capture. Malformed flags are not known here (no full decode). */
export function indexCaptureFile(path: string, { label = path, retainFrames = true } = {}): IndexedFile {
  const reader = openCapture(path, label, !retainFrames)
  const index = new CaptureIndex({ retainFrames, fileSize: reader.size })
  try {
    new FileIndexer(reader, index).all()
    return { index, format: reader.format, problem: reader.problem }
  } finally {
    reader.close()
  }
}
