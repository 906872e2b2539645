// Where Wireshark stops dissecting a packet (an exception in a malformed DHCPv4 option, a DHCPv6 option cut short in
// a container), its filters see nothing after: ours neither. The field tree marks what comes after
// (FieldNode.pastWiresharkStop) for the filters that read it; the scanner flags the same options for the index's
// fast fields. Both must agree, on the lab's capture of malformed options, the corpus, and mutations of them.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { FieldNode } from '../../electron/engine/decode/field'
import { FrameScan } from '../../electron/engine/decode/scan'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { ipv6Udp } from '../../electron/engine/client/framing6'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { encodeDhcp6Message } from '../../electron/engine/decode/dhcp6/encode-message'
import { corpusDir, corpusFiles, decodeFile, labCapturesDir } from '../helpers/corpus'
import { pcapFile } from '../helpers/pcap-bytes'
import { tempDir } from '../helpers/temp'
import { hasTshark, tsharkSelects } from '../helpers/tshark'

const MALFORMED = join(labCapturesDir, 'fieldkit-lab__malformed-options.pcap')

/** Value offsets of the options the tree says Wireshark does not read (not those cut short, which the scanner skips). */
function pastStop(nodes: FieldNode[], past = false, out: number[] = []): number[] {
  for (const node of nodes) {
    const beyond = past || node.pastWiresharkStop === true
    const v4 = node.label.startsWith('Option: (') && node.key !== 'dhcp.option' && node.key !== 'dhcp.option.padding' && node.key !== 'dhcp.option.end'
    const v6 = node.children?.some((child) => child.key === 'dhcpv6.option.type')
    if (beyond && (v4 || v6)) out.push(node.offset + (v4 ? 2 : 4))
    pastStop(node.children ?? [], beyond, out)
  }
  return out
}

function unseenByScanner(linkType: number, data: Uint8Array): number[] {
  const scan = new FrameScan().scan(linkType, data)
  return Array.from({ length: scan.optionCount }, (_, k) => k).filter((k) => scan.wiresharkUnseen[k]).map((k) => scan.optionOffsets[k])
}

const seeds = [MALFORMED, join(labCapturesDir, 'fieldkit-lab__malformed-options2.pcap'), ...corpusFiles().map((file) => join(corpusDir, file))].flatMap((file) => decodeFile(file)).filter((p) => p.decoded.dhcp)

