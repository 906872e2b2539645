// How `decode` and `capture` print a packet: one JSON object per line, or dhcpdump-like text; non-DHCP packets are
// not printed. A time no date can show is printed raw, and the packet's warnings say so.
import { isoTimestamp, withTimeWarning, type CaptureRecord } from '../engine/capture-file/record'
import type { DecodedFrame } from '../engine/decode/frame'
import { jsonLine } from '../engine/decode/json'
import { formatPacketText } from '../engine/decode/text'

export function packetPrinter(json: boolean, write: (line: string) => void): (record: CaptureRecord, decoded: DecodedFrame) => void {
  return (record, decoded) => {
    if (!decoded.dhcp) return
    const shown = withTimeWarning(decoded, record)
    write(json ? jsonLine(record, shown)! : formatPacketText(record.frame, isoTimestamp(record), shown))
  }
}
