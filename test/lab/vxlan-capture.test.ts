// DHCP through a real VXLAN tunnel, captured on its underlay: two namespaces joined by a veth pair, a kernel VXLAN
// device on each side, Debian's dnsmasq serving one end and the system dhclient on the other. `capture` on the
// underlay (the command line, through the capture helper) must print the DORA it finds inside the tunnel, and the
// file it keeps must read as tshark reads it. This kernel has no GRE or ERSPAN devices to do the same with; those
// are checked on crafted frames against tshark (unit/tunnels.test.ts).
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fieldkitCommand, runFieldkit } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'

const SERVER = 'fktun-srv', CLIENT = 'fktun-cli'
/** The underlay: RFC 2544's benchmarking range, on a veth pair between the two namespaces only. */
const UNDERLAY = { server: 'fktun-u0', client: 'fktun-u1', serverIp: '198.18.0.1', clientIp: '198.18.0.2' }
const TUNNEL = 'fktun-vx'
const work = tempDir('fieldkit-vxlan')

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] })
const inside = (namespace: string, ...args: string[]) => ip('netns', 'exec', namespace, ...args)

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function tearDown(): void {
  execFileSync('sh', ['-c', `ip netns del ${SERVER} 2>/dev/null; ip netns del ${CLIENT} 2>/dev/null; true`])
}

/** Builds the two namespaces and the tunnel; a sentence when this machine cannot. */
function setUp(): string | null {
  tearDown()
  ip('netns', 'add', SERVER)
  ip('netns', 'add', CLIENT)
  ip('link', 'add', UNDERLAY.server, 'netns', SERVER, 'type', 'veth', 'peer', 'name', UNDERLAY.client, 'netns', CLIENT)
  for (const [namespace, underlay, local, remote] of [[SERVER, UNDERLAY.server, UNDERLAY.serverIp, UNDERLAY.clientIp], [CLIENT, UNDERLAY.client, UNDERLAY.clientIp, UNDERLAY.serverIp]]) {
    inside(namespace, 'ip', 'addr', 'add', `${local}/30`, 'dev', underlay)
    inside(namespace, 'ip', 'link', 'set', underlay, 'up')
    try {
      inside(namespace, 'ip', 'link', 'add', TUNNEL, 'type', 'vxlan', 'id', '42', 'local', local, 'remote', remote, 'dstport', '4789', 'dev', underlay)
    } catch (error) {
      return `this kernel makes no VXLAN devices (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`
    }
    // Only the DHCP exchange crosses the tunnel: no IPv6 neighbour or router traffic beside it.
    inside(namespace, 'sysctl', '-qw', `net.ipv6.conf.${TUNNEL}.disable_ipv6=1`)
    inside(namespace, 'ip', 'link', 'set', TUNNEL, 'up')
  }
  inside(SERVER, 'ip', 'addr', 'add', '10.77.0.1/24', 'dev', TUNNEL)
  return null
}

const unavailable = process.getuid?.() !== 0 ? 'needs root (network namespaces); CI runs it as root'
  : !has('dnsmasq') || !has('dhclient') || !has('tshark') ? 'needs dnsmasq, dhclient and tshark (bash .ci/setup installs them)' : setUp()

describe.skipIf(unavailable !== null)(`DHCP inside a VXLAN tunnel, captured on its underlay${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let server: ChildProcess
  beforeAll(async () => {
    server = spawn('ip', ['netns', 'exec', SERVER, 'dnsmasq', '--no-daemon', '--port=0', '--no-ping', `--interface=${TUNNEL}`, '--bind-interfaces', '--dhcp-range=10.77.0.10,10.77.0.20,1h',
      `--dhcp-leasefile=${join(work, 'dnsmasq.leases')}`, '--pid-file', '--conf-file=/dev/null'], { stdio: 'ignore' })
    await sleep(500)
  })
  afterAll(() => {
    server?.kill()
    tearDown()
  })

  it('capture prints the DORA found inside the tunnel, and keeps a file tshark reads alike', async () => {
    const [node, cli] = fieldkitCommand()
    const file = join(work, 'underlay.pcap')
    const captured = promisify(execFile)('ip', ['netns', 'exec', SERVER, node, cli, 'capture', '--iface', UNDERLAY.server, '--filter', 'udp port 4789', '--count', '4', '--write', file, '--json'], { timeout: 40_000 })
    await sleep(1500)
    await promisify(execFile)('ip', ['netns', 'exec', CLIENT, 'dhclient', '-4', '-1', '-sf', '/bin/true', '-pf', join(work, 'dhclient.pid'), '-lf', join(work, 'dhclient.leases'), TUNNEL], { timeout: 30_000 })
      .finally(() => execFileSync('ip', ['netns', 'exec', CLIENT, 'dhclient', '-x', '-pf', join(work, 'dhclient.pid')], { stdio: 'ignore' }))
    const { stdout } = await captured
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; options: { code: number; value: unknown }[] })
    expect(lines.map((line) => line.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
    expect(lines[1].options.find((option) => option.code === 54)?.value).toBe('10.77.0.1')

    const decoded = runFieldkit(['decode', file, '--json', '-Y', 'vxlan.vni == 42 && ip.src == 198.18.0.2 && dhcp'])
    expect(decoded.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['DISCOVER', 'REQUEST'])
    const stats = JSON.parse(runFieldkit(['stats', file, '--json']).stdout) as { transactions: { total: number; complete: number } }
    expect(stats.transactions).toMatchObject({ total: 1, complete: 1 })
    const theirs = execFileSync('tshark', ['-r', file, '-Y', 'vxlan && dhcp', '-T', 'fields', '-e', 'frame.number', '-e', 'dhcp.option.dhcp', '-e', 'ip.src'], { encoding: 'utf8' })
    expect(theirs.trim().split('\n').map((line) => line.split('\t'))).toEqual([
      ['1', '1', '198.18.0.2,0.0.0.0'], ['2', '2', '198.18.0.1,10.77.0.1'], ['3', '3', '198.18.0.2,0.0.0.0'], ['4', '5', '198.18.0.1,10.77.0.1'],
    ])
  }, 60_000)
})
