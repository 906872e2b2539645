// The SELECTs that read Kea's lease tables: the same for both servers but for the few expressions each spells its
// own way (SqlSyntax). Every value a row can carry is bounded in the query itself, so a damaged or foreign table
// cannot send a row larger than Kea's own would be; every page is bounded by its LIMIT; pages follow one another by
// address (keyset), so no page costs more than the first however far the reading has gone.
import { LeaseSourceError, type LeaseQuery } from './lease-source'
import type { SqlLeaseSchema } from './sql-schema'
import { bytesFromHex, v4ToInteger, v6ToColumn, type V6AddressColumn } from './sql-values'

export interface SqlSyntax {
  /** The n-th (1-based) placeholder. */
  param(n: number): string
  /** Unix seconds of a timestamp column, as the server itself converts it (see each server's file on time zones). */
  epoch(column: string): string
  bytes(column: string, max: number): string
  text(column: string, max: number): string
  /** The v6 address as selected (raw for text and binary: it is the next page's key) and as compared. */
  v6Select(kind: V6AddressColumn): string
  v6Param(n: number, kind: V6AddressColumn): string
}

/** Kea's own limits are 20 bytes of hardware address, 255 of client identifier, 130 of DUID and 255 of hostname. */
const MAX_HWADDR = 64
const MAX_CLIENT_ID = 255
const MAX_HOSTNAME = 255

/** One column equal to one value; `lower` compares the column's lower case (hostnames, as Kea compares them). */
export interface SqlFilter {
  column: 'address' | 'hwaddr' | 'client_id' | 'duid' | 'hostname' | 'subnet_id'
  value: unknown
  lower?: true
}

export interface SelectStatement {
  sql: string
  params: unknown[]
}

export function selectLeases(family: 4 | 6, schema: SqlLeaseSchema, syntax: SqlSyntax, filter: SqlFilter | null, after: unknown, limit: number): SelectStatement {
  const has = (column: string) => schema.columns[family].has(column)
  const optional = (column: string, expression = column) => (has(column) ? `${expression} AS ${column}` : `NULL AS ${column}`)
  const columns = [
    family === 4 ? 'address' : `${syntax.v6Select(schema.v6Address)} AS address`,
    optional('hwaddr', syntax.bytes('hwaddr', MAX_HWADDR)),
    `${syntax.bytes(family === 4 ? 'client_id' : 'duid', MAX_CLIENT_ID)} AS client_id`,
    optional('hostname', syntax.text('hostname', MAX_HOSTNAME)),
    'subnet_id', 'valid_lifetime', `${syntax.epoch('expire')} AS expire`, optional('state'), optional('pool_id'),
    ...(family === 6 ? ['lease_type', 'iaid', 'prefix_len', 'pref_lifetime'] : []),
  ]
  const params: unknown[] = []
  const placeholder = (column: string, value: unknown) => {
    params.push(value)
    return family === 6 && column === 'address' ? syntax.v6Param(params.length, schema.v6Address) : syntax.param(params.length)
  }
  const conditions: string[] = []
  if (filter) conditions.push(`${filter.lower ? `lower(${filter.column})` : filter.column} = ${placeholder(filter.column, filter.value)}`)
  if (after !== undefined) conditions.push(`address > ${placeholder('address', after)}`)
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''
  // Qualified: PostgreSQL's ORDER BY would otherwise take the selected host(address) text, not the INET column.
  return { sql: `SELECT ${columns.join(', ')} FROM lease${family}${where} ORDER BY lease${family}.address LIMIT ${Math.trunc(limit)}`, params }
}

/**
 * The condition a lookup adds, or null when nothing can match: a v6 table without a
 * hardware address column, say. A value that is not an address or hex identifier is the user's mistake, said so.
 */
export function filterFor(query: LeaseQuery, schema: SqlLeaseSchema): SqlFilter | null {
  const family = query.family
  switch (query.by) {
    case 'address': {
      const value = family === 4 ? v4ToInteger(query.address) : v6ToColumn(query.address, schema.v6Address)
      if (value === null) throw new LeaseSourceError(`"${query.address}" is not an IPv${family} address.`)
      return { column: 'address', value }
    }
    case 'hwAddress':
      if (!schema.columns[family].has('hwaddr')) return null
      return { column: 'hwaddr', value: hexValue(query.hwAddress, 'hardware address') }
    case 'clientId':
      return { column: family === 4 ? 'client_id' : 'duid', value: hexValue(query.clientId, family === 4 ? 'client identifier' : 'DUID') }
    case 'hostname':
      if (!schema.columns[family].has('hostname')) return null
      return { column: 'hostname', value: query.hostname.trim().toLowerCase(), lower: true }
    case 'subnet':
      return { column: 'subnet_id', value: query.subnetId }
  }
}

function hexValue(text: string, what: string): Buffer {
  const bytes = bytesFromHex(text)
  if (bytes === null) throw new LeaseSourceError(`"${text}" is not a ${what}: write it as hex bytes, like 01:aa:bb:cc:dd:ee.`)
  return bytes
}
