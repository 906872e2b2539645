// A capture whose packets carry private things where the anonymizer has no field-by-field rewrite: a DNS query and
// answer, an HTTP request over TCP, an ICMP echo with a payload, an LLDP frame naming a switch, a Neighbor
// Solicitation with the client's MAC, a frame captured on `any` (Linux cooked, the client's MAC in its header), and
// DHCP replies naming the site's domain, search list, boot server and boot file (options 15, 119, 66, 67, the
// BOOTP sname and file fields, DHCPv6's domain list). `PRIVATE` lists what must not survive an anonymized export.
import { writeFileSync } from 'node:fs'
import dnsPacket from 'dns-packet'
import { checksum, ethernetFrame, ethernetIpv4Udp } from '../../electron/engine/client/framing'
import { ethernetIpv6Udp } from '../../electron/engine/client/framing6'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { encodeDhcp6Message } from '../../electron/engine/decode/dhcp6/encode-message'
import { hexBytes } from '../../electron/engine/decode/encode-values'
import { pcapFile } from './pcap-bytes'

export const PRIVATE = {
  clientMac: '00:1b:21:3a:4f:5e',
  routerMac: '00:1e:7a:11:22:30',
  client: '192.0.2.77',
  server: '192.0.2.10',
  client6: '2001:db8:77::5e',
  dnsName: 'payroll.corp-secret.example',
  dnsAnswer: '198.51.100.200',
  httpSecret: 'Authorization: Basic c2VjcmV0OnBhc3N3b3Jk',
  pingPayload: 'ping-secret-payload-0042',
  switchName: 'core-switch-secret-7',
  domain: 'corp-secret.example',
  search: 'lab.corp-secret.example',
  tftpServer: 'tftp.corp-secret.example',
  bootFile: 'secret/boot-7.cfg',
  sname: 'bootsrv-secret-3',
  file: 'pxe/secret-image.0',
  domain6: 'v6.corp-secret.example',
} as const

const text = (value: string) => [...Buffer.from(value, 'latin1')]
const ipv4 = (address: string) => address.split('.').map(Number)
/** A domain name in DNS wire format (RFC 1035 section 3.1), uncompressed. */
const wireName = (name: string) => [...name.split('.').flatMap((label) => [label.length, ...text(label)]), 0]

/** An IPv4 packet of `protocol` around `body`, whose checksum (if any) `finish` writes once the addresses are in. */
function ipv4Packet(protocol: number, source: string, destination: string, body: number[], finish?: (packet: Uint8Array) => void): Uint8Array {
  const packet = new Uint8Array(20 + body.length)
  packet.set([0x45, 0, packet.length >> 8, packet.length & 255, 0, 1, 0x40, 0, 64, protocol], 0)
  packet.set(ipv4(source), 12)
  packet.set(ipv4(destination), 16)
  const sum = checksum(packet.subarray(0, 20))
  packet.set([sum >> 8, sum & 255], 10)
  packet.set(body, 20)
  finish?.(packet)
  return packet
}

function tcpSegment(payload: string): Uint8Array {
  const data = text(payload)
  const header = [0xc0, 0x01, 0, 80, 0, 0, 0x10, 0, 0, 0, 0x20, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0]
  return ipv4Packet(6, PRIVATE.client, PRIVATE.server, [...header, ...data], (packet) => {
    const length = packet.length - 20
    const sum = checksum(new Uint8Array([...packet.subarray(12, 20), 0, 6, length >> 8, length & 255]), packet.subarray(20))
    packet.set([sum >> 8, sum & 255], 36)
  })
}

function icmpEcho(payload: string): Uint8Array {
  return ipv4Packet(1, PRIVATE.client, PRIVATE.server, [8, 0, 0, 0, 0, 7, 0, 1, ...text(payload)], (packet) => {
    const sum = checksum(packet.subarray(20))
    packet.set([sum >> 8, sum & 255], 22)
  })
}

/** LLDP (IEEE 802.1AB): chassis id (a MAC), port id, TTL, system name, end; each TLV a 7-bit type and 9-bit length. */
function lldp(): Uint8Array {
  const tlv = (type: number, value: number[]) => [(type << 1) | (value.length >> 8), value.length & 255, ...value]
  const body = [...tlv(1, [4, ...hexBytes(PRIVATE.routerMac)]), ...tlv(2, [5, ...text('Gi1/0/7')]), ...tlv(3, [0, 120]), ...tlv(5, text(PRIVATE.switchName)), 0, 0]
  return ethernetFrame(PRIVATE.routerMac, '01:80:c2:00:00:0e', 0x88cc, Uint8Array.from(body))
}

