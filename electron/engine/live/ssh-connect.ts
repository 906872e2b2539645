// One SSH connection to a capture host, with the host key checked against the engine's known_hosts before any
// credential is sent, a bounded connect timeout, and failures turned into sentences.
import ssh2, { type Client, type ConnectConfig } from 'ssh2'
import { CaptureSourceError } from './source'
import { connectionError, HostKeyError, privateKeyError, type SshPlace } from './ssh-errors'
import { hostKeyFromBlob, knownHostName, knownKeysFor, recordHostKey, type HostKey } from './known-hosts'

/** A private key's text (pasted, or read from a file the user granted) with its passphrase, or a password. */
export type SshAuth = { privateKey: string; passphrase?: string } | { password: string }

export interface SshTarget {
  host: string
  /** 22 when absent. */
  port?: number
  user: string
  auth: SshAuth
}

export interface SshOptions {
  /** The engine's known_hosts file (in its data folder). */
  knownHostsFile: string
  /** The fingerprint (`SHA256:…`) the user accepted after a first-use HostKeyError: recorded, then connected. */
  trustHostKey?: string
  /** From the first packet to a logged-in session; 10 s when absent. */
  connectTimeoutMs?: number
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/** Host key algorithms ssh2 supports, most preferred first; known types move to the front, as OpenSSH does. */
const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] as const
type HostKeyAlgorithm = (typeof HOST_KEY_ALGORITHMS)[number]

export function sshPlace(target: SshTarget): SshPlace {
  return { host: target.host, port: target.port ?? 22, user: target.user }
}

/** A logged-in client. Rejects with a CaptureSourceError (a HostKeyError for host keys) and never hangs past the timeout. */
export function connectSsh(target: SshTarget, options: SshOptions): Promise<Client> {
  const place = sshPlace(target)
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const usedPassword = 'password' in target.auth
  let hostKeyRefusal: CaptureSourceError | null = null

  return new Promise((resolve, reject) => {
    let known: HostKey[]
    try {
      known = knownKeysFor(options.knownHostsFile, place.host, place.port)
    } catch (error) {
      reject(new CaptureSourceError('failed', (error as Error).message))
      return
    }
    const client = new ssh2.Client()
    let settled = false
    const fail = (error: CaptureSourceError) => {
      if (settled) return
      settled = true
      client.end()
      reject(error)
    }
    client.once('ready', () => {
      settled = true
      resolve(client)
    })
    // Errors after login belong to whoever uses the client; this listener only keeps them from being unhandled.
    client.on('error', (error: Error & { level?: string; code?: string }) => fail(hostKeyRefusal ?? connectionError(error, place, timeoutMs, usedPassword)))
    client.on('keyboard-interactive', (_name, _instructions, _language, prompts, finish) => finish(prompts.map(() => ('password' in target.auth ? target.auth.password : ''))))

    let auth: Partial<ConnectConfig>
    try {
      auth = authConfig(target.auth)
    } catch (error) {
      fail(error as CaptureSourceError)
      return
    }
    client.connect({
      host: place.host,
      port: place.port,
      username: place.user,
      readyTimeout: timeoutMs,
      // A capture can be quiet for long; keepalives notice a dead link within about 20 s.
      keepaliveInterval: 5_000,
      keepaliveCountMax: 4,
      algorithms: { serverHostKey: hostKeyPreference(known) },
      hostVerifier: (blob: Buffer) => {
        try {
          hostKeyRefusal = checkHostKey(blob, known, options, place)
        } catch (error) {
          hostKeyRefusal = new CaptureSourceError('host-key', `${place.host}: ${(error as Error).message}`)
        }
        return hostKeyRefusal === null
      },
      ...auth,
    })
  })
}

function authConfig(auth: SshAuth): Partial<ConnectConfig> {
  if ('password' in auth) return { password: auth.password, tryKeyboard: true }
  const parsed = ssh2.utils.parseKey(auth.privateKey, auth.passphrase)
  if (parsed instanceof Error) throw privateKeyError(parsed)
  const key = Array.isArray(parsed) ? parsed[0] : parsed
  if (key?.getPrivatePEM() == null) throw privateKeyError(new Error('no private key in the text'))
  return { privateKey: auth.privateKey, passphrase: auth.passphrase }
}

/** Null when the key may be used (known, or just trusted and recorded), else why not. */
function checkHostKey(blob: Buffer, known: HostKey[], options: SshOptions, place: SshPlace): HostKeyError | null {
  const presented = hostKeyFromBlob(blob)
  const name = knownHostName(place.host, place.port)
  const details = { host: place.host, port: place.port, keyType: presented.keyType, fingerprint: presented.fingerprint, knownFingerprints: known.map((k) => k.fingerprint) }
  if (known.some((k) => k.blob.equals(presented.blob))) return null
  if (known.length > 0) {
    return new HostKeyError({ ...details, firstUse: false },
      `The host key of ${name} has changed: it was ${details.knownFingerprints.join(' or ')}, the server now shows ${presented.fingerprint} (${presented.keyType}). ` +
      `This can be an attack; if the change is expected (the server was reinstalled), remove the old line with ssh-keygen -R '${name}' -f '${options.knownHostsFile}', then connect again.`)
  }
  if (options.trustHostKey === presented.fingerprint) {
    recordHostKey(options.knownHostsFile, place.host, place.port, presented)
    return null
  }
  return new HostKeyError({ ...details, firstUse: true },
    `${name} is not a known host: its ${presented.keyType} key has the fingerprint ${presented.fingerprint}; compare it with the server's (ssh-keygen -lf on its host key) before trusting it.`)
}

function hostKeyPreference(known: HostKey[]): HostKeyAlgorithm[] {
  const knownAlgorithms = new Set(known.flatMap((k) => (k.keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [k.keyType])))
  return [...HOST_KEY_ALGORITHMS].sort((a, b) => Number(knownAlgorithms.has(b)) - Number(knownAlgorithms.has(a)))
}
