import { forEachDecodedFrame } from '../engine/capture-file/decoded-frames'
import { isoTimestamp } from '../engine/capture-file/record'
import { jsonLine } from '../engine/decode/json'
import { formatPacketText } from '../engine/decode/text'

/** Streams every DHCP packet of a capture to `write`; returns the reader's problem (damage) if reading stopped early. */
export function decodeCommand(path: string, json: boolean, write: (line: string) => void): string | null {
  return forEachDecodedFrame(path, (record, decoded) => {
    if (!decoded.dhcp) return
    write(json ? jsonLine(record, decoded)! : formatPacketText(record.frame, isoTimestamp(record), decoded))
  })
}
