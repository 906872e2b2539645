// The built-in DHCPv6 client against the lab's Kea, run as scripts run it (`fieldkit probe -6` inside the client
// namespace, sending through the capture helper): a SOLICIT probe takes no lease, SARR takes an address and a
// delegated prefix and releases them, RELEASE frees them in Kea, INFORMATION-REQUEST gets the DNS servers, a relayed
// SARR goes through RELAY-FORW (and a link address no subnet has is refused in words), and for the same DUID, IAID and
// server the client's variables equal the real `dhclient -6`'s. Every client here uses a MAC of
// 02:00:5e:10:00:40-4f and a DUID built from it.
import { execFile, execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { Dhcp6ClientResult } from '../../electron/engine/client/dhcp6-client'
import { lab } from '../../electron/lab/topology'
import { withDhclientLock } from '../helpers/dhclient-lock'
import { fieldkitCommand } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'
import { labKea, useLab } from '../helpers/lab-engine'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable()
const work = tempDir('fieldkit-client6-test')
const dhclientScript = new URL('../../native/dhclient-vars.sh', import.meta.url).pathname
type Shown = Omit<Dhcp6ClientResult, 'packets'> & { packets: number }

/** `fieldkit probe -6 ARGS --json` in the lab's client namespace: its exit code, result and stderr. */
async function probe6(...args: string[]): Promise<{ code: number; result: Shown; stderr: string }> {
  const [node, cli] = fieldkitCommand()
  const ran = await promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, node, cli, 'probe', '-6', ...args, '--json'], { timeout: 60_000 })
    .then((done) => ({ ...done, code: 0 }), (error: { code: number; stdout: string; stderr: string }) => error)
  return { code: ran.code, result: JSON.parse(ran.stdout) as Shown, stderr: ran.stderr }
}

/** DUID-LL of `mac`, as Kea writes it. */
const duidOf = (mac: string) => `00:03:00:01:${mac}`

/** Kea's IPv6 leases of a DUID (lease_cmds). */
async function keaLeases6(duid: string): Promise<Record<string, unknown>[]> {
  const answer = await labKea('dhcp6', 'lease6-get-by-duid', { duid })
  // 0: found; 3: none.
  if (answer.result !== 0 && answer.result !== 3) throw new Error(`lease6-get-by-duid: ${answer.text}`)
  return (answer.arguments?.leases as Record<string, unknown>[] | undefined) ?? []
}

async function keaDelete6(lease: Record<string, unknown>): Promise<void> {
  await labKea('dhcp6', 'lease6-del', { 'ip-address': lease['ip-address'], type: lease.type })
}

/** Kea's link-local address on the lab's link: where a relay unicasts (Kea listens there, not on its global address). */
function keaLinkLocal(): string {
  const line = execFileSync('ip', ['-n', lab.serverNamespace, '-6', '-o', 'addr', 'show', 'dev', lab.serverInterface, 'scope', 'link'], { encoding: 'utf8' })
  return /inet6 (\S+)\//.exec(line)![1]
}

/** The client interface's IAID as dhclient makes it: the last four bytes of its MAC. */
function dhclientIaid(): number {
  const mac = /link\/ether (\S+)/.exec(execFileSync('ip', ['-n', lab.clientNamespace, 'link', 'show', lab.clientInterface], { encoding: 'utf8' }))![1]
  return Number.parseInt(mac.split(':').slice(2).join(''), 16)
}

/**
 * One SARR by the system `dhclient -6 -1` (-P: a prefix instead of an address) in the lab's client namespace, with the
 * DUID `duid` written into its fresh lease file; released afterwards (-r). Resolves with its BOUND6 variables.
 */
async function dhclient6(name: string, duid: string, prefix: boolean): Promise<Record<string, string>> {
  const leases = join(work, `${name}.leases`)
  const vars = join(work, `${name}.jsonl`)
  const octal = duid.split(':').map((byte) => `\\${Number.parseInt(byte, 16).toString(8).padStart(3, '0')}`).join('')
  writeFileSync(leases, `default-duid "${octal}";\n`)
  const args = ['netns', 'exec', lab.clientNamespace, 'dhclient', '-6', ...(prefix ? ['-P'] : []), '-sf', dhclientScript, '-pf', join(work, `${name}.pid`), '-lf', leases, '-e', `FIELDKIT_VARS_FILE=${vars}`]
  try {
    await promisify(execFile)('ip', [...args, '-1', lab.clientInterface], { timeout: 30_000 })
  } finally {
    execFileSync('ip', [...args, '-r', lab.clientInterface], { stdio: 'ignore', timeout: 30_000 })
  }
  return readFileSync(vars, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>).find((v) => v.reason === 'BOUND6')!
}

