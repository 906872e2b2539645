// Values, not only structure: every DHCP packet of every corpus capture compared with Wireshark 4.0's decode stored
// beside it (`*.tshark.json`), field by field: the BOOTP header, DHCPv6 headers and relay addresses, and the value
// of every option both decoders name (test/helpers/wireshark-fields.ts maps Wireshark's fields to ours). All must
// match except the differences listed here, each with why Wireshark differs.
// WIRESHARK_VALUES_DIR=/some/folder runs the same comparison on the captures there (each with its .tshark.json,
// made as fixtures/corpus/README.md says).
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusDir, corpusFiles, labCapturesDir } from '../helpers/corpus'
import { notComparedReason } from '../helpers/wireshark-fields'
import { compareCapture, emptyComparison, type Comparison, type Difference } from '../helpers/wireshark-values'

/**
 * Where Wireshark 4.0 shows a value differently, and why. The last three were met on captures outside the corpus
 * (crafted packets and public ones, run through WIRESHARK_VALUES_DIR), checked against tshark 4.0 itself.
 */
const knownDifferences: { why: string; applies: (d: Difference) => boolean }[] = [
  {
    why: 'an option split into several instances (RFC 3396): we decode the pieces joined, in the order the RFC gives '
      + '(options field, file, sname), and show the value on the first piece; Wireshark 4.0 decodes each piece on its '
      + 'own (options 119 and 120 it joins, showing the value on the last piece)',
    applies: (d) => d.instances > 1,
  },
  {
    why: 'a type-0 client identifier (option 61) that is not printable text: Wireshark 4.0 shows it as a string cut '
      + 'at the first NUL, we show its bytes in hex',
    applies: (d) => d.field === 'dhcp.client_id.undef' && /^([0-9a-f]{2})+$/.test(d.ours ?? ''),
  },
  {
    why: 'option 124 vendor-class data: Wireshark 4.0 shows each enterprise\'s data as one string, the RFC 3925 '
      + 'length bytes included; we show the length-prefixed classes',
    applies: (d) => d.field === 'dhcp.option.vi_class.data',
  },
  {
    why: 'option 137 (LoST server, RFC 5223) carries an RFC 1035 encoded name: Wireshark 4.0 shows the encoded bytes '
      + 'as text, we decode the name',
    applies: (d) => d.field === 'dhcp.option.lost_server_domain_name',
  },
  {
    why: 'DHCPv6 option 16 with several vendor-class-data items: Wireshark 4.0 shows only the first',
    applies: (d) => d.field === 'dhcpv6.vendorclass.data' && d.wireshark === undefined,
  },
]

function why(d: Difference): string | undefined {
  return knownDifferences.find((k) => k.applies(d))?.why
}

/** Values compared per DHCP family (fields are named dhcp.* or dhcpv6.*). */
function perFamily(result: Comparison): { v4: number; v6: number } {
  const sum = (prefix: string) => [...result.byField].filter(([f]) => f.startsWith(prefix)).reduce((n, [, count]) => n + count, 0)
  return { v4: sum('dhcp.'), v6: sum('dhcpv6.') }
}

function expectAgreement(result: Comparison): void {
  const unexplained = result.differences.filter((d) => !why(d))
  expect(unexplained, 'differences with no reason listed').toEqual([])
  const unmapped = [...result.notCompared.keys()].filter((field) => !notComparedReason(field))
  expect(unmapped, 'Wireshark fields we name nothing for: map them in wireshark-fields.ts or say why not').toEqual([])
  expect(result.unpaired).toEqual([])
}

function report(result: Comparison): string {
  const reasons = new Map<string, number>()
  for (const d of result.differences) reasons.set(why(d) ?? 'unexplained', (reasons.get(why(d) ?? 'unexplained') ?? 0) + 1)
  const { v4, v6 } = perFamily(result)
  return [
    `${result.compared} values compared (DHCPv4 ${v4}, DHCPv6 ${v6}; header fields ${result.header}), ${result.matched} equal, ${result.differences.length} differ; `
      + `${result.rejected} options malformed (what Wireshark reads of them beyond ours is the filter tests' to check)`,
    ...[...reasons].map(([reason, n]) => `  ${n} × ${reason}`),
  ].join('\n')
}

describe('decoded values agree with Wireshark on the corpus', () => {
  const result = emptyComparison()
  const perFile = new Map<string, number>()
  for (const file of corpusFiles()) {
    const before = result.compared
    compareCapture(corpusDir + file, result, file)
    perFile.set(file, result.compared - before)
  }

  it('every value matches but the listed differences', () => {
    console.log(report(result))
    expectAgreement(result)
  })

  it('compares enough values to mean something, from every capture Wireshark could decode', () => {
    const { v4, v6 } = perFamily(result)
    expect(result.compared).toBeGreaterThan(2600)
    expect(v4).toBeGreaterThan(2100)
    expect(v6).toBeGreaterThan(500)
    // 14 BOOTP header fields of the 97 DHCPv4 packets Wireshark decoded, and the DHCPv6 headers.
    expect(result.header).toBeGreaterThan(1400)
    // Wireshark adds no field to the truncated BOOTP header of bootp_asan (see fixtures/corpus/README.md).
    const silent = [...perFile].filter(([, n]) => n === 0).map(([file]) => file)
    expect(silent).toEqual(['tcpdump__bootp_asan.pcap'])
    // Each kind of value the issue names is among those compared.
    for (const field of [
      'dhcp.ip.your', 'dhcp.hw.mac_addr', 'dhcp.server', 'dhcp.file', 'dhcp.secs', 'dhcp.flags', 'dhcp.option.router',
      'dhcp.option.ip_address_lease_time', 'dhcp.option.hostname', 'dhcp.hw.type', 'dhcp.option.agent_information_option.agent_remote_id',
      'dhcp.option.static_route.ip', 'dhcp.option.request_list_item', 'dhcpv6.duid.bytes', 'dhcpv6.duidllt.time', 'dhcpv6.iaid',
      'dhcpv6.iaid.t1', 'dhcpv6.iaaddr.ip', 'dhcpv6.iaaddr.valid_lifetime', 'dhcpv6.iaprefix.pref_addr', 'dhcpv6.dns_server',
      'dhcpv6.search_list_entry', 'dhcpv6.client_domain', 'dhcpv6.linkaddr', 'dhcpv6.peeraddr',
    ]) expect(result.byField.get(field), field).toBeGreaterThan(0)
  })
})

/** Every capture in `dir` (each beside its .tshark.json) agrees but for the listed differences. */
function agreeOn(dir: string): void {
  const result = emptyComparison()
  for (const file of readdirSync(dir).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort()) compareCapture(join(dir, file), result, file)
  console.log(report(result))
  expect(result.compared).toBeGreaterThan(0)
  expectAgreement(result)
}

describe('decoded values agree with Wireshark on the lab\'s captures (fixtures/wireshark-lab)', () => {
  it('every value matches but the listed differences', () => agreeOn(labCapturesDir))
})

const otherDir = process.env.WIRESHARK_VALUES_DIR
const otherTitle = otherDir
  ? `decoded values agree with Wireshark on ${otherDir}`
  : 'decoded values agree with Wireshark on other captures (skipped: set WIRESHARK_VALUES_DIR to a folder of captures with their .tshark.json)'
describe.runIf(otherDir)(otherTitle, () => {
  it('every value matches but the listed differences', () => agreeOn(otherDir!))
})
