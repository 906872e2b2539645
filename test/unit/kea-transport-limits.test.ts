// The bounds on every Kea exchange, against real sockets on loopback that misbehave on purpose (no Kea answers
// like this): one that never answers runs into the deadline, one that never stops runs into the size cap, and a
// web server is told apart from Kea. Each ends in a sentence, never a hang.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sendCommand } from '../../electron/engine/kea/kea-client'
import { tempDir } from '../helpers/temp'

const servers: (Server | HttpServer)[] = []
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.close()
    if ('closeAllConnections' in server) server.closeAllConnections()
  }
})

function listen<S extends Server | HttpServer>(server: S): Promise<S> {
  servers.push(server)
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}
const port = (server: Server | HttpServer) => (server.address() as { port: number }).port

/** Writes spaces to `stream` for as long as it is open, as fast as it takes them. */
function flood(stream: NodeJS.WritableStream & { destroyed: boolean }): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  const pump = () => {
    while (!stream.destroyed && stream.write(chunk)) { /* until the socket pushes back */ }
  }
  stream.on('drain', pump).on('error', () => undefined)
  pump()
}
const limits = { timeoutMs: 300, maxBytes: 1024 * 1024 }

describe('Kea exchanges are bounded', () => {
  it('gives up on an HTTP server that accepts and never answers', async () => {
    const silent = await listen(createServer(() => undefined))
    const url = `http://127.0.0.1:${port(silent)}/`
    await expect(sendCommand({ kind: 'http', url }, { command: 'status-get' }, limits))
      .rejects.toThrow(`${url} did not answer within 0.3 s: check the address, any firewall in between, and that Kea is not stuck.`)
  })

  it('stops reading an answer larger than the cap', async () => {
    const endless = await listen(createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      flood(response)
    }))
    const url = `http://127.0.0.1:${port(endless)}/`
    await expect(sendCommand({ kind: 'http', url }, { command: 'config-get' }, { ...limits, timeoutMs: 10_000 }))
      .rejects.toThrow(`${url} sent more than 1 MiB for one answer; ask for less (for leases, a page at a time with lease4-get-page).`)
  })

  it('tells a web server from Kea', async () => {
    const web = await listen(createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end('<!DOCTYPE html><title>Router login</title>')
    }))
    const url = `http://127.0.0.1:${port(web)}/`
    await expect(sendCommand({ kind: 'http', url }, { command: 'list-commands' }, limits))
      .rejects.toThrow(`${url} answered with a web page, not Kea's JSON: this is not the Kea API; check the host and port (a Control Agent listens on 8000 by default).`)
  })

  it('gives up on a unix socket that never closes, and on one that never stops', async () => {
    const folder = tempDir('fieldkit-kea-socket')
    const silentPath = join(folder, 'silent.sock'), floodPath = join(folder, 'flood.sock')
    await new Promise<void>((resolve) => servers.push(createServer(() => undefined).listen(silentPath, resolve)))
    await new Promise<void>((resolve) => servers.push(createServer(flood).listen(floodPath, resolve)))
    await expect(sendCommand({ kind: 'unix', socketPath: silentPath }, { command: 'status-get' }, limits))
      .rejects.toThrow(`The server behind ${silentPath} did not answer within 0.3 s: it may be stuck or busy; check its log.`)
    await expect(sendCommand({ kind: 'unix', socketPath: floodPath }, { command: 'config-get' }, { ...limits, timeoutMs: 10_000 }))
      .rejects.toThrow(`${floodPath} sent more than 1 MiB for one answer`)
  })
})
