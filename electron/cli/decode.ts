import { forEachDecodedFrame } from '../engine/capture-file/decoded-frames'
import { isoTimestamp, timestampWarning } from '../engine/capture-file/record'
import { jsonLine } from '../engine/decode/json'
import { formatPacketText } from '../engine/decode/text'

/** Streams every DHCP packet of a capture to `write`; returns the reader's problem (damage) if reading stopped early. */
export function decodeCommand(path: string, json: boolean, write: (line: string) => void): string | null {
  return forEachDecodedFrame(path, (record, decoded) => {
    if (!decoded.dhcp) return
    // A time no date can show is printed raw; the packet's warnings say so.
    const timeWarning = timestampWarning(record)
    const shown = timeWarning ? { ...decoded, warnings: [timeWarning, ...decoded.warnings] } : decoded
    write(json ? jsonLine(record, shown)! : formatPacketText(record.frame, isoTimestamp(record), shown))
  }, true)
}
