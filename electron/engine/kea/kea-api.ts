// The engine's Kea methods (kea.* in the contract): test connection, status and the console over saved connections.
// A failure to reach Kea is the user's to fix, so it crosses the contract as its sentence (bad-input).
import type { KeaCommandAnswer, KeaConfigApplied, KeaConfigPreview, KeaDhcpService, KeaStatus, KeaTestReport } from '../../contract/types'
import { ContractError } from '../errors'
import type { SecretStore } from '../secrets/secret-store'
import type { ConsoleOutcome } from '../store/kea-console-history'
import { applyConfig, previewConfig } from './config-apply'
import { testConnection } from './discover'
import type { KeaConnection, KeaService } from './kea-client'
import { runCommand, type ConsoleCommand } from './kea-console'
import { KeaError } from './kea-error'
import { formConnection, KeaProfiles, type NewKeaProfile } from './profiles'
import { listKeaSockets } from './local-sockets'
import { asObject, type Json } from './review/config-shape'
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

  /** `keep` hears of each command sent and what came of it (answer or failure); not of one refused unconfirmed. */
  async command(profileId: string, request: Omit<ConsoleCommand, 'service'> & { service?: KeaService }, keep?: (outcome: ConsoleOutcome) => void): Promise<KeaCommandAnswer> {
    const { connection, service } = await this.profiles.connection(profileId)
    const routed = { ...request, service: request.service ?? routeDefault(connection, service) }
    const sent = { profileId, service: routed.service ?? null, command: routed.command, arguments: asObject(routed.arguments) }
    return inWords(async () => {
      try {
        const answer = await runCommand(connection, routed)
        keep?.({ ...sent, answer, error: null })
        return answer
      } catch (error) {
        if (error instanceof KeaError && error.kind !== 'unconfirmed') keep?.({ ...sent, answer: null, error: error.message })
        throw error
      }
    })
  }

  async previewConfig(profileId: string, service: KeaDhcpService, config: Json): Promise<KeaConfigPreview> {
    const { connection } = await this.profiles.connection(profileId)
    return inWords(() => previewConfig(connection, service, config))
  }

  async applyConfig(profileId: string, service: KeaDhcpService, config: Json, options: { write: boolean; confirmed: boolean }): Promise<KeaConfigApplied> {
    const { connection } = await this.profiles.connection(profileId)
    return inWords(() => applyConfig(connection, service, config, options))
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
