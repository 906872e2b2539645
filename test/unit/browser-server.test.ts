// Browser mode's guard, against a real server on loopback: no token, foreign Origin or foreign Host is refused.
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Engine } from '../../electron/engine/engine'
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server'
import { tempDataDir, testEngine } from '../helpers/engine'

let engine: Engine
let server: BrowserServer
const rendererDir = join(tempDataDir(), 'renderer')

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', fail)
    req.end()
  })
}

function call(headers: Record<string, string>): Promise<unknown> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers })
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'app.info', params: {} })))
    ws.on('message', (data) => {
      done(JSON.parse(String(data)))
      ws.close()
    })
    ws.on('unexpected-response', (_req, res) => done({ refused: res.statusCode }))
    ws.on('error', fail)
  })
}

beforeAll(async () => {
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>')
  engine = testEngine()
  server = await startBrowserServer(engine, rendererDir, 0)
})
afterAll(async () => {
  await server.close()
  engine.close()
})

describe('browser mode server', () => {
  it('listens on 127.0.0.1 and prints a URL with a fresh token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`))
  })

  it('refuses requests without the token', async () => {
    const res = await get('/')
    expect(res.status).toBe(403)
    expect(res.body).toMatch(/token/)
    expect((await get('/?token=wrong')).status).toBe(403)
  })

  it('trades the URL token for an HttpOnly cookie and serves the app with a strict CSP', async () => {
    const res = await get(`/?token=${server.token}`)
    expect(res.status).toBe(303)
    const cookie = String(res.headers['set-cookie']).split(';')[0]
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
    const page = await get('/', { cookie })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/)
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the token', async () => {
    expect((await get(`/?token=${server.token}`, { host: `attacker.example:${server.port}` })).status).toBe(403)
    expect((await get(`/?token=${server.token}`, { origin: 'http://attacker.example' })).status).toBe(403)
  })

  it('answers contract calls over the WebSocket only with the token and a local Origin', async () => {
    const host = `127.0.0.1:${server.port}`
    const ok = (await call({ cookie: `fieldkit_token=${server.token}`, origin: `http://${host}` })) as { id: number; result: { mode: string } }
    expect(ok).toMatchObject({ id: 1, result: { name: 'DHCP Field Kit', mode: 'browser' } })
    expect(await call({ origin: `http://${host}` })).toEqual({ refused: 403 })
    expect(await call({ cookie: `fieldkit_token=${server.token}`, origin: 'http://attacker.example' })).toEqual({ refused: 403 })
  })
})
