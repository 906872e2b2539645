// How the lab's Kea 2.2 refuses the built-in DHCPv4 client, and how the client says so (`fieldkit probe` in the lab's
// client namespace, exiting 1 with the reason):
// - an INIT-REBOOT for an address of the relayed subnet (198.51.100.0/24) on the broadcast link: Kea NAKs a client it
//   holds a lease for there (with no message: Kea sends no option 56), and ignores one it does not know (not
//   authoritative, Kea's default), so that run times out and says why;
// - the lab's small pool (two addresses behind the second relay address, its own subnet) taken by two relayed DORAs:
//   a third relayed DISCOVER gets no OFFER, and the result says what a relayed client should check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lab } from '../../electron/lab/topology'
import { labUnavailable } from '../helpers/lab'
import { labKea, useLab } from '../helpers/lab-engine'
import { labProbe } from '../helpers/lab-probe'

const unavailable = labUnavailable()
const OTHER_SUBNET_ADDRESS = '198.51.100.150'
/** The small pool's subnet id in the lab's configuration (kea-config.ts). */
const SMALL_POOL_SUBNET_ID = 4
const POOL_MACS = ['02:00:5e:60:00:30', '02:00:5e:60:00:31']
const THIRD_MAC = '02:00:5e:60:00:32'

const kea4 = (command: string, args: object) => labKea('dhcp4', command, args)

/** Deletes the leases these MACs hold in Kea. */
async function deleteLeases(macs: string[]): Promise<void> {
  for (const mac of macs) {
    const leases = ((await kea4('lease4-get-by-hw-address', { 'hw-address': mac })).arguments?.leases ?? []) as { 'ip-address': string }[]
    for (const lease of leases) expect((await kea4('lease4-del', { 'ip-address': lease['ip-address'] })).result).toBe(0)
  }
}

describe.skipIf(unavailable !== null)(`Test client refused${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  useLab()
  const macs = ['02:00:5e:60:00:20', '02:00:5e:60:00:21', ...POOL_MACS, THIRD_MAC]
  // Leases a failed earlier run left would fill the small pool before the test does.
  beforeAll(() => deleteLeases(macs))
  afterAll(() => deleteLeases(macs))

  it('INIT-REBOOT for an address of the other subnet: Kea NAKs a client it knows, with no message; the CLI exits 1 with the reason', async () => {
    const mac = '02:00:5e:60:00:20'
    const bound = await labProbe('--iface', lab.clientInterface, '--mode', 'dora', '--keep', '--mac', mac, '--wait', '5')
    expect(bound.result.reason).toBe('BOUND')
    const held = bound.result.variables.new_ip_address
    const { code, result, stderr } = await labProbe('--iface', lab.clientInterface, '--mode', 'reboot', '--address', OTHER_SUBNET_ADDRESS, '--mac', mac, '--wait', '3')
    expect(code).toBe(1)
    expect(result.reason).toBe('NAK')
    expect(result.timeline.map((t) => `${t.direction} ${t.type} ${t.source} ${t.destination}`)).toEqual([
      'sent REQUEST 0.0.0.0 255.255.255.255', `received NAK ${lab.serverAddress} 255.255.255.255`,
    ])
    // Kea 2.2 gives no reason in its NAK (no option 56): the client says so rather than show nothing.
    expect(result.servers).toEqual([expect.objectContaining({ server: lab.serverAddress, type: 'NAK', message: '' })])
    expect(result.variables).toEqual({ reason: 'NAK', interface: lab.clientInterface })
    const message = `${lab.serverAddress} refused the INIT-REBOOT (broadcast REQUEST) for ${OTHER_SUBNET_ADDRESS} (NAK) with no message (option 56): the address is wrong for this link or not this client's; a client gives it up and starts over with DISCOVER.`
    expect(result.message).toBe(message)
    expect(stderr).toContain(`fieldkit: NAK: ${message}\n`)
    // The NAK leaves the lease Kea holds for the client as it was.
    expect((await kea4('lease4-get-by-hw-address', { 'hw-address': mac })).arguments?.leases).toEqual([expect.objectContaining({ 'ip-address': held })])
  })

  it('INIT-REBOOT from a client Kea does not know: ignored (Kea is not authoritative), a TIMEOUT that says why', async () => {
    const { code, result, stderr } = await labProbe('--iface', lab.clientInterface, '--mode', 'reboot', '--address', OTHER_SUBNET_ADDRESS, '--mac', '02:00:5e:60:00:21', '--wait', '2')
    expect(code).toBe(1)
    expect(result.reason).toBe('TIMEOUT')
    expect(result.timeline.map((t) => `${t.direction} ${t.type}`)).toEqual(['sent REQUEST'])
    expect(stderr).toContain(`fieldkit: TIMEOUT: No server answered the INIT-REBOOT (broadcast REQUEST) for ${OTHER_SUBNET_ADDRESS} within 2 s: a server that is not authoritative (Kea's default) ignores an INIT-REBOOT from a client it holds no lease for`)
  })

  it('a pool of two taken by two relayed DORAs: the third client gets no OFFER, and the result says what to check', async () => {
    const relayed = ['--iface', lab.clientInterface, '--mode', 'dora', '--relay', lab.smallPoolRelayAddress, '--server', lab.serverAddress, '--wait', '3']
    const taken: string[] = []
    for (const mac of POOL_MACS) {
      const { code, result } = await labProbe(...relayed, '--keep', '--mac', mac)
      expect(code).toBe(0)
      expect(result.variables).toMatchObject({ reason: 'BOUND', new_routers: lab.smallPoolRelayAddress })
      taken.push(result.variables.new_ip_address)
    }
    expect(taken.sort()).toEqual(['203.0.113.10', '203.0.113.11'])
    const inSubnet = (await kea4('lease4-get-all', { subnets: [SMALL_POOL_SUBNET_ID] })).arguments?.leases as { 'hw-address': string }[]
    expect(inSubnet.map((l) => l['hw-address']).sort()).toEqual(POOL_MACS)

    const { code, result, stderr } = await labProbe(...relayed, '--mac', THIRD_MAC)
    expect(code).toBe(1)
    expect(result.reason).toBe('TIMEOUT')
    expect(result.servers).toEqual([])
    // The DISCOVER went out (retransmitted within the wait) and nothing came back.
    expect(new Set(result.timeline.map((t) => `${t.direction} ${t.type} ${t.giaddr}`))).toEqual(new Set([`sent DISCOVER ${lab.smallPoolRelayAddress}`]))
    const message = `No server offered an address through relay ${lab.smallPoolRelayAddress} within 3 s: check that ${lab.serverAddress} has a subnet for giaddr ${lab.smallPoolRelayAddress} (its prefix, or ${lab.smallPoolRelayAddress} among a subnet's relay ip-addresses) and that the subnet's pools have a free address.`
    expect(result.message).toBe(message)
    expect(stderr).toContain(`fieldkit: TIMEOUT: ${message}\n`)
    expect(await kea4('lease4-get-by-hw-address', { 'hw-address': THIRD_MAC })).toMatchObject({ result: 3 })

    await deleteLeases(POOL_MACS)
    expect(await kea4('lease4-get-all', { subnets: [SMALL_POOL_SUBNET_ID] })).toMatchObject({ result: 3 })
  })
})
