// A live capture through the engine, on real parts: the lab's bridge, the system dhclient against Kea, and a second
// server (Debian's dnsmasq in a namespace of its own on the same bridge). What the user sees: packets and the DORA
// as one transaction while capturing, counters, the alert naming both servers, and all of it kept once stopped.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaptureInfo, CaptureInterfaces, TransactionPage } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { labDown, labUp } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { testEngine } from '../helpers/engine'
import { fieldkitCommand } from '../helpers/fieldkit'
import { labDora, labUnavailable } from '../helpers/lab'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable() ?? (hasDnsmasq() ? null : 'dnsmasq is not installed (apt-get install dnsmasq; .ci/setup does)')
const work = tempDir('fieldkit-live-session')
const DHCP4 = 'udp port 67 or udp port 68'
/** A namespace on the lab's bridge for a second DHCP server. */
const ROGUE = { namespace: 'fklab-rogue', inside: 'fklab-r0', port: 'fklab-r1', address: '192.0.2.3/24', range: '192.0.2.200,192.0.2.250' }

function hasDnsmasq(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v dnsmasq'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Resolves with the capture once `ready` says it is as wanted (capture.updated events, or the store). */
function until(engine: Engine, captureId: number, ready: (info: CaptureInfo) => boolean, timeoutMs = 20000): Promise<CaptureInfo> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      stop()
      fail(new Error(`capture ${captureId} did not get there in ${timeoutMs} ms`))
    }, timeoutMs)
    const stop = engine.events.subscribe((event, payload) => {
      const info = payload as CaptureInfo
      if (event !== 'capture.updated' || info.id !== captureId || !ready(info)) return
      clearTimeout(timer)
      stop()
      done(info)
    })
  })
}

function startRogue(): ChildProcess {
  const sh = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore' })
  sh('netns', 'add', ROGUE.namespace)
  sh('link', 'add', ROGUE.port, 'type', 'veth', 'peer', 'name', ROGUE.inside, 'netns', ROGUE.namespace)
  sh('link', 'set', ROGUE.port, 'master', lab.captureInterface, 'up')
  sh('netns', 'exec', ROGUE.namespace, 'ip', 'addr', 'add', ROGUE.address, 'dev', ROGUE.inside)
  sh('netns', 'exec', ROGUE.namespace, 'ip', 'link', 'set', ROGUE.inside, 'up')
  return spawn('ip', ['netns', 'exec', ROGUE.namespace, 'dnsmasq', '--no-daemon', '--port=0', `--interface=${ROGUE.inside}`, `--dhcp-range=${ROGUE.range},1h`,
    `--dhcp-leasefile=${join(work, 'rogue.leases')}`, '--pid-file', '--conf-file=/dev/null'], { stdio: 'ignore' })
}

function stopRogue(rogue: ChildProcess | undefined): void {
  rogue?.kill()
  execFileSync('sh', ['-c', `ip link del ${ROGUE.port} 2>/dev/null; ip netns del ${ROGUE.namespace} 2>/dev/null; true`])
}

