// Live capture on real parts: the capture helper (our libpcap reader), tcpdump and dumpcap capture on the lab's
// bridge while the system dhclient and perfdhcp talk to Kea; the streams are decoded by the engine's reader.
import { execFile, execFileSync, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labUp } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { listCaptureInterfaces } from '../../electron/engine/live/interfaces'
import { localCaptureBackends } from '../../electron/engine/live/local-capture'
import type { Dhcp4Message } from '../../electron/engine/decode/types'
import { decodeFile } from '../helpers/corpus'
import { labDora, labUnavailable } from '../helpers/lab'
import { captureWhile, countPcapRecords } from '../helpers/live-capture'
import { tempDir } from '../helpers/temp'

const run = promisify(execFile)
const unavailable = labUnavailable() ?? (execFileSync('sh', ['-c', 'command -v tcpdump || true'], { encoding: 'utf8' }) ? null : 'tcpdump is not installed')
const work = tempDir('fieldkit-live-test')
const DHCP4 = 'udp port 67 or udp port 68'
const backends = ['helper', 'tcpdump', 'dumpcap'] as const

const dora = (name: string) => labDora(work, name)

describe.skipIf(unavailable !== null)(`live capture sources${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    await labUp()
  })
  afterAll(async () => {
    await labDown()
  })

  it('lists the lab\'s bridge, up, without an address, marked as the lab\'s', () => {
    const bridge = listCaptureInterfaces().find((i) => i.name === lab.captureInterface)
    expect(bridge).toMatchObject({ up: true, addresses: [], linkType: 'EN10MB', loopback: false, lab: true })
    const loopback = listCaptureInterfaces().find((i) => i.name === 'lo')
    expect(loopback).toMatchObject({ loopback: true, up: true })
    expect(loopback!.lab).toBeUndefined()
  })

  for (const backend of backends) {
    it(`${backend}: captures dhclient's DORA on the lab's bridge, with counters`, async () => {
      const result = await captureWhile(localCaptureBackends[backend], { iface: lab.captureInterface, filter: DHCP4 }, () => dora(backend))
      expect(result.error).toBeNull()
      const file = join(work, `${backend}.${backend === 'dumpcap' ? 'pcapng' : 'pcap'}`)
      writeFileSync(file, result.bytes)
      const dhcp = decodeFile(file).map((p) => p.decoded.dhcp as Dhcp4Message | undefined).filter((m) => m?.family === 4)
      const first = dhcp.slice(0, 4)
      expect(first.map((m) => m!.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
      expect(new Set(first.map((m) => m!.xid)).size).toBe(1)
      expect(result.counters).toMatchObject({ kernelDropped: 0 })
      expect(result.counters!.received).toBeGreaterThanOrEqual(4)
    })

    it(`${backend}: an invalid filter ends with libpcap's message`, async () => {
      const filter = 'udp port 67 or'
      const libpcap = execFileSync('sh', ['-c', `tcpdump -d -i ${lab.captureInterface} '${filter}' 2>&1 || true`], { encoding: 'utf8' }).replace(/^tcpdump: /, '').trim()
      expect(libpcap).toMatch(/syntax error/)
      const result = await captureWhile(localCaptureBackends[backend], { iface: lab.captureInterface, filter }, async () => {})
      expect(result.error).toMatchObject({ code: 'bad-filter' })
      expect(result.error!.message).toContain(libpcap)
    })

    it(`${backend}: a missing interface says so`, async () => {
      const result = await captureWhile(localCaptureBackends[backend], { iface: 'fklab-none0', filter: DHCP4 }, async () => {})
      expect(result.error).toMatchObject({ code: 'no-interface', message: expect.stringContaining('There is no interface named fklab-none0') })
    })
  }

  it('without capture rights, the helper says how to get them, as a sentence', async () => {
    // An account without CAP_NET_RAW: this one with the capability dropped for good (capsh), which keeps read access
    // to the checkout wherever CI put it (another user, such as nobody, may not be able to read a private clone).
    const script = `exec ${process.execPath} --import tsx test/helpers/capture-as-user.ts ${lab.captureInterface}`
    const { stdout, stderr } = await run('capsh', ['--drop=cap_net_raw,cap_net_admin', '--', '-c', script], { timeout: 30000 })
    expect(stderr).not.toMatch(/\n\s+at /)
    const said = JSON.parse(stdout) as { rights: { usable: boolean; problem: string }; error: { code: string; message: string } }
    expect(said.rights).toMatchObject({ usable: false, problem: expect.stringContaining('setup-rights') })
    expect(said.error.code).toBe('no-rights')
    expect(said.error.message).toMatch(/^Capturing on fklab-br needs capture rights this account does not have \(socket: Operation not permitted\): run `sudo fieldkit capture --setup-rights` once/)
    expect(said.error.message).not.toMatch(/\n/)
  })

  it('counts a perfdhcp burst as tcpdump does, and reports drops', async () => {
    const filter = `${DHCP4} or udp port 546 or udp port 547`
    const tcpdumpFile = join(work, 'burst-tcpdump.pcap')
    const tcpdump = spawn('tcpdump', ['-i', lab.captureInterface, '-B', '32768', '-w', tcpdumpFile, filter], { stdio: ['ignore', 'ignore', 'pipe'] })
    let tcpdumpSaid = ''
    tcpdump.stderr.on('data', (text: Buffer) => (tcpdumpSaid += text.toString()))
    const result = await captureWhile(localCaptureBackends.helper, { iface: lab.captureInterface, filter }, () => Promise.all([
      run('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-4', '-l', lab.clientInterface, '-r', '8000', '-R', '90', '-p', '3', lab.serverAddress]).catch(() => {}),
      run('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-6', '-l', lab.clientInterface, '-r', '4000', '-R', '200', '-p', '3']).catch(() => {}),
    ]))
    await sleep(500)
    tcpdump.kill('SIGTERM')
    await new Promise((done) => tcpdump.once('close', done))
    expect(result.error).toBeNull()
    const ours = countPcapRecords(result.bytes)
    const theirs = Number(/(\d+) packets? captured/.exec(tcpdumpSaid)?.[1])
    expect(ours).toBeGreaterThan(5000)
    expect(ours).toBe(theirs)
    // Drops are part of what libpcap counts as received: received = delivered + dropped, nothing hidden.
    expect(result.counters!.received).toBe(ours + result.counters!.kernelDropped)
  })
})
