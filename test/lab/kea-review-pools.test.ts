// The configuration review and pool utilization against the lab's real Kea 2.2: the running configuration
// reviewed, broken ones through config-test (Kea's own answer beside the findings), and a tiny pool filled by
// perfdhcp until it is critical, with the projection. The tiny pool is the test's own: a copy of the lab's DHCPv4
// configuration loaded with config-set, its leases wiped and the lab's configuration set back afterwards. Beside the
// full pool, the clients holding its leases are those Kea holds them for.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeaCommandAnswer, KeaConfigTest, KeaPools, KeaReview, KeaSubnetUsage } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { labProfile } from '../../electron/engine/kea/lab-profile'
import { subnetLeases } from '../../electron/engine/kea/lease-holders'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { tempDataDir, testEngine } from '../helpers/engine'
import { runFieldkit } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable()
const dataDir = tempDataDir()
let engine: Engine
let wasUp = false
/** The lab's DHCPv4 configuration as it was, to set back. */
let original: Record<string, unknown> | null = null

/** The test's own subnet: the lab's prefix with four addresses, under an id no other test uses. */
const TINY_SUBNET_ID = 77
const TINY_POOL = '192.0.2.240 - 192.0.2.243'

const command = (name: string, args?: Record<string, unknown>) =>
  engine.dispatch('kea.command', { profileId: 'lab', command: name, service: 'dhcp4', ...(args && { arguments: args }), confirmed: true }) as Promise<KeaCommandAnswer>
const labConfig = async () => structuredClone((await command('config-get')).arguments) as { Dhcp4: Record<string, unknown> & { subnet4: Record<string, unknown>[] } }
const pools = () => engine.dispatch('kea.pools', { profileId: 'lab' }) as Promise<KeaPools>
const tiny = (reading: KeaPools) => reading.subnets.find((s) => s.service === 'dhcp4' && s.subnetId === TINY_SUBNET_ID) as KeaSubnetUsage

/** perfdhcp's DORA from the client namespace as `clients` distinct clients; it exits non-zero when offers stop coming, as they do once the pool is full. */
async function perfdhcp(clients: number): Promise<void> {
  await promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-4', '-l', lab.clientInterface, '-r', '10', '-R', String(clients), '-p', '3', lab.serverAddress], { timeout: 30000 })
    .catch(() => undefined)
}

