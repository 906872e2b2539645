// The real dhclient as the app runs it (client.dhclient, client.compare, `fieldkit dhclient-run`): in the lab's client
// namespace with its own files, its packets captured on the lab's bridge into a capture of the session, every script
// invocation kept, its lease released in Kea; and the built-in client's variables equal to dhclient's for the same
// client and server. dhclient runs as fklab-c0 (its own MAC); other test files run dhclient there too, so each run here
// holds /tmp/fk-lab-dhclient.lock (withDhclientLock).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { ClientComparison, ClientRunResult, PacketPage } from '../../electron/contract/types'
import { machinesOwnLease } from '../../electron/engine/client/dhclient-run'
import { lab } from '../../electron/lab/topology'
import { withDhclientLock as locked } from '../helpers/dhclient-lock'
import { fieldkitCommand } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'
import { labEngine, labKea as kea } from '../helpers/lab-engine'

const unavailable = labUnavailable()

const fieldkit = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const [node, cli] = fieldkitCommand()
  return locked(() => promisify(execFile)(node, [cli, ...args], { timeout: 90_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  ))
}

describe.skipIf(unavailable !== null)(`The real dhclient${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const engine = labEngine()

  it('DHCPv4: BOUND as the lab\'s client, every invocation kept, the packets a capture of the session, the lease released in Kea', async () => {
    const run = (await locked(() => engine().dispatch('client.dhclient', { iface: lab.captureInterface, timeout: 30 }))) as ClientRunResult
    expect(run).toMatchObject({ kind: 'dhclient', reason: 'BOUND', released: true, dhclient: { family: 4, iface: lab.clientInterface, namespace: lab.clientNamespace } })
    expect(run.message).toMatch(/^dhclient: BOUND with 192\.0\.2\.1\d\d from 192\.0\.2\.1; the lease was released\.$/)
    expect(run.variables).toMatchObject({ reason: 'BOUND', interface: lab.clientInterface, new_routers: lab.serverAddress, new_subnet_mask: '255.255.255.0', new_domain_name: 'lab.fieldkit.test', new_dhcp_server_identifier: lab.serverAddress })
    const address = run.variables.new_ip_address
    expect(address).toMatch(/^192\.0\.2\.1\d\d$/)
    expect(run.dhclient!.invocations.map((v) => v.reason)).toEqual(['PREINIT', 'BOUND', 'RELEASE'])
    expect(run.dhclient!.invocations[2]).toMatchObject({ old_ip_address: address, old_routers: lab.serverAddress })
    expect(run.dhclient!.stderr).toContain(`DHCPACK of ${address} from ${lab.serverAddress}`)
    expect(run.timeline.map((t) => `${t.frame} ${t.direction} ${t.type}`)).toEqual(['1 sent DISCOVER', '2 received OFFER', '3 sent REQUEST', '4 received ACK', '5 sent RELEASE'])
    expect(run.servers).toEqual([expect.objectContaining({ server: lab.serverAddress, type: 'OFFER', address }), expect.objectContaining({ server: lab.serverAddress, type: 'ACK', address })])
    const page = (await engine().dispatch('packets.page', { captureId: run.captureId, offset: 0, limit: 100 })) as PacketPage
    expect(page.rows.map((r) => r.info.split(' - ')[0])).toEqual(['DHCP Discover', 'DHCP Offer', 'DHCP Request', 'DHCP Ack', 'DHCP Release'])
    expect(await engine().dispatch('client.runs', { sessionId: run.sessionId })).toEqual([run])
    expect(await kea('dhcp4', 'lease4-get', { 'ip-address': address })).toMatchObject({ result: 3 })
  })

  it('DHCPv6 (dhclient -6): BOUND6 with an address of the lab\'s pool, its DUID from the interface\'s MAC, released', async () => {
    const run = (await locked(() => engine().dispatch('client.dhclient', { iface: lab.captureInterface, family: 6, timeout: 30 }))) as ClientRunResult
    expect(run).toMatchObject({ kind: 'dhclient', mode: 'sarr', family: 6, reason: 'BOUND6', released: true, dhclient: { family: 6, namespace: lab.clientNamespace } })
    const address = run.variables.new_ip6_address
    expect(address).toMatch(/^2001:db8:1::1[0-9a-f]{2}$/)
    expect(run.variables).toMatchObject({ new_dhcp6_name_servers: lab.serverAddress6, new_dhcp6_domain_search: 'lab.fieldkit.test.' })
    // DUID-LL (type 3) of hardware type 1 and the interface's MAC address, as -D LL makes it.
    expect(run.variables.new_dhcp6_client_id).toBe(`0:3:0:1:${run.mac.split(':').map((b) => b.replace(/^0/, '')).join(':')}`)
    expect(run.dhclient!.invocations.map((v) => v.reason)).toEqual(['PREINIT6', 'BOUND6', 'RELEASE6'])
    expect(run.timeline.map((t) => `${t.direction} ${t.type}`)).toEqual(['sent SOLICIT', 'received ADVERTISE', 'sent REQUEST', 'received REPLY', 'sent RELEASE', 'received REPLY'])
    expect(run.servers).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'REPLY', address: address })]))
    const page = (await engine().dispatch('packets.page', { captureId: run.captureId, offset: 0, limit: 100 })) as PacketPage
    expect(page.rows.map((r) => r.protocol)).toEqual(Array(page.rows.length).fill('DHCPv6'))
    expect(page.rows.map((r) => r.info.split(' ')[0])).toEqual(expect.arrayContaining(['Solicit', 'Advertise', 'Request', 'Reply', 'Release']))
    expect(await kea('dhcp6', 'lease6-get', { 'ip-address': address })).toMatchObject({ result: 3 })
  })

  it('compares: the built-in client\'s variables equal dhclient\'s for every option both see (DHCPv4, same MAC and server)', async () => {
    const comparison = (await locked(() => engine().dispatch('client.compare', { iface: lab.captureInterface, timeout: 30 }))) as ClientComparison
    expect(comparison.dhclient).toMatchObject({ kind: 'dhclient', reason: 'BOUND', released: true })
    expect(comparison.builtin).toMatchObject({ reason: 'BOUND', mac: comparison.dhclient.mac, released: true })
    expect(comparison.builtin.kind).toBeUndefined()
    const both = comparison.rows.filter((r) => r.builtin !== null && r.dhclient !== null)
    expect(both.map((r) => r.name)).toEqual(expect.arrayContaining(['reason', 'new_ip_address', 'new_subnet_mask', 'new_routers', 'new_domain_name_servers', 'new_domain_name', 'new_host_name', 'new_dhcp_lease_time', 'new_dhcp_renewal_time', 'new_dhcp_rebinding_time', 'new_dhcp_server_identifier', 'new_broadcast_address', 'new_network_number', 'requested_routers']))
    for (const row of both) expect(row.verdict === 'same' || ['interface', 'new_expiry', 'new_ip_address'].includes(row.name), `${row.name}: ${row.builtin} ≠ ${row.dhclient}`).toBe(true)
    expect(comparison.rows.filter((r) => r.verdict === 'builtin-only' || r.verdict === 'dhclient-only')).toEqual([])
    expect(comparison.agree).toBe(true)
    expect(comparison.note).toMatch(/^Not compared: the lease's end and start \(new_expiry;/)
    const runs = (await engine().dispatch('client.runs', { sessionId: comparison.dhclient.sessionId })) as ClientRunResult[]
    expect(runs.map((r) => r.kind ?? 'builtin')).toEqual(['dhclient', 'builtin'])
  })

  it('DHCPv6 with -P: a delegated prefix from the lab\'s PD pool', async () => {
    const run = (await locked(() => engine().dispatch('client.dhclient', { iface: lab.captureInterface, family: 6, prefixDelegation: true, timeout: 30 }))) as ClientRunResult
    expect(run).toMatchObject({ reason: 'BOUND6', released: true })
    expect(run.variables.new_ip6_prefix).toMatch(/^2001:db8:8[0-9a-f]{3}:[0-9a-f]*::\/56$/)
    expect(run.variables.new_ip6_address).toBeUndefined()
  })

  it('compares in DHCPv6: the built-in SARR with dhclient\'s DUID-LL and IAID gets dhclient\'s variables', async () => {
    const comparison = (await locked(() => engine().dispatch('client.compare', { iface: lab.captureInterface, family: 6, timeout: 30 }))) as ClientComparison
    expect(comparison.dhclient).toMatchObject({ reason: 'BOUND6', released: true, family: 6 })
    expect(comparison.builtin).toMatchObject({ reason: 'BOUND6', mode: 'sarr', mac: comparison.dhclient.mac })
    const both = comparison.rows.filter((r) => r.builtin !== null && r.dhclient !== null)
    expect(both.map((r) => r.name)).toEqual(expect.arrayContaining(['new_ip6_address', 'new_ip6_prefixlen', 'new_dhcp6_client_id', 'new_dhcp6_server_id', 'new_dhcp6_name_servers', 'new_dhcp6_domain_search', 'new_iaid', 'new_max_life', 'new_preferred_life', 'new_renew', 'new_rebind']))
    for (const row of both) expect(row.verdict === 'same' || ['interface', 'new_ip6_address', 'new_starts', 'new_life_starts'].includes(row.name), `${row.name}: ${row.builtin} ≠ ${row.dhclient}`).toBe(true)
    expect(comparison.rows.filter((r) => r.verdict === 'builtin-only' || r.verdict === 'dhclient-only')).toEqual([])
    expect(comparison.agree).toBe(true)
  })

  it('keeps the lease when asked; Kea holds it for the interface\'s MAC', async () => {
    const run = (await locked(() => engine().dispatch('client.dhclient', { iface: lab.captureInterface, keep: true, timeout: 30 }))) as ClientRunResult
    expect(run).toMatchObject({ reason: 'BOUND', released: false })
    expect(run.message).toMatch(/the lease was kept\.$/)
    expect(run.dhclient!.invocations.map((v) => v.reason)).toEqual(['PREINIT', 'BOUND'])
    const address = run.variables.new_ip_address
    expect(await kea('dhcp4', 'lease4-get', { 'ip-address': address })).toMatchObject({ result: 0, arguments: { 'hw-address': run.mac } })
    expect(await kea('dhcp4', 'lease4-del', { 'ip-address': address })).toMatchObject({ result: 0 })
  })

  it('refuses an interface name not in the engine\'s list (a path, a shell word) and one dhclient cannot use, in sentences', async () => {
    for (const iface of ['../../etc/passwd', 'fklab-br; reboot', '$(id)', 'eth-nonesuch']) {
      await expect(engine().dispatch('client.dhclient', { iface })).rejects.toMatchObject({
        code: 'bad-input', message: `There is no interface named "${iface}" on this machine; pick one from the list (it may have gone down or been removed).`,
      })
    }
    await expect(engine().dispatch('client.dhclient', { iface: 'lo' })).rejects.toMatchObject({
      code: 'bad-input', message: 'lo is not an Ethernet interface this machine has: pick one from the interface list.',
    })
    await expect(engine().dispatch('client.dhclient', { iface: lab.captureInterface, timeout: 301 })).rejects.toMatchObject({ code: 'invalid-params' })
  })

  it('fieldkit dhclient-run: the variables in shell form, as JSON, and the comparison; exit 0', async () => {
    const shell = await fieldkit('dhclient-run', '--iface', lab.captureInterface)
    expect(shell.code, shell.stderr).toBe(0)
    expect(shell.stdout).toMatch(/^reason='BOUND'\n/)
    expect(shell.stdout).toMatch(/\nnew_ip_address='192\.0\.2\.1\d\d'\n/)
    expect(shell.stderr).toContain('# dhclient -4 on fklab-c0 in namespace fklab-cli')
    expect(shell.stderr).toContain('PREINIT → BOUND → RELEASE')

    const json = await fieldkit('dhclient-run', '--iface', lab.captureInterface, '-6', '--json')
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ reason: 'BOUND6', family: 6, released: true, variables: { new_ip6_address: expect.stringMatching(/^2001:db8:1::/) } })

    const compared = await fieldkit('dhclient-run', '--iface', lab.captureInterface, '--compare', '--json')
    expect(compared.code, compared.stderr).toBe(0)
    expect(JSON.parse(compared.stdout)).toMatchObject({ agree: true, builtin: { reason: 'BOUND' }, dhclient: { reason: 'BOUND' } })
  })

  it('no server on the link: TIMEOUT within the time allowed, in words; the CLI exits 1 with the reason; Stop ends a run', async () => {
    // A veth pair of this test's own: Ethernet, up, and nothing answering on it.
    const lonely = 'fk-dhcli-t0'
    await promisify(execFile)('ip', ['link', 'add', lonely, 'type', 'veth', 'peer', 'name', 'fk-dhcli-t1'])
    try {
      for (const end of [lonely, 'fk-dhcli-t1']) await promisify(execFile)('ip', ['link', 'set', end, 'up'])
      const run = (await engine().dispatch('client.dhclient', { iface: lonely, timeout: 3 })) as ClientRunResult
      expect(run).toMatchObject({ reason: 'TIMEOUT', released: false, dhclient: { namespace: null, iface: lonely }, message: 'dhclient got no lease within 3 s: check that a DHCP server or relay serves this link, or allow more time.' })
      expect(run.dhclient!.invocations[0]).toMatchObject({ reason: 'PREINIT', interface: lonely })
      expect(run.timeline.map((t) => t.type)).toContain('DISCOVER')
      expect(run.timeline.every((t) => t.direction === 'sent')).toBe(true)
      const cli = await fieldkit('dhclient-run', '--iface', lonely, '--timeout', '3')
      expect(cli.code).toBe(1)
      expect(cli.stdout).toBe(`reason='TIMEOUT'\ninterface='${lonely}'\n`)
      expect(cli.stderr).toContain(`fieldkit: warning: ${lonely} is not a lab interface`)
      expect(cli.stderr).toContain('fieldkit: TIMEOUT: dhclient got no lease within 3 s')
      // Stop ends a run as a job: no capture kept, no dhclient left running.
      const started = new Promise<string>((done) => {
        const stop = engine().events.subscribe((event, payload) => {
          const job = payload as { jobId: string; title: string; state: string }
          if (event === 'job.progress' && job.state === 'running' && job.title === `dhclient -4 on ${lonely}`) {
            stop()
            done(job.jobId)
          }
        })
      })
      const running = engine().dispatch('client.dhclient', { iface: lonely, sessionId: run.sessionId, timeout: 60 })
      await engine().dispatch('jobs.stop', { jobId: await started })
      await expect(running).rejects.toMatchObject({ code: 'cancelled', message: 'The test client run was stopped.' })
      expect(((await engine().dispatch('captures.list', { sessionId: run.sessionId })) as unknown[]).length).toBe(1)
      expect(await promisify(execFile)('pgrep', ['-f', `dhclient .*${lonely}`]).then(() => 'running', () => 'none')).toBe('none')
      // An address with a lifetime is one this machine leased by DHCP: a DHCPv4 lease there is the machine's own, never released.
      expect(machinesOwnLease(lonely, 4)).toBe(false)
      await promisify(execFile)('ip', ['addr', 'add', '192.0.2.250/32', 'dev', lonely, 'valid_lft', '300', 'preferred_lft', '300'])
      expect([machinesOwnLease(lonely, 4), machinesOwnLease(lonely, 6), machinesOwnLease(lab.captureInterface, 4)]).toEqual([true, false, false])
    } finally {
      await promisify(execFile)('ip', ['link', 'del', lonely])
    }
  })

  it('fieldkit dhclient-run as an account that is not root: the fix in words, exit 2, nothing run', async () => {
    const [node, cli] = fieldkitCommand()
    // A user namespace where it is not root: still able to read the checkout wherever CI cloned it (a private
    // clone is closed to other accounts such as nobody), with no power over this machine's network.
    const run = await promisify(execFile)('unshare', ['--user', '--map-user=65534', '--map-group=65534', node, cli, 'dhclient-run', '--iface', lab.captureInterface]).then(
      () => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => error,
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('fieldkit: Running the real dhclient needs root: it opens raw sockets on the interface (and enters the lab\'s namespace). Run the app or `sudo fieldkit dhclient-run` as root, or use the built-in client, which needs only the capture helper\'s rights.\n')
  })

  it('fieldkit dhclient-run: an interface not on this machine, in words, exit 2', async () => {
    const run = await fieldkit('dhclient-run', '--iface', 'eth-nonesuch')
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('fieldkit: there is no interface named "eth-nonesuch" on this machine: pick one from `fieldkit capture --list`\n')
  })
})
