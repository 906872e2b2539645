// What the Pools tab and the alerts make of pool readings (renderer/src/kea-pool-levels.ts): a row per subnet and
// kind, its name, which subnets crossed into warn or critical since the last reading (one notification each), and
// the chart's series; and the configuration editor's JSON check (renderer/src/json-object.ts).
import { describe, expect, it } from 'vitest'
import type { KeaPoolLevel, KeaSubnetUsage } from '../../electron/contract/types'
import { parseJsonObject } from '../../renderer/src/json-object'
import { crossings, subnetKey, subnetName, usageSeries } from '../../renderer/src/kea-pool-levels'

function subnet(level: KeaPoolLevel, overrides: Partial<KeaSubnetUsage> = {}): KeaSubnetUsage {
  return {
    service: 'dhcp4', subnetId: 1, subnet: '192.0.2.0/24', kind: 'address', total: 100, assigned: 50, declined: 0, reclaimed: 0,
    utilization: 50, level, thresholds: { warn: 80, critical: 95 }, pools: [], projection: { state: 'unknown', text: 'no samples yet' }, samples: [],
    ...overrides,
  }
}

describe('Kea pool readings in the UI', () => {
  it('tells a DHCPv6 subnet\'s addresses from its prefixes', () => {
    const na = subnet('ok', { service: 'dhcp6', subnet: '2001:db8:1::/64', kind: 'na' })
    const pd = subnet('ok', { service: 'dhcp6', subnet: '2001:db8:1::/64', kind: 'pd' })
    expect(subnetKey(na)).not.toBe(subnetKey(pd))
    expect(subnetName(na)).toBe('dhcp6 subnet 2001:db8:1::/64 (id 1), addresses (NA)')
    expect(subnetName(pd)).toBe('dhcp6 subnet 2001:db8:1::/64 (id 1), prefixes (PD)')
    expect(subnetName(subnet('ok', { subnet: null }))).toBe('dhcp4 subnet (prefix not read) (id 1)')
  })

  it('notices a subnet rising into warn or critical, not one staying there, falling, or already high at the first reading', () => {
    expect(crossings(null, [subnet('critical')])).toEqual([])
    expect(crossings([subnet('ok')], [subnet('warn')]).map((s) => s.level)).toEqual(['warn'])
    expect(crossings([subnet('warn')], [subnet('critical')]).map((s) => s.level)).toEqual(['critical'])
    expect(crossings([subnet('ok')], [subnet('critical')]).map((s) => s.level)).toEqual(['critical'])
    expect(crossings([subnet('warn')], [subnet('warn')])).toEqual([])
    expect(crossings([subnet('critical')], [subnet('warn')])).toEqual([])
    // Another subnet's level, or the same id's prefixes, are not this one's.
    expect(crossings([subnet('warn', { subnetId: 2 })], [subnet('warn')])).toHaveLength(1)
    const pd = { service: 'dhcp6', kind: 'pd' } as const
    expect(crossings([subnet('critical', { service: 'dhcp6', kind: 'na' })], [subnet('critical', pd)])).toHaveLength(1)
  })

  it('charts utilization in percent over Unix seconds, with the thresholds as flat lines', () => {
    const samples = [
      { at: '2026-01-01T00:00:00.000Z', assigned: 0, total: 4 },
      { at: '2026-01-01T00:00:10.000Z', assigned: 3, total: 4 },
      { at: '2026-01-01T00:00:20.000Z', assigned: 0, total: 0 },
    ]
    expect(usageSeries(samples, { warn: 50, critical: 95 })).toEqual([
      [1767225600, 1767225610, 1767225620], [0, 75, null], [50, 50, 50], [95, 95, 95],
    ])
    expect(usageSeries([], { warn: 80, critical: 95 })).toEqual([[], [], [], []])
  })

  it('takes an edited configuration only as a JSON object', () => {
    expect(parseJsonObject('{ "Dhcp4": {} }', 'an object')).toEqual({ value: { Dhcp4: {} }, error: null })
    expect(parseJsonObject('[1]', 'an object')).toEqual({ value: undefined, error: 'an object' })
    expect(parseJsonObject('null', 'an object')).toEqual({ value: undefined, error: 'an object' })
    expect(parseJsonObject('{ "Dhcp4": ', 'an object').error).toMatch(/^Not JSON: /)
  })
})
