// The engine's Kea methods (kea.* in the contract): test connection, status and the console over saved connections.
// A failure to reach Kea is the user's to fix, so it crosses the contract as its sentence (bad-input).
import type { KeaCommandAnswer, KeaStatus, KeaTestReport } from '../../contract/types'
import { ContractError } from '../errors'
import type { SecretStore } from '../secrets/secret-store'
import { testConnection } from './discover'
import type { KeaConnection, KeaService } from './kea-client'
import { runCommand, type ConsoleCommand } from './kea-console'
import { KeaError } from './kea-error'
import { formConnection, KeaProfiles, type NewKeaProfile } from './profiles'
import { listKeaSockets } from './local-sockets'
import { keaStatus } from './status'

async function inWords<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof KeaError) throw new ContractError('bad-input', error.message)
    throw error
  }
}

export class KeaApi {
  readonly profiles: KeaProfiles

  constructor(dataDir: string, secrets: SecretStore) {
    this.profiles = new KeaProfiles(dataDir, secrets)
  }

  /** A saved profile, or the form's values before they are saved. */
  async test(target: { profileId: string } | { profile: Omit<NewKeaProfile, 'id' | 'remember'> }): Promise<KeaTestReport> {
    if ('profile' in target) offeredSocket(target.profile)
    const { connection, service } = 'profileId' in target
      ? await this.profiles.connection(target.profileId)
      : { connection: formConnection(target.profile), service: target.profile.service ?? null }
    return testConnection(connection, service)
  }

  save(profile: NewKeaProfile): ReturnType<KeaProfiles['save']> {
    offeredSocket(profile)
    return this.profiles.save(profile)
  }

  async status(profileId: string): Promise<KeaStatus> {
    const { connection } = await this.profiles.connection(profileId)
    return inWords(() => keaStatus(connection))
  }

  async command(profileId: string, request: Omit<ConsoleCommand, 'service'> & { service?: KeaService }): Promise<KeaCommandAnswer> {
    const { connection, service } = await this.profiles.connection(profileId)
    return inWords(() => runCommand(connection, { ...request, service: request.service ?? routeDefault(connection, service) }))
  }
}

/** A unix socket must be one this machine offers (listKeaSockets): never any path the page names. */
function offeredSocket(profile: { kind: string; socketPath?: string }): void {
  if (profile.kind !== 'unix') return
  if (!listKeaSockets().includes(profile.socketPath ?? '')) {
    throw new ContractError('bad-input', `${profile.socketPath} is not a Kea control socket on this machine; pick one from the list (kea.sockets).`)
  }
}

/** A Control Agent needs a server to forward to: the profile's, when the command names none. */
function routeDefault(connection: KeaConnection, service: KeaService | null): KeaService | undefined {
  return connection.kind === 'http' ? service ?? undefined : undefined
}
