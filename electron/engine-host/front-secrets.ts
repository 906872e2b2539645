// Secrets kept by the front (Electron's main process holds safeStorage), asked for over the engine's channel.
import type { SecretStore } from '../engine/secrets/secret-store'
import type { FromHost, SecretRequest } from './protocol'

export class FrontSecretStore implements SecretStore {
  private readonly waiting = new Map<number, { resolve(value: string | undefined): void; reject(error: Error): void }>()
  private nextId = 1

  constructor(private readonly post: (message: FromHost) => void, readonly persistent: boolean) {}

  get(key: string): Promise<string | undefined> {
    return this.ask({ op: 'get', key })
  }

  async set(key: string, value: string): Promise<void> {
    await this.ask({ op: 'set', key, value })
  }

  async delete(key: string): Promise<void> {
    await this.ask({ op: 'delete', key })
  }

  /** The front's answer to request `id`. */
  answer(id: number, value: string | undefined, error: string | undefined): void {
    const waiting = this.waiting.get(id)
    this.waiting.delete(id)
    if (error !== undefined) waiting?.reject(new Error(error))
    else waiting?.resolve(value)
  }

  private ask(request: SecretRequest): Promise<string | undefined> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.post({ kind: 'secret', id, request })
    })
  }
}
