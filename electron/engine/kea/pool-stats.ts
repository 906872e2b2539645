// Utilization from Kea's statistics: statistic-get-all (built in: per subnet, per pool since Kea 2.4, and the
// server's packet counters) and stat-lease4-get/stat-lease6-get (stat_cmds: counted from the lease database, so
// right after a restart and across HA partners sharing a database), which wins for the subnet totals it gives.
import type { KeaDhcpService, KeaPoolUsage, KeaServerCounters, KeaUsage } from '../../contract/types'

type Statistics = Record<string, unknown>
export type UsageKind = KeaUsage['kind']

/** The newest value of a statistic: Kea keeps each as [[value, time], …], newest first. */
export function latestValue(samples: unknown): number | null {
  const newest = Array.isArray(samples) ? samples[0] : undefined
  const value = Array.isArray(newest) ? newest[0] : undefined
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** Statistic names of each kind of lease: what Kea counts for addresses (v4), NAs and PDs (v6). */
const names: Record<UsageKind, { total: string; assigned: string; declined: string | null; reclaimed: string | null }> = {
  address: { total: 'total-addresses', assigned: 'assigned-addresses', declined: 'declined-addresses', reclaimed: 'reclaimed-leases' },
  na: { total: 'total-nas', assigned: 'assigned-nas', declined: 'declined-addresses', reclaimed: 'reclaimed-leases' },
  // reclaimed-leases of a v6 subnet counts NAs and PDs together; it is told once, with the NAs.
  pd: { total: 'total-pds', assigned: 'assigned-pds', declined: null, reclaimed: null },
}

export const usageKinds = (service: KeaDhcpService): UsageKind[] => (service === 'dhcp4' ? ['address'] : ['na', 'pd'])

export function utilization(assigned: number, total: number): number | null {
  return total > 0 ? Math.round(assigned / total * 10000) / 100 : null
}

/** One kind of usage from the statistics under `prefix` ("subnet[1]." or "subnet[1].pool[0]."); null when Kea counts none. */
function usageAt(stats: Statistics, prefix: string, kind: UsageKind): KeaUsage | null {
  const n = names[kind]
  const total = latestValue(stats[prefix + n.total])
  if (total === null) return null
  const assigned = latestValue(stats[prefix + n.assigned]) ?? 0
  const optional = (name: string | null) => (name === null ? null : latestValue(stats[prefix + name]))
  return { kind, total, assigned, declined: optional(n.declined), reclaimed: optional(n.reclaimed), utilization: utilization(assigned, total) }
}

export interface SubnetStatistics {
  subnetId: number
  usage: KeaUsage
  pools: KeaPoolUsage[]
}

/** Per subnet and kind, with its pools where Kea counts them (pool[i] for addresses and NAs, pd-pool[i] for PDs). */
export function subnetStatistics(service: KeaDhcpService, stats: Statistics): SubnetStatistics[] {
  const ids = [...new Set(Object.keys(stats).map((name) => /^subnet\[(\d+)\]\./.exec(name)?.[1]).filter((id) => id !== undefined).map(Number))].sort((a, b) => a - b)
  return ids.flatMap((subnetId) => usageKinds(service).flatMap((kind) => {
    const usage = usageAt(stats, `subnet[${subnetId}].`, kind)
    if (!usage) return []
    const poolWord = kind === 'pd' ? 'pd-pool' : 'pool'
    const pools: KeaPoolUsage[] = []
    for (let index = 0; ; index++) {
      const pool = usageAt(stats, `subnet[${subnetId}].${poolWord}[${index}].`, kind)
      if (!pool) break
      pools.push({ ...pool, index, pool: null })
    }
    return [{ subnetId, usage, pools }]
  }))
}

/** stat-lease4-get/stat-lease6-get's result-set: one row per subnet, by column name. */
export function leaseStatRows(args: unknown): Map<number, Record<string, number>> {
  const set = (args as { 'result-set'?: { columns?: unknown; rows?: unknown } } | null)?.['result-set']
  const rows = new Map<number, Record<string, number>>()
  if (!set || !Array.isArray(set.columns) || !Array.isArray(set.rows)) return rows
  const columns = set.columns.map(String)
  for (const row of set.rows) {
    if (!Array.isArray(row)) continue
    const record = Object.fromEntries(columns.map((c, i) => [c, Number(row[i])]))
    if (Number.isInteger(record['subnet-id'])) rows.set(record['subnet-id'], record)
  }
  return rows
}

/** The lease database's counts where stat_cmds gave them (its v6 column for declined NAs is declined-nas). */
export function withLeaseCounts(usage: KeaUsage, row: Record<string, number> | undefined): KeaUsage {
  if (!row) return usage
  const n = names[usage.kind]
  const counted = (name: string) => (Number.isFinite(row[name]) ? row[name] : undefined)
  const total = counted(n.total) ?? usage.total
  const assigned = counted(n.assigned) ?? usage.assigned
  const declined = usage.kind === 'pd' ? usage.declined : counted(usage.kind === 'na' ? 'declined-nas' : 'declined-addresses') ?? usage.declined
  return { ...usage, total, assigned, declined, utilization: utilization(assigned, total) }
}

/** The server's own counters: pkt4-discover-received → received.discover, pkt4-received → received.all. */
export function serverCounters(service: KeaDhcpService, stats: Statistics): KeaServerCounters {
  const counters: KeaServerCounters = { service, received: {}, sent: {}, dropped: {}, allocationFailures: {} }
  const family = service === 'dhcp4' ? '4' : '6'
  for (const [name, samples] of Object.entries(stats)) {
    const value = latestValue(samples)
    if (value === null || name.startsWith('subnet[')) continue
    const packet = new RegExp(`^pkt${family}-(?:(.+)-)?(received|sent)$`).exec(name)
    if (packet) counters[packet[2] as 'received' | 'sent'][packet[1] ?? 'all'] = value
    else if (new RegExp(`^pkt${family}-(receive-drop|parse-failed)$`).test(name)) counters.dropped[name] = value
    else if (new RegExp(`^v${family}-allocation-fail`).test(name)) counters.allocationFailures[name] = value
  }
  return counters
}
