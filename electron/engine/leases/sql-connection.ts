// One read-only connection to a lease database, the same shape for both servers: each server's file says how it
// connects, how it keeps the session from writing, and how it spells the few expressions that differ.
import { catalogTables, type CatalogColumn } from './sql-schema'
import type { SqlSyntax } from './sql-queries'
import type { SqlAddress } from './sql-url'

export interface SqlTls {
  /** PEM text of the CA that signed the server's certificate (the page reads the file the user picked); else the system's CAs. */
  ca?: string
}

export interface SqlConnectOptions {
  address: SqlAddress
  password?: string
  /** Absent: a plain connection. */
  tls?: SqlTls
}

export interface SqlConnection {
  readonly syntax: SqlSyntax
  /** The columns of Kea's tables, and schema_version's row when that table is there. */
  catalog(): Promise<{ columns: CatalogColumn[]; version: { major: unknown; minor: unknown } | null }>
  /** One SELECT, in a read-only transaction of its own; rows by column name. */
  select(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>
  close(): Promise<void>
}

/** Past these a server is taken as unreachable or stuck, and the user is told so. */
export const CONNECT_TIMEOUT_MS = 10_000
export const QUERY_TIMEOUT_MS = 30_000

/** Runs one task at a time: two readings of one connection (v4 and v6 at once) must not mix their transactions. */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task)
    this.tail = next.catch(() => undefined)
    return next
  }
}

/** What each server's file gives: its driver's query, and how it spells the statements that differ. */
export interface SqlDriver {
  syntax: SqlSyntax
  run(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
  /** Starts a read-only transaction. */
  begin: string
  /** Lists the columns of the tables in its one parameter (as t, c, d) in the connection's database and schema. */
  catalogSql: string
  end(): Promise<void>
  /** The driver's error as a sentence. */
  fail(error: unknown): Error
}

export function sqlConnection(driver: SqlDriver): SqlConnection {
  const turns = new OneAtATime()
  const guarded = <T>(task: () => Promise<T>) => turns.run(async () => {
    try {
      return await task()
    } catch (error) {
      throw driver.fail(error)
    }
  })
  return {
    syntax: driver.syntax,
    catalog: () => guarded(async () => {
      const rows = await driver.run(driver.catalogSql, [catalogTables])
      const columns: CatalogColumn[] = rows.map((r) => ({ table: String(r.t), column: String(r.c), type: String(r.d) }))
      const [version] = columns.some((c) => c.table === 'schema_version') ? await driver.run('SELECT version AS major, minor FROM schema_version LIMIT 1') : []
      return { columns, version: version ? { major: version.major, minor: version.minor } : null }
    }),
    select: (sql, params) => guarded(async () => {
      await driver.run(driver.begin)
      try {
        const rows = await driver.run(sql, params)
        await driver.run('COMMIT')
        return rows
      } catch (error) {
        await driver.run('ROLLBACK').catch(() => undefined)
        throw error
      }
    }),
    close: () => driver.end(),
  }
}
