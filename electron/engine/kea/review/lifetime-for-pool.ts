// valid-lifetime long for the pool size, a classic cause of depletion. A client that leaves without releasing
// (most phones and laptops) holds its address until the lease expires, so a subnet can take in at most
// addresses / valid-lifetime new clients per unit of time. The rule: fewer than MIN_NEW_LEASES_PER_HOUR a
// subnet's pools can turn over in an hour is too few for any network where clients come and go (a /24 with a
// one-day lifetime manages 8). Kea's default lifetime applies where the configuration sets none.
import { rangeSize } from './address-ranges'
import { inherited, poolsOf, subnets } from './config-shape'
import type { ReviewRule } from './finding'

export const MIN_NEW_LEASES_PER_HOUR = 10
/** Kea's valid-lifetime when none is set, for both servers. */
export const KEA_DEFAULT_VALID_LIFETIME = 7200

const hours = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : `${(seconds / 3600).toFixed(1)} h`)

export const lifetimeForPool: ReviewRule = {
  id: 'lifetime-for-pool',
  check(input) {
    return subnets(input).flatMap((entry) => {
      const ranges = poolsOf(entry).map((pool) => pool.range).filter((range) => range !== null)
      if (ranges.length === 0) return []
      const size = ranges.reduce((sum, range) => sum + rangeSize(range), 0n)
      const lifetime = inherited(input, entry, 'valid-lifetime', KEA_DEFAULT_VALID_LIFETIME)
      if (!lifetime.value) return []
      const perHour = Number(size) * 3600 / lifetime.value
      if (perHour >= MIN_NEW_LEASES_PER_HOUR) return []
      const longest = Math.floor(Number(size) * 3600 / MIN_NEW_LEASES_PER_HOUR)
      return [{
        severity: 'warning' as const,
        subject: entry.name,
        path: lifetime.from ?? entry.path,
        problem: `${entry.name} has ${size} addresses in its pools and a valid-lifetime of ${lifetime.value} s (${hours(lifetime.value)}${lifetime.from ? '' : ', Kea\'s default'}): clients that leave without releasing hold their address that long, so it can take in only about ${perHour.toFixed(1)} new clients an hour before it runs out.`,
        fix: `Shorten valid-lifetime for this subnet to ${longest} s or less (${MIN_NEW_LEASES_PER_HOUR} new clients an hour), or make its pools larger.`,
      }]
    })
  },
}
