// dhclient's DHCPv4 script variables, as ISC dhclient 4.4 writes them for an ACK: checked here on the formats the lab's
// Kea does not send (its comparison with the real dhclient covers the rest). Domain lists carry the root's dot:
// dhclient -4 printed "lab.fieldkit.test. example.org." for option 119 from Kea 2.2.
import { describe, expect, it } from 'vitest'
import { dhclientVariables } from '../../electron/engine/client/dhclient-vars'
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { encodeOptionText } from '../../electron/engine/decode/dhcp4/option-arguments'
import type { EncodedOption } from '../../electron/engine/decode/option-arguments'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { Dhcp4Message } from '../../electron/engine/decode/types'

function ack(options: string[][], raw: EncodedOption[] = []): { frame: Uint8Array; message: Dhcp4Message } {
  const payload = encodeDhcp4Message({
    op: 2, xid: 1, chaddr: '02:00:5e:00:53:01', yiaddr: '192.0.2.100',
    options: [encodeOptionText(53, '5'), ...options.map(([code, text]) => encodeOptionText(Number(code), text)), ...raw],
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

  it('splits option 81 into dhclient\'s fqdn fields, an ASCII name as Kea 2.2 answered dhclient 4.4.3', () => {
    // Kea's answer to dhclient's `send fqdn.fqdn "pc-7.lab.fieldkit.test."`: flags N and O, RCODEs 0, the name in ASCII.
    const name = [...new TextEncoder().encode('pc-7.lab.fieldkit.test.')]
    const { frame, message } = ack([], [{ code: 81, bytes: [0x0a, 0, 0, ...name] }])
    expect(dhclientVariables(frame, message, { interface: 'eth0', receivedMs: 0, requested: [] })).toMatchObject({
      new_fqdn: `a:0:0:${name.map((b) => b.toString(16)).join(':')}`,
      new_fqdn_fqdn: 'pc-7.lab.fieldkit.test.', new_fqdn_hostname: 'pc-7', new_fqdn_domainname: 'lab.fieldkit.test.',
      new_fqdn_encoded: 'false', new_fqdn_no_client_update: 'true', new_fqdn_server_update: 'false', new_fqdn_rcode1: '0', new_fqdn_rcode2: '0',
    })
  })

  it('reads an encoded (RFC 1035) option 81 name as the same text', () => {
    const { frame, message } = ack([], [{ code: 81, bytes: [0x05, 0, 0, 4, ...new TextEncoder().encode('pc-7'), 3, ...new TextEncoder().encode('lab'), 0] }])
    expect(dhclientVariables(frame, message, { interface: 'eth0', receivedMs: 0, requested: [] })).toMatchObject({
      new_fqdn_fqdn: 'pc-7.lab.', new_fqdn_hostname: 'pc-7', new_fqdn_domainname: 'lab.', new_fqdn_encoded: 'true', new_fqdn_server_update: 'true',
    })
  })
})
