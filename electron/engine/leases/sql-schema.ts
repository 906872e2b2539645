// What a database holds, told from its catalog: Kea's lease4 and lease6 tables, the columns this version of the schema
// has, how it stores v6 addresses, and schema_version. Column types decide, not version numbers alone, so a database
// part-way through an upgrade or from a build we have not seen is still read right.
import { LeaseSourceError } from './lease-source'
import type { V6AddressColumn } from './sql-values'

export interface CatalogColumn {
  table: string
  column: string
  /** information_schema's data_type, any case: varchar, binary, bigint, character varying, inet… */
  type: string
}

export interface SqlLeaseSchema {
  /** schema_version's "version.minor", e.g. "14.0" for Kea 2.2 on MySQL. */
  version: string
  columns: { 4: ReadonlySet<string>; 6: ReadonlySet<string> }
  v6Address: V6AddressColumn
}

/** Columns every Kea schema has had since 1.0; the reader needs them all. */
const required = {
  4: ['address', 'hwaddr', 'client_id', 'valid_lifetime', 'expire', 'subnet_id'],
  6: ['address', 'duid', 'valid_lifetime', 'expire', 'subnet_id', 'pref_lifetime', 'lease_type', 'iaid', 'prefix_len'],
} as const

const NOT_KEA = "is this Kea's lease database? Check the database name against the lease-database \"name\" in Kea's configuration, and that the user may read it."

/** Names the tables whose columns must be listed, for the catalog query. */
export const catalogTables = ['lease4', 'lease6', 'schema_version'] as const

export function describeSchema(catalog: CatalogColumn[], version: { major: unknown; minor: unknown } | null, where: string): SqlLeaseSchema {
  const columnsOf = (table: string) => new Set(catalog.filter((c) => c.table.toLowerCase() === table).map((c) => c.column.toLowerCase()))
  const lease4 = columnsOf('lease4'), lease6 = columnsOf('lease6')
  const absent = [lease4.size === 0 && 'lease4', lease6.size === 0 && 'lease6', !columnsOf('schema_version').size && 'schema_version'].filter(Boolean)
  if (absent.length) throw new LeaseSourceError(`${where} has no ${absent.join(', no ')} table (or this user may not read it): ${NOT_KEA}`)
  for (const family of [4, 6] as const) {
    const missing = required[family].filter((c) => !(family === 4 ? lease4 : lease6).has(c))
    if (missing.length) throw new LeaseSourceError(`The lease${family} table of ${where} has no ${missing.join(', ')} column: ${NOT_KEA}`)
  }
  if (!version) throw new LeaseSourceError(`The schema_version table of ${where} is empty: ${NOT_KEA}`)
  const v6Type = catalog.find((c) => c.table.toLowerCase() === 'lease6' && c.column.toLowerCase() === 'address')?.type.toLowerCase() ?? ''
  return { version: `${String(version.major)}.${String(version.minor ?? 0)}`, columns: { 4: lease4, 6: lease6 }, v6Address: v6AddressColumn(v6Type, where) }
}

function v6AddressColumn(type: string, where: string): V6AddressColumn {
  if (type === 'inet') return 'inet'
  if (type === 'binary' || type === 'varbinary') return 'binary'
  if (['varchar', 'char', 'character varying', 'character', 'text'].includes(type)) return 'text'
  throw new LeaseSourceError(`The lease6 address column of ${where} is of type ${type}, which no Kea schema uses (text up to Kea 2.2, BINARY(16) or INET after): ${NOT_KEA}`)
}
