// What the Pools tab and the alerts make of the engine's pool readings: which row is which subnet (a DHCPv6
// subnet reads twice, for addresses and for prefixes), which subnets just crossed a threshold (a notification
// each), and a subnet's samples as the chart's series.
import type { KeaPoolLevel, KeaSubnetUsage, KeaThresholds, KeaUsageSample } from '../../electron/contract/types'

/** One row of the readings: the server, the subnet and what it gives (addresses, NA or PD). */
export function subnetKey(subnet: Pick<KeaSubnetUsage, 'service' | 'subnetId' | 'kind'>): string {
  return `${subnet.service}/${subnet.subnetId}/${subnet.kind}`
}

const kindNames: Record<KeaSubnetUsage['kind'], string> = { address: 'addresses', na: 'addresses (NA)', pd: 'prefixes (PD)' }

/** The subnet as a person names it: `dhcp4 subnet 192.0.2.0/24 (id 1)`, with what it gives for DHCPv6. */
export function subnetName(subnet: KeaSubnetUsage): string {
  const name = `${subnet.service} subnet ${subnet.subnet ?? '(prefix not read)'} (id ${subnet.subnetId})`
  return subnet.service === 'dhcp6' ? `${name}, ${kindNames[subnet.kind]}` : name
}

const rank: Record<KeaPoolLevel, number> = { ok: 0, warn: 1, critical: 2 }

/**
 * The subnets whose level rose (ok to warn, to critical) since the previous reading. The first reading of a
 * connection (`before` null) crosses nothing: what is already high shows in the banner, not as news. A subnet new
 * since then counts as having been ok.
 */
export function crossings(before: readonly KeaSubnetUsage[] | null, after: readonly KeaSubnetUsage[]): KeaSubnetUsage[] {
  if (!before) return []
  const previous = new Map(before.map((s) => [subnetKey(s), s.level]))
  return after.filter((s) => rank[s.level] > rank[previous.get(subnetKey(s)) ?? 'ok'])
}

/** uPlot's columns: time (Unix seconds), utilization %, and the warn and critical thresholds as flat lines. */
export type UsageSeries = [number[], (number | null)[], number[], number[]]

export function usageSeries(samples: readonly KeaUsageSample[], thresholds: KeaThresholds): UsageSeries {
  return [
    samples.map((s) => Date.parse(s.at) / 1000),
    samples.map((s) => (s.total > 0 ? (100 * s.assigned) / s.total : null)),
    samples.map(() => thresholds.warn),
    samples.map(() => thresholds.critical),
  ]
}
