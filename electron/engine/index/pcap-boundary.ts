// Finds where a record starts in the middle of a classic pcap file, so that two threads can each index one part.
// A guess, not a proof: whoever reads the part before checks that its last record ends exactly there.
import type { FileWindow } from '../capture-file/file-window'
import { PCAP_HEADER_LENGTH, type PcapHeader } from '../capture-file/pcap'
import { MAX_PACKET_BYTES } from '../capture-file/record'

const RECORD_HEADER_LENGTH = 16
/** Consecutive plausible records a candidate must start: a false start that chains this far is not met in practice. */
const CHAIN = 16
/** How far past the middle to look for one. */
const SEARCH_BYTES = 4 * 1024 * 1024
const TEN_YEARS = 10 * 366 * 86400

/** The offset of a record at or after `from` (by its chain of plausible headers), or -1 when none was found. */
export function findRecordBoundary(file: FileWindow, header: PcapHeader, from: number): number {
  const le = header.littleEndian
  const fractions = header.nanoseconds ? 1e9 : 1e6
  if (!file.ensure(PCAP_HEADER_LENGTH, RECORD_HEADER_LENGTH)) return -1
  const firstSeconds = file.uint32(PCAP_HEADER_LENGTH, le)
  const plausible = (at: number): number => {
    if (!file.ensure(at, RECORD_HEADER_LENGTH)) return -1
    const seconds = file.uint32(at, le), fraction = file.uint32(at + 4, le)
    const captured = file.uint32(at + 8, le), original = file.uint32(at + 12, le)
    if (Math.abs(seconds - firstSeconds) > TEN_YEARS || fraction >= fractions) return -1
    if (captured > MAX_PACKET_BYTES || captured > original || original > MAX_PACKET_BYTES * 4) return -1
    return at + RECORD_HEADER_LENGTH + captured
  }
  const last = Math.min(from + SEARCH_BYTES, file.size - RECORD_HEADER_LENGTH)
  for (let at = from; at < last; at++) {
    let next = at, k = 0
    while (k < CHAIN && next >= 0 && next < file.size) {
      next = plausible(next)
      k++
    }
    if (k === CHAIN && next >= 0) return at
  }
  return -1
}
