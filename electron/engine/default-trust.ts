// The command line's shebang moves NODE_EXTRA_CA_CERTS aside, to FIELDKIT_EXTRA_CA_CERTS (electron.vite.config.ts).
// Node 20 reads that file and parses it, with its own bundled certificates, as it starts: 40 ms of every command,
// over 100 ms on a machine whose memory is cold, that reading a capture file never needs. What does speak TLS (the
// Kea API over HTTPS, SQL lease databases) then trusts the same set itself: Node's bundled roots and the file's
// certificates, as Node would with the variable set. Without the shebang (the app, `node out/main/fieldkit.js`)
// nothing is moved and Node's own defaults apply.
import { readFileSync } from 'node:fs'
import { rootCertificates } from 'node:tls'

export const MOVED_EXTRA_CA_CERTS = 'FIELDKIT_EXTRA_CA_CERTS'

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g

let trusted: string[] | undefined | null = null

/**
 * The certificate authorities a TLS connection given none of its own trusts: undefined (Node's defaults) unless the
 * shebang moved NODE_EXTRA_CA_CERTS aside.
 */
export function defaultTrust(): string[] | undefined {
  if (trusted !== null) return trusted
  const file = process.env[MOVED_EXTRA_CA_CERTS]
  if (!file) return (trusted = undefined)
  let extra: string[] = []
  try {
    extra = readFileSync(file, 'utf8').match(PEM_CERTIFICATE) ?? []
  } catch (error) {
    // What Node itself does with a file it cannot read.
    process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${(error as Error).message}`)
  }
  return (trusted = [...rootCertificates, ...extra])
}

/** `env` for a child Node process of the command line: NODE_EXTRA_CA_CERTS back where the shebang took it from. */
export function withExtraCaCertsBack(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = env[MOVED_EXTRA_CA_CERTS]
  if (file === undefined) return env
  const back = { ...env }
  delete back[MOVED_EXTRA_CA_CERTS]
  if (file) back.NODE_EXTRA_CA_CERTS = file
  return back
}
