// The Kea view's readings kept in a session, against the lab's real Kea 2.2: status polls and pool samples taken
// with a session survive closing and reopening the engine on the same data folder, and the next reading's chart
// continues them; the servers' packet counters move with a DORA of the test client (MACs of this test's range).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientRunResult, KeaHistory, KeaPools, KeaServerCounters, KeaStatus, SessionInfo } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { tempDataDir, testEngine } from '../helpers/engine'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable()
const dataDir = tempDataDir()
let engine: Engine
let wasUp = false
let sessionId: number

const LAB_SUBNET_ID = 1
const reading = (sampled: KeaPools) => sampled.subnets.find((s) => s.service === 'dhcp4' && s.subnetId === LAB_SUBNET_ID)!
const dhcp4Counters = (sampled: KeaPools) => sampled.servers.find((s) => s.service === 'dhcp4') as KeaServerCounters
const count = (record: Record<string, number>, name: string) => record[name] ?? 0

describe.skipIf(unavailable !== null)(`Kea history kept in a session, on the lab${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    wasUp = labStatus().up
    await labUp()
    engine = testEngine(dataDir)
    sessionId = ((await engine.dispatch('sessions.create', { name: 'Kea history' })) as SessionInfo).id
  })
  afterAll(async () => {
    engine?.close()
    if (!wasUp) await labDown()
  })

  const polled: KeaStatus[] = []
  const sampled: KeaPools[] = []

  it('reads the server counters after a DORA: discover, request, offer, ack and the release counted', async () => {
    polled.push(await engine.dispatch('kea.status', { profileId: 'lab', sessionId }) as KeaStatus)
    sampled.push(await engine.dispatch('kea.pools', { profileId: 'lab', sessionId }) as KeaPools)
    const run = await engine.dispatch('client.run', { sessionId, iface: lab.captureInterface, mode: 'dora', mac: '02:00:5e:30:00:01', wait: 5 }) as ClientRunResult
    expect(run.reason).toBe('BOUND')
    polled.push(await engine.dispatch('kea.status', { profileId: 'lab', sessionId }) as KeaStatus)
    sampled.push(await engine.dispatch('kea.pools', { profileId: 'lab', sessionId }) as KeaPools)
    const [before, after] = sampled.map(dhcp4Counters)
    for (const type of ['discover', 'request', 'release']) expect(count(after.received, type), `${type} received`).toBeGreaterThanOrEqual(count(before.received, type) + 1)
    for (const type of ['offer', 'ack']) expect(count(after.sent, type), `${type} sent`).toBeGreaterThanOrEqual(count(before.sent, type) + 1)
    expect(Object.keys(after.dropped)).toEqual(expect.arrayContaining(['pkt4-receive-drop', 'pkt4-parse-failed']))
    expect(Object.keys(after.allocationFailures)).toEqual(expect.arrayContaining(['v4-allocation-fail']))
    expect(reading(sampled[1]).samples.slice(-2)).toEqual([...reading(sampled[0]).samples.slice(-1), ...reading(sampled[1]).samples.slice(-1)])
  })

  it('keeps the status polls and pool samples across closing and reopening the engine', async () => {
    engine.close()
    engine = testEngine(dataDir)
    const kept = await engine.dispatch('kea.history', { profileId: 'lab', sessionId }) as KeaHistory
    expect(kept.status.map((s) => s.service).sort()).toEqual(['ctrl-agent', 'dhcp4', 'dhcp6'])
    const dhcp4 = kept.status.find((s) => s.service === 'dhcp4')!
    expect(dhcp4.samples).toEqual(polled.map((p) => ({ at: p.checkedAt, status: p.services.find((s) => s.service === 'dhcp4') })))
    expect(dhcp4.samples[0].status).toMatchObject({ up: true, pid: expect.any(Number), version: expect.stringMatching(/^2\.2\./) })
    const series = kept.usage.find((u) => u.service === 'dhcp4' && u.subnetId === LAB_SUBNET_ID)!
    expect(series).toMatchObject({ kind: 'address', subnet: lab.subnet })
    expect(series.samples).toEqual(reading(sampled[1]).samples)

    // The next reading's chart continues the kept samples.
    const next = reading(await engine.dispatch('kea.pools', { profileId: 'lab', sessionId }) as KeaPools)
    expect(next.samples.slice(0, -1)).toEqual(series.samples)
    // Another session starts its own history.
    const other = ((await engine.dispatch('sessions.create', { name: 'elsewhere' })) as SessionInfo).id
    expect(reading(await engine.dispatch('kea.pools', { profileId: 'lab', sessionId: other }) as KeaPools).samples).toHaveLength(1)
  })
})
