// Wireshark's field names as filters: every DHCP and DHCPv6 field Wireshark's own decode of the corpus names
// (the stored `*.tshark.json`) is a filter field here and, as a bare name, selects exactly the packets in which
// Wireshark shows it; the names not taken yet are listed, each with why.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkFilter, compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { corpusDir, corpusFiles, wiresharkDecode, type TsharkValue } from '../helpers/corpus'

const notYet: [RegExp, string][] = [
  [/\.(length|suboption_length|type_str)$|^dhcp\.option\.(value|vendor\.value|agent_information_option\.(suboption|value))$|^dhcpv6\.(vendoropts\.enterprise\.option_(code|length)|ntpserver\.option\.type)$/,
    'the code, length or raw value of an option or sub-option: the tree shows them, filters compare the option itself'],
  [/^dhcp\.flags\.reserved$|\.discovery_control(\.|$)|^dhcpv6\.clientfqdn\.client\.|^dhcpv6\.client_fqdn_flags$/, 'single bits of a flags field; the field is compared whole'],
  [/^dhcp\.(bad_length|secs_le|server_name_overloaded_by_dhcp|boot_filename_overloaded_by_dhcp)$|^dhcpv6\.malformed_option$/,
    'Wireshark\'s expert notes: here `malformed` and the packet\'s warnings'],
  [/^dhcp\.option\.vendor\.pxeclient\./, 'PXE sub-options are dhcp.option.vendor.pxe.<code> here'],
  [/^dhcp\.option\.vendor\.arubaap\./, 'option 43 by vendor: shown as text, filtered as dhcp.option.vendor_info'],
  [/^dhcp\.client_id\.uuid$|^dhcp\.client_network_id_m(aj|in)or$|^dhcp\.option\.static_route\.|^dhcp\.option\.user_class\.data$|^dhcpv6\.(vendorclass\.|userclass\.opaque_data|ntpserver\.|vendoropts\.enterprise\.option_data|client_domain$|duid\.bytes$)/,
    'parts of an option\'s value the tree shows without a field of their own yet'],
  [/^dhcp\.bootp$/, 'Wireshark\'s name for a BOOTP packet without DHCP options: here `dhcp and not dhcp.option.dhcp`'],
  [/^dhcp\.type$/, 'here dhcp.type is the DHCP message type (option 53: `dhcp.type == DISCOVER`), Wireshark\'s is BOOTP\'s op (here dhcp.op)'],
]

/** Packets where Wireshark shows DHCP fields and this decoder does not, or the other way round. */
const otherPackets: { file: string; frames: number[]; why: string }[] = [
  { file: 'tcpdump__dhcp-rfc4388.pcap', frames: [6, 16, 36], why: 'ICMP errors quoting a DHCP packet: Wireshark dissects the quoted packet too; we decode the layers down to DHCP only' },
  { file: 'tcpdump__bootp_asan.pcap', frames: [1], why: 'a fuzzed IPv4 fragment of which 90 of 65,570 bytes were captured: Wireshark shows an empty DHCP tree, we read the fields that were captured' },
]
const skipped = (file: string) => new Set(otherPackets.filter((o) => o.file === file).flatMap((o) => o.frames))

/** The DHCP/DHCPv6 field names in a packet's Wireshark decode. */
function names(value: TsharkValue, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => names(v, into))
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (/^dhcp(v6)?\.[\w.]+$/.test(key) && !key.endsWith('_tree')) into.add(key)
      names(inner, into)
    }
  }
  return into
}

const framesByName = new Map<string, Map<string, Set<number>>>()
for (const file of corpusFiles()) {
  for (const [frame, layers] of wiresharkDecode(join(corpusDir, `${file}.tshark.json`))) {
    for (const name of names(layers)) {
      const byFile = framesByName.get(name) ?? new Map<string, Set<number>>()
      const frames = byFile.get(file) ?? new Set<number>()
      frames.add(frame)
      byFile.set(file, frames)
      framesByName.set(name, byFile)
    }
  }
}
const why = (name: string) => notYet.find(([pattern]) => pattern.test(name))?.[1]
const taken = [...framesByName.keys()].filter((name) => !why(name)).sort()
const indexes = new Map(corpusFiles().map((file) => [file, indexCaptureFile(join(corpusDir, file)).index]))

describe('Wireshark\'s field names', () => {
  it('are taken, but for those listed with the reason', () => {
    expect(framesByName.size).toBeGreaterThan(140)
    expect(taken.length).toBeGreaterThan(80)
    expect(taken.filter((name) => !checkFilter(name).ok)).toEqual([])
  })

  it.each(taken)('%s selects the packets in which Wireshark shows it', (name) => {
    const test = compileFilter(name)
    for (const [file, index] of indexes) {
      const other = skipped(file)
      const ours = [...runFilter(index, test)].map((i) => i + 1).filter((f) => !other.has(f))
      const theirs = [...(framesByName.get(name)!.get(file) ?? [])].filter((f) => !other.has(f)).sort((a, b) => a - b)
      expect(ours, `${file}`).toEqual(theirs)
    }
  })
})