describe.skipIf(unavailable !== null)(`Built-in DHCPv6 client${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  useLab()

  it('SOLICIT probe: lists Kea\'s ADVERTISE and takes no lease', async () => {
    const mac = '02:00:5e:10:00:40'
    const { code, result } = await probe6('--iface', lab.clientInterface, '--mac', mac, '--wait', '2')
    expect(code).toBe(0)
    expect(result.reason).toBe('ADVERTISE6')
    expect(result.duid).toBe(duidOf(mac).replace(/:/g, ''))
    expect(result.servers).toEqual([expect.objectContaining({ type: 'ADVERTISE', serverId: '0002000009bf6669656c646b6974', address: expect.stringMatching(/^2001:db8:1::1[0-9a-f]{2}$/) })])
    expect(result.timeline.map((t) => `${t.direction} ${t.type} ${t.destination}`).slice(0, 2)).toEqual(['sent SOLICIT ff02::1:2', 'received ADVERTISE fe80::5eff:fe10:40'])
    expect(result.variables).toMatchObject({ reason: 'ADVERTISE6', new_dhcp6_name_servers: lab.serverAddress6 })
    expect(await keaLeases6(duidOf(mac))).toEqual([])
  })

  it('SARR with IA_NA and IA_PD: an address of the lab\'s subnet and a /56 of its delegated prefix, released at the end', async () => {
    const mac = '02:00:5e:10:00:41'
    const { code, result } = await probe6('--iface', lab.clientInterface, '--mode', 'sarr', '--ia', 'na,pd', '--mac', mac, '--wait', '3')
    expect(code).toBe(0)
    expect(result.reason).toBe('BOUND6')
    expect(result.variables.new_ip6_address).toMatch(/^2001:db8:1::1[0-9a-f]{2}$/)
    expect(result.variables.new_ip6_prefix).toMatch(/^2001:db8:8000:(?:[0-9a-f]{1,2}00:)?:\/56$/)
    expect(result.timeline.map((t) => `${t.direction} ${t.type}`)).toEqual(['sent SOLICIT', 'received ADVERTISE', 'sent REQUEST', 'received REPLY', 'sent RELEASE', 'received REPLY'])
    expect(result.released).toBe(true)
    expect(await keaLeases6(duidOf(mac))).toEqual([])
  })

  it('SARR kept: Kea holds both leases for the DUID; RELEASE of a SARR\'s lease frees them', async () => {
    const mac = '02:00:5e:10:00:42'
    const kept = await probe6('--iface', lab.clientInterface, '--mode', 'sarr', '--ia', 'na,pd', '--keep', '--mac', mac, '--wait', '3')
    expect(kept.result.released).toBe(false)
    const leases = await keaLeases6(duidOf(mac))
    expect(leases.map((l) => [l.type, l['ip-address'], l['prefix-len'] ?? null]).sort()).toEqual([
      ['IA_NA', kept.result.variables.new_ip6_address, null], ['IA_PD', kept.result.variables.new_ip6_prefix.split('/')[0], 56],
    ])
    for (const lease of leases) await keaDelete6(lease)
    const released = await probe6('--iface', lab.clientInterface, '--mode', 'release', '--ia', 'na,pd', '--mac', mac, '--wait', '3')
    expect(released.code).toBe(0)
    expect(released.result).toMatchObject({ reason: 'RELEASE6', released: true, variables: { reason: 'RELEASE6', old_ip6_address: expect.stringMatching(/^2001:db8:1::/) } })
    expect(released.result.timeline.map((t) => `${t.direction} ${t.type}`).slice(-2)).toEqual(['sent RELEASE', 'received REPLY'])
    expect(await keaLeases6(duidOf(mac))).toEqual([])
  })

  it('RENEW and REBIND of a SARR\'s lease keep the address', async () => {
    for (const [mode, reason, mac] of [['renew', 'RENEW6', '02:00:5e:10:00:43'], ['rebind', 'REBIND6', '02:00:5e:10:00:44']]) {
      const { code, result } = await probe6('--iface', lab.clientInterface, '--mode', mode, '--mac', mac, '--wait', '3')
      expect(code).toBe(0)
      expect(result.reason).toBe(reason)
      expect(result.timeline.map((t) => `${t.direction} ${t.type}`).slice(4, 6)).toEqual([`sent ${mode.toUpperCase()}`, 'received REPLY'])
      expect(result.servers.filter((s) => s.type === 'REPLY').map((s) => s.address)).toEqual([result.variables.new_ip6_address])
      // The lease held before, as dhclient -6 hands it to the script: the same address.
      expect(result.variables.old_ip6_address).toBe(result.variables.new_ip6_address)
      expect(await keaLeases6(duidOf(mac))).toEqual([])
    }
  })

  it('INFORMATION-REQUEST: Kea\'s DNS servers and search list, no lease', async () => {
    const mac = '02:00:5e:10:00:45'
    const { code, result } = await probe6('--iface', lab.clientInterface, '--mode', 'info', '--mac', mac, '--wait', '3')
    expect(code).toBe(0)
    expect(result.variables).toMatchObject({ reason: 'INFORM6', new_dhcp6_name_servers: lab.serverAddress6, new_dhcp6_domain_search: 'lab.fieldkit.test.' })
    expect(result.variables.new_ip6_address).toBeUndefined()
    expect(await keaLeases6(duidOf(mac))).toEqual([])
  })

  it('as a relay: SARR through RELAY-FORW unicast to Kea, with the link address in every message', async () => {
    const mac = '02:00:5e:10:00:46'
    const server = keaLinkLocal()
    const { code, result } = await probe6('--iface', lab.clientInterface, '--mode', 'sarr', '--relay', '2001:db8:1::2', '--server', server, '--interface-id', 'port-7', '--remote-id', 'switch-1', '--keep', '--mac', mac, '--wait', '3')
    expect(code).toBe(0)
    expect(result.variables.new_ip6_address).toMatch(/^2001:db8:1::1[0-9a-f]{2}$/)
    expect(result.timeline.map((t) => `${t.direction} ${t.type} ${t.destination} ${t.linkAddress}`)).toEqual([
      `sent SOLICIT ${server} 2001:db8:1::2`, 'received ADVERTISE fe80::5eff:fe10:46 2001:db8:1::2',
      `sent REQUEST ${server} 2001:db8:1::2`, 'received REPLY fe80::5eff:fe10:46 2001:db8:1::2',
    ])
    const leases = await keaLeases6(duidOf(mac))
    expect(leases).toEqual([expect.objectContaining({ 'ip-address': result.variables.new_ip6_address, 'subnet-id': 1 })])
    for (const lease of leases) await keaDelete6(lease)
  })

  it('a relay\'s link address on no subnet of Kea: FAIL with NoAddrsAvail (or NoPrefixAvail), said in words, and a non-zero exit', async () => {
    const { code, result, stderr } = await probe6('--iface', lab.clientInterface, '--mode', 'sarr', '--relay', '2001:db8:99::2', '--server', keaLinkLocal(), '--mac', '02:00:5e:10:00:47', '--wait', '3')
    expect(code).toBe(1)
    expect(result.reason).toBe('FAIL')
    expect(result.message).toMatch(/refused the SOLICIT with NoAddrsAvail \("Server could not select subnet for this client"\): it has no address to give on this link: check the subnet's pools/)
    expect(stderr).toContain('fieldkit: FAIL: ')
    const pd = await probe6('--iface', lab.clientInterface, '--mode', 'solicit', '--ia', 'pd', '--relay', '2001:db8:99::2', '--server', keaLinkLocal(), '--mac', '02:00:5e:10:00:47', '--wait', '2')
    expect(pd.code).toBe(1)
    expect(pd.result.message).toMatch(/refused the SOLICIT with NoPrefixAvail \(".*"\): it has no prefix to delegate on this link: check the subnet's pd-pools/)
  })

  it('relayed to Kea\'s global address, where Kea does not listen: TIMEOUT naming where it was sent and why', async () => {
    const { code, result } = await probe6('--iface', lab.clientInterface, '--mode', 'solicit', '--relay', '2001:db8:1::2', '--server', lab.serverAddress6, '--mac', '02:00:5e:10:00:4b', '--wait', '1')
    expect(code).toBe(1)
    expect(result.message).toBe(`No server answered the SOLICIT relayed to ${lab.serverAddress6} within 1 s: check that the server listens there (Kea listens on its link-local address, and on a global one only when its interfaces-config names it as IFACE/ADDRESS).`)
  })

  it('a link with no server: TIMEOUT, said in words', async () => {
    const { code, result, stderr } = await probe6('--iface', 'lo', '--mode', 'sarr', '--mac', '02:00:5e:10:00:48', '--wait', '1')
    expect(code).toBe(1)
    expect(result).toMatchObject({ reason: 'TIMEOUT', variables: { reason: 'TIMEOUT', interface: 'lo' } })
    expect(stderr).toContain('fieldkit: TIMEOUT: No server answered the SOLICIT within 1 s')
  })

  // Each one's own: the address or prefix Kea gave, and the times the answer came.
  const ownEach = ['new_ip6_address', 'new_ip6_prefix', 'new_life_starts', 'new_starts']
  const without = (vars: Record<string, string>) => Object.fromEntries(Object.entries(vars).filter(([name]) => !ownEach.includes(name)))

  for (const [ia, prefix, mac] of [['na', false, '02:00:5e:10:00:49'], ['pd', true, '02:00:5e:10:00:4a']] as const) {
    it(`${ia.toUpperCase()}: for the same DUID, IAID and server, the variables equal the system dhclient -6's`, async () => {
      const duid = duidOf(mac)
      // One dhclient at a time on the lab's client: another test file's would hold its port.
      const real = await withDhclientLock(() => dhclient6(`dhclient6-${ia}`, duid, prefix))
      expect(await keaLeases6(duid)).toEqual([])
      const { code, result } = await probe6('--iface', lab.clientInterface, '--mode', 'sarr', '--ia', ia, '--mac', mac, '--duid', duid, '--iaid', String(dhclientIaid()), '--wait', '3')
      expect(code).toBe(0)
      expect(without(result.variables)).toEqual(without(real))
      expect(Object.keys(result.variables).sort()).toEqual(Object.keys(real).sort())
      expect(Math.abs(Number(result.variables.new_starts) - Number(real.new_starts))).toBeLessThan(60)
      expect(real[prefix ? 'new_ip6_prefix' : 'new_ip6_address']).toMatch(prefix ? /^2001:db8:8000:/ : /^2001:db8:1::/)
    })
  }
})
