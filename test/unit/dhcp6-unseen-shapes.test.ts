// Shapes of DHCPv6 found in a real network's capture (PacketFence's dhcpv6cap.pcapng) that the corpus lacked: a
// client FQDN in a CONFIRM, which RFC 4704 does not allow there and Wireshark flags instead of reading, and DUIDs
// of hardware type 0, whose address Wireshark writes as bare hex digits, not as a MAC.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ipv6Udp } from '../../electron/engine/client/framing6'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { encodeDhcp6Message } from '../../electron/engine/decode/dhcp6/encode-message'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { tempDir } from '../helpers/temp'
import { hasTshark, NO_TSHARK, tsharkSelects } from '../helpers/tshark'

const fqdn = { code: 39, bytes: [0x01, 4, ...Buffer.from('host'), 7, ...Buffer.from('example'), 0] }
const llt = (hwtype: number) => [0, 1, 0, hwtype, 0x1f, 0xcb, 0x6d, 0xce, 0x00, 0x50, 0x56, 0xaa, 0x27, 0xc2]
const ll = (hwtype: number) => [0, 3, 0, hwtype, 0x00, 0x50, 0x56, 0xaa, 0x27, 0xc2]
// SOLICIT and CONFIRM (4) with the FQDN; client ids of hardware types 1 and 0, as LLT and as LL.
const messages: [number, number[]][] = [[1, llt(1)], [4, llt(0)], [1, ll(0)], [4, ll(1)]]

function writeMessages(): string {
  const file = join(tempDir('fieldkit-dhcp6-shapes'), 'dhcp6-shapes.pcap')
  writeCapture(file, 'pcap', messages.map(([type, duid], i) => {
    const payload = encodeDhcp6Message(type, 0x3900 + i, [{ code: 1, bytes: duid }, fqdn])
    const data = ipv6Udp({ sourceIp: 'fe80::1', destinationIp: 'ff02::1:2', sourcePort: 546, destinationPort: 547, payload })
    return { frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i, fractionDigits: 6, originalLength: data.length, linkType: 229, interfaceId: 0, data }
  }), { digits: 6 })
  return file
}

describe('DHCPv6 shapes from an unseen capture', () => {
  it(`flag a client FQDN in a CONFIRM and write a DUID's non-Ethernet address as tshark -Y reads them${NO_TSHARK}`, { skip: !hasTshark, timeout: 60_000 }, () => {
    const file = writeMessages()
    const { index } = indexCaptureFile(file)
    const filters = [
      'dhcpv6.clientfqdn.bad_msgtype == 4', 'dhcpv6.bad_msgtype', 'dhcpv6.client_domain == "host.example."', 'dhcpv6.clientfqdn.client.s',
      'dhcpv6.duidllt.link_layer_addr == "00:50:56:aa:27:c2"', 'dhcpv6.duidllt.link_layer_addr == "005056aa27c2"',
      'dhcpv6.duidll.link_layer_addr == "00:50:56:aa:27:c2"', 'dhcpv6.duidll.link_layer_addr == "005056aa27c2"',
    ]
    const selected = filters.map((filter) => [filter, [...runFilter(index, compileFilter(filter))].map((i) => i + 1)])
    expect(selected).toEqual(filters.map((filter) => [filter, tsharkSelects(file, filter)]))
    expect(selected.map(([, frames]) => frames)).toEqual([[2, 4], [2, 4], [1, 3], [1, 3], [1], [2], [4], [3]])
  })

  it('shows the illegal type on the message type\'s byte, and the address as the hex digits', () => {
    const payload = encodeDhcp6Message(4, 0x3901, [{ code: 1, bytes: llt(0) }, fqdn])
    const data = ipv6Udp({ sourceIp: 'fe80::1', destinationIp: 'ff02::1:2', sourcePort: 546, destinationPort: 547, payload })
    const nodes = (list = decodeFrame(229, data).layers): { key?: string; value?: string; offset: number }[] => list.flatMap((n) => [n, ...nodes(n.children ?? [])])
    const bad = nodes().find((n) => n.key === 'dhcpv6.clientfqdn.bad_msgtype')!
    expect([bad.value, data[bad.offset]]).toEqual(['4', 4])
    expect(nodes().find((n) => n.key === 'dhcpv6.duidllt.link_layer_addr')?.value).toBe('005056aa27c2')
  })
})