describe.skipIf(unavailable !== null)(`live capture in a session${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let engine: Engine
  beforeAll(async () => {
    await labUp()
    engine = testEngine()
  })
  afterAll(async () => {
    engine?.close()
    await labDown()
  })

  it('offers the lab\'s bridge and a default filter for DHCPv4 and DHCPv6, VLAN-tagged too', async () => {
    const offered = await engine.dispatch('capture.interfaces', {}) as CaptureInterfaces
    expect(offered.interfaces.find((i) => i.name === lab.captureInterface)).toMatchObject({ lab: true, up: true })
    expect(offered.defaultFilter).toMatch(/^udp port 67 .*\(vlan and \(/)
    expect(offered.backends.find((b) => b.backend === offered.defaultBackend)).toMatchObject({ usable: true, problem: null })
  })

  it('shows dhclient\'s DORA as one transaction while capturing, and keeps it with the counters once stopped', async () => {
    const started = await engine.dispatch('capture.start', { iface: lab.captureInterface, filter: DHCP4 }) as CaptureInfo
    // It answers once the helper listens: what happens next is captured, from the first DISCOVER.
    expect(started).toMatchObject({ status: 'capturing', live: { iface: lab.captureInterface, filter: DHCP4, backend: 'helper', listening: true } })
    await labDora(work, 'dora')
    const seen = await until(engine, started.id, (info) => info.packetCount >= 4)
    expect(seen.status).toBe('capturing')
    const page = await engine.dispatch('transactions.page', { captureId: started.id, offset: 0, limit: 10 }) as TransactionPage
    const dora = page.rows.find((row) => row.kind === 'DORA')
    expect(dora).toMatchObject({ status: 'complete', family: 4 })
    expect(dora!.steps.filter((step) => step.latencyMs !== null).length).toBeGreaterThanOrEqual(2)

    const stopped = await engine.dispatch('capture.stop', { captureId: started.id }) as CaptureInfo
    expect(stopped).toMatchObject({ status: 'ready', error: null })
    // dhclient's RELEASE came after the DORA.
    expect(stopped.packetCount).toBeGreaterThanOrEqual(seen.packetCount)
    expect(stopped.live!.stoppedAt).toBeTruthy()
    expect(stopped.live!.counters).toMatchObject({ kernelDropped: 0, interfaceDropped: 0 })
    expect(stopped.live!.counters!.received).toBeGreaterThanOrEqual(4)
    expect(stopped.live!.servers).toBeUndefined()
    // Saved as pcapng: the interface it came from and how it was captured travel with it.
    const saved = await engine.dispatch('captures.save', { captureId: started.id, format: 'pcapng' }) as { path: string }
    expect(execFileSync('tshark', ['-r', saved.path, '-T', 'fields', '-e', 'frame.interface_name', '-c', '1'], { encoding: 'utf8' }).trim()).toBe(lab.captureInterface)
    const comment = execFileSync('capinfos', ['-k', saved.path], { encoding: 'utf8' })
    expect(comment).toContain(`Live capture on ${lab.captureInterface} (helper) with capture filter: ${DHCP4}`)
    expect(comment).toMatch(/Counters: \d+ received by the filter, 0 dropped by the kernel, 0 dropped by the interface/)
    // Kept: what the session lists after the capture is what it showed.
    const listed = await engine.dispatch('captures.list', { sessionId: started.sessionId }) as CaptureInfo[]
    expect(listed[0]).toMatchObject({ id: started.id, status: 'ready', packetCount: stopped.packetCount, live: { counters: stopped.live!.counters } })
  })

  it('names both servers when a second one answers', async () => {
    const rogue = startRogue()
    try {
      await sleep(1000)
      const started = await engine.dispatch('capture.start', { iface: lab.captureInterface, filter: DHCP4 }) as CaptureInfo
      await sleep(500)
      await labDora(work, 'two-servers')
      const alerted = await until(engine, started.id, (info) => (info.live?.servers?.length ?? 0) > 0)
      const servers = alerted.live!.servers![0]
      expect(servers.family).toBe(4)
      expect(servers.servers.some((s) => s.startsWith(`${lab.serverAddress} (MAC `))).toBe(true)
      expect(servers.servers.some((s) => s.startsWith('192.0.2.3 (MAC '))).toBe(true)
      await engine.dispatch('capture.stop', { captureId: started.id })
    } finally {
      stopRogue(rogue)
    }
  })

  it('says why a capture cannot start: a filter libpcap refuses, an interface that is not there', async () => {
    // capture.start answers once the capture listens or has failed: this one failed.
    const failed = await engine.dispatch('capture.start', { iface: lab.captureInterface, filter: 'udp port sixty-seven' }) as CaptureInfo
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/filter/i)
    await expect(engine.dispatch('capture.start', { iface: 'no-such-if0', filter: '' })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/no interface named "no-such-if0"/) })
  })

  it('capture on the command line prints the DORA as it comes, in decode\'s JSON lines, then the counters', async () => {
    const [node, cli] = fieldkitCommand()
    const file = join(work, 'cli.pcap')
    const captured = promisify(execFile)(node, [cli, 'capture', '--iface', lab.captureInterface, '--count', '4', '--write', file, '--json'], { timeout: 30000 })
    await sleep(1000)
    await labDora(work, 'cli')
    const { stdout, stderr } = await captured
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { frame: number; type: string })
    expect(lines.map((line) => line.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
    expect(JSON.parse(stderr)).toMatchObject({ packets: 4, counters: { kernelDropped: 0, interfaceDropped: 0 } })
    // What it kept is a capture tshark reads.
    expect(execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'dhcp.option.dhcp'], { encoding: 'utf8' }).trim().split('\n')).toEqual(['1', '2', '3', '5'])
  })

  it('capture --list marks the lab\'s bridge; a missing interface gets a sentence', async () => {
    const [node, cli] = fieldkitCommand()
    const listed = JSON.parse(execFileSync(node, [cli, 'capture', '--list', '--json'], { encoding: 'utf8' })) as CaptureInterfaces
    expect(listed.interfaces.find((i) => i.name === lab.captureInterface)).toMatchObject({ lab: true })
    const missing = await promisify(execFile)(node, [cli, 'capture', '--iface', 'no-such-if0', '--duration', '5']).then(() => null, (error: { code: number; stderr: string }) => error)
    expect(missing?.code).toBe(2)
    expect(missing?.stderr).toMatch(/^0 packets captured.*\nfieldkit: .*no-such-if0/s)
    expect(missing?.stderr).not.toMatch(/\n\s+at /)
  })

  it('keeps the last parts of a long capture in a ring buffer, each a capture of the session', async () => {
    const started = await engine.dispatch('capture.start', { iface: lab.captureInterface, filter: DHCP4, ring: { files: 2, megabytes: 1 } }) as CaptureInfo
    expect(started.live!.ring).toEqual({ files: 2, megabytes: 1, part: 1 })
    // perfdhcp's DORAs at a few thousand a second: well over 3 MB of DHCP in the time.
    await promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-4', '-l', lab.clientInterface, '-r', '3000', '-p', '5', lab.serverAddress]).catch(() => undefined)
    const last = await engine.dispatch('capture.stop', { captureId: started.id }) as CaptureInfo
    const parts = (await engine.dispatch('captures.list', { sessionId: started.sessionId }) as CaptureInfo[])
    expect(last.live!.ring!.part).toBeGreaterThanOrEqual(4)
    expect(parts.map((p) => p.live!.ring!.part)).toEqual([last.live!.ring!.part - 1, last.live!.ring!.part])
    expect(parts[0]).toMatchObject({ status: 'ready', error: null, live: { ended: `Continued in part ${last.live!.ring!.part} (ring buffer).`, ring: { continuedIn: last.live!.ring!.part } } })
    expect(parts[0].packetCount).toBeGreaterThan(2000)
    // Each part is a capture tshark reads whole, as the app indexed it.
    for (const part of parts) {
      const saved = await engine.dispatch('captures.save', { captureId: part.id, format: 'pcap' }) as { path: string; packets: number }
      expect(Number(execFileSync('capinfos', ['-c', '-M', saved.path], { encoding: 'utf8' }).match(/Number of packets:\s+(\d+)/)![1])).toBe(part.packetCount)
    }
  })

  it('capture --ring on the command line keeps the last parts beside --write, each a whole capture', async () => {
    const [node, cli] = fieldkitCommand()
    const base = join(work, 'ring.pcap')
    const captured = promisify(execFile)(node, [cli, 'capture', '--iface', lab.captureInterface, '--filter', DHCP4, '--write', base, '--ring', '2:1', '--duration', '7', '--json'], { timeout: 30000, maxBuffer: 1 << 28 })
    await sleep(1000)
    await promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-4', '-l', lab.clientInterface, '-r', '3000', '-p', '4', lab.serverAddress]).catch(() => undefined)
    const { stdout, stderr } = await captured
    const parts = readdirSync(work).filter((name) => /^ring_\d{5}\.pcap$/.test(name)).sort()
    expect(parts.length).toBe(2)
    expect(Number(parts[1].slice(5, 10))).toBeGreaterThanOrEqual(3)
    const printed = stdout.trim().split('\n').length
    expect(JSON.parse(stderr)).toMatchObject({ packets: printed })
    for (const part of parts) expect(execFileSync('capinfos', ['-c', '-M', join(work, part)], { encoding: 'utf8' })).toMatch(/Number of packets:\s+[1-9]/)
    // Everything printed was captured; the parts kept are its last packets.
    const kept = parts.map((part) => Number(/Number of packets:\s+(\d+)/.exec(execFileSync('capinfos', ['-c', '-M', join(work, part)], { encoding: 'utf8' }))![1]))
    expect(kept[0] + kept[1]).toBeLessThan(printed)
  })
})
