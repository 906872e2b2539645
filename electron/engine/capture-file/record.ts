export interface CaptureRecord {
  /** 1-based position among the file's packet records. */
  frame: number
  timestampSeconds: number
  /** Fraction of the second, in units of 10^-fractionDigits. */
  timestampFraction: number
  fractionDigits: number
  originalLength: number
  linkType: number
  interfaceId: number
  /** A view into the file's read buffer (not a copy): cheap to pass on, and stable while referenced. */
  data: Uint8Array
  comment?: string
}

/**
 * Packet data larger than this is damage, not data, whatever a header's snapshot length says: libpcap's and
 * Wireshark's standard maximum. Readers check it before reading a packet, so it bounds what one can allocate.
 */
export const MAX_PACKET_BYTES = 256 * 1024

export type CaptureFormat = 'pcap' | 'pcap-ns' | 'pcapng'

/** A file that cannot be read as a capture at all: one sentence saying what was expected and what was found. */
export class CaptureFileError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message)
    this.name = 'CaptureFileError'
  }
}

export type Timestamp = Pick<CaptureRecord, 'timestampSeconds' | 'timestampFraction' | 'fractionDigits'>

const POWERS_OF_TEN = Array.from({ length: 20 }, (_, n) => 10 ** n)

/** 9999-12-31T23:59:59Z: the last second ISO 8601's four-digit years can show. */
const LAST_SHOWABLE_SECOND = 253402300799

/**
 * Why a timestamp cannot be shown as a date, or null when it can. Files store unsigned times since 1970, so one
 * before 1970 comes only from a negative offset: damage, shown raw like the rest.
 */
function unshowable({ timestampSeconds: s, timestampFraction: f, fractionDigits: d }: Timestamp): string | null {
  if (!Number.isInteger(s) || !Number.isInteger(f) || !Number.isInteger(d) || d < 0) return 'it is not a number'
  if (s < 0) return 'it is before 1970'
  if (s > LAST_SHOWABLE_SECOND) return 'it is after the year 9999'
  if (f < 0 || f >= (POWERS_OF_TEN[d] ?? 10 ** d)) return `its fraction of a second, ${f} × 10^-${d} s, is not below one second`
  return null
}

/** Seconds since 1970 in decimal digits, exact to the fraction (the whole seconds are a number: exact below 2^53). */
function rawTimestamp({ timestampSeconds: s, timestampFraction: f, fractionDigits: d }: Timestamp): string {
  if (!Number.isInteger(s) || !Number.isInteger(f) || !Number.isInteger(d) || d < 0) return String(seconds(s, f, d))
  const scale = 10n ** BigInt(d)
  const units = BigInt(s) * scale + BigInt(f)
  const magnitude = units < 0n ? -units : units
  const whole = `${units < 0n ? '-' : ''}${magnitude / scale}`
  return d > 0 ? `${whole}.${String(magnitude % scale).padStart(d, '0')}` : whole
}

/** The date and time of the last whole second shown: packets come many to a second, and making it is most of the cost. */
let shownSecond = NaN
let shownBase = ''

/** ISO 8601 with the file's precision; a time no date can show is given as its raw value (see timestampWarning). */
export function isoTimestamp(record: Timestamp): string {
  if (unshowable(record)) return rawTimestamp(record)
  if (record.timestampSeconds !== shownSecond) {
    shownSecond = record.timestampSeconds
    shownBase = new Date(shownSecond * 1000).toISOString().slice(0, 19)
  }
  const base = shownBase
  const digits = record.fractionDigits
  return digits > 0 ? `${base}.${String(record.timestampFraction).padStart(digits, '0')}Z` : `${base}Z`
}

/** A packet's decode with, first among its warnings, the one its time calls for (see timestampWarning). */
export function withTimeWarning<T extends { warnings: string[] }>(decoded: T, stamp: Timestamp): T {
  const warning = timestampWarning(stamp)
  return warning ? { ...decoded, warnings: [warning, ...decoded.warnings] } : decoded
}

/** The warning that goes with a packet whose time isoTimestamp could only give raw, or null. */
export function timestampWarning(record: Timestamp): string | null {
  const why = unshowable(record)
  return why && `Timestamp cannot be shown as a date: ${why}; shown as the raw value ${rawTimestamp(record)} s since 1970.`
}

/** A timestamp as seconds, from whole seconds and a fraction in units of 10^-digits. */
export function seconds(whole: number, fraction: number, digits: number): number {
  return whole + fraction / (POWERS_OF_TEN[digits] ?? 10 ** digits)
}
