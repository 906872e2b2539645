// Lease databases (MySQL/MariaDB through mysql2, PostgreSQL through pg) as lease sources, by their URL: the one door
// the CLI and the engine open them through (the SQL readers are the sql-*.ts files beside this one).
import type { LeaseSource } from './lease-source'
import type { SqlTls } from './sql-connection'
import { openSqlLeaseSource } from './sql-source'
import { parseSqlUrl } from './sql-url'

export interface DatabaseSecrets {
  password?: string
  /** Absent: a plain connection. */
  tls?: SqlTls
}

export async function openDatabaseSource(url: string, secrets: DatabaseSecrets = {}): Promise<LeaseSource> {
  return openSqlLeaseSource({ address: parseSqlUrl(url), ...secrets })
}
