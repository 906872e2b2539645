// A secret the user saved with a connection (SSH host, Kea connection): in the SecretStore when they asked to remember
// it and the store keeps secrets past this run, else in this process's memory until it ends. One place decides, so
// every kind of connection says "remembered" for the same reason.
import type { SecretStore } from './secret-store'

export class KeptSecrets {
  /** Secrets the user did not ask to remember, for this run. */
  private readonly forgotten = new Map<string, string>()

  constructor(private readonly store: SecretStore) {}

  /** Keeps `value` under `id` (replacing what was there); true when it is remembered past this run. */
  async keep(id: string, value: string, remember: boolean): Promise<boolean> {
    await this.forget(id)
    const remembered = remember && this.store.persistent
    if (remembered) await this.store.set(id, value)
    else this.forgotten.set(id, value)
    return remembered
  }

  /** The secret, wherever it is kept; undefined when it was not remembered and the app restarted since. */
  async get(id: string): Promise<string | undefined> {
    return this.forgotten.get(id) ?? await this.store.get(id)
  }

  async forget(id: string): Promise<void> {
    this.forgotten.delete(id)
    await this.store.delete(id)
  }
}
