// The hosts a user captures on over SSH: where and as whom in a small file of the data folder, their secret (a
// private key with its passphrase, or a password) in the SecretStore when the user asked to remember it, else in
// this process's memory until it ends. Secrets never reach the file, a message or the UI again.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { RemoteHostInfo } from '../../contract/types'
import { ContractError } from '../errors'
import { KeptSecrets } from '../secrets/kept-secrets'
import type { SecretStore } from '../secrets/secret-store'
import type { SshAuth, SshOptions, SshTarget } from './ssh-connect'
import { deleteSshTarget, loadSshTargets, saveSshTarget, type SavedSshTarget } from './ssh-targets'

export interface NewRemoteHost {
  host: string
  port: number
  user: string
  auth: SshAuth
  remember: boolean
}

export class RemoteHosts {
  private readonly file: string
  readonly knownHostsFile: string
  private readonly secrets: KeptSecrets

  constructor(dataDir: string, store: SecretStore) {
    this.secrets = new KeptSecrets(store, (ids) => {
      for (const saved of loadSshTargets(this.file)) if (ids.includes(saved.secretId)) saveSshTarget(this.file, { ...saved, remembered: true })
    })
    this.file = join(dataDir, 'ssh-hosts.json')
    this.knownHostsFile = join(dataDir, 'known_hosts')
  }

  list(): RemoteHostInfo[] {
    return loadSshTargets(this.file).map((saved) => this.info(saved))
  }

  async save(host: NewRemoteHost): Promise<RemoteHostInfo> {
    const id = randomUUID()
    const secretId = `ssh-${id}`
    const remembered = await this.secrets.keep(secretId, JSON.stringify(host.auth), host.remember)
    const saved: SavedSshTarget = { id, host: host.host, port: host.port, user: host.user, auth: 'privateKey' in host.auth ? 'key' : 'password', secretId, remembered }
    saveSshTarget(this.file, saved)
    return this.info(saved)
  }

  async delete(id: string): Promise<void> {
    const saved = this.saved(id)
    await this.secrets.forget(saved.secretId)
    deleteSshTarget(this.file, id)
  }

  /** Where to connect and with what; the secret must still be known. */
  async target(id: string): Promise<SshTarget> {
    const saved = this.saved(id)
    const secret = await this.secrets.get(saved.secretId)
    if (!secret) throw new ContractError('bad-input', `The ${saved.auth === 'key' ? 'private key' : 'password'} for ${saved.user}@${saved.host} was not remembered after the app restarted; add the host again.`)
    return { host: saved.host, port: saved.port, user: saved.user, auth: JSON.parse(secret) as SshAuth }
  }

  options(trustHostKey?: string): SshOptions {
    return { knownHostsFile: this.knownHostsFile, ...(trustHostKey && { trustHostKey }) }
  }

  private saved(id: string): SavedSshTarget {
    return loadSshTargets(this.file).find((t) => t.id === id) ?? (() => { throw new ContractError('not-found', 'That remote host is no longer saved; add it again.') })()
  }

  private info(saved: SavedSshTarget): RemoteHostInfo {
    return { id: saved.id, host: saved.host, port: saved.port, user: saved.user, auth: saved.auth, remembered: saved.remembered === true }
  }
}
