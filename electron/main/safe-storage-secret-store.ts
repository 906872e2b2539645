// The desktop app's secrets: encrypted with safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on
// Linux) and kept as ciphertext in one file in the data folder; the clear text never touches disk. Where
// safeStorage has no real key store (Linux without a keyring falls back to a fixed, public key: "basic_text"),
// secrets stay in memory for this run, as in browser mode, and the store says it is not persistent.
import { safeStorage } from 'electron'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { writeAtomically } from '../engine/files/atomic-write'
import { ensurePrivateDir } from '../engine/files/private-dir'
import { MemorySecretStore, type SecretStore } from '../engine/secrets/secret-store'

export class SafeStorageSecretStore implements SecretStore {
  readonly persistent: boolean
  private readonly fallback = new MemorySecretStore()

  /** `file` holds `{ id: base64 ciphertext }`; it is created on the first save. */
  constructor(private readonly file: string) {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
    this.persistent = safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown'
  }

  async get(id: string): Promise<string | undefined> {
    if (!this.persistent) return this.fallback.get(id)
    const sealed = this.read()[id]
    return sealed === undefined ? undefined : safeStorage.decryptString(Buffer.from(sealed, 'base64'))
  }

  async set(id: string, value: string): Promise<void> {
    if (!this.persistent) return this.fallback.set(id, value)
    this.write({ ...this.read(), [id]: safeStorage.encryptString(value).toString('base64') })
  }

  async delete(id: string): Promise<void> {
    if (!this.persistent) return this.fallback.delete(id)
    const { [id]: _removed, ...rest } = this.read()
    this.write(rest)
  }

  private read(): Record<string, string> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {}
  }

  private write(sealed: Record<string, string>): void {
    ensurePrivateDir(dirname(this.file))
    writeAtomically({ path: this.file, replace: true }, (temporary) => writeFileSync(temporary, JSON.stringify(sealed)))
  }
}
