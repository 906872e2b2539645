// The command line's shebang moves NODE_EXTRA_CA_CERTS aside so Node does not parse certificates as it starts
// (engine/default-trust.ts). A certificate authority named only there must still be trusted where the command line
// speaks TLS: here a Kea API over HTTPS whose server certificate it alone signs.
import { execFile, execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MOVED_EXTRA_CA_CERTS, withExtraCaCertsBack } from '../../electron/engine/default-trust'
import { FIELDKIT, fieldkitCommand } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'

const dir = tempDir('fieldkit-trust')
const ca = join(dir, 'ca.pem')
let server: Server
let url: string

/** A CA, and a server certificate for 127.0.0.1 it signs. */
function makeCertificates(): { key: string; cert: string } {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca-key.pem', '-subj', '/CN=trust test CA', '-days', '2', '-out', 'ca.pem')
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-subj', '/CN=127.0.0.1', '-out', 'server.csr')
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem')
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'server.pem'), 'utf8') }
}

/** The built command line run as the package's bin, through its shebang, with NODE_EXTRA_CA_CERTS as given. */
async function keaStatus(extraCaCerts: string | undefined) {
  fieldkitCommand()
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: extraCaCerts }
  if (extraCaCerts === undefined) delete env.NODE_EXTRA_CA_CERTS
  return promisify(execFile)(FIELDKIT, ['kea', 'status', '--url', url], { env, timeout: 30_000 }).then(() => '', (failed: { stderr: string }) => failed.stderr)
}

beforeAll(async () => {
  server = createServer(makeCertificates(), (_request, response) => response.writeHead(401).end())
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(() => new Promise((closed) => server.close(closed)))

describe('certificate authorities named in NODE_EXTRA_CA_CERTS', () => {
  it('are trusted by the command line over TLS, though its shebang keeps Node from loading them as it starts', async () => {
    // The handshake succeeds: the server's own answer (401) is what the command reports.
    expect(await keaStatus(ca)).toBe(`fieldkit: ${url} requires a user name and password (401 Unauthorized): add them to the connection.\n`)
    expect(await keaStatus(undefined)).toMatch(/is not signed by a CA this connection trusts/)
  })

  it('are given back to the engine\'s own process', () => {
    expect(withExtraCaCertsBack({ PATH: '/bin', [MOVED_EXTRA_CA_CERTS]: ca })).toEqual({ PATH: '/bin', NODE_EXTRA_CA_CERTS: ca })
    expect(withExtraCaCertsBack({ PATH: '/bin', [MOVED_EXTRA_CA_CERTS]: '' })).toEqual({ PATH: '/bin' })
    const untouched = { PATH: '/bin' }
    expect(withExtraCaCertsBack(untouched)).toBe(untouched)
  })
})
