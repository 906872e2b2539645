// Browser mode's server on a real loopback socket, attacked as a hostile page or local process would: the token
// never travels in a cookie, every data path needs it, foreign Host/Origin are refused, and a bad frame or upload
// hurts only the connection that sent it.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { Engine } from '../../electron/engine/engine'
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server'
import { corpusDir } from '../helpers/corpus'
import { tempDataDir, testEngine } from '../helpers/engine'

let engine: Engine
let server: BrowserServer
let dataDir: string
const rendererDir = join(tempDataDir(), 'renderer')
const MAX_UPLOAD = 1024 * 1024

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function http(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ method, host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: text }))
    })
    req.on('error', fail)
    req.end(body)
  })
}

const local = () => ({ origin: `http://127.0.0.1:${server.port}` })
const bearer = () => ({ authorization: `Bearer ${server.token}` })
const upload = (name: string, body: Buffer, headers: Record<string, string> = {}) =>
  http('PUT', `/upload?name=${encodeURIComponent(name)}`, { ...local(), 'content-length': String(body.length), ...headers }, body)

function socket(protocols: string[], headers: Record<string, string> = local()): Promise<WebSocket | { refused: number }> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, protocols, { headers })
    ws.on('open', () => done(ws))
    ws.on('unexpected-response', (_req, res) => done({ refused: res.statusCode! }))
    ws.on('error', fail)
  })
}

const tokenProtocols = () => ['fieldkit', `token.${server.token}`]

interface Answer { id?: number; result?: unknown; error?: { code: string; message: string } }

function callOver(ws: WebSocket, method: string, params: unknown = {}): Promise<Answer> {
  return new Promise((done) => {
    const id = Math.random()
    const listen = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as Answer
      if (message.id !== id) return
      ws.off('message', listen)
      done(message)
    }
    ws.on('message', listen)
    ws.send(JSON.stringify({ id, method, params }))
  })
}

const closed = (ws: WebSocket) => new Promise<number>((done) => ws.once('close', (code) => done(code)))

