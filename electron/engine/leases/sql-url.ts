// A lease database named by a URL, as people write them for Kea's own tools: mysql://kea@db.example:3306/kea or
// postgresql://kea@db.example/kea. The password is never part of it: it is a secret, kept by the SecretStore (or read
// from a file on the command line), so a URL can be shown, logged and saved as it is.
import { LeaseSourceError } from './lease-source'

export type SqlEngine = 'mysql' | 'postgresql'

export interface SqlAddress {
  engine: SqlEngine
  host: string
  port: number
  user: string
  database: string
}

const engines: Record<string, { engine: SqlEngine; port: number }> = {
  'mysql:': { engine: 'mysql', port: 3306 },
  'mariadb:': { engine: 'mysql', port: 3306 },
  'postgresql:': { engine: 'postgresql', port: 5432 },
  'postgres:': { engine: 'postgresql', port: 5432 },
}
const EXAMPLE = 'mysql://kea@db.example:3306/kea or postgresql://kea@db.example:5432/kea'
/** Longer than any host, user or database name a server accepts: a URL past this is not one. */
const MAX_URL = 1024

export function parseSqlUrl(text: string): SqlAddress {
  const trimmed = text.trim()
  if (trimmed.length > MAX_URL) throw new LeaseSourceError(`That database URL is longer than ${MAX_URL} characters: write it as ${EXAMPLE}.`)
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new LeaseSourceError(`"${trimmed}" is not a database URL: write it as ${EXAMPLE}.`)
  }
  const known = engines[url.protocol]
  if (!known) throw new LeaseSourceError(`"${url.protocol}//" is not a lease database Field Kit reads: use mysql:// (MySQL or MariaDB) or postgresql://, as in ${EXAMPLE}.`)
  if (url.password) throw new LeaseSourceError('Leave the password out of the database URL: give it in the password field (--password-file on the command line), so it is kept as a secret and never shown or saved with the URL.')
  if (url.search || url.hash) throw new LeaseSourceError(`The database URL takes no options after the database name ("${url.search}${url.hash}"): TLS and its CA are set beside the URL.`)
  const user = decodeURIComponent(url.username)
  if (!user) throw new LeaseSourceError(`Name the database user in the URL, before an @: ${EXAMPLE}.`)
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!database || database.includes('/')) throw new LeaseSourceError(`Name the lease database after the host, as in ${EXAMPLE} (Kea's lease-database "name").`)
  if (!url.hostname) throw new LeaseSourceError(`Name the database server's host in the URL: ${EXAMPLE}.`)
  const port = url.port ? Number(url.port) : known.port
  return { engine: known.engine, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, user, database }
}

/** The URL again, as the source's name and messages show it. */
export function sqlUrlText(address: SqlAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host
  return `${address.engine}://${encodeURIComponent(address.user)}@${host}:${address.port}/${encodeURIComponent(address.database)}`
}
