// Node's network and TLS errors, said as what the user sees and can fix. The codes are Node's and OpenSSL's;
// anything unknown keeps Node's own message (never a stack) behind the place it happened.
import { KeaError } from './kea-error'

const untrustedCertificate = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_SIGNATURE_FAILURE',
])

interface NodeError extends Error {
  code?: string
  reason?: string
  cert?: { subjectaltname?: string; subject?: { CN?: string } }
}

/** `where` names the endpoint ("https://kea.example:8000/"), `host` the name connected to. */
export function describeHttpError(error: NodeError, where: string, host: string, hasClientCert: boolean): KeaError {
  // Node reports OpenSSL's "wrong version number" (TLS spoken to a plain HTTP port) as a bare EPROTO.
  const code = error.code === 'EPROTO' && /wrong version number/.test(error.message) ? 'ERR_SSL_WRONG_VERSION_NUMBER' : error.code ?? ''
  switch (code) {
    case 'ECONNREFUSED':
      return new KeaError('refused', `Nothing answers at ${where} (connection refused): check the address and port, and that the Control Agent or the server's HTTP control socket is running.`)
    case 'ENOTFOUND': case 'EAI_AGAIN': case 'EAI_NODATA': case 'EAI_NONAME':
      return new KeaError('dns', `The host name "${host}" could not be resolved (DNS): check its spelling, or use the server's address.`)
    case 'EHOSTUNREACH': case 'ENETUNREACH': case 'EADDRNOTAVAIL':
      return new KeaError('unreachable', `${host} cannot be reached from here (no route): check the address and this machine's network.`)
    case 'ETIMEDOUT':
      return new KeaError('timeout', `${where} did not accept the connection in time: check the address, and any firewall in between.`)
    case 'ECONNRESET': case 'EPIPE':
      return new KeaError('refused', hasClientCert
        ? `${where} closed the connection without answering: if it serves HTTPS, use an https:// URL.`
        : `${where} closed the connection without answering: if it serves HTTPS, use an https:// URL; if it requires a client certificate, add one.`)
    case 'ERR_SSL_WRONG_VERSION_NUMBER': case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return new KeaError('tls', `${where} does not speak HTTPS: use an http:// URL, or turn on TLS in the server's configuration.`)
    case 'ERR_TLS_CERT_ALTNAME_INVALID': {
      const names = error.cert?.subjectaltname ?? error.cert?.subject?.CN ?? 'other names'
      return new KeaError('tls', `The certificate of ${where} is not valid for "${host}" (it names ${names}): connect by a name or address the certificate lists.`)
    }
    case 'CERT_HAS_EXPIRED': case 'CERT_NOT_YET_VALID':
      return new KeaError('tls', `The certificate of ${where} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}: renew it on the server (or check this machine's clock).`)
    case 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED':
      return new KeaError('tls', `${where} requires a client certificate (Kea's cert-required): add a client certificate and key signed by the CA the server trusts.`)
    case 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA': case 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE': case 'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR':
      return new KeaError('tls', `${where} refused the client certificate: use one signed by the CA in the server's trust-anchor.`)
    case 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE':
      return new KeaError('tls', hasClientCert
        ? `${where} refused the TLS handshake: check that the client certificate is signed by the CA in the server's trust-anchor.`
        : `${where} refused the TLS handshake: it probably requires a client certificate (Kea's cert-required); add one with its key.`)
    case 'ERR_OSSL_X509_KEY_VALUES_MISMATCH': case 'ERR_OSSL_KEY_VALUES_MISMATCH':
      return new KeaError('setup', 'The client key does not belong to the client certificate: pick the key that was made with that certificate.')
  }
  if (untrustedCertificate.has(code)) {
    return new KeaError('tls', `The certificate of ${where} is not signed by a CA this connection trusts (self-signed or unknown CA): add the CA certificate that signed it (the file Kea's trust-anchor names).`)
  }
  if (code.startsWith('ERR_OSSL_PEM') || code === 'ERR_OSSL_UNSUPPORTED' || /PEM/.test(error.message)) {
    return new KeaError('setup', `The connection's CA certificate, client certificate or key is not usable PEM text (${error.reason ?? error.message}): pick the .pem files again.`)
  }
  if (code.startsWith('ERR_OSSL') || code.startsWith('ERR_SSL') || code === 'EPROTO') {
    return new KeaError('tls', `The TLS connection to ${where} failed (${error.reason ?? opensslReason(error.message)}): check the connection's certificates against the server's TLS settings.`)
  }
  return new KeaError('unreachable', `Could not talk to ${where} (${opensslReason(error.message)}): check the URL and that the server runs.`)
}

export function describeSocketError(error: NodeError, path: string): KeaError {
  switch (error.code) {
    case 'ENOENT':
      return new KeaError('socket', `There is no socket at ${path}: check the socket-name in Kea's control-socket setting, and that the server runs.`)
    case 'ECONNREFUSED':
      return new KeaError('refused', `Nothing listens on ${path} (a socket left behind by a server that stopped): start the Kea server.`)
    case 'EACCES': case 'EPERM':
      return new KeaError('socket', `No permission to use ${path}: run as a user allowed to (Kea's sockets usually belong to root or the kea user).`)
    case 'ENOTSOCK': case 'ECONNRESET': case 'EPIPE':
      return new KeaError('socket', `${path} is not a Kea control socket, or it closed the connection: check the path.`)
  }
  return new KeaError('socket', `Could not use the socket ${path} (${error.message}): check the path and that the server runs.`)
}

/** OpenSSL's reason out of its multi-line "…:SSL routines:function:reason:file.c:line:" message. */
function opensslReason(message: string): string {
  return /routines:[^:]*:([^:]+):/.exec(message)?.[1] ?? message.split('\n')[0]
}
