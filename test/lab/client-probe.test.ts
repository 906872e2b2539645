// The built-in DHCPv4 client against the lab's Kea, run as scripts run it (`fieldkit probe` inside the client
// namespace, sending through the capture helper): a probe takes no lease, a DORA gives the variables the system
// dhclient gives for the same server and releases its lease, a chosen MAC and client id reach Kea, and a link with
// no server times out. The other exchanges (INFORM, RENEW, INIT-REBOOT, RELEASE) and the relay agent's DORA too.
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { labStatus } from '../../electron/lab/lab'
import { labDora, labUnavailable } from '../helpers/lab'
import { labProbe as probe } from '../helpers/lab-probe'
import { useLab } from '../helpers/lab-engine'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable()
const work = tempDir('fieldkit-client-test')

/** One command to Kea's DHCPv4 server through its Control Agent (lease_cmds); fails on anything but success or "none". */
async function kea4(command: string, args?: object): Promise<{ arguments?: { leases?: Record<string, unknown>[] } }> {
  const response = await fetch(labStatus().controlAgentUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ command, service: ['dhcp4'], ...(args ? { arguments: args } : {}) }),
  })
  const [answer] = (await response.json()) as { result: number; text: string; arguments?: { leases?: Record<string, unknown>[] } }[]
  // 0: done; 3: nothing found (lease_cmds' "empty").
  if (answer.result !== 0 && answer.result !== 3) throw new Error(`${command}: ${answer.text}`)
  return answer
}

/** Kea's IPv4 leases: all of them, or those of one MAC address. */
async function keaLeases(mac?: string): Promise<Record<string, unknown>[]> {
  const answer = await (mac ? kea4('lease4-get-by-hw-address', { 'hw-address': mac }) : kea4('lease4-get-all'))
  return answer.arguments?.leases ?? []
}

