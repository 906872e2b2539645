// DHCP inside tunnels (helpers/tunnel-capture.ts builds them): PPPoE sessions, GRE, ERSPAN I–III, VXLAN and CAPWAP. The
// scanner and the decoder must find the DHCP inside; tshark reads the same file, and every field it shows must
// select the same frames here, with its value, in whichever layer it shows it (an outer or an inner header).
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { FieldNode } from '../../electron/engine/decode/field'
import { FrameScan } from '../../electron/engine/decode/scan'
import { FrameAnonymizer } from '../../electron/engine/bundle/anonymize-frame'
import { Pseudonyms } from '../../electron/engine/bundle/pseudonyms'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { pcapFile } from '../helpers/pcap-bytes'
import { tempDir } from '../helpers/temp'
import { hasTshark, NO_TSHARK, tsharkSelects } from '../helpers/tshark'
import { tunnelFrames, writeTunnelCapture } from '../helpers/tunnel-capture'

const FIELDS = [
  'dhcp.id', 'dhcp.option.hostname', 'dhcpv6.xid', 'eth', 'eth.src', 'eth.dst', 'eth.type', 'vlan.id', 'ip', 'ip.src', 'ip.dst', 'ip.proto', 'ip.ttl', 'ipv6', 'ipv6.src', 'ipv6.dst', 'udp',
  'udp.srcport', 'udp.dstport',
  'pppoes', 'pppoe.version', 'pppoe.type', 'pppoe.code', 'pppoe.session_id', 'pppoe.payload_length', 'ppp', 'ppp.protocol',
  'gre', 'gre.flags_and_version', 'gre.flags.checksum', 'gre.flags.routing', 'gre.flags.key', 'gre.flags.sequence_number', 'gre.flags.strict_source_route',
  'gre.flags.recursion_control', 'gre.flags.ack', 'gre.flags.reserved', 'gre.flags.version', 'gre.proto', 'gre.checksum', 'gre.offset', 'gre.key', 'gre.key.payload_length', 'gre.key.call_id',
  'gre.sequence_number', 'gre.ack_number', 'ppp.address', 'ppp.control',
  'erspan', 'erspan.version', 'erspan.vlan', 'erspan.cos', 'erspan.encap', 'erspan.bso', 'erspan.truncated', 'erspan.spanid', 'erspan.reserved', 'erspan.index', 'erspan.timestamp',
  'erspan.sgt', 'erspan.p', 'erspan.ft', 'erspan.hw', 'erspan.direction', 'erspan.gra', 'erspan.o', 'erspan.platid',
  'vxlan', 'vxlan.flags', 'vxlan.flag_g', 'vxlan.flag_i', 'vxlan.flag_d', 'vxlan.flag_a', 'vxlan.flags_reserved', 'vxlan.gbp', 'vxlan.vni', 'vxlan.reserved8',
  'capwap.data', 'capwap.preamble', 'capwap.preamble.version', 'capwap.preamble.type', 'capwap.header', 'capwap.header.length', 'capwap.header.rid', 'capwap.header.wbid',
  'capwap.header.flags', 'capwap.header.flags.t', 'capwap.header.flags.f', 'capwap.header.flags.l', 'capwap.header.flags.w', 'capwap.header.flags.m', 'capwap.header.flags.k',
  'capwap.header.flags.r', 'capwap.header.fragment.id', 'capwap.header.fragment.offset', 'capwap.header.fragment.reserved', 'capwap.header.mac.length', 'capwap.header.mac.eui48',
  'capwap.header.wireless.length', 'capwap.header.wireless.data', 'capwap.header.padding',
  'wlan', 'wlan.fc', 'wlan.fc.type_subtype', 'wlan.flags', 'wlan.duration', 'wlan.ra', 'wlan.ta', 'wlan.sa', 'wlan.da', 'wlan.bssid', 'wlan.staa', 'wlan.frag', 'wlan.seq',
  'llc', 'llc.type',
]

/** Fields that are labels (FT_NONE): tshark prints 1 where one is, but they take no comparison, in Wireshark either. */
const LABELS = new Set(['capwap.preamble', 'capwap.header'])

/** tshark's values of each field per frame (frames without it left out): every occurrence, as -T fields prints them. */
function tsharkValues(file: string, fields: string[]): Map<string, Map<number, string[]>> {
  const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=|', '-e', 'frame.number', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const rows = out.split('\n').filter(Boolean).map((line) => line.split('\t'))
  return new Map(fields.map((field, k) => [field, new Map(rows.filter((row) => row[k + 1] !== '').map((row) => [Number(row[0]), row[k + 1].split('|')]))]))
}

