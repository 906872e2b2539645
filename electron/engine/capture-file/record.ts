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

export type CaptureFormat = 'pcap' | 'pcap-ns' | 'pcapng'

/** A file that cannot be read as a capture at all: one sentence saying what was expected and what was found. */
export class CaptureFileError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message)
    this.name = 'CaptureFileError'
  }
}

export function isoTimestamp(record: Pick<CaptureRecord, 'timestampSeconds' | 'timestampFraction' | 'fractionDigits'>): string {
  const base = new Date(record.timestampSeconds * 1000).toISOString().slice(0, 19)
  const digits = record.fractionDigits
  return digits > 0 ? `${base}.${String(record.timestampFraction).padStart(digits, '0')}Z` : `${base}Z`
}

const POWERS_OF_TEN = Array.from({ length: 20 }, (_, n) => 10 ** n)

export function secondsOf(record: Pick<CaptureRecord, 'timestampSeconds' | 'timestampFraction' | 'fractionDigits'>): number {
  return seconds(record.timestampSeconds, record.timestampFraction, record.fractionDigits)
}

/** A timestamp as seconds, from whole seconds and a fraction in units of 10^-digits. */
export function seconds(whole: number, fraction: number, digits: number): number {
  return whole + fraction / (POWERS_OF_TEN[digits] ?? 10 ** digits)
}
