// How fast the test clients may go outside the lab (issue 11, "Safety": bulk and repeated runs are rate-limited).
// A real network's server, relays and neighbours see every run; the lab's own Kea is there to be hammered, so lab
// interfaces have no limit. The limits live here, together.
import { isLabInterface } from './lab-guard'

/** Runs (built-in or dhclient) started on one interface that is not the lab's within a minute. */
export const MAX_RUNS_PER_MINUTE = 10
/** Between two leases of a bulk run outside the lab: a DORA a second at most, as a slow flood of new clients. */
export const BULK_LEASE_GAP_MS = 1000
const MINUTE_MS = 60_000

/** The pause before each lease of a bulk run after the first. */
export function leaseGapMs(iface: string): number {
  return isLabInterface(iface) ? 0 : BULK_LEASE_GAP_MS
}

/** Counts the runs started on each interface in the last minute; `now` is injectable so tests need no waiting. */
export class RunRateLimiter {
  private readonly started = new Map<string, number[]>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a run on `iface` and returns null, or refuses it with a sentence saying when the next may start. */
  admit(iface: string): string | null {
    if (isLabInterface(iface)) return null
    const now = this.now()
    const recent = (this.started.get(iface) ?? []).filter((at) => now - at < MINUTE_MS)
    if (recent.length >= MAX_RUNS_PER_MINUTE) {
      this.started.set(iface, recent)
      const wait = Math.ceil((recent[0] + MINUTE_MS - now) / 1000)
      return `${MAX_RUNS_PER_MINUTE} test client runs have started on ${iface} in the last minute, the most allowed outside the lab: try again in ${wait} s.`
    }
    this.started.set(iface, [...recent, now])
    return null
  }
}
