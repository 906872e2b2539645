// Who may talk to browser mode: only pages served by this very server (Host and Origin are this server's
// loopback address, which defeats DNS rebinding and cross-site requests) holding this run's token.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_COOKIE = 'fieldkit_token'

export class Guard {
  readonly token = randomBytes(24).toString('base64url')
  private port = 0

  listeningOn(port: number): void {
    this.port = port
  }

  private allowedHosts(): string[] {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`]
  }

  /** Null when the request may proceed, else why it may not. */
  refuse(request: IncomingMessage, queryToken: string | null): string | null {
    const host = request.headers.host ?? ''
    if (!this.allowedHosts().includes(host)) return `Host "${host}" is not this server`
    const origin = request.headers.origin
    if (origin !== undefined && !this.allowedHosts().some((h) => origin === `http://${h}`)) return `Origin "${origin}" is not this server`
    const presented = queryToken ?? cookie(request, TOKEN_COOKIE) ?? bearer(request)
    if (presented === null || !this.matches(presented)) return 'missing or wrong token: open the URL that `fieldkit serve` printed'
    return null
  }

  matches(candidate: string): boolean {
    const a = Buffer.from(candidate), b = Buffer.from(this.token)
    return a.length === b.length && timingSafeEqual(a, b)
  }
}

function cookie(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}

function bearer(request: IncomingMessage): string | null {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')
  return match ? match[1] : null
}
