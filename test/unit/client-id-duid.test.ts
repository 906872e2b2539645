// A DHCPv4 client identifier that is an IAID and a DUID (RFC 4361: type 255), as dhcpcd and systemd-networkd send
// by default. Wireshark names its parts dhcp.client_id.*, not dhcpv6.duid*: so do our tree and filters.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { tempDir } from '../helpers/temp'
import { hasTshark, NO_TSHARK, tsharkSelects } from '../helpers/tshark'

const IAID = [0x27, 0xeb, 0x3d, 0x08]
const DUIDS = [
  [0, 1, 0, 1, 0x1f, 0xcb, 0x6d, 0xce, 0xb8, 0x27, 0xeb, 0x3d, 0x08, 0xdb], // LLT: Ethernet, time, MAC
  [0, 3, 0, 1, 0x34, 0x31, 0xc4, 0x3c, 0xb2, 0xf1], // LL: Ethernet, MAC
  [0, 2, 0, 0, 0x0d, 0xe9, 0xa1, 0xb2, 0xc3, 0xd4], // EN: enterprise 3561, identifier
  [0, 4, ...Array.from({ length: 16 }, (_, i) => i)], // UUID
]

function writeClientIds(): string {
  const file = join(tempDir('fieldkit-client-id-duid'), 'client-id-duid.pcap')
  writeCapture(file, 'pcap', DUIDS.map((duid, i) => {
    const payload = encodeDhcp4Message({ op: 1, xid: 0x6100 + i, chaddr: '02:00:00:00:00:01', options: [{ code: 53, bytes: [1] }, { code: 61, bytes: [255, ...IAID, ...duid] }] })
    const data = ethernetIpv4Udp('02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })
    return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: data.length, linkType: 1, interfaceId: 0, data }
  }), { digits: 6 })
  return file
}

describe('a DHCPv4 client identifier holding a DUID', () => {
  it(`is filtered by Wireshark's DHCPv4 names for its parts, as tshark -Y does${NO_TSHARK}`, { skip: !hasTshark, timeout: 60_000 }, () => {
    const file = writeClientIds()
    const { index } = indexCaptureFile(file)
    const filters = [
      'dhcp.client_id.duid_type == 1', 'dhcp.client_id.duid_type == 3', 'dhcp.client_id.duid_type == 2', 'dhcp.client_id.duid_type == 4',
      'dhcp.client_id.duid_llt_hw_type == 1', 'dhcp.client_id.duid_ll_hw_type == 1', 'dhcp.client_id.time == 533425614',
      'dhcp.client_id.link_layer_address == "b8:27:eb:3d:08:db"', 'dhcp.client_id.link_layer_address == "34:31:c4:3c:b2:f1"',
      'dhcp.client_id.enterprise_num == 3561', 'dhcp.client_id == a1:b2:c3:d4', 'dhcp.client_id.iaid',
      'dhcpv6.duid.type', 'dhcpv6.duidll.hwtype', 'dhcpv6.duidllt.link_layer_addr',
    ]
    const selected = filters.map((filter) => [filter, [...runFilter(index, compileFilter(filter))].map((i) => i + 1)])
    expect(selected).toEqual(filters.map((filter) => [filter, tsharkSelects(file, filter)]))
    // Not vacuous: each DUID type is found once, and the DHCPv6 names find nothing in DHCPv4.
    expect(selected.slice(0, 4).map(([, frames]) => frames)).toEqual([[1], [2], [3], [4]])
  })
})
