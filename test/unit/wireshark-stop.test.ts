// Where Wireshark stops dissecting a packet (an exception in a malformed DHCPv4 option, a DHCPv6 option cut short in
// a container), its filters see nothing after: ours neither. The field tree marks what comes after
// (FieldNode.pastWiresharkStop) for the filters that read it; the scanner flags the same options for the index's
// fast fields. Both must agree, on the lab's capture of malformed options, the corpus, and mutations of them.
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { FieldNode } from '../../electron/engine/decode/field'
import { FrameScan } from '../../electron/engine/decode/scan'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { corpusDir, corpusFiles, decodeFile, labCapturesDir } from '../helpers/corpus'

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

const seeds = [MALFORMED, ...corpusFiles().map((file) => join(corpusDir, file))].flatMap((file) => decodeFile(file)).filter((p) => p.decoded.dhcp)

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
