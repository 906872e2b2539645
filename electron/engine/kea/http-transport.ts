// One POST to a Kea HTTP endpoint (a Control Agent, or a Kea ≥ 2.7 server's own HTTP control socket): basic auth,
// the connection's own CA and client certificate, one connection per request, a deadline for the whole exchange
// and a cap on the answer's size.
import http from 'node:http'
import https from 'node:https'
import { collectBounded } from './bounded-read'
import { KeaError } from './kea-error'
import { describeHttpError } from './transport-errors'
import { defaultTrust } from '../default-trust'

export interface HttpEndpoint {
  url: string
  user?: string
  password?: string
  /** PEM text: the CA that signed the server's certificate (Kea's trust-anchor); the system's CAs when absent. */
  ca?: string
  /** PEM text: a client certificate and its key, for servers with cert-required. */
  cert?: string
  key?: string
}

export interface HttpAnswer {
  status: number
  contentType: string
  body: string
}

export interface Limits {
  timeoutMs: number
  maxBytes: number
}

export function parseEndpointUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new KeaError('setup', `"${text}" is not a URL: write it as http://HOST:PORT/ or https://HOST:PORT/.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new KeaError('setup', `${text} is not an http:// or https:// URL: the Kea API is reached over HTTP(S), or through a unix socket path.`)
  if (url.username || url.password) throw new KeaError('setup', 'Put the user name and password in their own fields, not in the URL.')
  return url
}

export function postJson(endpoint: HttpEndpoint, body: string, limits: Limits): Promise<HttpAnswer> {
  const url = parseEndpointUrl(endpoint.url)
  const where = `${url.protocol}//${url.host}${url.pathname}`
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const hasClientCert = endpoint.cert !== undefined
  const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), accept: 'application/json' }
  if (endpoint.user !== undefined) headers.authorization = `Basic ${Buffer.from(`${endpoint.user}:${endpoint.password ?? ''}`).toString('base64')}`
  const secure = url.protocol === 'https:'
  const options: https.RequestOptions = { method: 'POST', headers, agent: false }
  if (secure) Object.assign(options, { ca: endpoint.ca ?? defaultTrust(), cert: endpoint.cert, key: endpoint.key, rejectUnauthorized: true })
  return new Promise((resolve, reject) => {
    let settled = false
    let request: http.ClientRequest | undefined
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      outcome()
    }
    const fail = (error: KeaError) => finish(() => {
      request?.destroy()
      reject(error)
    })
    const deadline = setTimeout(() => fail(new KeaError('timeout', `${where} did not answer within ${limits.timeoutMs / 1000} s: check the address, any firewall in between, and that Kea is not stuck.`)), limits.timeoutMs)
    try {
      request = (secure ? https : http).request(url, options)
    } catch (error) {
      // A CA, certificate or key that is not PEM fails here, before any connection.
      fail(describeHttpError(error as Error, where, host, hasClientCert))
      return
    }
    request.on('error', (error) => fail(describeHttpError(error, where, host, hasClientCert)))
    request.on('response', (response) => {
      response.on('error', (error) => fail(describeHttpError(error, where, host, hasClientCert)))
      void collectBounded(response, where, limits.maxBytes, fail).then((bytes) => finish(() => resolve({
        status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body: bytes.toString('utf8'),
      })))
    })
    request.end(body)
  })
}
