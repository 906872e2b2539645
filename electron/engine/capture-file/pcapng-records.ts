// pcapng blocks that hold no packet but that Wireshark numbers as frames all the same: Custom Blocks and systemd
// Journal Export Blocks. Read as Wireshark 4.0 reads them (wiretap/pcapng.c), so that frame numbers here are
// Wireshark's, and a frame's bytes are those Wireshark shows, but for one thing: a custom block's bytes start with
// its Private Enterprise Number, little-endian whatever the section's byte order, so that saving can write it back.
import { BLOCK_RECORD } from '../decode/link-types'
import type { Timestamp } from './record'

export const CUSTOM_BLOCK_COPY = 0x00000bad
export const CUSTOM_BLOCK_NO_COPY = 0x40000bad
export const SYSTEMD_JOURNAL_EXPORT_BLOCK = 9

/** The shortest entry Wireshark reads, `__REALTIME_TIMESTAMP=0\n`; a shorter one ends its reading of the file. */
export const MIN_JOURNAL_ENTRY = 23

export const isRecordBlock = (type: number): boolean => type === CUSTOM_BLOCK_COPY || type === CUSTOM_BLOCK_NO_COPY || type === SYSTEMD_JOURNAL_EXPORT_BLOCK

/** The frame's link type for a block that isRecordBlock. */
export function recordLinkType(type: number): number {
  if (type === SYSTEMD_JOURNAL_EXPORT_BLOCK) return BLOCK_RECORD.SYSTEMD_JOURNAL
  return type === CUSTOM_BLOCK_COPY ? BLOCK_RECORD.CUSTOM_COPY : BLOCK_RECORD.CUSTOM_NO_COPY
}

/**
 * A custom block's frame: its body (the enterprise number, then custom data and options up to the trailer). A view
 * into the file where the section is little-endian; a copy with the number's bytes turned where it is not.
 */
export function customBlockFrame(body: Uint8Array, littleEndian: boolean): Uint8Array {
  if (littleEndian) return body
  const frame = Uint8Array.from(body)
  frame.set([body[3], body[2], body[1], body[0]], 0)
  return frame
}

/** A journal entry's bytes: the block's body without the NULs that pad it (Wireshark leaves them out too). */
export function journalEntry(body: Uint8Array): Uint8Array {
  let end = body.length
  while (end > 0 && body[end - 1] === 0) end--
  return body.subarray(0, end)
}

const REALTIME = Buffer.from('__REALTIME_TIMESTAMP=')
/** A block without a time: 0, which Wireshark's relative times count from too (it shows none). */
export const UNTIMED: Timestamp = { timestampSeconds: 0, timestampFraction: 0, fractionDigits: 6 }
const MAX_U64 = (1n << 64n) - 1n

/**
 * Where the entry's first `__REALTIME_TIMESTAMP=` is (wherever it is, as Wireshark finds it): the name from `name`,
 * its digits from `start` to `end`; null without digits.
 */
export function journalTimeDigits(entry: Uint8Array): { name: number; start: number; end: number } | null {
  const at = Buffer.from(entry.buffer, entry.byteOffset, entry.length).indexOf(REALTIME)
  if (at < 0) return null
  const start = at + REALTIME.length
  let end = start
  while (end < entry.length && entry[end] >= 0x30 && entry[end] <= 0x39) end++
  return end === start ? null : { name: at, start, end }
}

/**
 * The entry's time, in microseconds. Without one (or with more than 64 bits of them) the frame has no time, shown as
 * 1970 as Wireshark's relative times count it.
 */
export function journalTime(entry: Uint8Array): Timestamp {
  const digits = journalTimeDigits(entry)
  if (!digits) return UNTIMED
  const micros = BigInt(new TextDecoder().decode(entry.subarray(digits.start, digits.end)))
  if (micros > MAX_U64) return UNTIMED
  return { timestampSeconds: Number(micros / 1_000_000n), timestampFraction: Number(micros % 1_000_000n), fractionDigits: 6 }
}
