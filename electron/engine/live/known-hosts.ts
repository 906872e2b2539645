// The engine's own known_hosts file, in OpenSSH's format so `ssh-keygen -F/-R/-l` work on it: `host keytype base64`,
// `[host]:port` for ports other than 22, comma-separated names, `*`/`?` wildcards, `!` negations and hashed names
// (`|1|salt|hmac`) are read; lines with markers (`@cert-authority`, `@revoked`) are not trust anchors and are skipped.
import { createHash, createHmac } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../files/private-dir'

/** A host's public key as the server presented it (the SSH wire blob). */
export interface HostKey {
  keyType: string
  blob: Buffer
  /** As `ssh-keygen -lf` prints it: `SHA256:` and the unpadded base64 of the blob's SHA-256. */
  fingerprint: string
}

/** A known_hosts file far beyond any real one is not read whole into memory. */
const MAX_KNOWN_HOSTS_BYTES = 4 * 1024 * 1024
/** The longest key type name read from a blob (OpenSSH's longest is about 40 characters). */
const MAX_KEY_TYPE_LENGTH = 64

export function hostKeyFromBlob(blob: Buffer): HostKey {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : -1
  if (length <= 0 || length > MAX_KEY_TYPE_LENGTH || 4 + length > blob.length) throw new Error('The server sent a host key that is not in SSH format.')
  return { keyType: blob.subarray(4, 4 + length).toString('latin1'), blob, fingerprint: fingerprintOf(blob) }
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`
}

/** The name OpenSSH writes for a host: the bare name on port 22, else `[host]:port`. */
export function knownHostName(host: string, port: number): string {
  const name = host.toLowerCase()
  return port === 22 ? name : `[${name}]:${port}`
}

/** The keys recorded for `host:port`, in file order. A missing file knows no hosts. */
export function knownKeysFor(file: string, host: string, port: number): HostKey[] {
  if (!existsSync(file)) return []
  if (statSync(file).size > MAX_KNOWN_HOSTS_BYTES) throw new Error(`The known hosts file ${file} is larger than ${MAX_KNOWN_HOSTS_BYTES / 1024 / 1024} MB; remove old lines from it.`)
  const name = knownHostName(host, port)
  const keys: HostKey[] = []
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    const fields = line.trim().split(/\s+/)
    if (fields.length < 3 || fields[0].startsWith('#') || fields[0].startsWith('@')) continue
    if (!namesMatch(fields[0], name)) continue
    const blob = Buffer.from(fields[2], 'base64')
    try {
      const key = hostKeyFromBlob(blob)
      if (key.keyType === fields[1]) keys.push(key)
    } catch {
      // A damaged line vouches for nothing; the others still count.
    }
  }
  return keys
}

/** Appends `key` for `host:port`, creating the file (private to the user) when needed. */
export function recordHostKey(file: string, host: string, port: number, key: HostKey): void {
  ensurePrivateDir(dirname(file))
  const existing = existsSync(file) ? readFileSync(file, 'latin1') : ''
  const separator = existing && !existing.endsWith('\n') ? '\n' : ''
  appendFileSync(file, `${separator}${knownHostName(host, port)} ${key.keyType} ${key.blob.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE })
}

/** OpenSSH's rule: any matching negation rejects, else any positive match accepts. */
function namesMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) return hashedNameMatches(patterns, name)
  let matched = false
  for (const pattern of patterns.toLowerCase().split(',')) {
    const negated = pattern.startsWith('!')
    if (!globMatches(negated ? pattern.slice(1) : pattern, name)) continue
    if (negated) return false
    matched = true
  }
  return matched
}

function hashedNameMatches(entry: string, name: string): boolean {
  const [, , salt, hash] = entry.split('|')
  if (!salt || !hash) return false
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash
}

function globMatches(pattern: string, name: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === name
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${source}$`).test(name)
}
