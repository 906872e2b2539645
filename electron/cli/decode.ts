import { openCapture } from '../engine/capture-file/open'
import { decodeFrame } from '../engine/decode/frame'
import { jsonLine } from '../engine/decode/json'
import { formatPacketText } from '../engine/decode/text'

/** Streams every packet of a capture to `write`; returns the reader's problem (damage) if reading stopped early. */
export function decodeCommand(path: string, json: boolean, write: (line: string) => void): string | null {
  const reader = openCapture(path)
  try {
    for (let record = reader.next(); record; record = reader.next()) {
      const decoded = decodeFrame(record.linkType, record.data, record.originalLength)
      if (!decoded.dhcp) continue
      if (json) write(jsonLine(record, decoded)!)
      else write(formatPacketText(record, decoded))
    }
    return reader.problem
  } finally {
    reader.close()
  }
}
