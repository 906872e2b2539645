// Browser mode's choice of where secrets live: in memory until the app quits, or, once the user picks a passphrase,
// in the passphrase-protected file (PassphraseSecretStore). The file existing is the choice: after a restart it is
// locked until the user types the passphrase again. Switching from memory moves in the secrets of this run the user
// asked to remember (KeptSecrets hears it through whenPersistent).
import { join } from 'node:path'
import type { SecretsState } from '../../contract/types'
import { ContractError } from '../errors'
import { DEFAULT_COST, MIN_NEW_PASSPHRASE, PassphraseSecretStore, type ScryptCost } from './passphrase-secret-store'
import { MemorySecretStore, type SecretStore } from './secret-store'

export const SECRETS_FILE = 'secrets.fksecrets'

export class BrowserSecretStore implements SecretStore {
  private readonly memory = new MemorySecretStore()
  private readonly file: PassphraseSecretStore
  private readonly movers: (() => Promise<void>)[] = []
  /** One passphrase at a time: two creates racing (a double click) must not write two files, one over the other. */
  private turn: Promise<unknown> = Promise.resolve()

  constructor(dataDir: string, cost: ScryptCost = DEFAULT_COST) {
    this.file = new PassphraseSecretStore(join(dataDir, SECRETS_FILE), cost)
  }

  /** Once the file exists, "remember" means the file, locked or not (a locked one says to unlock first). */
  get persistent(): boolean {
    return this.file.exists
  }

  get(id: string): Promise<string | undefined> {
    return this.current().get(id)
  }

  set(id: string, value: string): Promise<void> {
    return this.current().set(id, value)
  }

  delete(id: string): Promise<void> {
    return this.current().delete(id)
  }

  whenPersistent(move: () => Promise<void>): void {
    this.movers.push(move)
  }

  state(): SecretsState {
    const kind = this.file.exists ? 'passphrase' : 'memory'
    return { kind, locked: kind === 'passphrase' && !this.file.isUnlocked, passphraseOffered: true, minPassphraseLength: MIN_NEW_PASSPHRASE }
  }

  /** Starts the file with this passphrase, or unlocks the one there; then moves this run's remembered secrets in. */
  usePassphrase(passphrase: string): Promise<SecretsState> {
    const next = this.turn.then(async () => {
      if (!this.file.exists) await this.file.create(passphrase)
      else if (!this.file.isUnlocked) await this.file.unlock(passphrase)
      for (const move of this.movers) await move()
      return this.state()
    })
    this.turn = next.catch(() => undefined)
    return next
  }

  lock(): SecretsState {
    if (!this.file.exists) throw new ContractError('bad-input', 'There is no passphrase-protected secrets file to lock: secrets are kept in memory until the app quits.')
    this.file.lock()
    return this.state()
  }

  /** Deletes the file: the secrets it held must be entered again. */
  forget(): SecretsState {
    this.file.forget()
    return this.state()
  }

  private current(): SecretStore {
    return this.file.exists ? this.file : this.memory
  }
}
