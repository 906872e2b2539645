// Kea's SQL lease columns turned into the common lease shape, and back for lookups. What each schema stores:
// - v4 addresses: an integer (MySQL INT UNSIGNED, PostgreSQL BIGINT) in every version;
// - v6 addresses: text (VARCHAR(39)) up to MySQL schema 18 / PostgreSQL 17 (Kea 2.2), then BINARY(16) on MySQL and
//   INET on PostgreSQL (Kea 2.4 on);
// - hardware addresses, client identifiers and DUIDs: bytes (VARBINARY / BYTEA);
// - integers PostgreSQL holds as BIGINT come through `pg` as strings; its INT holds Kea's unsigned IAID signed.
import ipaddr from 'ipaddr.js'
import { normalHex } from './lease-query'

/** How a schema stores v6 addresses. */
export type V6AddressColumn = 'text' | 'binary' | 'inet'

export const leaseTypes = { 0: 'IA_NA', 1: 'IA_TA', 2: 'IA_PD' } as const
export type LeaseType = (typeof leaseTypes)[keyof typeof leaseTypes]

/** An integer column as a number, whatever shape the driver gave it (number, BIGINT string, bigint); null when none. */
export function integerOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  const number = typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
  return Number.isFinite(number) ? Math.trunc(number) : null
}

export function v4FromInteger(value: unknown): string | null {
  const n = integerOf(value)
  if (n === null || n < 0 || n > 0xffffffff) return null
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.')
}

export function v4ToInteger(address: string): number | null {
  if (!ipaddr.IPv4.isValidFourPartDecimal(address.trim())) return null
  return ipaddr.IPv4.parse(address.trim()).octets.reduce((n, octet) => n * 256 + octet, 0)
}

/** The address in its canonical text (RFC 5952, as Kea writes it), from any of the three column kinds. */
export function v6FromColumn(value: unknown): string | null {
  try {
    if (Buffer.isBuffer(value)) return value.length === 16 ? ipaddr.fromByteArray([...value]).toString() : null
    if (typeof value !== 'string' || !ipaddr.IPv6.isValid(value.replace(/\/128$/, ''))) return null
    return ipaddr.IPv6.parse(value.replace(/\/128$/, '')).toString()
  } catch {
    return null
  }
}

/** The value to compare a v6 address column with: canonical text for text and INET columns, 16 bytes for binary. */
export function v6ToColumn(address: string, column: V6AddressColumn): string | Buffer | null {
  const canonical = v6FromColumn(address.trim())
  if (canonical === null) return null
  return column === 'binary' ? Buffer.from(ipaddr.IPv6.parse(canonical).toByteArray()) : canonical
}

/** Colon-separated lower-case hex, as the Kea API shows identifiers; null for none or empty. */
export function hexFromBytes(value: unknown): string | null {
  if (!Buffer.isBuffer(value) || value.length === 0) return null
  return [...value].map((byte) => byte.toString(16).padStart(2, '0')).join(':')
}

/** Bytes of a colon- or dash-separated hex identifier ("1:A" is 01:0a); null when it is not one. */
export function bytesFromHex(text: string): Buffer | null {
  const trimmed = text.trim()
  if (!/^[0-9a-f]{1,2}([:-][0-9a-f]{1,2})*$/i.test(trimmed)) return null
  return Buffer.from(normalHex(trimmed).replaceAll(':', ''), 'hex')
}

/** Kea's IAID is unsigned; PostgreSQL's INT column gives the large ones back negative. */
export function iaidOf(value: unknown): number | null {
  const n = integerOf(value)
  return n === null ? null : n >>> 0
}

export function leaseTypeOf(value: unknown): LeaseType | null {
  const n = integerOf(value)
  return n === null ? null : (leaseTypes as Record<number, LeaseType>)[n] ?? null
}
