// The layers under a DHCPv6 message the client sends (RFC 8200, RFC 768) and the neighbour discovery it needs
// (RFC 4861). The client crafts its MAC, so its link-local address (RFC 4291 appendix A: the MAC as an EUI-64) is
// nobody's: a server's Neighbor Solicitation for it goes unanswered unless the client answers it itself, and the
// server's reply never leaves. It answers with a Neighbor Advertisement, and asks the same way for the MAC of a server
// it unicasts to (as a relay).
import { ipv6, mac as macText } from '../decode/bytes'
import { hexBytes } from '../decode/encode-values'
import { ipv6Bytes } from '../decode/dhcp6/encode-formats'
import { checksum, ethernetFrame, pseudoHeader, type Datagram } from './framing'

export const DHCP6_CLIENT_PORT = 546
export const DHCP6_SERVER_PORT = 547
/** Where a client on the link sends every message (RFC 8415 section 7.1). */
export const ALL_DHCP_RELAY_AGENTS_AND_SERVERS = 'ff02::1:2'
const ETHERTYPE_IPV6 = 0x86dd
const UDP = 17
const ICMPV6 = 58
const IPV6_HEADER = 40
const ETHERNET_HEADER = 14
/** RFC 4861 section 7.1: neighbour discovery is sent, and accepted, only with hop limit 255 (never routed). */
const ND_HOP_LIMIT = 255
const HOP_LIMIT = 64
const NEIGHBOR_SOLICITATION = 135
const NEIGHBOR_ADVERTISEMENT = 136
const SOURCE_LINK_LAYER_ADDRESS = 1
const TARGET_LINK_LAYER_ADDRESS = 2
/** Solicited and override (RFC 4861 section 4.4): an answer to a solicitation, replacing what the asker knew. */
const SOLICITED_OVERRIDE = 0x60

/** fe80:: with the MAC as a modified EUI-64 interface id: the universal/local bit flipped, ff:fe in the middle. */
export function linkLocalFromMac(mac: string): string {
  const b = hexBytes(mac)
  return ipv6(Uint8Array.from([0xfe, 0x80, 0, 0, 0, 0, 0, 0, b[0] ^ 0x02, b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]]), 0)
}

/** The Ethernet address of an IPv6 multicast group (RFC 2464 section 7): 33:33 and its last four bytes. */
export function multicastMac(group: string): string {
  return macText(Uint8Array.from([0x33, 0x33, ...ipv6Bytes(group).slice(12)]), 0, 6)
}

/** The solicited-node group of `address` (RFC 4291 section 2.7.1), where its owner hears Neighbor Solicitations. */
function solicitedNode(address: string): string {
  return ipv6(Uint8Array.from([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, ...ipv6Bytes(address).slice(13)]), 0)
}

/** An IPv6 packet (no extension headers) carrying `payload`, whose checksum at `checksumAt` covers the pseudo-header. */
function ipv6Packet(source: string, destination: string, nextHeader: number, hopLimit: number, payload: Uint8Array, checksumAt: number): Uint8Array {
  const packet = new Uint8Array(IPV6_HEADER + payload.length)
  const view = new DataView(packet.buffer)
  packet[0] = 0x60
  view.setUint16(4, payload.length)
  packet[6] = nextHeader
  packet[7] = hopLimit
  packet.set(ipv6Bytes(source), 8)
  packet.set(ipv6Bytes(destination), 24)
  packet.set(payload, IPV6_HEADER)
  // UDP over IPv6 must carry a checksum (RFC 8200 section 8.1): a computed 0 is sent as all ones.
  view.setUint16(IPV6_HEADER + checksumAt, checksum(pseudoHeader(packet, 0, 6, nextHeader, payload.length), packet.subarray(IPV6_HEADER)) || 0xffff)
  return packet
}

export function ipv6Udp(d: Datagram): Uint8Array {
  const udp = new Uint8Array(8 + d.payload.length)
  const view = new DataView(udp.buffer)
  view.setUint16(0, d.sourcePort)
  view.setUint16(2, d.destinationPort)
  view.setUint16(4, udp.length)
  udp.set(d.payload, 8)
  return ipv6Packet(d.sourceIp, d.destinationIp, UDP, HOP_LIMIT, udp, 6)
}

/** An Ethernet II frame carrying the IPv6 packet of `d`. */
export function ethernetIpv6Udp(sourceMac: string, destinationMac: string, d: Datagram): Uint8Array {
  return ethernetFrame(sourceMac, destinationMac, ETHERTYPE_IPV6, ipv6Udp(d))
}

/** A solicitation or advertisement about `target`, with the link-layer address option `option` naming `mac`. */
function neighborMessage(type: number, flags: number, target: string, option: number, mac: string): Uint8Array {
  return Uint8Array.from([type, 0, 0, 0, flags, 0, 0, 0, ...ipv6Bytes(target), option, 1, ...hexBytes(mac)])
}

/** Who has `target`? asked from `sourceIp` at `sourceMac`, to the target's solicited-node group. */
export function neighborSolicitation(sourceMac: string, sourceIp: string, target: string): Uint8Array {
  const group = solicitedNode(target)
  const icmp = neighborMessage(NEIGHBOR_SOLICITATION, 0, target, SOURCE_LINK_LAYER_ADDRESS, sourceMac)
  return ethernetFrame(sourceMac, multicastMac(group), ETHERTYPE_IPV6, ipv6Packet(sourceIp, group, ICMPV6, ND_HOP_LIMIT, icmp, 2))
}

export interface NeighborQuery {
  /** The asker's address and MAC, where the answer goes. */
  ip: string
  mac: string
  target: string
}

/** The ICMPv6 message of `frame` (untagged, no extension headers) when it is neighbour discovery of `type`. */
function neighborDiscovery(frame: Uint8Array, type: number): { source: string; target: string } | null {
  const icmp = ETHERNET_HEADER + IPV6_HEADER
  if (frame.length < icmp + 24 || ((frame[12] << 8) | frame[13]) !== ETHERTYPE_IPV6) return null
  if (frame[ETHERNET_HEADER + 6] !== ICMPV6 || frame[ETHERNET_HEADER + 7] !== ND_HOP_LIMIT || frame[icmp] !== type) return null
  return { source: ipv6(frame, ETHERNET_HEADER + 8), target: ipv6(frame, icmp + 8) }
}

/** A Neighbor Solicitation in `frame` that expects an answer (not duplicate address detection's, from ::). */
export function neighborQuery(frame: Uint8Array): NeighborQuery | null {
  const nd = neighborDiscovery(frame, NEIGHBOR_SOLICITATION)
  return nd && nd.source !== '::' ? { ip: nd.source, mac: macText(frame, 6), target: nd.target } : null
}

/** `query`'s answer: its target is at `mac`. */
export function neighborAdvertisement(query: NeighborQuery, mac: string): Uint8Array {
  const icmp = neighborMessage(NEIGHBOR_ADVERTISEMENT, SOLICITED_OVERRIDE, query.target, TARGET_LINK_LAYER_ADDRESS, mac)
  return ethernetFrame(mac, query.mac, ETHERTYPE_IPV6, ipv6Packet(query.target, query.ip, ICMPV6, ND_HOP_LIMIT, icmp, 2))
}

/** The address and MAC a Neighbor Advertisement in `frame` names; null for anything else. */
export function neighborAdvertised(frame: Uint8Array): { ip: string; mac: string } | null {
  const nd = neighborDiscovery(frame, NEIGHBOR_ADVERTISEMENT)
  return nd && { ip: nd.target, mac: macText(frame, 6) }
}
