// The layers under a DHCPv4 message the client sends (RFC 791, RFC 768): IPv4 and UDP with their checksums, and
// Ethernet when it sends a raw frame itself. A relay's unicast to a server needs only IPv4 and UDP.
import { hexBytes, ipv4Bytes } from '../decode/dhcp4/encode-formats'

export const DHCP_SERVER_PORT = 67
export const DHCP_CLIENT_PORT = 68
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff'
const ETHERTYPE_IPV4 = 0x0800
const UDP = 17
const TTL = 64

export interface Datagram {
  sourceIp: string
  destinationIp: string
  sourcePort: number
  destinationPort: number
  payload: Uint8Array
}

/** The ones' complement sum of 16-bit words (RFC 1071), folded and complemented: IPv4's, UDP's and ICMPv6's. */
export function checksum(...parts: Uint8Array[]): number {
  let sum = 0
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 2) sum += (part[i] << 8) | (part[i + 1] ?? 0)
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
  return ~sum & 0xffff
}

/**
 * The pseudo-header UDP, TCP and ICMPv6 checksums cover (RFC 768, RFC 8200 section 8.1): the addresses of the IP
 * header at `ip` in `packet` (IPv4 for version 4, else IPv6), the protocol and the length of what it carries.
 */
export function pseudoHeader(packet: Uint8Array, ip: number, version: number, protocol: number, length: number): Uint8Array {
  if (version === 4) return Uint8Array.of(...packet.subarray(ip + 12, ip + 20), 0, protocol, length >> 8, length & 255)
  return Uint8Array.of(...packet.subarray(ip + 8, ip + 40), 0, 0, length >> 8, length & 255, 0, 0, 0, protocol)
}

/** An IPv4 packet (no options, not fragmented) carrying one UDP datagram. */
export function ipv4Udp(d: Datagram): Uint8Array {
  const udpLength = 8 + d.payload.length
  const packet = new Uint8Array(20 + udpLength)
  const view = new DataView(packet.buffer)
  packet[0] = 0x45
  view.setUint16(2, packet.length)
  packet[8] = TTL
  packet[9] = UDP
  packet.set(ipv4Bytes(d.sourceIp), 12)
  packet.set(ipv4Bytes(d.destinationIp), 16)
  view.setUint16(10, checksum(packet.subarray(0, 20)))
  view.setUint16(20, d.sourcePort)
  view.setUint16(22, d.destinationPort)
  view.setUint16(24, udpLength)
  packet.set(d.payload, 28)
  // A computed 0 is sent as all ones: 0 means "no checksum" in UDP over IPv4.
  view.setUint16(26, checksum(pseudoHeader(packet, 0, 4, UDP, udpLength), packet.subarray(20)) || 0xffff)
  return packet
}

/** An Ethernet II frame carrying `packet` of `ethertype`. */
export function ethernetFrame(sourceMac: string, destinationMac: string, ethertype: number, packet: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + packet.length)
  frame.set(hexBytes(destinationMac), 0)
  frame.set(hexBytes(sourceMac), 6)
  frame[12] = ethertype >> 8
  frame[13] = ethertype & 0xff
  frame.set(packet, 14)
  return frame
}

/** An Ethernet II frame carrying the IPv4 packet of `d`. */
export function ethernetIpv4Udp(sourceMac: string, destinationMac: string, d: Datagram): Uint8Array {
  return ethernetFrame(sourceMac, destinationMac, ETHERTYPE_IPV4, ipv4Udp(d))
}
