// A lease table as CSV, one row per lease with the table's columns (absolute times in ISO 8601 UTC), quoted as
// RFC 4180 says so any spreadsheet reads it back.
import type { Lease } from './lease'

const columns: [string, (lease: Lease) => string | number | null | undefined][] = [
  ['address', (l) => l.address],
  ['hw_address', (l) => l.hwAddress],
  ['client_id', (l) => l.clientId],
  ['hostname', (l) => l.hostname],
  ['subnet_id', (l) => l.subnetId],
  ['valid_lifetime', (l) => l.validLifetime],
  ['start', (l) => isoTime(l.expire - l.validLifetime)],
  ['expire', (l) => isoTime(l.expire)],
  ['state', (l) => l.stateName],
  ['type', (l) => l.type],
  ['iaid', (l) => l.iaid],
  ['prefix_length', (l) => l.prefixLength],
  ['source', (l) => l.source],
]

function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString()
}

/** One RFC 4180 cell, safe from spreadsheet formulas. */
export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value)
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quoted with a ' it stays text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export const leaseCsvHeader = `${columns.map(([name]) => name).join(',')}\n`

export function leaseCsvLine(lease: Lease): string {
  return `${columns.map(([, value]) => csvCell(value(lease))).join(',')}\n`
}