describe('DHCP inside tunnels', () => {
  const file = writeTunnelCapture(tempDir('tunnels'))
  const { index } = indexCaptureFile(file)
  const selected = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
  const dhcpFrames = tunnelFrames.flatMap(({ xid }, k) => (xid === null ? [] : [k + 1]))

  it('finds the DHCP message inside each tunnel, with its transaction id, and nothing where none is to be read', () => {
    expect(selected('dhcp || dhcpv6')).toEqual(dhcpFrames)
    const scan = new FrameScan()
    tunnelFrames.forEach(({ name, frame, xid }, k) => {
      const s = scan.scan(1, frame)
      expect(s.family > 0 ? s.xid : null, name).toBe(xid)
      const decoded = decodeFrame(1, frame)
      expect(decoded.dhcp ? decoded.dhcp.xid : null, name).toBe(xid)
      expect(decoded.malformed, name).toBe(k === tunnelFrames.length - 1)
    })
  })

  it('shows each tunnel layer in the tree, where its bytes are, and the inner addresses in the list', () => {
    const vxlan = decodeFrame(1, index.frame(9))
    expect(vxlan.layers.map((node) => node.key)).toEqual(['frame', 'eth', 'ip', 'udp', 'vxlan', 'eth', 'ip', 'udp', 'dhcp'])
    const node = vxlan.layers.find((n) => n.key === 'vxlan')!
    expect([node.offset, node.length]).toEqual([42, 8])
    expect(node.children!.find((n) => n.key === 'vxlan.vni')?.value).toBe('5001')
    expect([vxlan.source, vxlan.destination, vxlan.protocol]).toEqual(['0.0.0.0', '255.255.255.255', 'DHCP'])
    const pppoe = decodeFrame(1, index.frame(1))
    expect(pppoe.layers.map((n) => n.key)).toEqual(['frame', 'eth', 'pppoes', 'ppp', 'ipv6', 'udp', 'dhcpv6'])
    expect(pppoe.layers.find((n) => n.key === 'ppp')!.children![0].value).toBe('Internet Protocol version 6 (0x0057)')
    const erspan = decodeFrame(1, index.frame(8))
    expect(erspan.layers.find((n) => n.key === 'erspan')!.label).toBe('Encapsulated Remote Switch Packet ANalysis Type III')
    const capwap = decodeFrame(1, index.frame(14))
    expect(capwap.layers.map((n) => n.key)).toEqual(['frame', 'eth', 'ip', 'udp', 'capwap.data', 'wlan', 'llc', 'ip', 'udp', 'dhcp'])
    const header = capwap.layers.find((n) => n.key === 'capwap.data')!
    expect([header.offset, header.length]).toEqual([42, 16])
    // The 802.11 frame's type is in its frame control's second byte: Cisco sends the two swapped.
    const wlan = capwap.layers.find((n) => n.key === 'wlan')!
    expect(wlan.children!.slice(0, 3).map((n) => [n.key, n.offset, n.value])).toEqual([['wlan.fc.type_subtype', 59, 'Data (0x0020)'], ['wlan.fc', 58, '0x0108'], ['wlan.flags', 58, '0x01']])
    expect([capwap.source, capwap.destination, capwap.protocol]).toEqual(['0.0.0.0', '255.255.255.255', 'DHCP'])
    expect(decodeFrame(1, index.frame(16)).protocol).toBe('CAPWAP-Data')
  })

  it('filters on the outer and the inner headers alike', () => {
    expect(selected('ip.src == 192.0.2.1')).toEqual([4, 5, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19])
    expect(selected('ip.src == 0.0.0.0 && gre')).toEqual([4, 5, 7, 8, 12, 13])
    expect(selected('eth.src == 02:cc:00:00:00:02 && erspan')).toEqual([7, 8, 9])
    expect(selected('udp.port == 4789 && dhcp')).toEqual([10, 12])
  })

  it(`vlan.id is every 802.1Q tag's and ieee8021ad.id an 802.1ad tag's, as in Wireshark: QinQ's, and a tunnelled frame's${NO_TSHARK}`, { skip: !hasTshark }, () => {
    const tags = (ids: number[], type: number, packet: Uint8Array) => Uint8Array.from([...ids.flatMap((id, k) => [...(k ? [0x81, 0x00] : []), id >> 8, id & 255]), type >> 8, type & 255, ...packet])
    const dhcp = (xid: number) => ethernetIpv4Udp('02:cc:00:00:00:02', 'ff:ff:ff:ff:ff:ff', { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload: encodeDhcp4Message({ op: 1, xid, chaddr: '02:cc:00:00:00:02', options: [{ code: 53, bytes: [1] }] }) })
    const tagged = (ethertype: number, ids: number[], frame: Uint8Array) => Uint8Array.from([...frame.subarray(0, 12), ethertype >> 8, ethertype & 255, ...tags(ids, (frame[12] << 8) | frame[13], frame.subarray(14))])
    const inner = tagged(0x8100, [400], dhcp(0x302))
    // An 802.1ad provider tag (0x88a8) is Wireshark's ieee8021ad, not vlan; the old QinQ tag (0x9100) is vlan.
    const frames = [
      tagged(0x88a8, [100, 200], dhcp(0x301)),
      tagged(0x9100, [500, 600], dhcp(0x304)),
      tagged(0x8100, [300], ethernetIpv4Udp('02:aa:00:00:00:01', '02:bb:00:00:00:01', { sourceIp: '192.0.2.1', destinationIp: '198.51.100.7', sourcePort: 49152, destinationPort: 4789, payload: Uint8Array.from([0x08, 0, 0, 0, 0, 0, 42, 0, ...inner]) })),
      dhcp(0x303),
    ]
    const qinq = join(tempDir('tunnels'), 'vlans.pcap')
    writeFileSync(qinq, pcapFile(frames))
    const { index: vlans } = indexCaptureFile(qinq)
    const filters = ['vlan.id == 100', 'vlan.id == 200', 'vlan.id == 300', 'vlan.id == 400', 'vlan.id == 500', 'vlan.id == 600', 'vlan.id > 150 and vlan.id < 350', 'vlan', 'not vlan.id == 600',
      'ieee8021ad', 'ieee8021ad.id == 100', 'ieee8021ad.priority == 0', 'ieee8021ah.etype == 0x8100', 'vlan.etype == 0x0800']
    for (const filter of filters) expect([...runFilter(vlans, compileFilter(filter))].map((i) => i + 1), filter).toEqual(tsharkSelects(qinq, filter))
    expect([...runFilter(vlans, compileFilter('vlan.id == 200 and ieee8021ad.id == 100'))]).toEqual([0])
  })

  it('reads a CAPWAP header that lies about its length, or ends where its flags say more follows, without going past it', () => {
    const nodes = (list: FieldNode[]): FieldNode[] => list.flatMap((n) => [n, ...nodes(n.children ?? [])])
    const scan = new FrameScan()
    for (let words = 0; words < 4; words++) {
      for (const flags of [0x000, 0x010, 0x020, 0x030, 0x130]) {
        for (const extra of [[], [6], [6, 1, 2], [200, 1]]) {
          const word = (words << 19) | (1 << 9) | flags
          const frame = ethernetIpv4Udp('02:aa:00:00:00:01', '02:bb:00:00:00:01', { sourceIp: '192.0.2.1', destinationIp: '198.51.100.7', sourcePort: 12380, destinationPort: 5247, payload: Uint8Array.from([0, word >> 16, (word >> 8) & 0xff, word & 0xff, 0, 0, 0, 0, ...extra]) })
          const decoded = decodeFrame(1, frame)
          scan.scan(1, frame)
          for (const n of nodes(decoded.layers)) {
            expect(n.length >= 0 && n.offset + n.length <= frame.length, `${n.key} in ${words} words, flags ${flags}, ${extra}`).toBe(true)
            expect(n.value ?? '').not.toMatch(/undefined|NaN/)
          }
        }
      }
    }
  })

  it('anonymizes the addresses of every layer, outer and inner', () => {
    const anonymizer = new FrameAnonymizer(new Pseudonyms())
    // Only what is decoded can be rewritten: the frames whose inner packet is not read keep it as it is.
    for (const { name, frame } of tunnelFrames.filter(({ xid }) => xid !== null)) {
      const copy = Uint8Array.from(frame)
      anonymizer.rewrite(1, copy)
      const text = Buffer.from(copy).toString('hex')
      for (const address of ['c0000201', 'c6336407', '02cc00000002', '02aa00000001', '02bb00000003', '20010db8000000000000000000000001']) {
        expect(text.includes(address), `${name}: ${address}`).toBe(false)
      }
    }
  })

  it.skipIf(!hasTshark)(`selects with each field tshark shows the frames it shows it in, with each of its values${NO_TSHARK}`, () => {
    const values = tsharkValues(file, FIELDS)
    for (const field of FIELDS) {
      const theirs = values.get(field)!
      expect(theirs.size, `${field}: a field the capture should show`).toBeGreaterThan(0)
      expect(selected(field), field).toEqual([...theirs.keys()])
      for (const [frame, values] of theirs) {
        for (const value of values) {
          // Protocols print as their name; a value compares as itself.
          const test = !LABELS.has(field) && /^\d+$|^0x[\da-f]+$|^[\da-f]{2}(:[\da-f]{2}){5}$|^[\d.]+$|^[\da-f:]+::?[\da-f:]*$/.test(value) ? `${field} == ${value}` : field
          expect(selected(`frame.number == ${frame} and ${test}`), `${test} in frame ${frame}`).toEqual([frame])
        }
      }
    }
  }, 60_000)
})
