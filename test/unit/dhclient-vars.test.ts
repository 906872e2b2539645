// dhclient's DHCPv4 script variables, as ISC dhclient 4.4 writes them for an ACK: checked here on the formats the lab's
// Kea does not send (its comparison with the real dhclient covers the rest). Domain lists carry the root's dot:
// dhclient -4 printed "lab.fieldkit.test. example.org." for option 119 from Kea 2.2.
import { describe, expect, it } from 'vitest'
import { dhclientVariables } from '../../electron/engine/client/dhclient-vars'
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { encodeOptionText } from '../../electron/engine/decode/dhcp4/option-arguments'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { Dhcp4Message } from '../../electron/engine/decode/types'

function ack(options: string[][]): { frame: Uint8Array; message: Dhcp4Message } {
  const payload = encodeDhcp4Message({
    op: 2, xid: 1, chaddr: '02:00:5e:00:53:01', yiaddr: '192.0.2.100',
    options: [encodeOptionText(53, '5'), ...options.map(([code, text]) => encodeOptionText(Number(code), text))],
  })
  const frame = ethernetIpv4Udp('02:00:5e:00:53:02', '02:00:5e:00:53:01', { sourceIp: '192.0.2.1', destinationIp: '192.0.2.100', sourcePort: 67, destinationPort: 68, payload })
  return { frame, message: decodeFrame(1, frame).dhcp as Dhcp4Message }
}

describe('dhclient -4 script variables', () => {
  it('writes domain lists with the root\'s dot, addresses and numbers as dhclient does', () => {
    const { frame, message } = ack([['1', '255.255.255.0'], ['3', '192.0.2.1'], ['119', 'lab.fieldkit.test,example.org'], ['51', '600'], ['15', 'lab.fieldkit.test']])
    const vars = dhclientVariables(frame, message, { interface: 'eth0', receivedMs: 1_000_000, requested: [1, 3, 119] })
    expect(vars).toMatchObject({
      new_domain_search: 'lab.fieldkit.test. example.org.',
      new_domain_name: 'lab.fieldkit.test',
      new_ip_address: '192.0.2.100', new_subnet_mask: '255.255.255.0', new_network_number: '192.0.2.0', new_broadcast_address: '192.0.2.255',
      new_routers: '192.0.2.1', new_dhcp_lease_time: '600', new_expiry: String(1000 + 600),
      requested_domain_search: '1', requested_routers: '1',
    })
  })
})
