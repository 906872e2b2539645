// Wireshark's field names with their values as filters: for every DHCP and DHCPv6 field Wireshark's own decode of
// the corpus shows (the stored `*.tshark.json`), and every value it shows for it, `name == value` selects exactly
// the packets in which Wireshark shows that value; and, with tshark installed, a sample of them selects what
// `tshark -Y` itself selects. The bare names are wireshark-names.test.ts'.
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { ethernetIpv6Udp } from '../../electron/engine/client/framing6'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { encodeDhcp6Message } from '../../electron/engine/decode/dhcp6/encode-message'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { wiresharkDhcpFields } from '../../electron/engine/filter/wireshark-dhcp-fields'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { capturesWithWiresharkDecode, framesDecodedDifferently, wiresharkDecode, type TsharkValue } from '../helpers/corpus'
import { tempDir } from '../helpers/temp'
import { hasTshark, tsharkRefusesValue, tsharkSelects } from '../helpers/tshark'

const types = new Map(wiresharkDhcpFields.map((f) => [f.name, f.type]))

/** Wireshark fields whose values are not compared, and why. */
const notCompared: Record<string, string> = {
  'dhcpv6.root_only_domain_name': 'Wireshark shows its label for the root alone ("[\'.\' (0)]") as the value; the field is present in the same packets',
}

/** A value as a filter literal in Wireshark's syntax, or null for types whose shown value is no literal (times). */
function literal(type: string, value: string): string | null {
  // Control characters as \xhh: Wireshark refuses them as \u escapes, which JSON would write.
  if (type === 'STRING' || type === 'STRINGZ') return `"${value.replace(/["\\]/g, '\\$&').replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`
  if (/^(U?INT\d+|BOOLEAN|IPv4|IPv6|ETHER|BYTES)$/.test(type)) return value === '' ? null : value
  return null
}

/** name → literal → file → frames where Wireshark shows the field with that value. */
const shown = new Map<string, Map<string, Map<string, Set<number>>>>()
function collect(value: TsharkValue, file: string, frame: number): void {
  if (Array.isArray(value)) return value.forEach((v) => collect(v, file, frame))
  if (!value || typeof value !== 'object') return
  for (const [name, inner] of Object.entries(value)) {
    const type = name in notCompared ? undefined : types.get(name)
    for (const v of Array.isArray(inner) ? inner : [inner]) {
      if (type && typeof v === 'string') {
        const text = literal(type, v)
        if (text !== null) {
          const byValue = shown.get(name) ?? new Map<string, Map<string, Set<number>>>()
          const byFile = byValue.get(text) ?? new Map<string, Set<number>>()
          byFile.set(file, (byFile.get(file) ?? new Set<number>()).add(frame))
          byValue.set(text, byFile)
          shown.set(name, byValue)
        }
      }
      collect(v, file, frame)
    }
  }
}
const captures = capturesWithWiresharkDecode()
for (const file of captures) {
  for (const [frame, layers] of wiresharkDecode(`${file}.tshark.json`)) collect(layers, file, frame)
}
const indexes = new Map(captures.map((file) => [file, indexCaptureFile(file).index]))
const cases = [...shown].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => [name, values] as const)
/**
 * A field with many values (dhcp.option.value) runs a filter per value over each capture holding it, decoding its
 * packets: seconds on CI for the corpus's 33 captures, a minute and a half for 180 (WIRESHARK_VALUES_DIR). The time
 * allowed grows with the captures compared.
 */
const VALUE_FILTERS_MS = 60_000 * Math.max(1, Math.ceil(captures.length / 40))

describe('Wireshark\'s fields with their values', () => {
  it.each(cases)('%s == each value Wireshark shows selects the packets it shows it in', (name, values) => {
    const wrong: string[] = []
    // Only the captures holding the field: in the others the bare name selects nothing (wireshark-names.test.ts),
    // and neither can a value of it. Many captures times many values (dhcp.option.value) took minutes.
    const holding = [...indexes].filter(([file]) => [...values.values()].some((files) => files.has(file)))
    for (const [value, files] of values) {
      const test = compileFilter(`${name} == ${value}`)
      for (const [file, index] of holding) {
        const other = framesDecodedDifferently(basename(file))
        const ours = [...runFilter(index, test)].map((i) => i + 1).filter((f) => !other.has(f))
        const theirs = [...(files.get(file) ?? [])].filter((f) => !other.has(f)).sort((a, b) => a - b)
        if (ours.join() !== theirs.join()) wrong.push(`${name} == ${value} in ${basename(file)}: ours [${ours.filter((f) => !theirs.includes(f)).slice(0, 8).join(',')}] not Wireshark's, Wireshark [${theirs.filter((f) => !ours.includes(f)).slice(0, 8).join(',')}] not ours`)
      }
    }
    expect(wrong).toEqual([])
  }, VALUE_FILTERS_MS)
})

