// A capture of relayed DHCP, written with the engine's own encoders: a DHCPv4 DISCOVER and OFFER between a relay
// agent and a server carrying option 82 with every sub-option that names a place or a subscriber (circuit id as a
// switch port, remote id as a MAC, link selection, subscriber id, server id override, relay id as a DUID-LL), and
// a DHCPv6 RELAY-FORW and RELAY-REPL with interface id, remote id (a MAC behind an enterprise number), subscriber
// id and the client's link-layer address. `RELAYED` lists what in it names someone, for a test to look for.
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { ethernetIpv6Udp } from '../../electron/engine/client/framing6'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { hexBytes } from '../../electron/engine/decode/encode-values'
import { encodeDhcp6Message, encodeRelayForward } from '../../electron/engine/decode/dhcp6/encode-message'
import { RELAY_REPL } from '../../electron/engine/decode/dhcp6/registry'

export const RELAYED = {
  client: '00:1b:21:3a:4f:5e',
  relayMac: '00:1e:7a:11:22:30',
  serverMac: '00:1e:7a:11:22:40',
  giaddr: '192.0.2.1',
  server: '192.0.2.10',
  offered: '198.51.100.77',
  circuitId: 'sw-core-7 Gi1/0/7',
  /** Sent as its six bytes. */
  remoteIdMac: '00:1e:7a:99:88:77',
  linkSelection: '198.51.100.64',
  subscriberId: 'acct-4711-smith',
  serverIdOverride: '203.0.113.5',
  /** The relay's DUID-LL (RFC 6925 relay id). */
  relayIdMac: '00:1e:7a:11:22:34',
  relay6: '2001:db8:12::1',
  server6: '2001:db8::547',
  linkAddress: '2001:db8:12::1',
  peerAddress: 'fe80::21b:21ff:fe3a:4f5e',
  interfaceId: 'ge-0/0/7.12 access-7',
  /** Behind enterprise number 9 (RFC 4649). */
  remoteId6Mac: '00:1e:7a:aa:bb:cc',
  subscriberId6: 'subscriber-0815-jones',
} as const

const text = (value: string) => [...Buffer.from(value, 'latin1')]
const ipv4 = (address: string) => address.split('.').map(Number)
const subOption = (code: number, bytes: number[]) => [code, bytes.length, ...bytes]

function option82(): number[] {
  const r = RELAYED
  return [
    ...subOption(1, text(r.circuitId)),
    ...subOption(2, hexBytes(r.remoteIdMac)),
    ...subOption(5, ipv4(r.linkSelection)),
    ...subOption(6, text(r.subscriberId)),
    ...subOption(11, ipv4(r.serverIdOverride)),
    ...subOption(12, [0, 3, 0, 1, ...hexBytes(r.relayIdMac)]),
  ]
}

function dhcp4(op: 1 | 2, type: number): Uint8Array {
  const r = RELAYED
  return encodeDhcp4Message({
    op, xid: 0x5eed0082, chaddr: r.client, hops: 1, giaddr: r.giaddr, ...(op === 2 && { yiaddr: r.offered }),
    options: [{ code: 53, bytes: [type] }, ...(op === 2 ? [{ code: 54, bytes: ipv4(r.server) }] : []), { code: 82, bytes: option82() }],
  })
}

function relayOptions6(): { code: number; bytes: number[] }[] {
  const r = RELAYED
  return [
    { code: 18, bytes: text(r.interfaceId) },
    { code: 37, bytes: [0, 0, 0, 9, ...hexBytes(r.remoteId6Mac)] },
    { code: 38, bytes: text(r.subscriberId6) },
    { code: 79, bytes: [0, 1, ...hexBytes(r.client)] },
  ]
}

function dhcp6(reply: boolean): Uint8Array {
  const r = RELAYED
  const clientId = { code: 1, bytes: [0, 3, 0, 1, ...hexBytes(r.client)] }
  const inner = encodeDhcp6Message(reply ? 2 : 1, 0x0a0b0c, [clientId, { code: 8, bytes: [0, 0] }])
  const forward = encodeRelayForward({ linkAddress: r.linkAddress, peerAddress: r.peerAddress, options: relayOptions6() }, inner)
  // RELAY-REPL is laid out as RELAY-FORW (RFC 8415 section 9): only its type differs.
  if (reply) forward[0] = RELAY_REPL
  return forward
}

export function writeRelayedCapture(path: string): void {
  const r = RELAYED
  const frames = [
    ethernetIpv4Udp(r.relayMac, r.serverMac, { sourceIp: r.giaddr, destinationIp: r.server, sourcePort: 67, destinationPort: 67, payload: dhcp4(1, 1) }),
    ethernetIpv4Udp(r.serverMac, r.relayMac, { sourceIp: r.server, destinationIp: r.giaddr, sourcePort: 67, destinationPort: 67, payload: dhcp4(2, 2) }),
    ethernetIpv6Udp(r.relayMac, r.serverMac, { sourceIp: r.relay6, destinationIp: r.server6, sourcePort: 547, destinationPort: 547, payload: dhcp6(false) }),
    ethernetIpv6Udp(r.serverMac, r.relayMac, { sourceIp: r.server6, destinationIp: r.relay6, sourcePort: 547, destinationPort: 547, payload: dhcp6(true) }),
  ]
  writeCapture(path, 'pcap', frames.map((data, i) => ({
    frame: i + 1, timestampSeconds: 1_700_000_000, timestampFraction: i * 1000, fractionDigits: 6, originalLength: data.length, linkType: 1, interfaceId: 0, data,
  })), { digits: 6 })
}
