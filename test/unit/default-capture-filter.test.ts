// The default capture filter, compiled and run by libpcap itself (through tcpdump): DHCP plain, VLAN-tagged and in
// a PPPoE session, tagged or not, and nothing else; on links other than Ethernet, the ports alone, which libpcap
// accepts there (it refuses `vlan` on Linux's "any" device).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ethernetFrame, ipv4Udp } from '../../electron/engine/client/framing'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { captureFilterFor, DEFAULT_CAPTURE_FILTER } from '../../electron/engine/live/default-filter'
import { tempDir } from '../helpers/temp'
import { tunnelFrames } from '../helpers/tunnel-capture'

const hasTcpdump = (() => {
  try {
    execFileSync('tcpdump', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const MAC = '02:cc:00:00:00:02', BROADCAST = 'ff:ff:ff:ff:ff:ff'
const udp = (sourcePort: number, destinationPort: number, payload: Uint8Array) => ipv4Udp({ sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort, destinationPort, payload })
const dhcp = udp(68, 67, encodeDhcp4Message({ op: 1, xid: 1, chaddr: MAC, options: [{ code: 53, bytes: [1] }] }))
const dns = udp(5353, 53, Uint8Array.of(0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0))
const tagged = (type: number, packet: Uint8Array) => Uint8Array.from([...ethernetFrame(MAC, BROADCAST, 0x8100, Uint8Array.of()), 0, 100, type >> 8, type & 0xff, ...packet])
const pppoe = (packet: Uint8Array) => Uint8Array.from([0x11, 0, 0, 0x11, (packet.length + 2) >> 8, (packet.length + 2) & 0xff, 0, 0x21, ...packet])

/** Frames, and whether the default filter must keep each. */
const frames: { frame: Uint8Array; keep: boolean }[] = [
  { frame: ethernetFrame(MAC, BROADCAST, 0x0800, dhcp), keep: true },
  { frame: tagged(0x0800, dhcp), keep: true },
  { frame: ethernetFrame(MAC, BROADCAST, 0x0800, dns), keep: false },
  { frame: ethernetFrame(MAC, BROADCAST, 0x8864, pppoe(dns)), keep: false },
  { frame: tagged(0x8864, pppoe(dns)), keep: false },
  // PPPoE with DHCPv4, DHCPv6, and DHCPv4 behind a VLAN tag; then GRE, ERSPAN and VXLAN, whose DHCP is deeper than a filter looks.
  ...tunnelFrames.map(({ frame }, k) => ({ frame, keep: k < 3 })),
]

describe('the default capture filter', () => {
  it.skipIf(!hasTcpdump)('keeps DHCP plain, VLAN-tagged and in PPPoE sessions, and nothing else (run by libpcap; skipped without tcpdump)', () => {
    const file = join(tempDir('default-filter'), 'frames.pcap')
    writeCapture(file, 'pcap', frames.map(({ frame }, k) => ({ frame: k + 1, timestampSeconds: 1_700_000_000 + k, timestampFraction: 0, fractionDigits: 6, originalLength: frame.length, linkType: 1, interfaceId: 0, data: frame })), { digits: 6 })
    const kept = execFileSync('tcpdump', ['-nr', file, '-tt', DEFAULT_CAPTURE_FILTER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const seconds = kept.trim().split('\n').map((line) => Number(line.split('.')[0]) - 1_700_000_000 + 1)
    expect(seconds).toEqual(frames.flatMap(({ keep }, k) => (keep ? [k + 1] : [])))
  })

  it.skipIf(!hasTcpdump)('is the ports alone where the link is not Ethernet, which libpcap accepts there (skipped without tcpdump)', () => {
    const compiles = (filter: string, link: string) => {
      try {
        execFileSync('tcpdump', ['-y', link, '-d', filter], { stdio: 'ignore' })
        return true
      } catch {
        return false
      }
    }
    expect(compiles(DEFAULT_CAPTURE_FILTER, 'EN10MB')).toBe(true)
    expect(compiles(DEFAULT_CAPTURE_FILTER, 'LINUX_SLL')).toBe(false)
    for (const [iface, link] of [['any', 'LINUX_SLL'], ['tun0', 'RAW']]) expect(compiles(captureFilterFor(DEFAULT_CAPTURE_FILTER, iface, link), link), iface).toBe(true)
    expect(captureFilterFor(DEFAULT_CAPTURE_FILTER, 'eth0', 'EN10MB')).toBe(DEFAULT_CAPTURE_FILTER)
    expect(captureFilterFor('port 67', 'any', 'LINUX_SLL')).toBe('port 67')
  })
})
