// kea.pools: each DHCP server's subnets with their utilization, level against the thresholds, samples and
// projection, and the server's packet counters. The configuration (config-get) names the subnets and pools Kea's
// statistics know only by id and index; without it they are shown by id.
import type { KeaDhcpService, KeaPoolUsage, KeaPools, KeaSubnetUsage } from '../../contract/types'
import { runningConfig } from './config-review'
import { mapApi, routeFor } from './discover'
import { sendCommand, type KeaConnection, type KeaService } from './kea-client'
import { diagnosePool, type DiagnosisCache, type DiagnosisInput } from './pool-diagnosis'
import { projectExhaustion } from './pool-projection'
import type { UsageSampler } from './pool-sampler'
import { leaseStatRows, serverCounters, subnetStatistics, withLeaseCounts, type SubnetStatistics } from './pool-stats'
import { levelOf, type PoolThresholds } from './pool-thresholds'
import { asList, asNumber, asObject, asText, inherited, poolsOf, rootKey, subnets } from './review/config-shape'
import { KEA_DEFAULT_VALID_LIFETIME } from './review/lifetime-for-pool'

export interface PoolReading {
  profileId: string
  sampler: UsageSampler
  thresholds: PoolThresholds
  diagnoses: DiagnosisCache
}

interface SubnetNames {
  prefix: string | null
  pools: string[]
  pdPools: string[]
  /** valid-lifetime as the subnet gets it (its own, its shared network's, the global one or Kea's default). */
  leaseTime: number | null
}

/** Subnet prefixes and pool texts by subnet id, from the running configuration; empty when it cannot be read. */
async function namesFromConfig(connection: KeaConnection, service: KeaDhcpService): Promise<Map<number, SubnetNames>> {
  const config = await runningConfig(connection, service).catch(() => null)
  const inner = asObject(config?.[rootKey(service)])
  const names = new Map<number, SubnetNames>()
  if (!inner) return names
  const input = { service, config: inner, commands: null }
  for (const entry of subnets(input)) {
    if (entry.id === null) continue
    const pdPools = asList(entry.subnet['pd-pools']).map((p) => asObject(p) ?? {}).map((p) => `${asText(p.prefix) ?? '?'}/${asNumber(p['prefix-len']) ?? '?'} (delegating /${asNumber(p['delegated-len']) ?? '?'})`)
    const leaseTime = inherited(input, entry, 'valid-lifetime', KEA_DEFAULT_VALID_LIFETIME).value
    names.set(entry.id, { prefix: entry.prefix, pools: poolsOf(entry).map((p) => p.text), pdPools, leaseTime })
  }
  return names
}

function subnetUsage(service: KeaDhcpService, found: SubnetStatistics, names: SubnetNames | undefined, leaseRow: Record<string, number> | undefined, reading: PoolReading, at: string): KeaSubnetUsage {
  const usage = withLeaseCounts(found.usage, leaseRow)
  const pools: KeaPoolUsage[] = found.pools.map((pool) => ({ ...pool, pool: (usage.kind === 'pd' ? names?.pdPools : names?.pools)?.[pool.index] ?? null }))
  const thresholds = reading.thresholds.forSubnet(reading.profileId, service, found.subnetId)
  const samples = reading.sampler.add({ profileId: reading.profileId, service, subnetId: found.subnetId, kind: usage.kind }, { at, assigned: usage.assigned, total: usage.total }, names?.prefix ?? null)
  return {
    ...usage, service, subnetId: found.subnetId, subnet: names?.prefix ?? null, pools,
    level: levelOf(usage.utilization, thresholds), thresholds, projection: projectExhaustion(samples), samples,
  }
}

/** A subnet at warn or critical gets the usual causes of a full pool beside it. */
async function withDiagnosis(connection: KeaConnection, route: KeaService | undefined, usage: KeaSubnetUsage, names: SubnetNames | undefined, stats: Record<string, unknown>, reading: PoolReading): Promise<KeaSubnetUsage> {
  if (usage.level === 'ok') return usage
  const input: DiagnosisInput = { service: usage.service, subnetId: usage.subnetId, usage, leaseTime: names?.leaseTime ?? null, stats }
  return { ...usage, diagnosis: await reading.diagnoses.get(reading.profileId, input, () => diagnosePool(connection, route, input)) }
}

export async function readPools(connection: KeaConnection, reading: PoolReading): Promise<KeaPools> {
  const map = await mapApi(connection)
  const at = new Date().toISOString()
  const result: KeaPools = { subnets: [], servers: [], problems: [], sampledAt: at }
  const services = map.services.filter((s): s is typeof s & { service: KeaDhcpService } => s.service === 'dhcp4' || s.service === 'dhcp6')
  for (const found of services) {
    const service = found.service
    if (found.state !== 'up') {
      if (found.state === 'down') result.problems.push(found.problem ?? `The ${service} server is down.`)
      continue
    }
    const route = routeFor(map, service)
    const statistics = await sendCommand(connection, { command: 'statistic-get-all', service: route })
    const stats = statistics.result === 0 ? asObject(statistics.arguments) : null
    if (!stats) {
      result.problems.push(`The ${service} server gave no statistics (statistic-get-all: ${statistics.text ?? `result ${statistics.result}`}).`)
      continue
    }
    const leaseCommand = service === 'dhcp4' ? 'stat-lease4-get' : 'stat-lease6-get'
    const leaseStats = await sendCommand(connection, { command: leaseCommand, service: route })
    if (leaseStats.result === 2) {
      result.problems.push(`The ${service} server has no stat_cmds hook: its numbers are Kea's counters, which start from zero at each restart; load libdhcp_stat_cmds.so for counts from the lease database.`)
    }
    const rows = leaseStats.result === 0 ? leaseStatRows(leaseStats.arguments) : new Map<number, Record<string, number>>()
    const names = await namesFromConfig(connection, service)
    const usages = subnetStatistics(service, stats).map((s) => subnetUsage(service, s, names.get(s.subnetId), rows.get(s.subnetId), reading, at))
    result.subnets.push(...await Promise.all(usages.map((usage) => withDiagnosis(connection, route, usage, names.get(usage.subnetId), stats, reading))))
    result.servers.push(serverCounters(service, stats))
  }
  return result
}
