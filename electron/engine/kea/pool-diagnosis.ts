// Beside a subnet at warn or critical: its leases read through lease_cmds (who holds how many, how many are
// declined) and Kea's counters, checked against the usual causes of a full pool (pool-causes.ts).
import type { KeaDhcpService, KeaPoolDiagnosis, KeaUsage } from '../../contract/types'
import type { KeaConnection, KeaService } from './kea-client'
import { subnetLeases } from './lease-holders'
import { poolCauses } from './pool-causes'
import { latestValue } from './pool-stats'

const givenOutStatistic: Record<KeaUsage['kind'], string> = {
  address: 'cumulative-assigned-addresses', na: 'cumulative-assigned-nas', pd: 'cumulative-assigned-pds',
}

export interface DiagnosisInput {
  service: KeaDhcpService
  subnetId: number
  usage: KeaUsage
  /** valid-lifetime as the subnet gets it, from the configuration; null when it was not read. */
  leaseTime: number | null
  /** statistic-get-all's answer. */
  stats: Record<string, unknown>
}

/** A diagnosis stays good this long while its subnet's counts stay the same: a full pool polled every few seconds is
 * not read lease by lease each time. */
export const DIAGNOSIS_TTL_MS = 60_000

/** Diagnoses by connection, subnet and counts: new counts (a lease taken, one declined) ask again at once. */
export class DiagnosisCache {
  private readonly kept = new Map<string, { until: number; diagnosis: KeaPoolDiagnosis }>()

  async get(profileId: string, input: DiagnosisInput, diagnose: () => Promise<KeaPoolDiagnosis>): Promise<KeaPoolDiagnosis> {
    const { service, subnetId, usage } = input
    const key = JSON.stringify([profileId, service, subnetId, usage.kind, usage.assigned, usage.declined, usage.total])
    const now = Date.now()
    for (const [k, entry] of this.kept) if (entry.until <= now) this.kept.delete(k)
    const found = this.kept.get(key)
    if (found) return found.diagnosis
    const diagnosis = await diagnose()
    this.kept.set(key, { until: now + DIAGNOSIS_TTL_MS, diagnosis })
    return diagnosis
  }
}

export async function diagnosePool(connection: KeaConnection, route: KeaService | undefined, input: DiagnosisInput): Promise<KeaPoolDiagnosis> {
  const { service, subnetId, usage, stats } = input
  const leases = await subnetLeases(connection, route, service, subnetId, usage.kind, usage.assigned)
  const releasesReceived = latestValue(stats[service === 'dhcp4' ? 'pkt4-release-received' : 'pkt6-release-received'])
  const declinedLeases = leases.problem ? 0 : leases.declined
  const causes = poolCauses({
    kind: usage.kind, total: usage.total, declined: usage.declined ?? declinedLeases, leaseTime: input.leaseTime, releasesReceived,
    givenOut: latestValue(stats[`subnet[${subnetId}].${givenOutStatistic[usage.kind]}`]),
    holders: leases.holders, leasesRead: leases.problem ? null : leases.inUse,
  })
  return {
    leaseTime: input.leaseTime, releasesReceived, declinedLeases, topHolders: leases.holders, leasesRead: leases.inUse,
    partial: leases.partial, causes, problem: leases.problem,
  }
}
