// Kea's MySQL/MariaDB lease backend, read through mysql2. The session is made read-only before anything is read, and
// each page is its own START TRANSACTION READ ONLY, so nothing here can write, even by mistake.
// Time zones: Kea writes "expire" as its host's local wall-clock time into a TIMESTAMP column, which the server turns
// into UTC by the session's time zone (Kea sets none, so the server's). UNIX_TIMESTAMP(expire) gives that stored UTC
// instant back whatever time zone this reader's session has, so the expiry is right wherever Field Kit runs, as long
// as Kea and its database server agree on the time zone, as Kea itself requires.
import mysql from 'mysql2/promise'
import { CONNECT_TIMEOUT_MS, QUERY_TIMEOUT_MS, sqlConnection, type SqlConnectOptions, type SqlConnection } from './sql-connection'
import { describeSqlError } from './sql-errors'
import type { SqlSyntax } from './sql-queries'
import { defaultTrust } from '../default-trust'

export const mysqlSyntax: SqlSyntax = {
  param: () => '?',
  epoch: (column) => `UNIX_TIMESTAMP(${column})`,
  bytes: (column, max) => `SUBSTRING(${column}, 1, ${max})`,
  text: (column, max) => `LEFT(${column}, ${max})`,
  v6Select: () => 'address',
  v6Param: () => '?',
}

export async function connectMysql(options: SqlConnectOptions): Promise<SqlConnection> {
  const { address, tls } = options
  const fail = (error: unknown) => describeSqlError(error, address, tls !== undefined)
  let connection: mysql.Connection
  try {
    connection = await mysql.createConnection({
      host: address.host, port: address.port, user: address.user, password: options.password ?? '', database: address.database,
      connectTimeout: CONNECT_TIMEOUT_MS, supportBigNumbers: true, multipleStatements: false,
      ...(tls && { ssl: { ca: tls.ca ?? defaultTrust(), rejectUnauthorized: true } }),
    })
  } catch (error) {
    throw fail(error)
  }
  // A connection that breaks while idle reports here; the next query then fails and says so.
  connection.on('error', () => undefined)
  const run = async (sql: string, params: unknown[] = []) => {
    const [rows] = await connection.query({ sql, timeout: QUERY_TIMEOUT_MS }, params)
    return rows as Record<string, unknown>[]
  }
  try {
    await run('SET SESSION TRANSACTION READ ONLY')
  } catch (error) {
    connection.destroy()
    throw fail(error)
  }
  return sqlConnection({
    syntax: mysqlSyntax,
    run, fail, begin: 'START TRANSACTION READ ONLY',
    catalogSql: 'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, DATA_TYPE AS d FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)',
    end: () => connection.end().catch(() => connection.destroy()),
  })
}
