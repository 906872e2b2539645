// The lab's certificates, made by openssl at `lab up`: a CA, a server certificate for 127.0.0.1 only (so
// "localhost" is a name mismatch a test can provoke), and a client certificate for the agent's cert-required.
// The CA's key is deleted once both are signed: nothing else can ever be made to look like the lab.
// Everything but the server's key is readable by all: the app's lab profile runs as the user, the lab as root.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { lab } from './topology'

export const labTls = {
  dir: join(lab.dir, 'tls'),
  ca: join(lab.dir, 'tls', 'ca.pem'),
  serverCert: join(lab.dir, 'tls', 'server.pem'),
  serverKey: join(lab.dir, 'tls', 'server-key.pem'),
  clientCert: join(lab.dir, 'tls', 'client.pem'),
  clientKey: join(lab.dir, 'tls', 'client-key.pem'),
  passwordFile: join(lab.dir, 'tls', 'api-password'),
}

export class LabTlsError extends Error {}

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] })
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0]
    throw new LabTlsError(`Could not make the lab's certificates: openssl ${args[0]} failed (${stderr}); check that openssl is installed.`)
  }
}

/** Signs a new key's certificate with the lab CA; `extensions` are openssl x509v3 lines. */
function issue(name: string, subject: string, extensions: string, caKey: string, key: string, cert: string): void {
  const request = join(labTls.dir, `${name}.csr`), extFile = join(labTls.dir, `${name}.ext`)
  writeFileSync(extFile, extensions)
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-subj', subject, '-out', request])
  openssl(['x509', '-req', '-in', request, '-CA', labTls.ca, '-CAkey', caKey, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', extFile, '-out', cert])
  rmSync(request)
  rmSync(extFile)
}

/** Makes the certificates once per lab: a lab that is up keeps them (its agent has them loaded). */
export function ensureLabCertificates(): void {
  const all = [labTls.ca, labTls.serverCert, labTls.serverKey, labTls.clientCert, labTls.clientKey]
  if (all.every((file) => existsSync(file))) return writePasswordFile()
  rmSync(labTls.dir, { recursive: true, force: true })
  mkdirSync(labTls.dir, { recursive: true, mode: 0o755 })
  const caKey = join(labTls.dir, 'ca-key.pem')
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', caKey, '-subj', '/CN=DHCP Field Kit lab CA', '-days', '30', '-sha256', '-out', labTls.ca])
  issue('server', `/CN=${lab.controlAgentHost}`, `subjectAltName=IP:${lab.controlAgentHost}\nextendedKeyUsage=serverAuth\n`, caKey, labTls.serverKey, labTls.serverCert)
  issue('client', '/CN=fieldkit-lab-client', 'extendedKeyUsage=clientAuth\n', caKey, labTls.clientKey, labTls.clientCert)
  rmSync(caKey)
  rmSync(join(labTls.dir, 'ca.srl'), { force: true })
  chmodSync(labTls.serverKey, 0o600)
  for (const file of [labTls.ca, labTls.serverCert, labTls.clientCert, labTls.clientKey]) chmodSync(file, 0o644)
  writePasswordFile()
}

/** Kea reads the password from a file, so the agent's configuration holds none. */
function writePasswordFile(): void {
  writeFileSync(labTls.passwordFile, lab.apiPassword, { mode: 0o600 })
}
