// Browser mode: the built renderer and the contract over HTTP + WebSocket, on 127.0.0.1 only.
// The app's files are public (they are what the package ships); everything that touches data, the WebSocket and
// uploads, needs the token (see guard.ts for how it travels).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocketServer } from 'ws'
import { browserModeCsp } from '../contract/csp'
import type { EngineApi } from '../engine/engine-api'
import { Uploads, uploadsDir } from '../engine/files/uploads'
import { attachContractSocket, MAX_MESSAGE } from './contract-socket'
import { CONTRACT_PROTOCOL, Guard } from './guard'
import { receiveUpload, type UploadLimits } from './upload'

export interface BrowserServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

export interface BrowserServerOptions {
  port?: number
  /** Largest upload accepted, in bytes. */
  maxUploadBytes?: number
}

export const DEFAULT_MAX_UPLOAD = 4 * 1024 * 1024 * 1024

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json',
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': browserModeCsp(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  }
}

/** The built page declares Electron's policy in a meta tag; here the header carries browser mode's instead. */
function withoutMetaCsp(html: string): string {
  return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, '')
}

export async function startBrowserServer(engine: EngineApi, rendererDir: string, options: BrowserServerOptions = {}): Promise<BrowserServer> {
  const guard = new Guard()
  const root = resolve(rendererDir)
  const limits: UploadLimits = { maxBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD }
  const uploads = new Uploads(uploadsDir(engine.dataDir))
  const indexHtml = withoutMetaCsp(readFileSync(join(root, 'index.html'), 'utf8'))
  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => send(response, 500, `Internal error: ${error.message}`))
  })
  const sockets = new WebSocketServer({
    noServer: true, maxPayload: MAX_MESSAGE,
    handleProtocols: (offered) => (offered.has(CONTRACT_PROTOCOL) ? CONTRACT_PROTOCOL : false),
  })
  // Set once the server listens: the CSP names the port actually bound.
  let headers: Record<string, string> = {}

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/upload') {
      const refused = guard.refuse(request)
      if (refused) return send(response, 403, `Forbidden: ${refused}.`)
      if (request.method !== 'PUT') return send(response, 405, 'Uploads are PUT requests.')
      return receiveUpload(engine, uploads, limits, request, url, (status, body) => send(response, status, body))
    }
    const refused = guard.refuseForeign(request)
    if (refused) return send(response, 403, `Forbidden: ${refused}.`)
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed.')
    return serveFile(response, url.pathname)
  }

  function serveFile(response: ServerResponse, pathname: string): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    const file = resolve(root, relative)
    const inside = file.startsWith(root + sep)
    if (!inside || !existsSync(file) || !statSync(file).isFile() || extname(file) === '.html') {
      response.writeHead(200, { 'Content-Type': contentTypes['.html'], ...headers })
      response.end(indexHtml)
      return
    }
    response.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream', ...headers })
    createReadStream(file).pipe(response)
  }

  function send(response: ServerResponse, status: number, body: string | object): void {
    if (response.headersSent) return void response.end()
    const json = typeof body === 'object'
    response.writeHead(status, { 'Content-Type': json ? 'application/json' : 'text/plain; charset=utf-8', ...headers })
    response.end(json ? JSON.stringify(body) : body + '\n')
  }

  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy())
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const refused = url.pathname !== '/ws' ? 'not the contract endpoint' : guard.refuse(request)
    if (refused) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nForbidden: ${refused}.\n`)
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachContractSocket(engine, ws))
  })
  sockets.on('wsClientError', (_error, socket) => socket.destroy())
  server.on('clientError', (_error, socket) => socket.destroy())

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', () => done())
  })
  const bound = (server.address() as AddressInfo).port
  guard.listeningOn(bound)
  headers = securityHeaders(bound)
  return {
    url: `http://127.0.0.1:${bound}/#token=${guard.token}`, port: bound, token: guard.token,
    close: () => new Promise((done) => {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.close(() => done())
      server.closeAllConnections()
    }),
  }
}
