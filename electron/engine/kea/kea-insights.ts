// The engine's configuration review and pool utilization methods (kea.review, kea.configTest, kea.config,
// kea.pools, kea.setThresholds) over saved connections. A pools reading taken in a session keeps its samples there. As the other kea.* methods, a failure to reach Kea is the
// user's to fix and crosses the contract as its sentence.
import type { KeaConfigTest, KeaDhcpService, KeaPools, KeaReview, KeaThresholds } from '../../contract/types'
import { ContractError } from '../errors'
import { reviewRunning, runningConfig, testConfig } from './config-review'
import { mapApi } from './discover'
import type { KeaConnection } from './kea-client'
import { KeaError } from './kea-error'
import type { KeaHistoryStore } from '../store/kea-history'
import { DiagnosisCache } from './pool-diagnosis'
import { PoolSampler, type UsageSampler } from './pool-sampler'
import { PoolThresholds } from './pool-thresholds'
import { readPools } from './pools'
import type { KeaProfiles } from './profiles'
import { redactSecrets } from './redact'
import type { Json } from './review/config-shape'

function toContractError(error: unknown): never {
  if (error instanceof KeaError || error instanceof RangeError) throw new ContractError('bad-input', error.message)
  throw error
}

/** The DHCP servers a connection reaches and that answer: what a review without a named service covers. */
export async function dhcpServices(connection: KeaConnection): Promise<KeaDhcpService[]> {
  const map = await mapApi(connection)
  const up = map.services.filter((s) => s.state === 'up').map((s) => s.service)
  return up.filter((s): s is KeaDhcpService => s === 'dhcp4' || s === 'dhcp6')
}

export class KeaInsights {
  private readonly sampler = new PoolSampler()
  private readonly diagnoses = new DiagnosisCache()
  private readonly thresholds: PoolThresholds

  constructor(dataDir: string, private readonly profiles: KeaProfiles, private readonly history: KeaHistoryStore) {
    this.thresholds = new PoolThresholds(dataDir)
  }

  async review(profileId: string, service?: KeaDhcpService): Promise<KeaReview[]> {
    const { connection } = await this.profiles.connection(profileId)
    return this.inWords(async () => Promise.all((service ? [service] : await dhcpServices(connection)).map((s) => reviewRunning(connection, s))))
  }

  async configTest(profileId: string, service: KeaDhcpService, config: Json): Promise<KeaConfigTest> {
    const { connection } = await this.profiles.connection(profileId)
    return this.inWords(() => testConfig(connection, service, config))
  }

  /** The running configuration with its secrets hidden. */
  async config(profileId: string, service: KeaDhcpService): Promise<Json> {
    const { connection } = await this.profiles.connection(profileId)
    return this.inWords(async () => redactSecrets(await runningConfig(connection, service)))
  }

  /** Reads the pools; in a session, its samples are added to the session's history (and the chart drawn from it). */
  async pools(profileId: string, sessionId?: number): Promise<KeaPools> {
    const { connection } = await this.profiles.connection(profileId)
    const sampler: UsageSampler = sessionId === undefined
      ? this.sampler
      : { add: (key, sample, subnet) => this.history.addUsage(sessionId, key, subnet ?? null, sample) }
    return this.inWords(() => readPools(connection, { profileId, sampler, thresholds: this.thresholds, diagnoses: this.diagnoses }))
  }

  thresholdsOf(profileId: string, service: KeaDhcpService, subnetId: number): KeaThresholds {
    return this.thresholds.forSubnet(profileId, service, subnetId)
  }

  setThresholds(profileId: string, service: KeaDhcpService, subnetId: number, thresholds: KeaThresholds | null): KeaThresholds {
    try {
      return this.thresholds.set(profileId, service, subnetId, thresholds)
    } catch (error) {
      return toContractError(error)
    }
  }

  private inWords<T>(work: () => Promise<T>): Promise<T> {
    return work().catch(toContractError)
  }
}
