// Option 125 of the Broadband Forum (enterprise 3561, TR-111): a CPE and its gateway name each other (OUI, serial
// number, product class). Wireshark gives each sub-option's code, length and value its own field: so do we.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { tempDir } from '../helpers/temp'
import { hasTshark, NO_TSHARK, tsharkSelects } from '../helpers/tshark'

const subOption = (code: number, text: string) => [code, text.length, ...Buffer.from(text)]
/** Option 125's value: one enterprise block of sub-options. */
const viVendorInfo = (subOptions: number[][]) => {
  const data = subOptions.flat()
  return [0, 0, 0x0d, 0xe9, data.length, ...data]
}

function writeTr111(): string {
  const file = join(tempDir('fieldkit-tr111'), 'tr111.pcap')
  const options = [
    // A CPE's REQUEST names itself; its gateway's OFFER names the gateway.
    viVendorInfo([subOption(1, '00D09E'), subOption(2, 'CPE-0042'), subOption(3, 'IGD')]),
    viVendorInfo([subOption(4, '8CF813'), subOption(5, 'OPS301638001984'), subOption(6, 'Livebox 3')]),
  ]
  writeCapture(file, 'pcap', options.map((bytes, i) => {
    const payload = encodeDhcp4Message({ op: i === 0 ? 1 : 2, xid: 0x7100, chaddr: '02:00:00:00:00:01', options: [{ code: 53, bytes: [i ? 2 : 3] }, { code: 125, bytes }] })
    const data = ethernetIpv4Udp('02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })
    return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: data.length, linkType: 1, interfaceId: 0, data }
  }), { digits: 6 })
  return file
}

describe('TR-111 sub-options of option 125', () => {
  it(`are filtered by Wireshark's names for their code, length and values, as tshark -Y does${NO_TSHARK}`, { skip: !hasTshark, timeout: 60_000 }, () => {
    const file = writeTr111()
    const { index } = indexCaptureFile(file)
    const filters = [
      'dhcp.option.vi.tr111.suboption == 1', 'dhcp.option.vi.tr111.suboption == 6', 'dhcp.option.suboption_length == 15',
      'dhcp.option.vi.tr111.device_manufacturer_oui == 0x00d09e', 'dhcp.option.vi.tr111.device_serial_number == "CPE-0042"',
      'dhcp.option.vi.tr111.device_product_class == "IGD"', 'dhcp.option.vi.tr111.gateway_manufacturer_oui == "8CF813"',
      'dhcp.option.vi.tr111.gateway_serial_number contains "1638"', 'dhcp.option.vi.tr111.gateway_product_class == "Livebox 3"',
      'dhcp.option.vi.value == 49:47:44',
    ]
    const selected = filters.map((filter) => [filter, [...runFilter(index, compileFilter(filter))].map((i) => i + 1)])
    expect(selected).toEqual(filters.map((filter) => [filter, tsharkSelects(file, filter)]))
    expect(selected.every(([, frames]) => frames.length === 1)).toBe(true)
  })
})
