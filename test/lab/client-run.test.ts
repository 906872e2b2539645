// The test client as the app runs it: through the engine's contract (client.run) on the lab's bridge, from the host
// namespace, as the app's engine does. The run's packets become a capture of the session, the run is listed with it,
// and a DORA's lease is released in Kea.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientRunResult, PacketPage } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { labStatus } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { testEngine } from '../helpers/engine'
import { labUnavailable } from '../helpers/lab'
import { useLab } from '../helpers/lab-engine'

const unavailable = labUnavailable()

/** Kea's IPv4 leases of one MAC, through its Control Agent (lease_cmds). */
async function keaLeases(mac: string): Promise<unknown[]> {
  const response = await fetch(labStatus().controlAgentUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ command: 'lease4-get-by-hw-address', service: ['dhcp4'], arguments: { 'hw-address': mac } }),
  })
  const [answer] = (await response.json()) as { arguments?: { leases?: unknown[] } }[]
  return answer.arguments?.leases ?? []
}

describe.skipIf(unavailable !== null)(`Test client through the engine${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  useLab()
  // Its own engine, not labEngine()'s: the last test restarts it on the same data folder.
  let engine: Engine
  beforeAll(() => {
    engine = testEngine()
  })
  afterAll(() => engine?.close())

  it('probe: lists Kea\'s OFFER; the run\'s packets are a capture of the session and the run is listed', async () => {
    const run = (await engine.dispatch('client.run', { iface: lab.captureInterface, mode: 'probe', mac: '02:00:5e:00:53:20', wait: 2 })) as ClientRunResult
    expect(run.reason).toBe('OFFER')
    expect(run.servers).toEqual([expect.objectContaining({ server: lab.serverAddress, type: 'OFFER', address: expect.stringMatching(/^192\.0\.2\.1\d\d$/) })])
    expect(run.timeline.slice(0, 2)).toEqual([
      expect.objectContaining({ frame: 1, direction: 'sent', type: 'DISCOVER' }),
      expect.objectContaining({ frame: 2, direction: 'received', type: 'OFFER', source: lab.serverAddress }),
    ])
    const page = (await engine.dispatch('packets.page', { captureId: run.captureId, offset: 0, limit: 100 })) as PacketPage
    expect(page.total).toBe(run.timeline.length)
    expect(page.rows.slice(0, 2).map((r) => r.info)).toEqual([expect.stringMatching(/^DHCP Discover/), expect.stringMatching(/^DHCP Offer/)])
    expect(await engine.dispatch('client.runs', { sessionId: run.sessionId })).toEqual([run])
  })

  it('DORA: BOUND with an address from the lab\'s pool, the lease released, kept in the same session', async () => {
    const [first] = (await engine.dispatch('sessions.list', {})) as { id: number }[]
    const mac = '02:00:5e:00:53:21'
    const run = (await engine.dispatch('client.run', { sessionId: first.id, iface: lab.captureInterface, mode: 'dora', mac, hostname: 'fieldkit-test', wait: 5 })) as ClientRunResult
    expect(run.reason).toBe('BOUND')
    expect(run.variables).toMatchObject({ reason: 'BOUND', interface: lab.captureInterface, new_dhcp_server_identifier: lab.serverAddress })
    expect(run.variables.new_ip_address).toMatch(/^192\.0\.2\.1\d\d$/)
    expect(run.timeline.map((t) => `${t.frame} ${t.direction} ${t.type}`)).toEqual(['1 sent DISCOVER', '2 received OFFER', '3 sent REQUEST', '4 received ACK', '5 sent RELEASE'])
    expect(run.released).toBe(true)
    expect(await keaLeases(mac)).toEqual([])
    const runs = (await engine.dispatch('client.runs', { sessionId: first.id })) as ClientRunResult[]
    expect(runs.map((r) => r.mode)).toEqual(['probe', 'dora'])
  })

  it('runs as a job that Stop ends, with no capture kept', async () => {
    const [first] = (await engine.dispatch('sessions.list', {})) as { id: number }[]
    const before = ((await engine.dispatch('captures.list', { sessionId: first.id })) as unknown[]).length
    const started = new Promise<string>((done) => {
      const stop = engine.events.subscribe((event, payload) => {
        const job = payload as { jobId: string; title: string; state: string }
        if (event === 'job.progress' && job.state === 'running' && job.title === `Test client PROBE on ${lab.captureInterface}`) {
          stop()
          done(job.jobId)
        }
      })
    })
    // A probe waits out its whole wait for every server's OFFER: Stop ends it well before.
    const running = engine.dispatch('client.run', { sessionId: first.id, iface: lab.captureInterface, mode: 'probe', wait: 30 })
    await engine.dispatch('jobs.stop', { jobId: await started })
    await expect(running).rejects.toMatchObject({ code: 'cancelled', message: 'The test client run was stopped.' })
    expect(((await engine.dispatch('captures.list', { sessionId: first.id })) as unknown[]).length).toBe(before)
  })

  it('keeps the session\'s runs across a restart of the engine', async () => {
    const [first] = (await engine.dispatch('sessions.list', {})) as { id: number }[]
    const runs = await engine.dispatch('client.runs', { sessionId: first.id })
    engine.close()
    engine = testEngine(engine.dataDir)
    expect(await engine.dispatch('client.runs', { sessionId: first.id })).toEqual(runs)
  })

  it('refuses an interface this machine does not have, in a sentence, before sending anything', async () => {
    await expect(engine.dispatch('client.run', { iface: 'eth-nonesuch', mode: 'probe' })).rejects.toMatchObject({
      code: 'bad-input', message: 'There is no interface named "eth-nonesuch" on this machine; pick one from the list (it may have gone down or been removed).',
    })
  })

  it('refuses an option it cannot send, in a sentence that shows the forms', async () => {
    await expect(engine.dispatch('client.run', { iface: lab.captureInterface, mode: 'probe', options: ['nonsense'] })).rejects.toMatchObject({
      code: 'bad-input', message: expect.stringMatching(/^"nonsense" is not an option: write CODE=HEX, .*\.$/),
    })
  })
})