/** A Neighbor Solicitation for the server from the client, with its link-layer address option (RFC 4861). */
function neighborSolicitation(): Uint8Array {
  const target = [0x20, 0x01, 0x0d, 0xb8, 0, 0x77, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
  const source = [0x20, 0x01, 0x0d, 0xb8, 0, 0x77, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x5e]
  const destination = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0, 0, 1]
  const icmp = [135, 0, 0, 0, 0, 0, 0, 0, ...target, 1, 1, ...hexBytes(PRIVATE.clientMac)]
  const sum = checksum(new Uint8Array([...source, ...destination, 0, 0, 0, icmp.length, 0, 0, 0, 58]), Uint8Array.from(icmp))
  icmp[2] = sum >> 8
  icmp[3] = sum & 255
  const packet = [0x60, 0, 0, 0, 0, icmp.length, 58, 255, ...source, ...destination, ...icmp]
  return ethernetFrame(PRIVATE.clientMac, '33:33:ff:00:00:01', 0x86dd, Uint8Array.from(packet))
}

function dhcpAck(): Uint8Array {
  const p = PRIVATE
  const message = encodeDhcp4Message({
    op: 2, xid: 0x5eed0015, chaddr: p.clientMac, yiaddr: p.client, siaddr: p.server,
    options: [
      { code: 53, bytes: [5] }, { code: 54, bytes: ipv4(p.server) }, { code: 15, bytes: text(p.domain) },
      { code: 119, bytes: wireName(p.search) }, { code: 66, bytes: text(p.tftpServer) }, { code: 67, bytes: text(p.bootFile) },
    ],
  })
  message.set(text(p.sname), 44)
  message.set(text(p.file), 108)
  return message
}

function dhcp6Reply(): Uint8Array {
  const duid = [0, 3, 0, 1, ...hexBytes(PRIVATE.clientMac)]
  return encodeDhcp6Message(7, 0x0a0b0c, [{ code: 1, bytes: duid }, { code: 24, bytes: wireName(PRIVATE.domain6) }])
}

/** What a capture on `any` holds: a Linux cooked (v1) header naming the sender's MAC, then the IPv4 packet. */
function cooked(packet: Uint8Array): Uint8Array {
  return Uint8Array.from([0, 4, 0, 1, 0, 6, ...hexBytes(PRIVATE.clientMac), 0, 0, 0x08, 0x00, ...packet])
}

/** Writes the Ethernet frames as `ethernet` (pcap) and the cooked one as `cooked` (pcap of link type 113). */
export function writePrivateCaptures(ethernet: string, cookedFile: string): void {
  const p = PRIVATE
  const query = Uint8Array.from(dnsPacket.encode({ type: 'query', id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name: p.dnsName }] }))
  const answer = Uint8Array.from(dnsPacket.encode({
    type: 'response', id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name: p.dnsName }],
    answers: [{ type: 'A', name: p.dnsName, ttl: 300, data: p.dnsAnswer }],
  }))
  const frames = [
    ethernetIpv4Udp(p.clientMac, p.routerMac, { sourceIp: p.client, destinationIp: p.server, sourcePort: 53001, destinationPort: 53, payload: query }),
    ethernetIpv4Udp(p.routerMac, p.clientMac, { sourceIp: p.server, destinationIp: p.client, sourcePort: 53, destinationPort: 53001, payload: answer }),
    ethernetFrame(p.clientMac, p.routerMac, 0x0800, tcpSegment(`GET /payroll HTTP/1.1\r\n${p.httpSecret}\r\n\r\n`)),
    ethernetFrame(p.clientMac, p.routerMac, 0x0800, icmpEcho(p.pingPayload)),
    lldp(),
    neighborSolicitation(),
    ethernetIpv4Udp(p.routerMac, p.clientMac, { sourceIp: p.server, destinationIp: p.client, sourcePort: 67, destinationPort: 68, payload: dhcpAck() }),
    ethernetIpv6Udp(p.routerMac, p.clientMac, { sourceIp: 'fe80::21e:7aff:fe11:2230', destinationIp: 'fe80::21b:21ff:fe3a:4f5e', sourcePort: 547, destinationPort: 546, payload: dhcp6Reply() }),
  ]
  writeFileSync(ethernet, pcapFile(frames))
  writeFileSync(cookedFile, pcapFile([cooked(tcpSegment(`POST /login HTTP/1.1\r\n${p.httpSecret}\r\n`))], { linkType: 113 }))
}
