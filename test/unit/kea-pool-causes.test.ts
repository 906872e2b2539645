// Beside a full pool: who holds its leases (top MACs by lease count, from recorded lease4-get-all and
// lease6-get-all answers), and the usual causes with their countermeasures, each found likely or not from the
// numbers.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readAnswer } from '../../electron/engine/kea/kea-client'
import { countLeases } from '../../electron/engine/kea/lease-holders'
import { poolCauses, type PoolFacts } from '../../electron/engine/kea/pool-causes'
import { DiagnosisCache, type DiagnosisInput } from '../../electron/engine/kea/pool-diagnosis'
import type { KeaPoolDiagnosis } from '../../electron/contract/types'

const leases = (name: string) => (readAnswer(readFileSync(new URL(`../fixtures/kea/${name}`, import.meta.url), 'utf8'), 'https://kea.example:8000/', 'lease4-get-all').arguments as { leases: unknown[] }).leases

const facts: PoolFacts = { kind: 'address', total: 4, declined: 0, leaseTime: 3600, releasesReceived: 0, givenOut: 4, holders: [], leasesRead: 4 }
const byCause = (found: ReturnType<typeof poolCauses>) => Object.fromEntries(found.map((c) => [c.cause, c]))

describe('who holds a subnet\'s leases', () => {
  it('counts leases in use per MAC (case folded) in the subnet asked for, and declined ones apart', () => {
    const counted = countLeases(leases('kea-2.2-lease4-get-all.json'), 77, 'address', false)
    expect(counted).toEqual({
      holders: [
        { client: '02:00:5e:30:00:01', kind: 'mac', leases: 2, addresses: ['192.0.2.240', '192.0.2.241'] },
        { client: '02:00:5e:30:00:02', kind: 'mac', leases: 1, addresses: ['192.0.2.242'] },
      ],
      inUse: 3, declined: 1, partial: false, problem: null,
    })
  })

  it('counts DHCPv6 NAs and PDs apart, by MAC where Kea knows it, else by DUID', () => {
    const all = leases('kea-2.2-lease6-get-all.json')
    expect(countLeases(all, 1, 'na', false).holders).toEqual([
      { client: '00:03:00:01:02:00:5e:30:00:10', kind: 'duid', leases: 2, addresses: ['2001:db8:1::100', '2001:db8:1::101'] },
      { client: '02:00:5e:30:00:11', kind: 'mac', leases: 1, addresses: ['2001:db8:1::102'] },
    ])
    expect(countLeases(all, 1, 'pd', true)).toMatchObject({ inUse: 1, partial: true, holders: [{ leases: 1, addresses: ['2001:db8:8000::/56'] }] })
  })

  it('takes damaged entries without failing: no client, no subnet, an identifier too long to be one', () => {
    const odd = [null, 7, { 'ip-address': '192.0.2.9', 'subnet-id': 77 }, { 'hw-address': 'a'.repeat(5000), 'ip-address': '192.0.2.8', 'subnet-id': 77 }]
    expect(countLeases(odd, 77, 'address', false)).toMatchObject({ holders: [], inUse: 2, declined: 0 })
  })
})

describe('reading a full pool\'s leases again', () => {
  it('reuses a diagnosis while the subnet\'s counts stay the same, and asks again when they change', async () => {
    const cache = new DiagnosisCache()
    const input: DiagnosisInput = { service: 'dhcp4', subnetId: 1, leaseTime: 600, stats: {}, usage: { kind: 'address', total: 4, assigned: 4, declined: 0, reclaimed: 0, utilization: 100 } }
    let reads = 0
    const diagnose = async () => ({ leasesRead: ++reads } as KeaPoolDiagnosis)
    expect((await cache.get('lab', input, diagnose)).leasesRead).toBe(1)
    expect((await cache.get('lab', input, diagnose)).leasesRead).toBe(1)
    expect((await cache.get('lab', { ...input, usage: { ...input.usage, declined: 1 } }, diagnose)).leasesRead).toBe(2)
    expect((await cache.get('other', input, diagnose)).leasesRead).toBe(3)
  })
})

describe('the usual causes of a full pool', () => {
  it('finds a lease time too long for the pool, with the longest that would do', () => {
    const lease = byCause(poolCauses({ ...facts, leaseTime: 86400 }))['lease-time']
    expect(lease).toEqual({
      cause: 'lease-time', likely: true,
      found: 'Leases last 86400 s: with 4 addresses, once full the subnet takes in about 0.2 new clients an hour, as leases expire.',
      fix: 'Shorten valid-lifetime for this subnet (1440 s or less lets 10 new clients in an hour), or make its pools larger.',
    })
    expect(byCause(poolCauses({ ...facts, total: 1000 }))['lease-time'].likely).toBe(false)
  })

  it('finds clients not releasing from the releases received against the leases given out', () => {
    const none = byCause(poolCauses({ ...facts, releasesReceived: 0, givenOut: 40 }))['not-releasing']
    expect(none.likely).toBe(true)
    expect(none.found).toBe('The server received 0 releases since it started (all subnets), against 40 leases this subnet gave out: most clients leave without releasing, so each address stays taken until its lease expires.')
    expect(byCause(poolCauses({ ...facts, releasesReceived: 30, givenOut: 40 }))['not-releasing'].likely).toBe(false)
    expect(byCause(poolCauses({ ...facts, givenOut: null }))['not-releasing']).toMatchObject({ likely: false, found: expect.stringContaining('it does not say how many leases this subnet gave out') })
  })

  it('names the client holding many leases, and says so when none does', () => {
    const holders = countLeases(leases('kea-2.2-lease4-get-all.json'), 77, 'address', false).holders
    const many = byCause(poolCauses({ ...facts, holders, leasesRead: 3 }))['many-leases']
    expect(many).toMatchObject({ likely: true, found: 'MAC 02:00:5e:30:00:01 holds 2 of the 3 leases read (192.0.2.240, 192.0.2.241).' })
    expect(byCause(poolCauses({ ...facts, holders: holders.slice(1), leasesRead: 1 }))['many-leases']).toMatchObject({ likely: false, found: 'No client holds more than one lease (1 lease read).' })
    expect(byCause(poolCauses({ ...facts, leasesRead: null }))['many-leases'].likely).toBe(false)
  })

  it('counts declined addresses, and has no such cause for prefixes', () => {
    expect(byCause(poolCauses({ ...facts, declined: 1 })).declined).toMatchObject({ likely: true, found: expect.stringMatching(/^1 address is declined: clients found it in use by another host/) })
    expect(poolCauses({ ...facts, kind: 'pd' }).map((c) => c.cause)).toEqual(['lease-time', 'not-releasing', 'many-leases'])
  })
})