beforeAll(async () => {
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><meta http-equiv="Content-Security-Policy" content="connect-src \'none\'"><title>test</title>')
  dataDir = tempDataDir()
  engine = testEngine(dataDir)
  server = await startBrowserServer(engine, rendererDir, { maxUploadBytes: MAX_UPLOAD })
})
afterAll(async () => {
  await server.close()
  engine.close()
})

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL with a fresh token in its fragment, which is never sent', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[\\w-]{32}$`))
  })

  it('serves the app\'s public files with its own CSP, and never sets a cookie', async () => {
    const page = await http('GET', '/')
    expect(page.status).toBe(200)
    expect(page.headers['set-cookie']).toBeUndefined()
    expect(page.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; ` +
      `connect-src ws://127.0.0.1:${server.port}/ws http://127.0.0.1:${server.port}/upload ws://localhost:${server.port}/ws http://localhost:${server.port}/upload; frame-ancestors 'none'`,
    )
    expect(page.body).not.toContain('Content-Security-Policy')
    expect((await http('GET', '/../../../../etc/passwd')).body).not.toContain('root:')
  })

  it('refuses a foreign Host (DNS rebinding), a foreign Origin and Origin: null on every path', async () => {
    const foreign: Record<string, string>[] = [{ host: `attacker.example:${server.port}` }, { origin: 'http://attacker.example' }, { origin: 'null' }]
    for (const headers of foreign) {
      expect((await http('GET', '/', headers)).status).toBe(403)
      expect((await upload('x.pcap', Buffer.from('x'), { ...bearer(), ...headers })).status).toBe(403)
      expect(await socket(tokenProtocols(), { ...local(), ...headers })).toEqual({ refused: 403 })
    }
  })

  it('answers contract calls over the WebSocket only for the token, presented as a subprotocol', async () => {
    expect(await socket(['fieldkit'])).toEqual({ refused: 403 })
    expect(await socket(['fieldkit', 'token.wrong'])).toEqual({ refused: 403 })
    // The old way in, a cookie, no longer opens anything.
    expect(await socket(['fieldkit'], { ...local(), cookie: `fieldkit_token=${server.token}` })).toEqual({ refused: 403 })
    const ws = (await socket(tokenProtocols())) as WebSocket
    expect(ws.protocol).toBe('fieldkit')
    expect(await callOver(ws, 'app.info')).toMatchObject({ result: { name: 'DHCP Field Kit', mode: 'browser' } })
    ws.close()
  })

  it('closes only the socket that sent an oversized message, an RSV1 frame or garbage, and keeps serving the others', async () => {
    const bystander = (await socket(tokenProtocols())) as WebSocket
    const big = (await socket(tokenProtocols())) as WebSocket
    const bigClosed = closed(big)
    big.send('x'.repeat(2 * 1024 * 1024))
    expect(await bigClosed).toBe(1009)

    // A raw frame with RSV1 set and no extension negotiated: a protocol error.
    const raw = (await socket(tokenProtocols())) as WebSocket
    const rawClosed = closed(raw)
    const frame = Buffer.from([0xc1, 0x85, 1, 2, 3, 4, 0x69, 0x67, 0x6f, 0x68, 0x6b])
    ;(raw as unknown as { _socket: { write(b: Buffer): void } })._socket.write(frame)
    expect(await rawClosed).toBe(1002)

    const garbage = (await socket(tokenProtocols())) as WebSocket
    expect(await new Promise((done) => { garbage.once('message', (d) => done(JSON.parse(String(d)))); garbage.send('{not json') })).toMatchObject({ error: { code: 'bad-input' } })
    garbage.close()

    expect(await callOver(bystander, 'app.info')).toMatchObject({ result: { mode: 'browser' } })
    bystander.close()
  })

  it('takes uploads only with the token, bounded in size, and answers a file id, never a path', async () => {
    const capture = readFileSync(`${corpusDir}zeek__dhcp.pcap`)
    expect((await upload('zeek.pcap', capture)).status).toBe(403)
    const refused = await upload('huge.pcap', Buffer.alloc(MAX_UPLOAD + 1), bearer())
    expect(refused.status).toBe(413)
    expect(refused.body).toMatch(/^huge\.pcap is 1\.0 MiB, more than the 1\.0 MiB uploads may have; start `fieldkit serve --max-upload-mb N`/)
    const ok = await upload('../../zeek.pcap', capture, bearer())
    expect(ok.status).toBe(200)
    const file = JSON.parse(ok.body) as { fileId: string; name: string }
    expect(Object.keys(file).sort()).toEqual(['fileId', 'name'])
    expect(ok.body).not.toContain(dataDir)
    const ws = (await socket(tokenProtocols())) as WebSocket
    const opened = (await callOver(ws, 'captures.open', { fileId: file.fileId })).result as { id: number; sessionId: number; name: string; path?: string }
    expect(opened).toMatchObject({ name: '../../zeek.pcap' })
    expect(opened.path).toBeUndefined()
    await vi.waitUntil(async () => ((await engine.dispatch('captures.list', { sessionId: opened.sessionId })) as { status: string }[])[0].status === 'ready')
    ws.close()
    expect(readdirSync(join(dataDir, 'uploads'))).toHaveLength(1)
    await engine.dispatch('sessions.delete', { sessionId: opened.sessionId })
    // In the trash the upload is kept, to restore; deleted for good, it goes.
    expect(readdirSync(join(dataDir, 'uploads'))).toHaveLength(1)
    await engine.dispatch('sessions.purge', { sessionId: opened.sessionId })
    expect(readdirSync(join(dataDir, 'uploads'))).toHaveLength(0)
  })

  it.skipIf(process.getuid?.() !== 0)(`refuses an upload early when the data folder's disk lacks room${process.getuid?.() === 0 ? '' : ' (skipped: mounting a small disk needs root)'}`, async () => {
    const small = tempDataDir()
    mkdirSync(small, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=80m', 'fieldkit-test', small])
    try {
      const tight = testEngine(small)
      const tightServer = await startBrowserServer(tight, rendererDir, { maxUploadBytes: 1024 ** 3 })
      const answer = await new Promise<Reply>((done, fail) => {
        const req = request({ method: 'PUT', host: '127.0.0.1', port: tightServer.port, path: '/upload?name=big.pcap', headers: {
          host: `127.0.0.1:${tightServer.port}`, authorization: `Bearer ${tightServer.token}`, 'content-length': String(40 * 1024 * 1024),
        } }, (res) => {
          let text = ''
          res.on('data', (c) => (text += c))
          res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: text }))
        })
        req.on('error', fail)
        req.write(Buffer.alloc(1024))
      })
      expect(answer.status).toBe(507)
      expect(answer.body).toMatch(/^Not enough disk space for big\.pcap \(40\.0 MiB\): the data folder's disk has \d+\.\d MiB free\./)
      expect(readdirSync(join(small, 'uploads'))).toEqual([])
      await tightServer.close()
      tight.close()
    } finally {
      execFileSync('umount', ['-l', small])
    }
  })

  it('removes an upload cut off midway', async () => {
    const uploads = join(dataDir, 'uploads')
    const before = existsSync(uploads) ? readdirSync(uploads).length : 0
    await new Promise<void>((done) => {
      const raw = connect(server.port, '127.0.0.1', () => {
        raw.write(`PUT /upload?name=cut.pcap HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: 100000\r\n\r\n`)
        raw.write(Buffer.alloc(5000))
        setTimeout(() => { raw.destroy(); done() }, 100)
      })
    })
    await new Promise((done) => setTimeout(done, 200))
    expect(readdirSync(uploads).length).toBe(before)
    expect(await http('GET', '/')).toMatchObject({ status: 200 })
  })
})
