// Kea connections the user saved: the profile in a small file of the data folder, its password and client key
// in the SecretStore when the user asked to remember them, else in this process's memory until it ends. The lab's
// connection is offered beside them while the lab is up. Secrets never reach the file, a message or the UI again.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { KeaProfileInfo } from '../../contract/types'
import { ContractError } from '../errors'
import { KeptSecrets } from '../secrets/kept-secrets'
import type { SecretStore } from '../secrets/secret-store'
import type { KeaConnection, KeaService } from './kea-client'
import { LAB_PROFILE_ID, labProfile, type ProfileConnection } from './lab-profile'
import { loadKeaProfiles, writeKeaProfiles, type SavedKeaProfile } from './profile-file'

export interface NewKeaProfile {
  /** Replaces this profile; a password or key left out keeps the one it had. */
  id?: string
  name: string
  kind: 'http' | 'unix'
  url?: string
  socketPath?: string
  user?: string
  password?: string
  /** PEM text the page read from files the user picked: never a path. */
  ca?: string
  cert?: string
  key?: string
  service?: KeaService
  remember: boolean
}

interface ProfileSecrets {
  password?: string
  key?: string
}

export class KeaProfiles {
  private readonly file: string
  private readonly secrets: KeptSecrets

  constructor(dataDir: string, store: SecretStore, private readonly lab: () => ProfileConnection | null = labProfile) {
    this.secrets = new KeptSecrets(store, (ids) => {
      writeKeaProfiles(this.file, loadKeaProfiles(this.file).map((p) => (ids.includes(p.secretId) ? { ...p, remembered: true } : p)))
    })
    this.file = join(dataDir, 'kea-connections.json')
  }

  list(): KeaProfileInfo[] {
    const lab = this.lab()
    return [...(lab ? [lab.info] : []), ...loadKeaProfiles(this.file).map(info)]
  }

  async save(profile: NewKeaProfile): Promise<KeaProfileInfo> {
    if (profile.id === LAB_PROFILE_ID) throw new ContractError('bad-input', 'The lab\'s connection is made by the lab itself; save yours under another name.')
    const saved = loadKeaProfiles(this.file)
    const previous = profile.id ? saved.find((p) => p.id === profile.id) : undefined
    if (profile.id && !previous) throw new ContractError('not-found', 'That Kea connection is no longer saved; save it as a new one.')
    const kept: ProfileSecrets = previous ? await this.secretsOf(previous).catch(() => ({})) : {}
    const secrets: ProfileSecrets = { password: profile.password ?? kept.password, key: profile.key ?? kept.key }
    if (profile.kind === 'unix') Object.assign(secrets, { password: undefined, key: undefined })
    const id = previous?.id ?? randomUUID()
    const secretId = `kea-${id}`
    const hasSecrets = secrets.password !== undefined || secrets.key !== undefined
    if (profile.kind === 'http' && (profile.cert ?? previous?.cert) && secrets.key === undefined) throw new ContractError('bad-input', 'A client certificate needs its private key: pick the key file too.')
    let remembered = false
    if (hasSecrets) remembered = await this.secrets.keep(secretId, JSON.stringify(secrets), profile.remember)
    else await this.secrets.forget(secretId)
    const entry: SavedKeaProfile = {
      id, name: profile.name, kind: profile.kind,
      url: profile.kind === 'http' ? profile.url ?? null : null, socketPath: profile.kind === 'unix' ? profile.socketPath ?? null : null,
      user: profile.kind === 'http' ? profile.user ?? null : null, service: profile.service ?? null,
      ca: profile.kind === 'http' ? profile.ca ?? previous?.ca ?? null : null, cert: profile.kind === 'http' ? profile.cert ?? previous?.cert ?? null : null,
      hasPassword: secrets.password !== undefined, hasKey: secrets.key !== undefined, secretId, remembered,
    }
    writeKeaProfiles(this.file, [...saved.filter((p) => p.id !== id), entry])
    return info(entry)
  }

  async delete(id: string): Promise<void> {
    if (id === LAB_PROFILE_ID) throw new ContractError('bad-input', 'The lab\'s connection goes away with the lab: sudo npm run lab -- down.')
    const saved = this.saved(id)
    await this.secrets.forget(saved.secretId)
    writeKeaProfiles(this.file, loadKeaProfiles(this.file).filter((p) => p.id !== id))
  }

  /** A profile by id, or by name (the command line's --profile). */
  find(idOrName: string): KeaProfileInfo | undefined {
    const profiles = this.list()
    return profiles.find((p) => p.id === idOrName) ?? profiles.find((p) => p.name === idOrName)
  }

  /** How to connect, secrets included; they must still be known. */
  async connection(id: string): Promise<{ connection: KeaConnection; service: KeaService | null; name: string }> {
    if (id === LAB_PROFILE_ID) {
      const lab = this.lab() ?? notFound('The Kea lab is not up: start it with sudo npm run lab -- up.')
      return { connection: lab.connection, service: lab.info.service, name: lab.info.name }
    }
    const saved = this.saved(id)
    if (saved.kind === 'unix') return { connection: formConnection({ kind: 'unix', name: saved.name, socketPath: saved.socketPath ?? '' }), service: saved.service, name: saved.name }
    const secrets = await this.secretsOf(saved)
    const connection = formConnection({
      kind: 'http', name: saved.name, url: saved.url ?? '', user: saved.user ?? undefined, password: secrets.password,
      ca: saved.ca ?? undefined, cert: saved.cert ?? undefined, key: secrets.key,
    })
    return { connection, service: saved.service, name: saved.name }
  }

  private async secretsOf(saved: SavedKeaProfile): Promise<ProfileSecrets> {
    if (!saved.hasPassword && !saved.hasKey) return {}
    const blob = await this.secrets.get(saved.secretId)
    if (!blob) {
      const what = saved.hasPassword ? 'password' : 'client key'
      throw new ContractError('bad-input', `The ${what} of the Kea connection "${saved.name}" was not remembered after the app restarted (or is kept by the desktop app's keychain); save the connection again with it.`)
    }
    return JSON.parse(blob) as ProfileSecrets
  }

  private saved(id: string): SavedKeaProfile {
    return loadKeaProfiles(this.file).find((p) => p.id === id) ?? notFound('That Kea connection is no longer saved; save it again.')
  }
}

/** The connection a profile form describes, before it is saved (test connection, the command line). */
export function formConnection(profile: Omit<NewKeaProfile, 'id' | 'remember'>): KeaConnection {
  if (profile.kind === 'unix') return { kind: 'unix', socketPath: profile.socketPath ?? '' }
  return {
    kind: 'http', url: profile.url ?? '',
    ...(profile.user !== undefined && { user: profile.user, password: profile.password ?? '' }),
    ...(profile.ca !== undefined && { ca: profile.ca }),
    ...(profile.cert !== undefined && { cert: profile.cert, key: profile.key }),
  }
}

function info(saved: SavedKeaProfile): KeaProfileInfo {
  return {
    id: saved.id, name: saved.name, kind: saved.kind, url: saved.url, socketPath: saved.socketPath, user: saved.user, service: saved.service,
    hasPassword: saved.hasPassword, hasCa: saved.ca !== null, hasClientCert: saved.cert !== null,
    remembered: saved.remembered || (!saved.hasPassword && !saved.hasKey), lab: false,
  }
}

function notFound(message: string): never {
  throw new ContractError('not-found', message)
}
