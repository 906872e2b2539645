// When a pool runs out at its recent trend: a least-squares line through the last samples (assigned over time),
// extended to the pool's total. A flat or falling line is "not filling": a projection needs leases to grow.
import type { KeaProjection, KeaUsageSample } from '../../contract/types'

/** How many of the newest samples make the trend: recent enough to follow a change, enough to smooth jitter. */
export const TREND_SAMPLES = 30
/** Below one lease an hour the pool is taken as steady: no projection months out from counting noise. */
const MIN_LEASES_PER_SECOND = 1 / 3600

/** Slope (leases per second) of the least-squares line through the samples; null with fewer than two moments. */
export function leastSquaresSlope(samples: readonly KeaUsageSample[]): number | null {
  const points = samples.map((s) => ({ x: Date.parse(s.at) / 1000, y: s.assigned }))
  if (points.length < 2) return null
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length
  const spread = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0)
  if (spread === 0) return null
  return points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / spread
}

export function inWords(seconds: number): string {
  const units: [number, string][] = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']]
  const [size, unit] = units.find(([s]) => seconds >= s) ?? units[units.length - 1]
  const count = Math.max(1, Math.round(seconds / size))
  return `${count} ${unit}${count === 1 ? '' : 's'}`
}

export function projectExhaustion(samples: readonly KeaUsageSample[]): KeaProjection {
  const newest = samples[samples.length - 1]
  if (!newest) return { state: 'unknown', text: 'no samples yet' }
  if (newest.total > 0 && newest.assigned >= newest.total) return { state: 'full', text: 'full now: no address left to give' }
  const slope = leastSquaresSlope(samples.slice(-TREND_SAMPLES))
  if (slope === null) return { state: 'unknown', text: 'needs a second sample to see a trend' }
  if (slope < MIN_LEASES_PER_SECOND) return { state: 'not-filling', text: 'not filling: leases are steady or falling' }
  const secondsToFull = (newest.total - newest.assigned) / slope
  const fullAt = new Date(Date.parse(newest.at) + secondsToFull * 1000).toISOString()
  return { state: 'filling', secondsToFull, fullAt, text: `full in about ${inWords(secondsToFull)} at the recent rate (${(slope * 3600).toFixed(1)} leases an hour)` }
}
