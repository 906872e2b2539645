// DHCPv4 option cases the corpus lacks, built on a real DISCOVER frame: options split across instances and areas
// (RFC 3396), PXE sub-options in option 43, vendor data by vendor (options 43 and 125).
import { describe, expect, it } from 'vitest'
import { FrameScan } from '../../electron/engine/decode/scan'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { jsonLine } from '../../electron/engine/decode/json'
import type { FieldNode } from '../../electron/engine/decode/field'
import { RFC3396_CONTINUATION } from '../../electron/engine/decode/dhcp4/decode'
import type { Dhcp4Message } from '../../electron/engine/decode/types'
import { corpusDir, decodeFile } from '../helpers/corpus'

const [{ record }] = decodeFile(`${corpusDir}zeek__dhcp.pcap`)
const discover = record.data
const BOOTP = 14 + 20 + 8
const OPTIONS = BOOTP + 240

/**
 * The DISCOVER with its options replaced and, when given, its sname (64 bytes) and file (128 bytes) fields filled;
 * lengths fixed (the UDP checksum is left stale: a note, not an error).
 */
function withOptions(...options: number[][]): Uint8Array {
  return withAreas({}, ...options)
}

function withAreas(areas: { sname?: number[]; file?: number[] }, ...options: number[][]): Uint8Array {
  const frame = Uint8Array.from([...discover.subarray(0, OPTIONS), ...options.flat(), 255])
  frame.fill(0, BOOTP + 44, BOOTP + 236)
  frame.set(areas.sname ?? [], BOOTP + 44)
  frame.set(areas.file ?? [], BOOTP + 108)
  const ipLength = frame.length - 14
  frame[16] = ipLength >> 8
  frame[17] = ipLength & 0xff
  frame[38] = (ipLength - 20) >> 8
  frame[39] = (ipLength - 20) & 0xff
  frame[24] = 0
  frame[25] = 0
  return frame
}

const text = (s: string) => [...Buffer.from(s)]
/** A DNS name in RFC 1035 wire format. */
const name = (s: string) => [...s.split('.').flatMap((label) => [label.length, ...text(label)]), 0]
const all = (n: FieldNode): FieldNode[] => [n, ...(n.children ?? []).flatMap(all)]

describe('DHCPv4 options', () => {
  it('joins an option split into several instances (RFC 3396) before decoding it', () => {
    // Option 6 with three DNS servers, split in the middle of the second address.
    const frame = decodeFrame(1, withOptions([53, 1, 1], [6, 6, 192, 0, 2, 1, 192, 0], [12, 4, ...text('host')], [6, 6, 2, 2, 192, 0, 2, 3]))
    const dhcp = frame.dhcp as Dhcp4Message
    expect(frame.malformed).toBe(false)
    expect(dhcp.options.map((o) => o.code)).toEqual([53, 6, 12, 6])
    expect(dhcp.options[1].value).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3'])
    expect(dhcp.options[3].value).toBe(RFC3396_CONTINUATION)
    const node = dhcp.tree.children!.find((n) => n.label === 'Option: (6) Domain Name Server')!
    expect(node.value).toBe('192.0.2.1, 192.0.2.2, 192.0.2.3 (RFC 3396: joined from 2 instances)')
  })

  it('still flags a joined value its format cannot have', () => {
    const frame = decodeFrame(1, withOptions([53, 1, 1], [6, 3, 192, 0, 2], [6, 2, 1, 9]))
    expect(frame.malformed).toBe(true)
    expect(frame.warnings.find((w) => w.startsWith('Option'))).toMatch(/^Option 6 \(Domain Name Server\) at offset \d+: length 5 is invalid, expected a multiple of 4$/)
  })

  it('joins pieces across the options field, file and sname in that order (RFC 3396 section 5, RFC 2131 section 4.1)', () => {
    // Domain name "example.org" (15) and search list example.org, corp.example.org (119), each cut in three: the
    // first piece in the options field, the second in file, the third in sname. Any other order scrambles them.
    const search = [...name('example.org'), ...name('corp.example.org')]
    const frame = withAreas(
      {
        file: [15, 4, ...text('mple'), 119, 10, ...search.slice(4, 14), 255],
        sname: [15, 4, ...text('.org'), 119, search.length - 14, ...search.slice(14), 255],
      },
      [53, 1, 1], [52, 1, 3], [15, 3, ...text('exa')], [119, 4, ...search.slice(0, 4)],
    )
    const decoded = decodeFrame(1, frame)
    const dhcp = decoded.dhcp as Dhcp4Message
    expect(decoded.malformed).toBe(false)
    // Listed where option 52 stands (sname's, then file's, as Wireshark lists them), then the options field's,
    // which carries the joined value.
    const values = (code: number) => dhcp.options.filter((o) => o.code === code).map((o) => o.value)
    expect(values(15)).toEqual([RFC3396_CONTINUATION, RFC3396_CONTINUATION, 'example.org'])
    expect(values(119)).toEqual([RFC3396_CONTINUATION, RFC3396_CONTINUATION, ['example.org', 'corp.example.org']])
    expect(all(dhcp.tree).find((n) => n.key === 'dhcp.option.domain_name' && n.value?.startsWith('"'))?.value)
      .toBe('"example.org" (RFC 3396: joined from 3 instances)')

    const line = JSON.parse(jsonLine({ ...record, data: frame, originalLength: frame.length }, decoded)!)
    expect(line.options.filter((o: { code: number }) => o.code === 15).map((o: { value: unknown }) => o.value)).toEqual(values(15))
    expect(line).toMatchObject({ sname: '', file: '' })

    // The scanner (and through its index the filters) meets the pieces in the same order.
    const scan = new FrameScan().scan(1, frame)
    const offsets = (code: number) => [...scan.optionOffsets.subarray(0, scan.optionCount)].filter((_, i) => scan.optionCodes[i] === code)
    expect(offsets(15)).toEqual([OPTIONS + 8, BOOTP + 110, BOOTP + 46])
    expect(offsets(119)).toEqual([OPTIONS + 13, BOOTP + 116, BOOTP + 52])
  })

  it('reads option 43 as PXE sub-options when option 60 says PXEClient', () => {
    const pxe = [6, 1, 8, 8, 7, 0x80, 0x00, 1, 192, 0, 2, 1, 9, 12, 0x80, 0x00, 9, ...text('Linux PXE'), 10, 5, 5, ...text('Boot'), 71, 4, 0x80, 0x00, 0, 0, 255]
    const frame = decodeFrame(1, withOptions([53, 1, 1], [60, 32, ...text('PXEClient:Arch:00000:UNDI:002001')], [43, pxe.length, ...pxe]))
    const dhcp = frame.dhcp as Dhcp4Message
    expect(frame.malformed).toBe(false)
    expect(dhcp.options.find((o) => o.code === 43)!.value).toEqual([
      { code: 6, name: 'PXE_DISCOVERY_CONTROL', value: 8 },
      { code: 8, name: 'PXE_BOOT_SERVERS', value: [{ type: 0x8000, addresses: ['192.0.2.1'] }] },
      { code: 9, name: 'PXE_BOOT_MENU', value: [{ type: 0x8000, description: 'Linux PXE' }] },
      { code: 10, name: 'PXE_MENU_PROMPT', value: { timeout: 5, prompt: 'Boot' } },
      { code: 71, name: 'PXE_BOOT_ITEM', value: { type: 0x8000, layer: 0 } },
    ])
    // Without PXEClient the same bytes are opaque vendor data (not printable: hex).
    const plain = decodeFrame(1, withOptions([53, 1, 1], [43, pxe.length, ...pxe]))
    expect((plain.dhcp as Dhcp4Message).options.find((o) => o.code === 43)!.value).toBe(Buffer.from(pxe).toString('hex'))
  })

  it('shows option 43 as its vendor writes it: Aruba\'s controller address as text, other printable data as text', () => {
    const aruba = decodeFrame(1, withOptions([53, 1, 2], [60, 7, ...text('ArubaAP')], [43, 11, ...text('172.18.6.37')]))
    expect((aruba.dhcp as Dhcp4Message).options.find((o) => o.code === 43)!.value).toBe('172.18.6.37')
    const other = decodeFrame(1, withOptions([53, 1, 2], [43, 12, ...text('vendor-data1')]))
    expect((other.dhcp as Dhcp4Message).options.find((o) => o.code === 43)!.value).toBe('vendor-data1')
  })
})

