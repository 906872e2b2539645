// Browser mode: the built renderer and the contract over HTTP + WebSocket, on 127.0.0.1 only.
// The page's first request carries the token in its URL; it is moved into an HttpOnly cookie and the URL cleaned.
import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventName, Events } from '../contract/methods'
import type { Engine } from '../engine/engine'
import { ContractError } from '../engine/errors'
import { Guard, TOKEN_COOKIE } from './guard'

export interface BrowserServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json',
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  }
}

export async function startBrowserServer(engine: Engine, rendererDir: string, port = 0): Promise<BrowserServer> {
  const guard = new Guard()
  const root = resolve(rendererDir)
  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => send(response, 500, `Internal error: ${error.message}`))
  })
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 })
  // Set once the server listens: the CSP names the port actually bound.
  let headers: Record<string, string> = {}

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const queryToken = url.searchParams.get('token')
    const refused = guard.refuse(request, queryToken)
    if (refused) return send(response, 403, `Forbidden: ${refused}.`)
    if (queryToken !== null) {
      url.searchParams.delete('token')
      response.writeHead(303, { ...headers, 'Set-Cookie': `${TOKEN_COOKIE}=${guard.token}; HttpOnly; SameSite=Strict; Path=/`, Location: url.pathname + url.search })
      response.end()
      return
    }
    if (url.pathname === '/upload' && request.method === 'PUT') return upload(request, response, url)
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed.')
    return serveFile(response, url.pathname)
  }

  async function upload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const name = (url.searchParams.get('name') ?? 'capture').replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'capture'
    mkdirSync(engine.uploadsDir, { recursive: true })
    const path = join(engine.uploadsDir, `${randomUUID()}-${name}`)
    await pipeline(request, createWriteStream(path))
    response.writeHead(200, { 'Content-Type': 'application/json', ...headers })
    response.end(JSON.stringify({ path, name }))
  }

  function serveFile(response: ServerResponse, pathname: string): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    let file = resolve(root, relative || 'index.html')
    if (!file.startsWith(root + sep) && file !== root) return send(response, 404, 'Not found.')
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
    response.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream', ...headers })
    createReadStream(file).pipe(response)
  }

  function send(response: ServerResponse, status: number, message: string): void {
    if (response.headersSent) return void response.end()
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    response.end(message + '\n')
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const refused = url.pathname !== '/ws' ? 'not the contract endpoint' : guard.refuse(request, null)
    if (refused) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nForbidden: ${refused}.\n`)
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws))
  })

  function attach(ws: WebSocket): void {
    const unsubscribe = engine.events.subscribe(<E extends EventName>(event: E, payload: Events[E]) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }))
    })
    ws.on('close', unsubscribe)
    ws.on('message', async (data) => {
      let id: unknown = null
      try {
        const message = JSON.parse(String(data)) as { id?: unknown; method?: unknown; params?: unknown }
        id = message.id
        if (typeof message.method !== 'string') throw new ContractError('invalid-params', 'A request needs a method name.')
        const result = await engine.dispatch(message.method, message.params)
        ws.send(JSON.stringify({ id, result: result ?? null }))
      } catch (error) {
        const shape = error instanceof ContractError ? error.toJSON() : { code: 'bad-input', message: `Unreadable request: ${(error as Error).message}` }
        ws.send(JSON.stringify({ id, error: shape }))
      }
    })
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => done())
  })
  const bound = (server.address() as AddressInfo).port
  guard.listeningOn(bound)
  headers = securityHeaders(bound)
  const url = `http://127.0.0.1:${bound}/?token=${guard.token}`
  return {
    url, port: bound, token: guard.token,
    close: () => new Promise((done) => {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.close(() => done())
      server.closeAllConnections()
    }),
  }
}