/** One filter in every few (all fields, in turn), each run by tshark on every corpus file holding the field. */
const SAMPLE_EVERY = 10
/** tshark starts in about half a second: a field held by many files takes several seconds on a loaded machine. */
const TSHARK_RUNS_MS = 60_000

describe.runIf(hasTshark)('a sample of them, run by tshark -Y itself (tshark installed here)', () => {
  const sample = cases.flatMap(([name, values]) => [...values].map(([value, files]) => ({ filter: `${name} == ${value}`, files: [...files.keys()] }))).filter((_, k) => k % SAMPLE_EVERY === 0)
  it.each(sample.map((s) => [s.filter, s.files] as const))('%s', (filter, files) => {
    for (const file of files) {
      let theirs: number[]
      try {
        theirs = tsharkSelects(file, filter)
      } catch (error) {
        if (tsharkRefusesValue(error)) continue
        throw error
      }
      const other = framesDecodedDifferently(basename(file))
      const ours = [...runFilter(indexes.get(file)!, compileFilter(filter))].map((i) => i + 1).filter((f) => !other.has(f))
      expect(ours, basename(file)).toEqual(theirs.filter((f) => !other.has(f)))
    }
  }, TSHARK_RUNS_MS)
})

/** DNS names, which the corpus has few of: each form once, in frames made with the engine's encoders. */
describe('names in DNS wire format compare as the text Wireshark shows', () => {
  const wire = (...names: string[]) => names.flatMap((name) => [...name.split('.').filter(Boolean).flatMap((label) => [label.length, ...Buffer.from(label)]), 0])
  const partial = (label: string) => [label.length, ...Buffer.from(label)]
  const v4 = (options: { code: number; bytes: number[] }[]) => encodeDhcp4Message({ op: 1, xid: 0x0a11ce, chaddr: '02:00:00:00:00:01', options: [{ code: 53, bytes: [1] }, ...options] })
  const v6 = (options: { code: number; bytes: number[] }[]) => encodeDhcp6Message(1, 0x0a11ce, [{ code: 1, bytes: [0, 3, 0, 1, 2, 0, 0, 0, 0, 1] }, ...options])
  const payloads: [4 | 6, Uint8Array][] = [
    [4, v4([{ code: 81, bytes: [0x05, 0, 0, ...wire('pc-60.fieldkit.test')] }])],
    [4, v4([{ code: 81, bytes: [0x05, 0, 0, ...partial('pc-60')] }])],
    [4, v4([{ code: 81, bytes: [0x01, 0, 0, ...Buffer.from('pc-61.example')] }])],
    [4, v4([{ code: 119, bytes: wire('example.com', 'sales.example.com') }])],
    [6, v6([{ code: 39, bytes: [0x01, ...wire('host.example.com')] }])],
    [6, v6([{ code: 39, bytes: [0x01, ...partial('raspberrypi')] }])],
    [6, v6([{ code: 24, bytes: wire('example.com', 'sales.example.com') }])],
  ]
  const file = join(tempDir('dns-names'), 'names.pcap')
  writeCapture(file, 'pcap', payloads.map(([family, payload], i) => {
    const data = family === 4
      ? ethernetIpv4Udp('02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })
      : ethernetIpv6Udp('02:00:00:00:00:01', '33:33:00:01:00:02', { sourceIp: 'fe80::1', destinationIp: 'ff02::1:2', sourcePort: 546, destinationPort: 547, payload })
    return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: data.length, linkType: 1, interfaceId: 0, data }
  }), { digits: 6 })
  const index = indexCaptureFile(file).index
  const expected: [string, number[]][] = [
    ['dhcp.fqdn.name == "pc-60.fieldkit.test"', [1]], ['dhcp.fqdn.name == "pc-60"', [2]], ['dhcp.fqdn.name == "pc-61.example"', [3]],
    ['dhcp.fqdn.name contains "fieldkit.test"', [1]],
    ['dhcp.option.dhcp_dns_domain_search_list_fqdn == "sales.example.com"', [4]], ['dhcp.option.dhcp_dns_domain_search_list_fqdn == "example.com"', [4]],
    ['dhcpv6.client_domain == "host.example.com."', [5]], ['dhcpv6.client_domain == "raspberrypi"', [6]], ['dhcpv6.client_domain == "host.example.com"', []],
    ['dhcpv6.search_list_entry == "sales.example.com."', [7]], ['dhcpv6.search_list_entry contains "sales"', [7]],
  ]
  it.each(expected)('%s', (filter, frames) => {
    expect([...runFilter(index, compileFilter(filter))].map((i) => i + 1)).toEqual(frames)
    if (hasTshark) expect(tsharkSelects(file, filter)).toEqual(frames)
  })
})
