// Who may talk to browser mode: only pages served by this very server (Host and Origin are this server's
// loopback address, which defeats DNS rebinding and cross-site requests) holding this run's token. The token
// travels in the URL's fragment (never sent over the network), then lives in the page's memory and is
// presented on each upload (a header) and on the WebSocket (a subprotocol). No cookie: cookies are not scoped
// to a port, so every other server on 127.0.0.1 would receive one.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** The WebSocket subprotocol of the contract; the token rides beside it as `token.<token>`. */
export const CONTRACT_PROTOCOL = 'fieldkit'
const TOKEN_PROTOCOL = 'token.'

export class Guard {
  readonly token = randomBytes(24).toString('base64url')
  private port = 0

  listeningOn(port: number): void {
    this.port = port
  }

  private allowedHosts(): string[] {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`]
  }

  /** Null when the request comes from this server's own origin (or no page at all), else why not. */
  refuseForeign(request: IncomingMessage): string | null {
    const host = request.headers.host ?? ''
    if (!this.allowedHosts().includes(host)) return `Host "${host}" is not this server`
    const origin = request.headers.origin
    if (origin !== undefined && !this.allowedHosts().some((h) => origin === `http://${h}`)) return `Origin "${origin}" is not this server`
    return null
  }

  /** As refuseForeign, and the request must present the token (upload header or WebSocket subprotocol). */
  refuse(request: IncomingMessage): string | null {
    const foreign = this.refuseForeign(request)
    if (foreign) return foreign
    const presented = bearer(request) ?? protocolToken(request)
    if (presented === null || !this.matches(presented)) return 'missing or wrong token: open the URL that `fieldkit serve` printed'
    return null
  }

  matches(candidate: string): boolean {
    const a = Buffer.from(candidate), b = Buffer.from(this.token)
    return a.length === b.length && timingSafeEqual(a, b)
  }
}

function bearer(request: IncomingMessage): string | null {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')
  return match ? match[1] : null
}

function protocolToken(request: IncomingMessage): string | null {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
  const token = offered.find((p) => p.startsWith(TOKEN_PROTOCOL))
  return token ? token.slice(TOKEN_PROTOCOL.length) : null
}
