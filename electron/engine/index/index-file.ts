// Indexes a capture file straight from disk, without the store: the CLI's `stats` and the benchmark use it.
import { openCapture } from '../capture-file/open'
import { seconds, type CaptureFormat } from '../capture-file/record'
import { CaptureIndex } from './capture-index'

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
    const inPlace = retainFrames ? null : reader.inPlace
    if (inPlace) {
      const { current: r, linkType, fractionDigits } = inPlace
      while (inPlace.next()) index.addInPlace(linkType, r.buffer, r.dataStart, r.dataEnd, seconds(r.seconds, r.fraction, fractionDigits))
    } else {
      for (let record = reader.next(); record; record = reader.next()) index.add(record, false)
    }
    return { index, format: reader.format, problem: reader.problem }
  } finally {
    reader.close()
  }
}