describe('V-I vendor-specific information (option 125, RFC 3925)', () => {
  // One option, three enterprises: Broadband Forum TR-111 (3561), CableLabs (4491), and one without a table (9).
  const sub = (code: number, data: number[]) => [code, data.length, ...data]
  const enterprise = (number: number, ...subs: number[][]) => [0, 0, number >> 8, number & 0xff, subs.flat().length, ...subs.flat()]
  const data = [
    ...enterprise(3561, sub(1, text('00D09E')), sub(2, text('WECO10KH05005695')), sub(3, text('IGD')), sub(4, text('001122')), sub(5, text('GW-1')), sub(6, text('HGW'))),
    ...enterprise(4491, sub(1, [1, 2, 3]), sub(2, [10, 0, 0, 1, 10, 0, 0, 2]), sub(4, [2])),
    ...enterprise(9, sub(5, [192, 0, 2, 1]), sub(11, text('ab12'))),
  ]
  const frame = withOptions([53, 1, 5], [125, data.length, ...data])
  const decoded = decodeFrame(1, frame)
  const option = (decoded.dhcp as Dhcp4Message).options.find((o) => o.code === 125)!

  it('types each enterprise\'s sub-options by its own table, not option 82\'s', () => {
    expect(decoded.malformed).toBe(false)
    expect(option.value).toEqual([
      {
        enterprise: 3561, suboptions: [
          { code: 1, name: 'DeviceManufacturerOUI', value: '00D09E' }, { code: 2, name: 'DeviceSerialNumber', value: 'WECO10KH05005695' },
          { code: 3, name: 'DeviceProductClass', value: 'IGD' }, { code: 4, name: 'GatewayManufacturerOUI', value: '001122' },
          { code: 5, name: 'GatewaySerialNumber', value: 'GW-1' }, { code: 6, name: 'GatewayProductClass', value: 'HGW' },
        ],
      },
      {
        enterprise: 4491, suboptions: [
          { code: 1, name: 'Option Request', value: ['1', '2', '3'] }, { code: 2, name: 'TFTP Server Addresses', value: ['10.0.0.1', '10.0.0.2'] },
          { code: 4, name: 'MIB Environment Indicator Option', value: 2 },
        ],
      },
      // Without a table: sub-option 5 of four bytes is not an address (that is option 82's meaning of 5).
      { enterprise: 9, suboptions: [{ code: 5, name: 'Unknown (5)', value: 'c0000201' }, { code: 11, name: 'Unknown (11)', value: 'ab12' }] },
    ])
  })

  it('keeps every sub-option\'s bytes in the field tree', () => {
    const serial = all((decoded.dhcp as Dhcp4Message).tree).find((n) => n.label === 'DeviceSerialNumber')!
    expect(serial.value).toBe('"WECO10KH05005695"')
    expect(Buffer.from(frame.subarray(serial.offset + 2, serial.offset + serial.length)).toString()).toBe('WECO10KH05005695')
    expect(frame[serial.offset]).toBe(2)
  })
})
