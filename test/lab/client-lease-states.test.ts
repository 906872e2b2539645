// The built-in client's lease after the first DORA, against the lab's Kea: RENEW and REBIND hand the script the lease
// held before as old_* (as dhclient's bind_lease does; REBOOT none), and a DECLINE makes Kea mark the address declined.
import { describe, expect, it } from 'vitest'
import type { ClientRunResult } from '../../electron/contract/types'
import { lab } from '../../electron/lab/topology'
import { labUnavailable } from '../helpers/lab'
import { labEngine, labKea } from '../helpers/lab-engine'

const unavailable = labUnavailable()
/** Kea's lease state for an address the client declined (lease_cmds: 0 default, 1 declined, 2 expired-reclaimed). */
const DECLINED = 1

const kea4 = (command: string, args: object) => labKea('dhcp4', command, args)

describe.skipIf(unavailable !== null)(`Test client lease states${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const engine = labEngine()
  const run = (mode: string, mac: string) => engine().dispatch('client.run', { iface: lab.captureInterface, mode, mac, wait: 5 }) as Promise<ClientRunResult>

  for (const [mode, reason, mac] of [['renew', 'RENEW', '02:00:5e:20:00:01'], ['rebind', 'REBIND', '02:00:5e:20:00:02']] as const) {
    it(`${reason}: old_* are the lease the DORA took, new_* the server's answer`, async () => {
      const result = await run(mode, mac)
      expect(result.reason).toBe(reason)
      const { variables } = result
      expect(variables.old_ip_address).toMatch(/^192\.0\.2\.1\d\d$/)
      expect(variables).toMatchObject({
        reason, new_ip_address: variables.old_ip_address, old_dhcp_server_identifier: lab.serverAddress, old_routers: lab.serverAddress,
        old_subnet_mask: '255.255.255.0', old_dhcp_lease_time: variables.new_dhcp_lease_time, old_network_number: '192.0.2.0',
      })
      expect(Number(variables.old_expiry)).toBeLessThanOrEqual(Number(variables.new_expiry))
      expect(Object.keys(variables).filter((name) => name.startsWith('old_')).map((name) => name.slice(4)).sort())
        .toEqual(Object.keys(variables).filter((name) => name.startsWith('new_')).map((name) => name.slice(4)).sort())
    })
  }

  it('REBOOT: no old_* (dhclient writes none for an INIT-REBOOT)', async () => {
    const result = await run('reboot', '02:00:5e:20:00:03')
    expect(result.reason).toBe('REBOOT')
    expect(Object.keys(result.variables).filter((name) => name.startsWith('old_'))).toEqual([])
  })

  it('DECLINE: Kea marks the address declined (lease4-get state 1); the lease is then deleted', async () => {
    const result = await run('decline', '02:00:5e:20:00:04')
    expect(result.reason).toBe('DECLINE')
    const address = result.variables.new_ip_address
    expect(address).toMatch(/^192\.0\.2\.1\d\d$/)
    expect(result.timeline.map((t) => t.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK', 'DECLINE'])
    const lease = await kea4('lease4-get', { 'ip-address': address })
    expect(lease).toMatchObject({ result: 0, arguments: { 'ip-address': address, state: DECLINED } })
    expect(await kea4('lease4-del', { 'ip-address': address })).toMatchObject({ result: 0 })
    expect(await kea4('lease4-get', { 'ip-address': address })).toMatchObject({ result: 3 })
  })
})
