// The packet list's rows and the packet on screen, made when asked for from the capture's index: its columns give
// the numbers and the frame's bytes, the full decoder (run on those frames only) the texts and the field tree.
import type { PacketDetail, PacketRow } from '../../contract/types'
import { isoTimestamp, withTimeWarning } from '../capture-file/record'
import type { FieldNode } from '../decode/field'
import type { DecodedFrame } from '../decode/frame'
import type { CaptureIndex } from '../index/capture-index'

/** Packet i's decode, with what its record warns of (a time no date can show) first. */
export function decodeIndexed(index: CaptureIndex, i: number): DecodedFrame {
  return withTimeWarning(index.decoded(i), index.timestamp(i))
}

/** The rows of these packets (0-based positions), in the order given, with the values of `fields` (custom columns). */
export function packetRows(index: CaptureIndex, positions: ArrayLike<number>, fields: readonly string[] = []): PacketRow[] {
  return Array.from(positions, (i) => {
    const decoded = index.decoded(i)
    const row = packetRow(index, i, decoded)
    return fields.length ? { ...row, fields: fieldValues(decoded.layers, fields) } : row
  })
}

/** Each field's values in a packet's tree, as the tree shows them (a field without a value shows its label). */
function fieldValues(layers: FieldNode[], fields: readonly string[]): Record<string, string> {
  const found = new Map<string, string[]>(fields.map((key) => [key, []]))
  const visit = (node: FieldNode) => {
    if (node.key) found.get(node.key)?.push(node.value ?? node.label)
    node.children?.forEach(visit)
  }
  layers.forEach(visit)
  return Object.fromEntries([...found].map(([key, values]) => [key, values.join(', ')]))
}

export function packetDetail(index: CaptureIndex, i: number): PacketDetail {
  const decoded = decodeIndexed(index, i)
  // A copy: the frame is a view into a read chunk of megabytes, which a transport would carry whole.
  return { row: packetRow(index, i, decoded), tree: decoded.layers, bytes: index.frame(i).slice(), warnings: decoded.warnings }
}

function packetRow(index: CaptureIndex, i: number, decoded: DecodedFrame): PacketRow {
  const { time, originalLength } = index.col
  return {
    frame: i + 1, time: time[i] - time[0], timestamp: isoTimestamp(index.timestamp(i)), source: decoded.source, destination: decoded.destination,
    protocol: decoded.protocol, length: originalLength[i], info: decoded.info, malformed: decoded.malformed,
  }
}
