// Kea's MySQL/MariaDB or PostgreSQL lease database as a lease source: read-only, a page at a time by address.
import type { Lease } from './lease'
import { LEASE_BATCH, LeaseSourceError, type LeaseBatch, type LeaseQuery, type LeaseSource } from './lease-source'
import type { SqlConnectOptions, SqlConnection } from './sql-connection'
import { connectMysql } from './sql-mysql'
import { connectPostgres } from './sql-postgres'
import { filterFor, selectLeases, type SqlFilter } from './sql-queries'
import { leaseFromRow } from './sql-rows'
import { describeSchema, type SqlLeaseSchema } from './sql-schema'
import { sqlUrlText } from './sql-url'

/** A lookup (a whole subnet, say) returns at most this many leases; the table's own filter pages through any number. */
export const MAX_FOUND = 100_000

export class SqlLeaseSource implements LeaseSource {
  readonly families = [4, 6] as const

  constructor(
    readonly kind: 'mysql' | 'postgresql',
    readonly name: string,
    readonly schema: SqlLeaseSchema,
    private readonly connection: SqlConnection,
    private readonly pageSize = LEASE_BATCH,
  ) {}

  async *leases(family: 4 | 6, signal?: AbortSignal): AsyncIterable<LeaseBatch> {
    yield* this.pages(family, null, signal)
  }

  async find(query: LeaseQuery): Promise<Lease[]> {
    const filter = filterFor(query, this.schema)
    if (filter === null) return []
    const found: Lease[] = []
    for await (const batch of this.pages(query.family, filter)) {
      found.push(...batch.leases)
      if (found.length > MAX_FOUND) throw new LeaseSourceError(`More than ${MAX_FOUND} leases match in ${this.name}: open the whole table and filter it there.`)
    }
    return found
  }

  close(): Promise<void> {
    return this.connection.close()
  }

  private async *pages(family: 4 | 6, filter: SqlFilter | null, signal?: AbortSignal): AsyncGenerator<LeaseBatch> {
    let after: unknown
    while (!signal?.aborted) {
      const { sql, params } = selectLeases(family, this.schema, this.connection.syntax, filter, after, this.pageSize)
      const rows = await this.connection.select(sql, params)
      if (rows.length === 0) return
      const batch: LeaseBatch = { leases: [], problems: [] }
      for (const row of rows) {
        const lease = leaseFromRow(family, row, this.name)
        if (typeof lease === 'string') batch.problems.push(lease)
        else batch.leases.push(lease)
      }
      yield batch
      if (rows.length < this.pageSize) return
      after = rows[rows.length - 1].address
    }
  }
}

/** Connects, checks that the database holds Kea's lease tables, and learns its schema. */
export async function openSqlLeaseSource(options: SqlConnectOptions, pageSize = LEASE_BATCH): Promise<SqlLeaseSource> {
  const { address } = options
  const connection = address.engine === 'mysql' ? await connectMysql(options) : await connectPostgres(options)
  const name = `${address.engine} ${sqlUrlText(address).replace(/^[a-z]+:\/\//, '')}`
  try {
    const { columns, version } = await connection.catalog()
    return new SqlLeaseSource(address.engine, name, describeSchema(columns, version, sqlUrlText(address)), connection, pageSize)
  } catch (error) {
    await connection.close()
    throw error
  }
}
