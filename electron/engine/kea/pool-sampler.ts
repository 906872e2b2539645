// The utilization samples of each subnet, per connection profile: every kea.pools reading adds one, and the
// projection is drawn from them. A reading taken in a session keeps them there (store/kea-history.ts); the command
// line and a reading outside any session keep them in memory for the run, a series its newest MAX_SAMPLES.
import type { KeaDhcpService, KeaUsageSample } from '../../contract/types'
import type { UsageKind } from './pool-stats'

export const MAX_SAMPLES = 720

export interface SeriesKey {
  profileId: string
  service: KeaDhcpService
  subnetId: number
  kind: UsageKind
}

/** Where a reading's samples go; `subnet` is the subnet's prefix, for a history shown without the server. */
export interface UsageSampler {
  add(key: SeriesKey, sample: KeaUsageSample, subnet?: string | null): KeaUsageSample[]
}

export class PoolSampler implements UsageSampler {
  private readonly series = new Map<string, KeaUsageSample[]>()

  /** Adds a sample to its series and returns the series, oldest first. */
  add(key: SeriesKey, sample: KeaUsageSample): KeaUsageSample[] {
    const id = `${key.profileId}\n${key.service}/${key.subnetId}/${key.kind}`
    const samples = [...(this.series.get(id) ?? []), sample].slice(-MAX_SAMPLES)
    this.series.set(id, samples)
    return samples
  }
}
