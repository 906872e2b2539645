// Kea's memfile lease CSV, read by its header as Kea itself does (VersionedCSVFile): columns are found by name, so
// every version reads the same way. v4 has 11 columns in Kea 2.2 and 12 from 2.4 (pool_id); v6 has 17, then 18.
// Kea 3.x keeps those headers and adds the states 3 (released) and 4 (registered). Unknown extra columns are ignored.
import { isIPv4, isIPv6 } from 'node:net'
import { stateName, type Lease } from './lease'
import { LeaseSourceError } from './lease-source'

export interface MemfileLayout {
  family: 4 | 6
  column: (name: string) => number
}

/** The columns without which a line is not a lease (Kea's "minimum valid columns" and what the table needs). */
const requiredColumns: Record<4 | 6, string[]> = {
  4: ['address', 'hwaddr', 'client_id', 'valid_lifetime', 'expire', 'subnet_id', 'hostname'],
  6: ['address', 'duid', 'valid_lifetime', 'expire', 'subnet_id', 'pref_lifetime', 'lease_type', 'iaid', 'prefix_len', 'hostname'],
}

const MAX_COLUMNS = 64
const leaseTypes = ['IA_NA', 'IA_TA', 'IA_PD'] as const

/** The layout a header line names; anything else is not a Kea lease file, and is refused in a sentence. */
export function readHeader(line: string, fileName: string): MemfileLayout {
  const names = line.trim().split(',', MAX_COLUMNS + 1)
  const family = names.includes('duid') ? 6 : names.includes('hwaddr') ? 4 : null
  const missing = family === null ? [] : requiredColumns[family].filter((name) => !names.includes(name))
  if (names[0] !== 'address' || family === null || missing.length > 0 || names.length > MAX_COLUMNS) {
    const seen = line.length > 80 ? `${line.slice(0, 80)}…` : line
    throw new LeaseSourceError(`${fileName} is not a Kea memfile lease file: its first line should be Kea's header `
      + `("address,hwaddr,client_id,…" for DHCPv4, "address,duid,valid_lifetime,…" for DHCPv6) but is "${seen}"`
      + `${missing.length ? ` (missing ${missing.join(', ')})` : ''}. Pick a kea-leases4.csv or kea-leases6.csv file.`)
  }
  const index = new Map(names.map((name, i) => [name, i]))
  return { family, column: (name) => index.get(name) ?? -1 }
}

/** A line that is not a lease, said as the problem with it (the caller adds file and line). */
export class RecordError extends Error {}

/** Kea writes a comma inside a value as "&#x2c" (CSVFile::escapeCharacters); any "&#xHH" is undone. */
export function unescapeValue(value: string): string {
  return value.includes('&#x') ? value.replace(/&#x([\da-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : value
}

const hexBytes = /^[\da-f]{1,2}(:[\da-f]{1,2}){0,254}$/

function hexField(value: string, what: string): string | null {
  if (value === '') return null
  const lower = value.toLowerCase()
  if (!hexBytes.test(lower)) throw new RecordError(`the ${what} "${clip(value)}" is not colon-separated hex`)
  return lower
}

/** A decimal count up to `max`, read without a regex or a throwaway string (a memfile has millions of them). */
function unsigned(value: string, what: string, max = 0xffffffff): number {
  let n = 0
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48
    if (digit < 0 || digit > 9 || i >= 15) throw new RecordError(`the ${what} "${clip(value)}" is not a number`)
    n = n * 10 + digit
  }
  if (value.length === 0) throw new RecordError(`the ${what} "" is not a number`)
  if (n > max) throw new RecordError(`the ${what} ${value} is out of range`)
  return n
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value
}

/** Where each column the parser reads is, found once per file (-1: the file has no such column). */
function columnsOf(layout: MemfileLayout) {
  const names = ['address', 'hwaddr', 'client_id', 'duid', 'valid_lifetime', 'expire', 'subnet_id', 'hostname', 'state', 'pool_id', 'lease_type', 'iaid', 'prefix_len', 'pref_lifetime'] as const
  return Object.fromEntries(names.map((name) => [name, layout.column(name)])) as Record<(typeof names)[number], number>
}

const layoutColumns = new WeakMap<MemfileLayout, ReturnType<typeof columnsOf>>()

/** One data line as a Lease; a line that is not one throws RecordError. `valid_lifetime` 0 marks a deleted lease. */
export function parseRecord(layout: MemfileLayout, line: string, source: string): Lease {
  let at = layoutColumns.get(layout)
  if (!at) layoutColumns.set(layout, (at = columnsOf(layout)))
  const fields = line.split(',', MAX_COLUMNS + 1)
  const field = (i: number): string => (i >= 0 && i < fields.length ? fields[i] : '')
  if (fields.length <= at.hostname) throw new RecordError(`it has ${fields.length} fields where the header names at least ${at.hostname + 1}`)
  const address = fields[at.address]
  if (layout.family === 4 ? !isIPv4(address) : !isIPv6(address)) throw new RecordError(`"${clip(address)}" is not an IPv${layout.family} address`)
  const stateText = field(at.state)
  const state = stateText === '' ? 0 : unsigned(stateText, 'state', 255)
  const hostname = fields[at.hostname]
  const lease: Lease = {
    family: layout.family,
    address,
    hwAddress: hexField(field(at.hwaddr), 'hardware address'),
    clientId: layout.family === 4 ? hexField(field(at.client_id), 'client identifier') : hexField(field(at.duid), 'DUID'),
    hostname: hostname.length > 255 || hostname.includes('&#x') ? unescapeValue(hostname).slice(0, 255) : hostname,
    subnetId: unsigned(fields[at.subnet_id], 'subnet id'),
    validLifetime: unsigned(fields[at.valid_lifetime], 'valid lifetime'),
    expire: unsigned(fields[at.expire], 'expiry time', Number.MAX_SAFE_INTEGER),
    state,
    stateName: stateName(state),
    source,
  }
  const pool = field(at.pool_id)
  if (pool !== '') lease.poolId = unsigned(pool, 'pool id')
  if (layout.family === 6) {
    lease.type = leaseTypes[unsigned(field(at.lease_type), 'lease type', 2)]
    lease.iaid = unsigned(field(at.iaid), 'IAID')
    lease.prefixLength = unsigned(field(at.prefix_len), 'prefix length', 128)
    lease.preferredLifetime = unsigned(field(at.pref_lifetime), 'preferred lifetime')
  }
  return lease
}
