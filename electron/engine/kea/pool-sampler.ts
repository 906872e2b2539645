// The utilization samples of each subnet, per connection profile, in memory for the run: every kea.pools reading
// adds one, and the projection is drawn from them. A series keeps its newest MAX_SAMPLES.
import type { KeaDhcpService, KeaUsageSample } from '../../contract/types'
import type { UsageKind } from './pool-stats'

export const MAX_SAMPLES = 720

export interface SeriesKey {
  profileId: string
  service: KeaDhcpService
  subnetId: number
  kind: UsageKind
}

export class PoolSampler {
  private readonly series = new Map<string, KeaUsageSample[]>()

  /** Adds a sample to its series and returns the series, oldest first. */
  add(key: SeriesKey, sample: KeaUsageSample): KeaUsageSample[] {
    const id = `${key.profileId}\n${key.service}/${key.subnetId}/${key.kind}`
    const samples = [...(this.series.get(id) ?? []), sample].slice(-MAX_SAMPLES)
    this.series.set(id, samples)
    return samples
  }
}
