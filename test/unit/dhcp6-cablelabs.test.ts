// CableLabs' DHCPv6 vendor options (option 17, enterprise 4491), as a DOCSIS cable modem sends them through a relay,
// and the relay's hop counts: each field tshark shows must select the same frames with the same values here.
import { execFileSync } from 'node:child_process'
import { hasTshark, NO_TSHARK } from '../helpers/tshark'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ipv6Udp } from '../../electron/engine/client/framing6'
import { encodeDhcp6Message, encodeRelayForward } from '../../electron/engine/decode/dhcp6/encode-message'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { tempDir } from '../helpers/temp'

/** Wireshark is the reference these compare with: without it they cannot run (bash .ci/setup installs it). */

const be16 = (n: number) => [n >> 8, n & 0xff]
const be32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
const ascii = (s: string) => [...Buffer.from(s)]
const tlv = (code: number, bytes: number[]) => [...be16(code), ...be16(bytes.length), ...bytes]
const name = (...labels: string[]) => [...labels.flatMap((l) => [l.length, ...ascii(l)]), 0]
const address6 = (last: number) => [0xfc, 0, 5, 2, ...new Array(11).fill(0), last]

/** A modem's sub-options: what it asks for, what it is, its capabilities (TLV5), and PacketCable's configuration. */
const modem = [
  ...tlv(1, [...be16(32), ...be16(33), ...be16(2170)]),
  ...tlv(2, ascii('ECM')),
  ...tlv(4, ascii('SN-1234')),
  ...tlv(8, [0x54, 0xd4, 0x6f]),
  ...tlv(35, [5, 3, 1, 2, 3, 1, 1, 7, 2, 2, 0, 64]),
  ...tlv(36, [0x54, 0xd4, 0x6f, 0xfa, 0x10, 0x9a]),
  ...tlv(39, [2]),
]
/** A server's: TFTP servers, time, the CMTS's versions, PacketCable's client configuration (IPv4 and IPv6). */
const server = [
  ...tlv(32, [...address6(0x69), ...address6(0x70)]),
  ...tlv(38, be32(0xfffff1f0)),
  ...tlv(1025, [1, 2, 3, 1, 2, 2, 1, 0]),
  ...tlv(2170, [...tlv(1, [10, 32, 0, 69]), ...tlv(2, [10, 32, 0, 70])]),
  ...tlv(2171, [
    ...tlv(1, ascii('dss')), ...tlv(3, [0, ...name('prov', 'example', 'net')]), ...tlv(4, [...be32(30), ...be32(90), ...be32(5)]),
    ...tlv(6, name('REALM', 'EXAMPLE', 'NET')), ...tlv(7, [1]), ...tlv(8, [4]), ...tlv(9, be16(3)),
  ]),
]
const vendor = (subOptions: number[]) => ({ code: 17, bytes: [...be32(4491), ...subOptions] })
const clientId = { code: 1, bytes: [0, 3, 0, 1, 0x54, 0xd4, 0x6f, 0xfa, 0x10, 0x9a] }

/** Relay hop counts: right (1 around 0), the innermost not 0, one not one less than its outer relay's, one over 32. */
const relayings = [[1, 0], [1], [3, 1, 0], [40, 39, 38]]

function writeCableCapture(): string {
  const messages = [
    encodeDhcp6Message(1, 0x101, [clientId, vendor(modem)]),
    encodeDhcp6Message(7, 0x101, [clientId, vendor(server)]),
    ...relayings.map((hops, k) => hops.reduceRight((inner, hopCount) => encodeRelayForward({ hopCount, linkAddress: '2001:db8::1', peerAddress: 'fe80::1', options: [] }, inner), encodeDhcp6Message(3, 0x200 + k, [clientId]))),
  ]
  const file = join(tempDir('cablelabs'), 'cablelabs.pcap')
  writeCapture(file, 'pcap', messages.map((dhcp, i) => {
    const data = ipv6Udp({ sourceIp: 'fc00:502::1', destinationIp: 'fc00:502::2', sourcePort: 547, destinationPort: 547, payload: dhcp })
    return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: data.length, linkType: 229, interfaceId: 0, data }
  }), { digits: 6 })
  return file
}

