// The DHCPv6 test client as the app runs it: through the engine's contract (client.run, family 6) on the lab's
// bridge, from the host namespace. The run's packets become a capture of the session that decodes as DHCPv6, the run
// is listed with it, its lease is released in Kea; parameters of the wrong family are refused before anything is sent.
// MACs 02:00:5e:10:00:50-5f.
import { describe, expect, it } from 'vitest'
import type { ClientRunResult, PacketPage } from '../../electron/contract/types'
import { lab } from '../../electron/lab/topology'
import { labUnavailable } from '../helpers/lab'
import { labEngine, labKea } from '../helpers/lab-engine'

const unavailable = labUnavailable()

/** Kea's IPv6 leases of one DUID (lease_cmds). */
async function keaLeases6(duid: string): Promise<unknown[]> {
  return ((await labKea('dhcp6', 'lease6-get-by-duid', { duid })).arguments?.leases as unknown[] | undefined) ?? []
}

describe.skipIf(unavailable !== null)(`DHCPv6 test client through the engine${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const engineOf = labEngine()

  it('SARR with IA_NA and IA_PD: BOUND6, a capture of the session that decodes as DHCPv6, the lease released', async () => {
    const mac = '02:00:5e:10:00:50'
    const run = (await engineOf().dispatch('client.run', { family: 6, iface: lab.captureInterface, mode: 'sarr', mac, ia: ['na', 'pd'], wait: 5 })) as ClientRunResult
    expect(run).toMatchObject({ reason: 'BOUND6', family: 6, mode: 'sarr', duid: '0003000102005e100050', released: true })
    expect(run.variables).toMatchObject({ interface: lab.captureInterface, new_ip6_address: expect.stringMatching(/^2001:db8:1::/), new_ip6_prefix: expect.stringMatching(/^2001:db8:8000:.*\/56$/) })
    expect(run.timeline.map((t) => `${t.frame} ${t.direction} ${t.type}`)).toEqual(['1 sent SOLICIT', '2 received ADVERTISE', '3 sent REQUEST', '4 received REPLY', '5 sent RELEASE', '6 received REPLY'])
    expect(run.servers[0]).toMatchObject({ type: 'ADVERTISE', serverId: '0002000009bf6669656c646b6974' })
    const page = (await engineOf().dispatch('packets.page', { captureId: run.captureId, offset: 0, limit: 100 })) as PacketPage
    expect(page.total).toBe(6)
    expect(page.rows.map((r) => r.protocol)).toEqual(Array(6).fill('DHCPv6'))
    expect(page.rows[0].info).toMatch(/^Solicit/)
    expect(await engineOf().dispatch('client.runs', { sessionId: run.sessionId })).toEqual([run])
    expect(await keaLeases6('00:03:00:01:02:00:5e:10:00:50')).toEqual([])
  })

  it('refuses the other family\'s parameters and addresses, in sentences, before sending anything', async () => {
    await expect(engineOf().dispatch('client.run', { family: 6, iface: lab.captureInterface, mode: 'dora' })).rejects.toMatchObject({ code: 'invalid-params', message: expect.stringContaining('DHCPv6 modes are solicit, sarr, info, renew, rebind, release') })
    await expect(engineOf().dispatch('client.run', { iface: lab.captureInterface, mode: 'sarr' })).rejects.toMatchObject({ code: 'invalid-params', message: expect.stringContaining('DHCPv4 modes are probe') })
    await expect(engineOf().dispatch('client.run', { family: 6, iface: lab.captureInterface, mode: 'sarr', hostname: 'x' })).rejects.toMatchObject({ code: 'invalid-params', message: expect.stringContaining('hostname is for DHCPv4 runs') })
    await expect(engineOf().dispatch('client.run', { iface: lab.captureInterface, mode: 'dora', iaid: 1 })).rejects.toMatchObject({ code: 'invalid-params', message: expect.stringContaining('iaid is for DHCPv6 runs') })
    await expect(engineOf().dispatch('client.run', { family: 6, iface: lab.captureInterface, mode: 'sarr', relay: '198.51.100.1', server: '192.0.2.1' })).rejects.toMatchObject({ code: 'invalid-params', message: expect.stringContaining('an IPv6 address for a DHCPv6 run') })
    await expect(engineOf().dispatch('client.run', { family: 6, iface: lab.captureInterface, mode: 'sarr', options: ['dns-servers=192.0.2.1'] })).rejects.toMatchObject({ code: 'bad-input', message: 'Option dns-servers: "192.0.2.1" is not an IPv6 address (like 2001:db8::1).' })
  })
})