describe('where Wireshark stops dissecting', () => {
  it('leaves the options after an exception, or after a DHCPv6 option cut short in a container, out of the filters', () => {
    const { index } = indexCaptureFile(MALFORMED)
    const frames = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
    // Frame 9: option 63's sub-option 10 runs past the option; Wireshark's exception hides 64 to 71 and End.
    expect(frames('dhcp.option.type == 63')).toEqual([9])
    expect(frames('dhcp.option.type == 67 or dhcp.option.bootfile_name')).toEqual([])
    expect(frames('frame.number == 9 and dhcp.option.end')).toEqual([])
    // Frame 14: option 123's DSS_ID overruns; 128 to 133 after it are not read.
    expect(frames('dhcp.option.type == 128')).toEqual([])
    expect(frames('dhcp.option.cl_dss_id.len == 11')).toEqual([14])
    // Frame 29: S46 MAP-E (94) of 3 bytes holds a cut-short option; the options after it are not read.
    expect(frames('dhcpv6.option.type == 94')).toEqual([29])
    expect(frames('frame.number == 29 and dhcpv6.option.type == 95')).toEqual([])
    // The tree still shows them, marked.
    const tree = decodeFrame(1, decodeFile(MALFORMED)[8].record.data).dhcp!.tree
    const bootfile = tree.children!.find((node) => node.label.startsWith('Option: (67)'))
    expect(bootfile?.pastWiresharkStop).toBe(true)
  })

  it('follows Wireshark\'s readings that raise an exception: DNS names (81, 119, 120, 146, 122), option 61\'s DUID, 124\'s data', () => {
    const after = { code: 12, bytes: [...Buffer.from('after')] }
    const cases: { code: number; bytes: number[]; stops: boolean }[] = [
      { code: 119, bytes: [10, 0x61, 0x62], stops: true }, // a label of 10 in 3 bytes
      { code: 119, bytes: [3, 0x61, 0x62, 0x63, 0xc0, 0x00], stops: false }, // a pointer loop: said, not an exception
      { code: 81, bytes: [0x05, 0, 0, 3, 0x61, 0x62], stops: true }, // E flag, a label cut short
      { code: 81, bytes: [0x01, 0, 0, 3, 0x61, 0x62], stops: false }, // no E flag: text
      { code: 120, bytes: [0, 3, 0x61, 0x62], stops: true },
      { code: 146, bytes: [1, 192, 0, 2, 1, 192, 0, 2, 2, 5, 0x61], stops: true },
      { code: 119, bytes: [0x80, 0x61], stops: true }, // a label type Wireshark does not read
      { code: 119, bytes: [0x61, 0x62, 0x63], stops: true }, // an extended label first: a name of one byte
      { code: 119, bytes: [0x41, 8, 0xff, 0], stops: true }, // a bitstring label alone: bytes, but no text
      { code: 119, bytes: [0, 3, 0x61, 0x62, 0x63, 0], stops: false }, // the root, then a name
      { code: 61, bytes: [255, 0, 0, 0, 1, 0], stops: true }, // type 255: the DUID's type is not there
      { code: 61, bytes: [255, 0, 0, 0, 1, 0, 1], stops: false }, // DUID-LLT in 7 bytes: noted, not read
      { code: 61, bytes: [255, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0], stops: true }, // DUID-LLT whose time is cut short
      { code: 61, bytes: [255, 0, 0, 0, 1, 0, 3, 0, 1, 2, 0, 0, 0, 0, 1], stops: false }, // a whole DUID-LL
      { code: 124, bytes: [0, 0, 0, 9, 5, 3, 0x61, 0x62], stops: true }, // data of 5 in 3 bytes
      { code: 124, bytes: [0, 0, 0, 9, 4, 3, 0x61, 0x62, 0x63], stops: false },
      { code: 122, bytes: [6, 3, 0x61, 0x62, 0x63], stops: true }, // a Kerberos realm as text, not a name
      { code: 122, bytes: [6, 5, 3, 0x61, 0x62, 0x63, 0], stops: false },
      { code: 122, bytes: [3, 5, 0, 2, 0x61, 0x62, 0], stops: false }, // a provisioning server by name
      { code: 121, bytes: [24, 10, 0, 0, 192, 0], stops: true }, // a route cut short
      { code: 121, bytes: [33, 10, 0, 0, 0, 192, 0, 2, 1], stops: false }, // a prefix over 32: noted, reading ends
    ]
    const file = join(tempDir('wireshark-stop'), 'names.pcap')
    writeCapture(file, 'pcap', cases.map(({ code, bytes }, i) => {
      const payload = encodeDhcp4Message({ op: 1, xid: 0x5700 + i, chaddr: '02:00:00:00:00:01', options: [{ code: 53, bytes: [1] }, { code, bytes }, after] })
      const data = ethernetIpv4Udp('02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })
      return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: data.length, linkType: 1, interfaceId: 0, data }
    }), { digits: 6 })
    const read = cases.flatMap(({ stops }, i) => (stops ? [] : [i + 1]))
    const filter = 'dhcp.option.hostname == "after"'
    expect([...runFilter(indexCaptureFile(file).index, compileFilter(filter))].map((i) => i + 1)).toEqual(read)
    if (hasTshark) expect(tsharkSelects(file, filter)).toEqual(read)
  }, 30_000)

  it('notes what Wireshark notes: sub-options cut short (82, 122), a route prefix over 32; and reads routes and names as it shows them', () => {
    const options = [
      [{ code: 82, bytes: [1, 3, 0x61, 0x62, 0x63, 2, 10, 0x61, 0x62] }], // agent remote id of 10 in 2 bytes
      [{ code: 82, bytes: [1, 3, 0x61, 0x62, 0x63] }],
      [{ code: 122, bytes: [3, 2, 1, 0xc0] }], // a provisioning server address (type 1) of one byte
      [{ code: 122, bytes: [3, 5, 1, 192, 0, 2, 1] }],
      [{ code: 82, bytes: [1, 3, 0x61, 0x62, 0x63, 2] }], // no room for the length
      [{ code: 121, bytes: [0, 192, 0, 2, 1, 16, 10, 10, 192, 0, 2, 1] }], // two routes, each a value of its own
      [{ code: 121, bytes: [33, 10, 0, 0, 0, 192, 0, 2, 1] }],
      [{ code: 119, bytes: [3, 0x61, 0x62, 0x63, 0xc0, 0x00, 0, 2, 0x63, 0x64, 0] }], // a pointer loop, the root, a name
    ]
    const file = join(tempDir('wireshark-stop'), 'missing.pcap')
    writeCapture(file, 'pcap', options.map((extra, i) => {
      const payload = encodeDhcp4Message({ op: 1, xid: 0x5800 + i, chaddr: '02:00:00:00:00:01', options: [{ code: 53, bytes: [1] }, ...extra] })
      const data = ethernetIpv4Udp('02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })
      return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: data.length, linkType: 1, interfaceId: 0, data }
    }), { digits: 6 })
    const { index } = indexCaptureFile(file)
    for (const [filter, frames] of [['dhcp.missing_subopt_value', [1, 3]], ['dhcp.missing_subopt_length', [5]], ['dhcp.option.classless_static_route == 10:0a:0a:c0:00:02:01', [6]], ['dhcp.option.classless_static.route', [7]],
      ['dhcp.option.dhcp_dns_domain_search_list_fqdn == "<Name contains a pointer that loops>"', [8]], ['dhcp.option.dhcp_dns_domain_search_list_fqdn == "<Root>"', [8]],
      ['dhcp.option.dhcp_dns_domain_search_list_fqdn == "cd"', [8]]] as const) {
      expect([...runFilter(index, compileFilter(filter))].map((i) => i + 1)).toEqual(frames)
      if (hasTshark) expect(tsharkSelects(file, filter)).toEqual(frames)
    }
  }, 30_000)

  it('reads DHCPv6 domain names as Wireshark does: TLDs, partial names and names past their field apart', () => {
    const name = (...labels: string[]) => labels.flatMap((label) => [label.length, ...Buffer.from(label)])
    const cases: { code: number; bytes: number[] }[] = [
      { code: 24, bytes: [...name('lab', 'test'), 0, ...name('abc'), 0] }, // a name, then a TLD
      { code: 24, bytes: [...name('abc'), 0, 3, 0x64, 0x65] }, // a TLD, then a label past the field
      { code: 64, bytes: name('abc') }, // a partial name
      { code: 64, bytes: name('ab', 'cd') }, // a partial name of two labels, as Wireshark copies it
      { code: 24, bytes: [0] }, // the root alone
      { code: 21, bytes: [...name('sip', 'test'), 0, ...name('x')] }, // a partial name after a full one
    ]
    const file = join(tempDir('wireshark-stop'), 'domains6.pcap')
    writeCapture(file, 'pcap', cases.map(({ code, bytes }, i) => {
      const payload = encodeDhcp6Message(1, 0x600 + i, [{ code: 1, bytes: [0, 3, 0, 1, 2, 0, 0, 0, 0, 1] }, { code, bytes }])
      const data = ipv6Udp({ sourceIp: 'fe80::1', destinationIp: 'ff02::1:2', sourcePort: 546, destinationPort: 547, payload })
      return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: data.length, linkType: 229, interfaceId: 0, data }
    }), { digits: 6 })
    const { index } = indexCaptureFile(file)
    const filters: [string, number[]][] = [
      ['dhcpv6.search_list_entry == "lab.test."', [1]], ['dhcpv6.search_list_entry', [1]], ['dhcpv6.tld == "abc."', [1, 2]],
      ['dhcpv6.domain_field_len_exceeded', [2]], ['dhcpv6.aftr_name == "abc"', [3]], ['dhcpv6.aftr_name == "abab"', [4]],
      ['dhcpv6.root_only_domain_name', [5]], ['dhcpv6.partial_name_preceded_by_fqdn', [6]], ['dhcpv6.sip_server_domain_search_fqdn', [6]],
    ]
    for (const [filter, frames] of filters) {
      expect([...runFilter(index, compileFilter(filter))].map((i) => i + 1), filter).toEqual(frames)
      if (hasTshark) expect(tsharkSelects(file, filter), filter).toEqual(frames)
    }
  }, 30_000)

  it('shows no field of a DHCPv4 message the capture cut short before its options end, as Wireshark, which gives up on it', () => {
    const payload = encodeDhcp4Message({ op: 1, xid: 0x5800, chaddr: '02:00:00:00:00:01', options: [{ code: 53, bytes: [1] }, { code: 12, bytes: [...Buffer.from('cut')] }] })
    const whole = ethernetIpv4Udp('02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })
    const dhcpStart = 42
    const endOption = dhcpStart + 240 + 3 + 5
    // Where the capture's snapshot length cut each frame: in the BOOTP header, after the cookie, inside an option,
    // just before End, just after it (the padding after End cut), and not at all.
    const cuts = [dhcpStart + 48, dhcpStart + 240, dhcpStart + 245, endOption, endOption + 1, whole.length]
    const file = join(tempDir('wireshark-stop'), 'snapshot-cut.pcap')
    writeCapture(file, 'pcap', cuts.map((cut, i) => {
      const data = whole.slice(0, cut)
      return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: whole.length, linkType: 1, interfaceId: 0, data }
    }), { digits: 6 })
    const { index } = indexCaptureFile(file)
    const frames = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
    // Frame 1's datagram (300 bytes) ends where Wireshark's walk would start without a cookie: it walks nothing, and
    // shows the header fields captured. The others it walks into the cut, unless End was captured (5, 6).
    const expected: Record<string, number[]> = {
      'dhcp.id': [1, 5, 6], 'dhcp.hw.mac_addr': [1, 5, 6], 'dhcp.cookie': [5, 6], 'dhcp.option.type': [5, 6], 'dhcp.option.dhcp == 1': [5, 6], 'dhcp.bootp': [],
    }
    for (const [filter, shown] of Object.entries(expected)) {
      expect(frames(filter), filter).toEqual(shown)
      if (hasTshark) expect(tsharkSelects(file, filter), `tshark -Y ${filter}`).toEqual(shown)
    }
    expect(frames('dhcp')).toEqual([1, 2, 3, 4, 5, 6])
    const second = decodeFrame(1, index.frame(1), whole.length)
    expect(second.dhcp!.tree.children).toBeUndefined()
    expect(second.warnings.join('\n')).toMatch(/Packet size limited during capture: 240 of 300 bytes kept/)
    expect(second.malformed).toBe(false)
  }, 30_000)

  it('shows the type and length of a DHCPv4 option whose length runs past its area, and nothing after it, as Wireshark', () => {
    const text = (value: string) => [...Buffer.from(value)]
    const frame = (payload: Uint8Array) => ethernetIpv4Udp('02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })
    // Frame 1: option 60 claims 49 bytes and the datagram ends 10 bytes into it (whole in the capture: a sender's bug).
    const options = [{ code: 53, bytes: [1] }, { code: 12, bytes: text('host') }, { code: 60, bytes: new Array(49).fill(0x41) }]
    const cutInOptions = encodeDhcp4Message({ op: 1, xid: 0x5801, chaddr: '02:00:00:00:00:01', options }).slice(0, 240 + 3 + 6 + 2 + 10)
    // Frame 2: option 52 puts options in file, read where 52 stands: 66, then 67 claiming 200 bytes of file's 128.
    // Option 12 after 52 is never read.
    const overloaded = encodeDhcp4Message({ op: 1, xid: 0x5802, chaddr: '02:00:00:00:00:01', options: [{ code: 53, bytes: [1] }, { code: 52, bytes: [1] }, { code: 12, bytes: text('late') }] })
    overloaded.set([66, 4, ...text('tftp'), 67, 200, ...new Array(120).fill(0x78)], 108)
    const file = join(tempDir('wireshark-stop'), 'option-cut.pcap')
    writeFileSync(file, pcapFile([cutInOptions, overloaded].map(frame)))
    const { index } = indexCaptureFile(file)
    const frames = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
    const expected: Record<string, number[]> = {
      'dhcp.option.type == 60': [1], 'dhcp.option.length == 49': [1], 'dhcp.option.vendor_class_id': [], 'dhcp.option.type == 12': [1], 'dhcp.option.hostname': [1],
      'dhcp.option.type == 0': [], 'dhcp.option.type == 66': [2], 'dhcp.option.tftp_server_name == "tftp"': [2], 'dhcp.option.type == 67': [2],
      'dhcp.option.length == 200': [2], 'dhcp.option.bootfile_name': [], 'dhcp.option.hostname == "late"': [], 'dhcp.option.value': [1, 2],
    }
    for (const [filter, shown] of Object.entries(expected)) {
      expect(frames(filter), filter).toEqual(shown)
      if (hasTshark) expect(tsharkSelects(file, filter), `tshark -Y ${filter}`).toEqual(shown)
    }
  }, 30_000)

  it('is the same for the scanner and the field tree, on real captures and 20,000 mutations of them', () => {
    const check = (linkType: number, data: Uint8Array) => {
      const decoded = decodeFrame(linkType, data)
      expect(unseenByScanner(linkType, data).sort((a, b) => a - b)).toEqual(pastStop(decoded.layers).sort((a, b) => a - b))
    }
    for (const { record } of seeds) check(record.linkType, record.data)
    expect(seeds.filter(({ record }) => unseenByScanner(record.linkType, record.data).length > 0).length).toBeGreaterThan(1)
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (seed, sets) => {
        const data = Uint8Array.from(seeds[seed].record.data)
        for (const [at, value] of sets) data[at % data.length] = value
        check(seeds[seed].record.linkType, data)
      }),
      { numRuns: 20_000, seed: 20261201 },
    )
  }, 120_000)
})