const FIELDS = [
  'dhcpv6.cablelabs.opt', 'dhcpv6.cablelabs.ipv6_server', 'dhcpv6.docsis.cccV6.tlv5.suboption', 'dhcpv6.cccV6.tlv5.suboption.length',
  'dhcpv6.cccV6.tlv5.suboption.value', 'dhcpv6.cccV6.tlv5.suboption.value_number', 'dhcpv6.cablelabs.docsis_version_number',
  'dhcpv6.cablelabs.dpoe_server_version_number', 'dhcpv6.packetcable.ccc.suboption', 'dhcpv6.packetcable.ccc.pri_dhcp', 'dhcpv6.packetcable.ccc.sec_dhcp',
  'dhcpv6.packetcable.cccV6.suboption', 'dhcpv6.packetcable.cccV6.pri_dss', 'dhcpv6.packetcable.cccV6.prov_srv.type', 'dhcpv6.packetcable.cccV6.prov_srv.fqdn',
  'dhcpv6.packetcable.cccV6.as_krb.nominal_timeout', 'dhcpv6.packetcable.cccV6.as_krb.max_retry_count', 'dhcpv6.packetcable.cccV6.krb_realm',
  'dhcpv6.packetcable.cccV6.tgt_flag', 'dhcpv6.packetcable.cccV6.tgt_flag.fetch', 'dhcpv6.packetcable.cccV6.prov_timer', 'dhcpv6.packetcable.cccV6.sec_tcm',
  'dhcpv6.packetcable.cccV6.sec_tcm.provisioning_server', 'dhcpv6.packetcable.cccV6.tgt_flag.call_manager_server',
  'dhcpv6.vendoropts.enterprise.option_code', 'dhcpv6.error_hopcount', 'dhcpv6.hopcount',
]

/** tshark's values of `field` per frame, every occurrence, as -T fields prints them. */
function tsharkValues(file: string, field: string): Map<number, string[]> {
  const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=|', '-e', 'frame.number', '-e', field], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return new Map(out.split('\n').filter(Boolean).map((line) => line.split('\t')).filter(([, v]) => v !== '').map(([frame, v]) => [Number(frame), v.split('|')]))
}

/** A value as a filter literal: numbers, addresses and booleans as they are, text quoted. */
const literal = (value: string) => (/^(\d+|0x[\da-f]+|[\d.]+|[\da-f:]+:[\da-f:]*|True|False)$/i.test(value) ? value.replace(/^True$/, '1').replace(/^False$/, '0') : JSON.stringify(value))

describe('CableLabs vendor options and relay hop counts', () => {
  it('shows the sub-options by name with their values, and notes hop counts that are wrong', () => {
    const file = writeCableCapture()
    const { index } = indexCaptureFile(file)
    const tree = JSON.stringify(decodeFrame(229, index.frame(0)).layers)
    expect(tree).toContain('Suboption: Device Type (2) ECM')
    expect(tree).toContain('Suboption: Option Request (1) 32 33 2170')
    const frames = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
    expect(frames('dhcpv6.packetcable.ccc.pri_dhcp == 10.32.0.69')).toEqual([2])
    expect(frames('dhcpv6.cablelabs.ipv6_server == fc00:502::70')).toEqual([2])
    expect(frames('dhcpv6.error_hopcount')).toEqual([4, 5, 6])
    expect(decodeFrame(229, index.frame(3)).warnings.join('\n')).toMatch(/Hopcount of most inner message has to equal 0 instead of 1/)
  })

  it.skipIf(!hasTshark)(`selects with each field tshark shows the frames it shows it in, by each of its values${NO_TSHARK}`, () => {
    const file = writeCableCapture()
    const { index } = indexCaptureFile(file)
    const frames = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
    for (const field of FIELDS) {
      const theirs = tsharkValues(file, field)
      expect(frames(field), field).toEqual([...theirs.keys()])
      // An expert note has no value to compare: tshark prints its text.
      if (field === 'dhcpv6.error_hopcount') continue
      for (const [frame, values] of theirs) {
        for (const value of values.filter((v) => v !== '')) {
          const test = `${field} == ${literal(value)}`
          expect(frames(`frame.number == ${frame} and ${test}`), `${test} in frame ${frame}`).toEqual([frame])
        }
      }
    }
  }, 60_000)
})
