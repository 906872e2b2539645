// What went wrong with a lease database, in a sentence naming the problem and the fix. The codes are MariaDB's/MySQL's
// (mysql2 names them), PostgreSQL's SQLSTATEs, and Node's network and TLS codes; anything else keeps the server's own
// message (never a stack). Server messages name the user, never the password.
import { LeaseSourceError } from './lease-source'
import type { SqlAddress } from './sql-url'
import { sqlUrlText } from './sql-url'

interface DriverError {
  code?: string
  errno?: number
  message?: string
}

const serverNames = { mysql: 'MariaDB/MySQL', postgresql: 'PostgreSQL' }

const untrustedCertificate = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_SIGNATURE_FAILURE',
])

export function describeSqlError(error: unknown, address: SqlAddress, tls: boolean): LeaseSourceError {
  if (error instanceof LeaseSourceError) return error
  const e = (error ?? {}) as DriverError
  const code = e.code ?? ''
  const message = (e.message ?? String(error)).split('\n')[0]
  const server = `${serverNames[address.engine]} at ${address.host}:${address.port}`
  const url = sqlUrlText(address)
  const say = (text: string) => new LeaseSourceError(text)
  switch (code) {
    case 'ER_ACCESS_DENIED_ERROR': case '28P01':
      return say(`${server} refused the password of user "${address.user}" (${code === '28P01' ? 'SQLSTATE 28P01' : 'error 1045, access denied'}): check the password${address.engine === 'mysql' ? ', and that this user may connect from this machine\'s address' : ''}.`)
    case '28000':
      return say(`${server} does not let user "${address.user}" in (${message}): check the user name, and that the server's pg_hba.conf allows this user from this machine${tls ? '' : ' without TLS'}.`)
    case 'ER_HOST_NOT_PRIVILEGED':
      return say(`${server} does not let this machine connect (${message}): allow this host for user "${address.user}" on the server.`)
    case 'ER_BAD_DB_ERROR': case '3D000':
      return say(`${server} has no database "${address.database}": use the name in the lease-database "name" of Kea's configuration.`)
    case 'ER_DBACCESS_DENIED_ERROR': case 'ER_TABLEACCESS_DENIED_ERROR': case '42501':
      return say(`User "${address.user}" may not read the lease tables of ${url} (${message}): grant it SELECT on the database (read access is all Field Kit needs).`)
    case 'ER_NO_SUCH_TABLE': case '42P01':
      return say(`${url} has no lease table Kea's schema would have (${message}): is this Kea's lease database?`)
    case 'ECONNREFUSED':
      return say(`Nothing answers at ${address.host}:${address.port} (connection refused): check the host and port, and that ${serverNames[address.engine]} runs and listens on the network (not only on its unix socket).`)
    case 'ENOTFOUND': case 'EAI_AGAIN':
      return say(`The host name "${address.host}" could not be resolved (DNS): check its spelling, or use the server's address.`)
    case 'EHOSTUNREACH': case 'ENETUNREACH':
      return say(`${address.host} cannot be reached from here (no route): check the address and this machine's network.`)
    case 'ETIMEDOUT': case 'PROTOCOL_SEQUENCE_TIMEOUT': case '57014':
      return say(`${server} did not answer in time (${code === '57014' ? 'the query ran past its time limit' : 'timeout'}): check the address, any firewall in between, and the server's load.`)
    case 'ECONNRESET': case 'PROTOCOL_CONNECTION_LOST': case 'EPIPE':
      return say(`${server} closed the connection (${message}): ${tls ? 'check that it accepts TLS connections' : 'if it requires TLS, turn TLS on'}, and its log.`)
    case 'HANDSHAKE_NO_SSL_SUPPORT':
      return say(`${server} does not offer TLS: turn TLS off for this connection, or enable it on the server.`)
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return say(`The TLS certificate of ${server} is not valid for "${address.host}": connect by a name or address the certificate lists.`)
    case 'CERT_HAS_EXPIRED': case 'CERT_NOT_YET_VALID':
      return say(`The TLS certificate of ${server} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}: renew it on the server (or check this machine's clock).`)
  }
  if (untrustedCertificate.has(code)) {
    return say(`The TLS certificate of ${server} is not signed by a CA this connection trusts (self-signed or unknown CA): add the CA certificate that signed it.`)
  }
  if (code.startsWith('ERR_OSSL') || code.startsWith('ERR_SSL') || code === 'EPROTO') {
    return say(`The TLS connection to ${server} failed (${message}): check the CA certificate and the server's TLS settings.`)
  }
  if (/does not support SSL/i.test(message)) return say(`${server} does not offer TLS: turn TLS off for this connection, or enable it on the server.`)
  if (/timeout|timed out/i.test(message)) return say(`${server} did not answer in time (${message}): check the address, any firewall in between, and the server's load.`)
  if (/terminated unexpectedly|Connection terminated/i.test(message)) return say(`${server} closed the connection (${message}): check its log${tls ? '' : ', and whether it requires TLS'}.`)
  return say(`${server} answered with an error (${message}): check the URL and the server.`)
}
