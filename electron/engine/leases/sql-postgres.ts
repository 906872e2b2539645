// Kea's PostgreSQL lease backend, read through pg. The session starts read-only (default_transaction_read_only is set
// in the startup packet, before any statement) and each page is its own BEGIN READ ONLY, so nothing here can write.
// Time zones: Kea writes "expire" as its host's local wall-clock time, without a zone, into a TIMESTAMP WITH TIME
// ZONE column, so the server reads it in the session's zone (Kea sets none, so the server's). extract(epoch …), as
// Kea reads it back, gives that instant whatever zone this reader's session has.
import pg from 'pg'
import { CONNECT_TIMEOUT_MS, QUERY_TIMEOUT_MS, sqlConnection, type SqlConnectOptions, type SqlConnection } from './sql-connection'
import { describeSqlError } from './sql-errors'
import type { SqlSyntax } from './sql-queries'
import { defaultTrust } from '../default-trust'

export const postgresSyntax: SqlSyntax = {
  param: (n) => `$${n}`,
  epoch: (column) => `extract(epoch from ${column})::bigint`,
  bytes: (column, max) => `substring(${column} from 1 for ${max})`,
  text: (column, max) => `left(${column}, ${max})`,
  v6Select: (kind) => (kind === 'inet' ? 'host(address)' : 'address'),
  v6Param: (n, kind) => (kind === 'inet' ? `$${n}::inet` : `$${n}`),
}

export async function connectPostgres(options: SqlConnectOptions): Promise<SqlConnection> {
  const { address, tls } = options
  const fail = (error: unknown) => describeSqlError(error, address, tls !== undefined)
  const client = new pg.Client({
    host: address.host, port: address.port, user: address.user, password: options.password ?? '', database: address.database,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS, statement_timeout: QUERY_TIMEOUT_MS,
    application_name: 'DHCP Field Kit (read-only)', options: '-c default_transaction_read_only=on',
    ssl: tls ? { ca: tls.ca ?? defaultTrust(), rejectUnauthorized: true } : false,
  })
  // A connection that breaks while idle reports here; the next query then fails and says so.
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw fail(error)
  }
  return sqlConnection({
    syntax: postgresSyntax,
    run: async (sql, params = []) => (await client.query(sql, params)).rows as Record<string, unknown>[],
    fail, begin: 'BEGIN READ ONLY',
    catalogSql: 'SELECT table_name AS t, column_name AS c, data_type AS d FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)',
    end: () => client.end().catch(() => undefined),
  })
}
