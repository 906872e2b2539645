// Pool utilization from recorded Kea 2.6 statistics (per-pool counters, which the lab's Kea 2.2 lacks), stat_cmds'
// lease counts, the warn/critical levels with per-subnet thresholds, and the projection to exhaustion.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { KeaUsageSample } from '../../electron/contract/types'
import { readAnswer } from '../../electron/engine/kea/kea-client'
import { leastSquaresSlope, projectExhaustion } from '../../electron/engine/kea/pool-projection'
import { MAX_SAMPLES, PoolSampler } from '../../electron/engine/kea/pool-sampler'
import { leaseStatRows, serverCounters, subnetStatistics, utilization, withLeaseCounts } from '../../electron/engine/kea/pool-stats'
import { defaultThresholds, levelOf, PoolThresholds } from '../../electron/engine/kea/pool-thresholds'
import { tempDir } from '../helpers/temp'

const recorded = (name: string) => readAnswer(readFileSync(new URL(`../fixtures/kea/${name}`, import.meta.url), 'utf8'), 'https://kea.example:8000/', 'statistic-get-all').arguments as Record<string, unknown>

/** Samples a minute apart, starting at 09:00. */
const minutes = (total: number, ...assigned: number[]): KeaUsageSample[] =>
  assigned.map((a, i) => ({ at: new Date(Date.UTC(2024, 4, 2, 9, i)).toISOString(), assigned: a, total }))

