// Softwire (S46, RFC 7598) options, as Kea serves them to MAP-E, MAP-T and lightweight 4over6 CPEs: rules with their
// port parameters, border relays, the default mapping rule and address bindings inside the three containers. A
// REPLY built by our encoder from the values our decoder gives must read as tshark reads it, field by field.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ethernetFrame } from '../../electron/engine/client/framing'
import { ipv6Udp } from '../../electron/engine/client/framing6'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { encodeOptionValue6 } from '../../electron/engine/decode/dhcp6/encode-formats'
import { encodeDhcp6Message } from '../../electron/engine/decode/dhcp6/encode-message'
import type { Dhcp6Message } from '../../electron/engine/decode/types'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { tempDir } from '../helpers/temp'
import { hasTshark, NO_TSHARK } from '../helpers/tshark'

const portParams = (offset: number, psidLength: number, psid: number) => ({ code: 93, value: { offset, psidLength, psid } })
const rule = (flags: number, eaLength: number, ipv4Prefix: string, ipv6Prefix: string, ports = portParams(6, 0, 0)) => ({ code: 89, value: { flags, eaLength, ipv4Prefix, ipv6Prefix, options: [ports] } })

const containers = [
  { code: 94, value: { options: [rule(1, 12, '192.0.2.0/24', '2001:db8:f000::/36'), rule(0, 16, '198.51.100.0/24', '2001:db8:9500::/40', portParams(4, 6, 45)), { code: 90, value: '2001:db8::1' }] } },
  { code: 95, value: { options: [rule(1, 8, '203.0.113.0/24', '2001:db8:ab00::/41'), { code: 91, value: { prefix: '2001:db8:0:1::/64' } }] } },
  { code: 96, value: { options: [{ code: 90, value: '2001:db8::2' }, { code: 92, value: { ipv4Address: '192.0.2.77', ipv6Prefix: '2001:db8:77::/56', options: [portParams(0, 8, 200)] } }] } },
]

const FIELDS = [
  'dhcpv6.s46_rule.flags', 'dhcpv6.s46_rule.flags.fmr', 'dhcpv6.s46_rule.flags.reserved', 'dhcpv6.s46_rule.ea_len', 'dhcpv6.s46_rule.ipv4_pref_len', 'dhcpv6.s46_rule.ipv4_prefix',
  'dhcpv6.s46_rule.ipv6_prefix_len', 'dhcpv6.s46_rule.ipv6_prefix', 'dhcpv6.s46_br.address', 'dhcpv6.s46_dmr.dmr_pref_len', 'dhcpv6.s46_dmr.dmr_prefix',
  'dhcpv6.s46_v4v6bind.ipv4_address', 'dhcpv6.s46_v4v6bind.ipv6_pref_len', 'dhcpv6.s46_v4v6bind.ipv6_prefix', 'dhcpv6.s46_portparam.offset',
  'dhcpv6.s46_portparam.psid_len', 'dhcpv6.s46_portparam.psid',
]

/** A decoded value with its nested options as {code, value} only, as the encoder takes them. */
function codesAndValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(codesAndValues)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value as Record<string, unknown>)
  if ('code' in value && 'value' in value) return { code: (value as { code: number }).code, value: codesAndValues((value as { value: unknown }).value) }
  return Object.fromEntries(entries.map(([key, v]) => [key, codesAndValues(v)]))
}

function writeReply(dir: string): string {
  const file = join(dir, 's46.pcap')
  const payload = encodeDhcp6Message(7, 0x5a4601, [{ code: 1, bytes: [0, 3, 0, 1, 2, 0xcc, 0, 0, 0, 2] }, ...containers.map(({ code, value }) => encodeOptionValue6(code, value))])
  const data = ethernetFrame('02:aa:00:00:00:01', '02:cc:00:00:00:02', 0x86dd, ipv6Udp({ sourceIp: 'fe80::1', destinationIp: 'fe80::cc:ff:fe00:2', sourcePort: 547, destinationPort: 546, payload }))
  writeCapture(file, 'pcap', [{ frame: 1, timestampSeconds: 1_700_000_000, timestampFraction: 0, fractionDigits: 6, originalLength: data.length, linkType: 1, interfaceId: 0, data }], { digits: 6 })
  return file
}

describe('S46 (MAP-E, MAP-T, lightweight 4over6) options', () => {
  const file = writeReply(tempDir('s46'))
  const { index } = indexCaptureFile(file)
  const selected = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)

  it('decodes the rules, border relays, DMR and bindings inside each container as they were encoded', () => {
    const message = decodeFrame(1, index.frame(0)).dhcp as Dhcp6Message
    expect(message.options.filter((o) => o.code >= 94).map((o) => ({ code: o.code, value: codesAndValues(o.value) }))).toEqual(containers)
    expect(selected('dhcpv6.s46_portparam.psid == 45 && dhcpv6.s46_rule.ipv6_prefix == 2001:db8:9500::')).toEqual([1])
    expect(selected('dhcpv6.option.type == 93')).toEqual([1])
    // The PSID is its length's leading bits (45 in 6 bits is 0xb400 on the wire), not the two bytes as a number.
    expect(selected('dhcpv6.s46_portparam.psid == 46 || dhcpv6.s46_portparam.psid == 46080')).toEqual([])
  })

  it.skipIf(!hasTshark)(`selects with each S46 field tshark shows the packet, with each of its values${NO_TSHARK}`, () => {
    const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=|', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8' })
    const columns = out.trim().split('\t')
    FIELDS.forEach((field, k) => {
      const values = columns[k].split('|')
      expect(values[0], `${field}: tshark shows it`).not.toBe('')
      for (const value of values) expect(selected(`${field} == ${value}`), `${field} == ${value}`).toEqual([1])
    })
  })
})