describe.skipIf(unavailable !== null)(`Kea review and pools on the lab${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    wasUp = labStatus().up
    await labUp()
    engine = testEngine(dataDir)
  })
  afterAll(async () => {
    if (original) {
      await command('lease4-wipe', { 'subnet-id': TINY_SUBNET_ID })
      const restored = await command('config-set', original)
      expect(restored.result).toBe(0)
    }
    engine?.close()
    if (!wasUp) await labDown()
  })

  it('reviews the lab\'s running servers: sound, so no findings', async () => {
    const reviews = await engine.dispatch('kea.review', { profileId: 'lab' }) as KeaReview[]
    expect(reviews.map((r) => [r.service, r.findings])).toEqual([['dhcp4', []], ['dhcp6', []]])
  })

  it('tests a broken configuration: Kea\'s refusal beside the findings, and nothing changes', async () => {
    const broken = await labConfig()
    broken.Dhcp4['renew-timer'] = 900
    broken.Dhcp4['rebind-timer'] = 600
    broken.Dhcp4.subnet4[0].pools = [{ pool: '10.0.0.1 - 10.0.0.5' }]
    const tested = await engine.dispatch('kea.configTest', { profileId: 'lab', service: 'dhcp4', config: broken }) as KeaConfigTest
    expect(tested).toMatchObject({ service: 'dhcp4', accepted: false, result: 1, meaning: 'error' })
    expect(tested.text).toMatch(/10\.0\.0\.1-10\.0\.0\.5 does not match the prefix of a subnet: 192\.0\.2\.0\/24|renew-timer \(900\) is greater than the value of rebind-timer \(600\)/)
    expect(tested.review.findings.map((f) => [f.rule, f.severity, f.path])).toEqual(expect.arrayContaining([
      ['pool-outside-subnet', 'error', 'Dhcp4.subnet4[0].pools[0]'],
      ['renew-rebind-timers', 'error', 'Dhcp4'],
    ]))
    // config-test changed nothing.
    expect((await labConfig()).Dhcp4['renew-timer']).toBe(300)
  })

  it('finds what Kea accepts: overlapping subnets, a lifetime too long for the pool; and shows Kea\'s error for invalid JSON values', async () => {
    const accepted = await labConfig()
    // Kea 2.2's config-get writes the lifetimes into each subnet: the subnet's own is the one to lengthen.
    Object.assign(accepted.Dhcp4.subnet4[0], { 'valid-lifetime': 86400, 'min-valid-lifetime': 86400, 'max-valid-lifetime': 86400, 'renew-timer': 43200, 'rebind-timer': 75600 })
    accepted.Dhcp4.subnet4.push({ id: 3, subnet: '192.0.2.128/25' })
    const tested = await engine.dispatch('kea.configTest', { profileId: 'lab', service: 'dhcp4', config: accepted }) as KeaConfigTest
    expect(tested).toMatchObject({ accepted: true, result: 0 })
    expect(tested.review.findings.map((f) => [f.rule, f.subject])).toEqual(expect.arrayContaining([
      ['subnet-overlap', 'subnet 192.0.2.128/25 (id 3)'], ['lifetime-for-pool', 'subnet 192.0.2.0/24 (id 1)'],
    ]))
    const invalid = await labConfig()
    invalid.Dhcp4['valid-lifetime'] = 'a day'
    const refused = await engine.dispatch('kea.configTest', { profileId: 'lab', service: 'dhcp4', config: invalid }) as KeaConfigTest
    expect(refused).toMatchObject({ accepted: false, result: 1, text: expect.stringContaining('intValue() called on non-integer Element') })
    await expect(engine.dispatch('kea.configTest', { profileId: 'lab', service: 'dhcp4', config: { Dhcp6: {} } }))
      .rejects.toMatchObject({ code: 'bad-input', message: 'The configuration to test has no "Dhcp4" map: give it as { "Dhcp4": { … } }, as config-get returns it.' })
  })

  it('fills a tiny pool with perfdhcp: warn, then critical, with the projection; the command line shows it too', async () => {
    original = (await labConfig()) as Record<string, unknown>
    const small = await labConfig()
    small.Dhcp4.subnet4[0] = { ...small.Dhcp4.subnet4[0], id: TINY_SUBNET_ID, pools: [{ pool: TINY_POOL }] }
    expect((await command('config-set', small)).result).toBe(0)
    await engine.dispatch('kea.setThresholds', { profileId: 'lab', service: 'dhcp4', subnetId: TINY_SUBNET_ID, thresholds: { warn: 50, critical: 95 } })

    const empty = tiny(await pools())
    expect(empty).toMatchObject({ subnet: lab.subnet, total: 4, assigned: 0, utilization: 0, level: 'ok', thresholds: { warn: 50, critical: 95 }, projection: { state: 'unknown' } })
    await perfdhcp(3)
    const three = tiny(await pools())
    expect(three).toMatchObject({ assigned: 3, utilization: 75, level: 'warn', projection: { state: 'filling' } })
    expect(three.samples.map((s) => s.assigned)).toEqual([0, 3])
    await perfdhcp(20)
    const reading = await pools()
    const full = tiny(reading)
    expect(full).toMatchObject({ assigned: 4, utilization: 100, level: 'critical', projection: { state: 'full', text: 'full now: no address left to give' } })
    expect(full.samples.map((s) => s.assigned)).toEqual([0, 3, 4])
    // Beside the full pool: who holds its leases, as Kea holds them, and the usual causes.
    const held = (await command('lease4-get-all', { subnets: [TINY_SUBNET_ID] })).arguments as { leases: { 'hw-address': string; 'ip-address': string; state: number }[] }
    const perMac = new Map<string, string[]>()
    for (const lease of held.leases.filter((l) => l.state === 0)) perMac.set(lease['hw-address'], [...(perMac.get(lease['hw-address']) ?? []), lease['ip-address']])
    expect(full.diagnosis).toMatchObject({ leaseTime: 600, leasesRead: 4, declinedLeases: 0, partial: false, problem: null })
    expect(new Map(full.diagnosis!.topHolders.map((h) => [h.client, h.addresses]))).toEqual(perMac)
    expect(full.diagnosis!.topHolders.every((h) => h.kind === 'mac' && h.leases === 1)).toBe(true)
    expect(full.diagnosis!.causes.map((c) => [c.cause, c.likely])).toEqual([['lease-time', false], ['not-releasing', expect.any(Boolean)], ['many-leases', false], ['declined', false]])
    expect(three.diagnosis?.topHolders).toHaveLength(3)
    // A large subnet's leases are walked a page at a time (lease4-get-page, every subnet's): the same holders; a walk
    // cut short by its bound says it is partial.
    const paged = await subnetLeases(labProfile()!.connection, 'dhcp4', 'dhcp4', TINY_SUBNET_ID, 'address', 4, { atOnce: 0, pageSize: 2, walked: 10_000 })
    expect(paged).toMatchObject({ inUse: 4, partial: false, problem: null })
    expect(new Map(paged.holders.map((h) => [h.client, h.addresses]))).toEqual(perMac)
    expect((await subnetLeases(labProfile()!.connection, 'dhcp4', 'dhcp4', TINY_SUBNET_ID, 'address', 4, { atOnce: 0, pageSize: 1, walked: 1 })).partial).toBe(true)
    expect(empty.diagnosis).toBeUndefined()
    const counters = reading.servers.find((s) => s.service === 'dhcp4')!
    expect(counters.received.discover).toBeGreaterThan(0)
    expect(counters.allocationFailures['v4-allocation-fail']).toBeGreaterThan(0)
    expect(reading.subnets.filter((s) => s.service === 'dhcp6').map((s) => s.kind)).toEqual(['na', 'pd'])

    const cli = runFieldkit(['kea', 'stats', '--profile', 'lab'], { timeout: 30000 })
    expect(cli.code).toBe(0)
    expect(cli.stdout).toContain(`dhcp4 subnet ${TINY_SUBNET_ID} ${lab.subnet}: addresses 4/4 100.0 % CRITICAL`)
    expect(cli.stdout).toContain('lease-time: Leases last 600 s: with 4 addresses, once full the subnet takes in about 24 new clients an hour')
    const json = runFieldkit(['kea', 'stats', '--profile', 'lab', '--json'], { timeout: 30000 })
    const tinyJson = (JSON.parse(json.stdout) as KeaPools).subnets.find((s) => s.service === 'dhcp4' && s.subnetId === TINY_SUBNET_ID)!
    expect(new Set(tinyJson.diagnosis!.topHolders.map((h) => h.client))).toEqual(new Set(perMac.keys()))
  })
})