describe('Kea pool utilization', () => {
  it('reads each DHCPv4 subnet and its pools from statistic-get-all', () => {
    const subnets = subnetStatistics('dhcp4', recorded('kea-2.6-dhcp4-statistic-get-all.json'))
    expect(subnets.map((s) => s.subnetId)).toEqual([10, 20])
    expect(subnets[0].usage).toEqual({ kind: 'address', total: 200, assigned: 190, declined: 1, reclaimed: 30, utilization: 95 })
    expect(subnets[0].pools).toEqual([
      { kind: 'address', index: 0, pool: null, total: 100, assigned: 100, declined: 0, reclaimed: 12, utilization: 100 },
      { kind: 'address', index: 1, pool: null, total: 100, assigned: 90, declined: 1, reclaimed: 18, utilization: 90 },
    ])
    expect(subnets[1].pools[0]).toMatchObject({ total: 50, assigned: 5, declined: null, reclaimed: null, utilization: 10 })
  })

  it('reads DHCPv6 NAs and PDs separately, pools and pd-pools, and prefers stat_cmds\' lease counts', () => {
    const subnets = subnetStatistics('dhcp6', recorded('kea-2.6-dhcp6-statistic-get-all.json'))
    expect(subnets.map((s) => [s.subnetId, s.usage.kind, s.usage.utilization])).toEqual([[1, 'na', 25], [1, 'pd', 97.66]])
    expect(subnets[1].pools).toEqual([{ kind: 'pd', index: 0, pool: null, total: 256, assigned: 250, declined: null, reclaimed: null, utilization: 97.66 }])
    const rows = leaseStatRows(recorded('kea-2.6-stat-lease6-get.json'))
    expect(withLeaseCounts(subnets[0].usage, rows.get(1))).toEqual({ kind: 'na', total: 256, assigned: 66, declined: 3, reclaimed: 7, utilization: 25.78 })
    expect(withLeaseCounts(subnets[1].usage, rows.get(1))).toMatchObject({ assigned: 252, declined: null, utilization: 98.44 })
    expect(withLeaseCounts(subnets[0].usage, undefined)).toBe(subnets[0].usage)
  })

  it('reads the lab\'s Kea 2.2 stat-lease4-get result-set', () => {
    const rows = leaseStatRows({ 'result-set': { columns: ['subnet-id', 'total-addresses', 'cumulative-assigned-addresses', 'assigned-addresses', 'declined-addresses'], rows: [[1, 4, 9, 4, 0], [2, 100, 0, 0, 0]] } })
    expect(rows.get(1)).toEqual({ 'subnet-id': 1, 'total-addresses': 4, 'cumulative-assigned-addresses': 9, 'assigned-addresses': 4, 'declined-addresses': 0 })
    expect(leaseStatRows(null).size).toBe(0)
  })

  it('gathers the server counters: packets per type, drops, allocation failures', () => {
    expect(serverCounters('dhcp4', recorded('kea-2.6-dhcp4-statistic-get-all.json'))).toEqual({
      service: 'dhcp4',
      received: { all: 1200, discover: 400, request: 790, release: 10 },
      sent: { all: 1150, offer: 380, ack: 760, nak: 10 },
      dropped: { 'pkt4-receive-drop': 50, 'pkt4-parse-failed': 2 },
      allocationFailures: { 'v4-allocation-fail': 20, 'v4-allocation-fail-subnet': 20 },
    })
    expect(serverCounters('dhcp6', recorded('kea-2.6-dhcp6-statistic-get-all.json'))).toMatchObject({ received: { all: 640, solicit: 300 }, sent: { advertise: 300 }, allocationFailures: { 'v6-allocation-fail': 3 } })
  })

  it('computes utilization and the level against the thresholds: warn from 80 %, critical from 95 %', () => {
    expect(utilization(3, 4)).toBe(75)
    expect(utilization(0, 0)).toBeNull()
    expect([79.99, 80, 94.99, 95, 100, null].map((u) => levelOf(u, defaultThresholds))).toEqual(['ok', 'warn', 'warn', 'critical', 'critical', 'ok'])
    expect(levelOf(60, { warn: 50, critical: 70 })).toBe('warn')
  })

  it('keeps thresholds per profile and subnet in the data folder, and refuses warn above critical', () => {
    const dataDir = tempDir('fieldkit-thresholds')
    new PoolThresholds(dataDir).set('lab', 'dhcp4', 1, { warn: 50, critical: 70 })
    const reopened = new PoolThresholds(dataDir)
    expect(reopened.forSubnet('lab', 'dhcp4', 1)).toEqual({ warn: 50, critical: 70 })
    expect(reopened.forSubnet('lab', 'dhcp6', 1)).toEqual(defaultThresholds)
    expect(reopened.forSubnet('other', 'dhcp4', 1)).toEqual(defaultThresholds)
    expect(() => reopened.set('lab', 'dhcp4', 1, { warn: 90, critical: 90 })).toThrow('The warning threshold (90 %) must be below the critical one (90 %).')
    reopened.set('lab', 'dhcp4', 1, null)
    expect(new PoolThresholds(dataDir).forSubnet('lab', 'dhcp4', 1)).toEqual(defaultThresholds)
  })

  it('fits the trend by least squares and projects when the pool is full', () => {
    // 2 leases a minute, with noise that least squares averages out.
    expect(leastSquaresSlope(minutes(100, 10, 13, 14, 16, 18))! * 60).toBeCloseTo(1.9, 5)
    const filling = projectExhaustion(minutes(100, 10, 12, 14, 16, 18))
    expect(filling).toMatchObject({ state: 'filling', secondsToFull: 41 * 60, fullAt: '2024-05-02T09:45:00.000Z' })
    expect(filling.text).toBe('full in about 41 minutes at the recent rate (120.0 leases an hour)')
  })

  it('says "not filling" when flat or falling, "full" when full, and waits for a second sample', () => {
    expect(projectExhaustion(minutes(100, 50, 50, 50))).toEqual({ state: 'not-filling', text: 'not filling: leases are steady or falling' })
    expect(projectExhaustion(minutes(100, 60, 55, 50)).state).toBe('not-filling')
    expect(projectExhaustion(minutes(4, 2, 4))).toEqual({ state: 'full', text: 'full now: no address left to give' })
    expect(projectExhaustion(minutes(100, 10)).state).toBe('unknown')
    expect(projectExhaustion([]).state).toBe('unknown')
  })

  it('uses only the recent samples for the trend: an old burst does not make a steady pool look filling', () => {
    const burstThenSteady = minutes(1000, ...Array.from({ length: 10 }, (_, i) => i * 50), ...Array.from({ length: 30 }, () => 500))
    expect(projectExhaustion(burstThenSteady).state).toBe('not-filling')
  })

  it('keeps samples per profile and subnet, the newest MAX_SAMPLES', () => {
    const sampler = new PoolSampler()
    const key = { profileId: 'lab', service: 'dhcp4' as const, subnetId: 1, kind: 'address' as const }
    for (const sample of minutes(100, ...Array.from({ length: MAX_SAMPLES + 5 }, (_, i) => i % 100))) sampler.add(key, sample)
    const samples = sampler.add({ ...key, profileId: 'other' }, minutes(100, 7)[0])
    expect(samples).toHaveLength(1)
    const kept = sampler.add(key, minutes(100, 1)[0])
    expect(kept).toHaveLength(MAX_SAMPLES)
    expect(kept[kept.length - 1].assigned).toBe(1)
  })
})
