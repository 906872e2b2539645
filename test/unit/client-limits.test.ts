// The test clients' rate limits outside the lab (issue 11, "Safety"), checked with an injected clock and pause, so
// nothing here waits: runs per minute per interface, and the gap between the leases of a bulk run.
import { describe, expect, it } from 'vitest'
import { runDhcp4Client } from '../../electron/engine/client/dhcp4-client'
import { BULK_LEASE_GAP_MS, leaseGapMs, MAX_RUNS_PER_MINUTE, RunRateLimiter } from '../../electron/engine/client/run-limits'
import { lab } from '../../electron/lab/topology'
import { answeringLink } from '../helpers/dhcp4-server-link'

describe('runs per minute', () => {
  it(`admits ${MAX_RUNS_PER_MINUTE} runs a minute on an interface outside the lab, then says when the next may start`, () => {
    let now = 1_000_000
    const limiter = new RunRateLimiter(() => now)
    for (let i = 0; i < MAX_RUNS_PER_MINUTE; i++, now += 1000) expect(limiter.admit('eth0')).toBeNull()
    expect(limiter.admit('eth0')).toBe(`${MAX_RUNS_PER_MINUTE} test client runs have started on eth0 in the last minute, the most allowed outside the lab: try again in ${60 - MAX_RUNS_PER_MINUTE} s.`)
    expect(limiter.admit('eth1')).toBeNull()
    now += (60 - MAX_RUNS_PER_MINUTE) * 1000
    expect(limiter.admit('eth0')).toBeNull()
  })

  it('does not limit the lab\'s interfaces', () => {
    const limiter = new RunRateLimiter(() => 0)
    for (let i = 0; i < MAX_RUNS_PER_MINUTE * 3; i++) expect(limiter.admit(lab.captureInterface)).toBeNull()
  })
})

async function bulkPauses(iface: string, count: number): Promise<{ pauses: number[]; reasons: string[] }> {
  const pauses: number[] = []
  const result = await runDhcp4Client({
    iface, mode: 'dora', mac: '02:00:5e:20:00:f0', waitSeconds: 2, count, keepLease: true,
    pause: async (ms) => {
      pauses.push(ms)
    },
  }, async (onPacket) => answeringLink(onPacket))
  return { pauses, reasons: result.leases.map((l) => l.reason) }
}

describe('bulk runs', () => {
  it(`pause ${BULK_LEASE_GAP_MS} ms between leases outside the lab, and stop at the lease guard`, async () => {
    expect(leaseGapMs('eth0')).toBe(BULK_LEASE_GAP_MS)
    const { pauses, reasons } = await bulkPauses('eth0', 7)
    expect(reasons).toEqual(['BOUND', 'BOUND', 'BOUND', 'BOUND', 'BOUND', 'FAIL'])
    expect(pauses).toEqual(Array(4).fill(BULK_LEASE_GAP_MS))
  })

  it('go without a gap in the lab', async () => {
    expect(leaseGapMs(lab.captureInterface)).toBe(0)
    const { pauses, reasons } = await bulkPauses(lab.captureInterface, 3)
    expect(reasons).toEqual(['BOUND', 'BOUND', 'BOUND'])
    expect(pauses).toEqual([0, 0])
  })
})
