// The DHCPv4 client's parameters against the lab's Kea: an FQDN, a vendor class, a request list of the user's, a
// requested address, the broadcast flag and a starting secs, sent from the command line and from the app's engine,
// and what Kea made of them: the lease's host name from the FQDN, the requested address offered, broadcast answers,
// only the options asked for; the captured DISCOVER carries each as sent.
import { describe, expect, it } from 'vitest'
import type { ClientRunResult, PacketPage, PacketView } from '../../electron/contract/types'
import { lab } from '../../electron/lab/topology'
import { labUnavailable } from '../helpers/lab'
import { labEngine, labKea } from '../helpers/lab-engine'
import { labProbe } from '../helpers/lab-probe'

const unavailable = labUnavailable()
const FQDN = 'pc-60.lab.fieldkit.test'
const VENDOR_CLASS = 'fieldkit-lab'

const kea4 = (command: string, args: object) => labKea('dhcp4', command, args)

/** An address of the lab's pool that Kea holds no lease for (from its top, where other tests' DORAs rarely reach). */
async function freeAddress(): Promise<string> {
  for (let host = 199; host >= 150; host--) {
    const address = `192.0.2.${host}`
    if ((await kea4('lease4-get', { 'ip-address': address })).result === 3) return address
  }
  throw new Error('the lab\'s pool has no free address from 192.0.2.150 up')
}

describe.skipIf(unavailable !== null)(`Test client parameters${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const engine = labEngine()

  it('from the command line: Kea leases the requested address under the FQDN, answers by broadcast, and gives only what was asked', async () => {
    const mac = '02:00:5e:60:00:10'
    const wanted = await freeAddress()
    const { code, result, stderr } = await labProbe('--iface', lab.clientInterface, '--mode', 'dora', '--mac', mac, '--keep', '--wait', '5',
      '--fqdn', FQDN, '--vendor-class', VENDOR_CLASS, '--request-list', '1,3,6,15', '--requested-address', wanted, '--broadcast', '--secs', '7')
    expect(stderr).not.toContain('fieldkit: ')
    expect(code).toBe(0)
    expect(result.variables).toMatchObject({ reason: 'BOUND', new_ip_address: wanted })
    // The broadcast flag: Kea broadcasts its OFFER and ACK instead of unicasting them to the address offered.
    expect(result.timeline.map((t) => `${t.direction} ${t.type} ${t.destination}`)).toEqual([
      'sent DISCOVER 255.255.255.255', 'received OFFER 255.255.255.255', 'sent REQUEST 255.255.255.255', 'received ACK 255.255.255.255',
    ])
    // Kea answers the request list: the domain name (15) asked for, the domain search list (119) it also has, not.
    expect(Object.keys(result.variables).filter((name) => name.startsWith('requested_')).sort()).toEqual(['requested_domain_name', 'requested_domain_name_servers', 'requested_routers', 'requested_subnet_mask'])
    expect(result.variables).toMatchObject({ new_domain_name: 'lab.fieldkit.test', new_routers: lab.serverAddress })
    expect(result.variables.new_domain_search).toBeUndefined()
    const lease = await kea4('lease4-get', { 'ip-address': wanted })
    expect(lease.arguments).toMatchObject({ 'hw-address': mac, hostname: `${FQDN}.`, 'subnet-id': 1 })
    expect((await kea4('lease4-del', { 'ip-address': wanted })).result).toBe(0)
  })

  it('from the app: the captured DISCOVER carries each parameter, and Kea\'s broadcast OFFER the requested address', async () => {
    const mac = '02:00:5e:60:00:11'
    const wanted = await freeAddress()
    const run = await engine().dispatch('client.run', {
      iface: lab.captureInterface, mode: 'probe', mac, wait: 2, fqdn: FQDN, fqdnServerUpdate: false, vendorClass: VENDOR_CLASS,
      requestList: [1, 3], requestedAddress: wanted, broadcast: true, secs: 300,
    }) as ClientRunResult
    expect(run.reason).toBe('OFFER')
    const frames = async (filter: string) => {
      const { viewId } = (await engine().dispatch('packets.view', { captureId: run.captureId, filter })) as PacketView
      return ((await engine().dispatch('packets.page', { captureId: run.captureId, viewId, offset: 0, limit: 100 })) as PacketPage).rows.map((row) => row.frame)
    }
    const sent = [
      'dhcp.flags.bc == 1', 'dhcp.secs == 300', `dhcp.option.vendor_class_id == "${VENDOR_CLASS}"`, `dhcp.option.requested_ip_address == ${wanted}`,
      // The name is compared as Wireshark shows it (dotted text), though it went in wire format.
      `dhcp.fqdn.name == "${FQDN}"`, 'dhcp.fqdn.name contains "pc-60.lab"', 'dhcp.fqdn.s == 0', 'dhcp.fqdn.e == 1', 'dhcp.option.request_list_item == 3', 'not dhcp.option.request_list_item == 6',
    ]
    for (const clause of sent) expect(await frames(`dhcp.msgtype == DISCOVER and ${clause}`), clause).toEqual([1])
    // Kea 2.2 broadcasts at the IP layer and still addresses the frame to the client's MAC (its raw socket's way).
    for (const clause of ['ip.dst == 255.255.255.255', `eth.dst == ${mac}`, `dhcp.ip.your == ${wanted}`]) expect(await frames(`dhcp.msgtype == OFFER and ${clause}`), clause).toEqual([2])
    // A probe takes nothing.
    expect((await kea4('lease4-get', { 'ip-address': wanted })).result).toBe(3)
  })
})
