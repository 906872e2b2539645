// Finding a server's MAC address (RFC 826) for the frames the client unicasts to it: a relay's query, a RELEASE or
// INFORM to a given server. The request is an ARP probe (RFC 5227: sender address 0.0.0.0), so the server answers
// without adding the client to its neighbour table.
import { hexBytes, ipv4Bytes } from '../decode/dhcp4/encode-formats'
import { ipv4, mac as macText } from '../decode/bytes'
import { BROADCAST_MAC } from './framing'

export const ETHERTYPE_ARP = 0x0806
const ARP_REQUEST = 1
const ARP_REPLY = 2

/** Who has `targetIp`? asked from `sourceMac`, broadcast on the link. */
export function arpProbe(sourceMac: string, targetIp: string): Uint8Array {
  const frame = new Uint8Array(42)
  frame.set(hexBytes(BROADCAST_MAC), 0)
  frame.set(hexBytes(sourceMac), 6)
  frame.set([ETHERTYPE_ARP >> 8, ETHERTYPE_ARP & 0xff, 0, 1, 0x08, 0x00, 6, 4, 0, ARP_REQUEST], 12)
  frame.set(hexBytes(sourceMac), 22)
  frame.set(ipv4Bytes(targetIp), 38)
  return frame
}

/** The sender of an ARP reply in `frame` (an Ethernet frame): its IPv4 and MAC address; null for anything else. */
export function arpReplySender(frame: Uint8Array): { ip: string; mac: string } | null {
  if (frame.length < 42 || ((frame[12] << 8) | frame[13]) !== ETHERTYPE_ARP || frame[21] !== ARP_REPLY) return null
  return { ip: ipv4(frame, 28), mac: macText(frame, 22, 6) }
}
