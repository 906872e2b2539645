// Where passwords and private keys (and their passphrases) live between uses. The engine only asks by id; what
// keeps them is the front's business: the OS keychain through Electron's safeStorage in the desktop app
// (electron/main/safe-storage-secret-store.ts); in browser mode memory, or a passphrase-protected file once the user
// chooses one (browser-secret-store.ts); memory only on the command line.
// Async, so a store in another process (the main process holds safeStorage) fits the same shape.

export interface SecretStore {
  get(id: string): Promise<string | undefined>
  set(id: string, value: string): Promise<void>
  delete(id: string): Promise<void>
  /** False when secrets are forgotten at exit: the UI says so next to "remember". */
  readonly persistent: boolean
  /** A store that can start keeping secrets past this run calls `move` then, for this run's secrets to move in. */
  whenPersistent?(move: () => Promise<void>): void
}

/** Secrets for this run only: nothing is ever written anywhere. */
export class MemorySecretStore implements SecretStore {
  readonly persistent: boolean = false
  private readonly secrets = new Map<string, string>()

  async get(id: string): Promise<string | undefined> {
    return this.secrets.get(id)
  }

  async set(id: string, value: string): Promise<void> {
    this.secrets.set(id, value)
  }

  async delete(id: string): Promise<void> {
    this.secrets.delete(id)
  }
}
