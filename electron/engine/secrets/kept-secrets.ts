// A secret the user saved with a connection (SSH host, Kea connection): in the SecretStore when they asked to remember
// it and the store keeps secrets past this run, else in this process's memory until it ends. One place decides, so
// every kind of connection says "remembered" for the same reason.
import type { SecretStore } from './secret-store'

export class KeptSecrets {
  /** Secrets the user did not ask to remember, or asked while the store could not, for this run. */
  private readonly forgotten = new Map<string, string>()
  /** Of those, the ones the user asked to remember: they move into the store once it keeps secrets past this run. */
  private readonly wanted = new Set<string>()

  /** `moved` hears the ids that moved into the store, for their owner to mark them remembered. */
  constructor(private readonly store: SecretStore, private readonly moved: (ids: string[]) => void = () => {}) {
    store.whenPersistent?.(() => this.moveWanted())
  }

  /** Keeps `value` under `id` (replacing what was there); true when it is remembered past this run. */
  async keep(id: string, value: string, remember: boolean): Promise<boolean> {
    await this.forget(id)
    const remembered = remember && this.store.persistent
    if (remembered) await this.store.set(id, value)
    else this.forgotten.set(id, value)
    if (remember && !remembered) this.wanted.add(id)
    return remembered
  }

  /** The secret, wherever it is kept; undefined when it was not remembered and the app restarted since. */
  async get(id: string): Promise<string | undefined> {
    return this.forgotten.get(id) ?? await this.store.get(id)
  }

  async forget(id: string): Promise<void> {
    this.forgotten.delete(id)
    this.wanted.delete(id)
    await this.store.delete(id)
  }

  private async moveWanted(): Promise<void> {
    const ids = [...this.wanted].filter((id) => this.forgotten.has(id))
    for (const id of ids) {
      await this.store.set(id, this.forgotten.get(id) as string)
      this.forgotten.delete(id)
      this.wanted.delete(id)
    }
    if (ids.length) this.moved(ids)
  }
}