describe.skipIf(unavailable !== null)(`Built-in DHCPv4 client${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  useLab()

  it('probe: lists Kea\'s OFFER and takes no lease', async () => {
    const mac = '02:00:5e:00:53:10'
    const before = (await keaLeases()).length
    const { code, result } = await probe('--iface', labStatus().clientInterface, '--mac', mac, '--wait', '2')
    expect(code).toBe(0)
    expect(result.reason).toBe('OFFER')
    expect(result.servers).toEqual([expect.objectContaining({ server: labStatus().serverAddress, type: 'OFFER', address: expect.stringMatching(/^192\.0\.2\.1\d\d$/) })])
    expect(result.timeline.map((t) => `${t.direction} ${t.type}`).slice(0, 2)).toEqual(['sent DISCOVER', 'received OFFER'])
    expect(result.timeline[1].latencyMs).toBeGreaterThan(0)
    expect(result.variables).toMatchObject({ reason: 'OFFER', new_dhcp_message_type: '2', new_dhcp_server_identifier: labStatus().serverAddress })
    expect(await keaLeases(mac)).toEqual([])
    expect((await keaLeases()).length).toBe(before)
  })

  it('DORA: BOUND with the variables the system dhclient gets from the same server, and the lease released', async () => {
    const real = readFileSync(await labDora(work, 'dhclient'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>).find((v) => v.reason === 'BOUND')!
    const mac = '02:00:5e:00:53:11'
    // dhclient sends the machine's host name (Debian's dhclient.conf) and asks for Debian's list, as the client does by default.
    const { code, result } = await probe('--iface', labStatus().clientInterface, '--mode', 'dora', '--mac', mac, '--hostname', hostname(), '--wait', '5')
    expect(code).toBe(0)
    expect(result.reason).toBe('BOUND')
    expect(result.timeline.map((t) => `${t.direction} ${t.type}`)).toEqual(['sent DISCOVER', 'received OFFER', 'sent REQUEST', 'received ACK', 'sent RELEASE'])
    // Each one's own: the address Kea gave that MAC, and the lease's end, stamped when the ACK came.
    const ownEach = ['new_ip_address', 'new_expiry']
    const without = (vars: Record<string, string>) => Object.fromEntries(Object.entries(vars).filter(([name]) => !ownEach.includes(name)))
    expect(without(result.variables)).toEqual(without(real))
    expect(result.variables.new_ip_address).toMatch(/^192\.0\.2\.1\d\d$/)
    expect(Math.abs(Number(result.variables.new_expiry) - Number(real.new_expiry))).toBeLessThan(60)
    expect(result.leases[0]).toMatchObject({ reason: 'BOUND', released: true })
    expect(await keaLeases(mac)).toEqual([])
  })

  it('DORA with a chosen MAC and client id: Kea\'s lease carries both; kept until released', async () => {
    const mac = '02:00:5e:00:53:12'
    const { code, result } = await probe('--iface', labStatus().clientInterface, '--mode', 'dora', '--mac', mac, '--client-id', 'fieldkit-7', '--keep', '--wait', '5')
    expect(code).toBe(0)
    expect(result.leases[0].released).toBe(false)
    const [lease] = await keaLeases(mac)
    const typeZeroId = ['00', ...Buffer.from('fieldkit-7').toString('hex').match(/../g)!].join(':')
    expect(lease).toMatchObject({ 'hw-address': mac, 'client-id': typeZeroId, 'ip-address': result.variables.new_ip_address })
    await kea4('lease4-del', { 'ip-address': lease['ip-address'] })
    expect(await keaLeases(mac)).toEqual([])
  })

  it('a link with no server: TIMEOUT, said in words, and a non-zero exit', async () => {
    // The client namespace's loopback: inside the lab, and no DHCP server on it.
    const { code, result, stderr } = await probe('--iface', 'lo', '--mode', 'dora', '--wait', '1')
    expect(code).toBe(1)
    expect(result).toMatchObject({ reason: 'TIMEOUT', variables: { reason: 'TIMEOUT', interface: 'lo' } })
    expect(stderr).toContain('fieldkit: TIMEOUT: No server offered an address within 1 s')
    expect(stderr).toContain('lo is not a lab interface')
  })

  it('INFORM from an address: Kea\'s options and no lease', async () => {
    const mac = '02:00:5e:00:53:13'
    const { code, result } = await probe('--iface', labStatus().clientInterface, '--mode', 'inform', '--address', '192.0.2.50', '--mac', mac, '--wait', '3')
    expect(code).toBe(0)
    expect(result.timeline.map((t) => `${t.direction} ${t.type} ${t.source}`)).toEqual(['sent INFORM 192.0.2.50', `received ACK ${labStatus().serverAddress}`])
    expect(result.variables).toMatchObject({ reason: 'INFORM', new_ip_address: '192.0.2.50', new_routers: labStatus().serverAddress, new_domain_name: 'lab.fieldkit.test' })
    expect(result.variables.new_dhcp_lease_time).toBeUndefined()
    expect(await keaLeases(mac)).toEqual([])
  })

  it('RENEW after the run\'s own DORA: reason RENEW, the same address, unicast to Kea, then released', async () => {
    const mac = '02:00:5e:00:53:14'
    const { code, result } = await probe('--iface', labStatus().clientInterface, '--mode', 'renew', '--mac', mac, '--wait', '3')
    expect(code).toBe(0)
    const address = result.variables.new_ip_address
    expect(address).toMatch(/^192\.0\.2\.1\d\d$/)
    expect(result.timeline.map((t) => `${t.direction} ${t.type} ${t.source} ${t.destination}`).slice(4)).toEqual([
      `sent REQUEST ${address} ${labStatus().serverAddress}`, `received ACK ${labStatus().serverAddress} ${address}`, `sent RELEASE ${address} ${labStatus().serverAddress}`,
    ])
    expect(result.servers.find((s) => s.type === 'ACK')?.address).toBe(address)
    expect(result.variables.reason).toBe('RENEW')
    expect(result.leases[0].released).toBe(true)
    expect(await keaLeases(mac)).toEqual([])
  })

  it('INIT-REBOOT of a held address gives REBOOT; a RELEASE of it frees it in Kea', async () => {
    const mac = '02:00:5e:00:53:15'
    const server = labStatus().serverAddress
    const bound = await probe('--iface', labStatus().clientInterface, '--mode', 'dora', '--keep', '--mac', mac, '--wait', '3')
    const address = bound.result.variables.new_ip_address
    const reboot = await probe('--iface', labStatus().clientInterface, '--mode', 'reboot', '--address', address, '--mac', mac, '--wait', '3')
    expect(reboot.code).toBe(0)
    expect(reboot.result.timeline.map((t) => `${t.direction} ${t.type} ${t.source}`)).toEqual(['sent REQUEST 0.0.0.0', `received ACK ${server}`])
    expect(reboot.result.variables).toMatchObject({ reason: 'REBOOT', new_ip_address: address })
    expect(await keaLeases(mac)).toEqual([expect.objectContaining({ 'ip-address': address })])
    const release = await probe('--iface', labStatus().clientInterface, '--mode', 'release', '--address', address, '--server', server, '--mac', mac, '--wait', '3')
    expect(release.code).toBe(0)
    expect(release.result).toMatchObject({ reason: 'RELEASE', leases: [{ released: true }] })
    expect(release.result.timeline.map((t) => `${t.direction} ${t.type} ${t.source} ${t.destination}`)).toEqual([`sent RELEASE ${address} ${server}`])
    expect(await keaLeases(mac)).toEqual([])
  })

  it('as a relay: a DORA gets an address of the relayed subnet, giaddr in every answer', async () => {
    const mac = '02:00:5e:00:53:16'
    const { relayAddress, serverAddress } = labStatus()
    const { code, result } = await probe('--iface', labStatus().clientInterface, '--mode', 'dora', '--relay', relayAddress, '--server', serverAddress, '--circuit-id', 'port-7', '--remote-id', 'switch-1', '--keep', '--mac', mac, '--wait', '3')
    expect(code).toBe(0)
    expect(result.variables).toMatchObject({ reason: 'BOUND', new_ip_address: expect.stringMatching(/^198\.51\.100\.1\d\d$/), new_routers: relayAddress })
    expect(result.timeline.map((t) => `${t.direction} ${t.type} ${t.source} ${t.destination} ${t.giaddr}`)).toEqual([
      `sent DISCOVER ${relayAddress} ${serverAddress} ${relayAddress}`, `received OFFER ${serverAddress} ${relayAddress} ${relayAddress}`,
      `sent REQUEST ${relayAddress} ${serverAddress} ${relayAddress}`, `received ACK ${serverAddress} ${relayAddress} ${relayAddress}`,
    ])
    const [lease] = await keaLeases(mac)
    expect(lease).toMatchObject({ 'ip-address': result.variables.new_ip_address, 'subnet-id': 2 })
    await kea4('lease4-del', { 'ip-address': lease['ip-address'] })
  })
})
