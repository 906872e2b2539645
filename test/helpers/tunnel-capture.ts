// Captures of DHCP inside tunnels: PPPoE sessions, GRE carrying IP or Ethernet, ERSPAN types I–III, VXLAN and CAPWAP
// (802.11 or Ethernet), built around a DISCOVER or SOLICIT of our own encoders, next to tunnelled frames with
// nothing of DHCP inside to be read (an ERSPAN frame type other than Ethernet, CAPWAP's DTLS and fragments, a GRE
// header cut short).
import { join } from 'node:path'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { checksum, ethernetFrame, ipv4Udp } from '../../electron/engine/client/framing'
import { ipv6Udp } from '../../electron/engine/client/framing6'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { encodeDhcp6Message } from '../../electron/engine/decode/dhcp6/encode-message'

const CLIENT_MAC = '02:cc:00:00:00:02', BROADCAST = 'ff:ff:ff:ff:ff:ff', ROUTER_MAC = '02:aa:00:00:00:01', SWITCH_MAC = '02:bb:00:00:00:03', COLLECTOR_MAC = '02:dd:00:00:00:04'
const be16 = (n: number) => [n >> 8, n & 0xff]
const be32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]

function discover(xid: number): Uint8Array {
  const payload = encodeDhcp4Message({ op: 1, xid, chaddr: CLIENT_MAC, options: [{ code: 53, bytes: [1] }, { code: 12, bytes: [...Buffer.from('tunnelled')] }] })
  return ipv4Udp({ sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })
}

function solicit(xid: number): Uint8Array {
  const payload = encodeDhcp6Message(1, xid, [{ code: 1, bytes: [0, 3, 0, 1, 2, 0xcc, 0, 0, 0, 2] }, { code: 8, bytes: [0, 0] }])
  return ipv6Udp({ sourceIp: 'fe80::cc:ff:fe00:2', destinationIp: 'ff02::1:2', sourcePort: 546, destinationPort: 547, payload })
}

/** An IPv4 header (no options) carrying `payload` of `protocol`, between two tunnel ends. */
function ipv4(protocol: number, payload: Uint8Array): Uint8Array {
  const header = [0x45, 0, ...be16(20 + payload.length), 0x12, 0x34, 0, 0, 63, protocol, 0, 0, 192, 0, 2, 1, 198, 51, 100, 7]
  const sum = checksum(Uint8Array.from(header))
  header[10] = sum >> 8
  header[11] = sum & 0xff
  return Uint8Array.from([...header, ...payload])
}

/** An IPv6 header carrying `payload` of `next`, between two tunnel ends. */
function ipv6(next: number, payload: Uint8Array): Uint8Array {
  const address = (last: number) => [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), last]
  return Uint8Array.from([0x60, 0, 0, 0, ...be16(payload.length), next, 64, ...address(1), ...address(7), ...payload])
}

const ethernet = (source: string, type: number, packet: Uint8Array) => ethernetFrame(source, BROADCAST, type, packet)
const GRE = 47

function gre(flags: number, protocol: number, words: number[], payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...be16(flags), ...be16(protocol), ...words.flatMap(be32), ...payload])
}

function pppoe(protocol: number, packet: Uint8Array): Uint8Array {
  return Uint8Array.from([0x11, 0x00, ...be16(0x0011), ...be16(2 + packet.length), ...be16(protocol), ...packet])
}

function vxlan(vni: number, frame: Uint8Array): Uint8Array {
  return Uint8Array.from([0x08, 0x00, 0, 0, ...be32(vni << 8), ...frame])
}

/**
 * A CAPWAP data packet (RFC 5415) from radio 1, binding 802.11: the fixed header with `flags` (T 0x100, F 0x80,
 * W 0x20, M 0x10), then `optional` (a radio MAC, wireless information: a length and its bytes), padded to 4 bytes.
 */
function capwap(flags: number, optional: number[], payload: Uint8Array): Uint8Array {
  const words = Math.ceil((8 + optional.length) / 4)
  const word = (words << 19) | (1 << 14) | (1 << 9) | flags
  return Uint8Array.from([0, word >> 16, (word >> 8) & 0xff, word & 0xff, 0, 0, 0, 0, ...optional, ...new Array(words * 4 - 8 - optional.length).fill(0), ...payload])
}

const macBytes = (address: string) => address.split(':').map((h) => parseInt(h, 16))

/**
 * An 802.11 data frame from the client to its access point carrying `packet` after an LLC/SNAP header, with its
 * frame control byte-swapped and a fragment number of 1 (no More Fragments), as Cisco's access points tunnel them.
 */
function ciscoWlan(sequence: number, type: number, packet: Uint8Array): Uint8Array {
  const control = (sequence << 4) | 1
  return Uint8Array.from([0x01, 0x08, 0x2c, 0x00, ...macBytes(ROUTER_MAC), ...macBytes(CLIENT_MAC), ...macBytes(BROADCAST), control & 0xff, control >> 8, 0xaa, 0xaa, 0x03, 0, 0, 0, ...be16(type), ...packet])
}

/** A packet from an access point (192.0.2.1) to its controller's CAPWAP data port. */
const toController = (payload: Uint8Array) => ethernet(ROUTER_MAC, 0x0800, ipv4Udp({ sourceIp: '192.0.2.1', destinationIp: '198.51.100.7', sourcePort: 12380, destinationPort: 5247, payload }))
/** RFC 5416's IEEE 802.11 frame info: RSSI -60 dBm, SNR 30 dB, data rate 54 Mb/s (in units of 0.1). */
const FRAME_INFO = [4, 0xc4, 30, 0x02, 0x1c]

const clientFrame = (xid: number) => ethernet(CLIENT_MAC, 0x0800, discover(xid))
const clientFrame6 = (xid: number) => ethernet(CLIENT_MAC, 0x86dd, solicit(xid))
const vlanTagged = (vlan: number, type: number, packet: Uint8Array) => Uint8Array.from([...ethernetFrame(CLIENT_MAC, BROADCAST, 0x8100, Uint8Array.of()), ...be16(vlan), ...be16(type), ...packet])

/** The frames, each with the DHCP transaction id inside it (null: none to be found), and what it shows. */
export const tunnelFrames: { name: string; frame: Uint8Array; xid: number | null }[] = [
  { name: 'PPPoE session, IPv4', frame: ethernet(CLIENT_MAC, 0x8864, pppoe(0x0021, discover(0x201))), xid: 0x201 },
  { name: 'PPPoE session, IPv6 (DHCPv6 on DSL)', frame: ethernet(CLIENT_MAC, 0x8864, pppoe(0x0057, solicit(0x202))), xid: 0x202 },
  { name: 'PPPoE session behind a VLAN tag', frame: vlanTagged(100, 0x8864, pppoe(0x0021, discover(0x203))), xid: 0x203 },
  { name: 'GRE carrying IPv4', frame: ethernet(ROUTER_MAC, 0x0800, ipv4(GRE, gre(0x0000, 0x0800, [], discover(0x204)))), xid: 0x204 },
  { name: 'GRE with checksum, key and sequence number, carrying Ethernet', frame: ethernet(ROUTER_MAC, 0x0800, ipv4(GRE, gre(0xb000, 0x6558, [0x1234_0000, 42, 7], clientFrame(0x205)))), xid: 0x205 },
  { name: 'GRE over IPv6 carrying IPv6', frame: ethernet(ROUTER_MAC, 0x86dd, ipv6(GRE, gre(0x2000, 0x86dd, [9], solicit(0x206)))), xid: 0x206 },
  { name: 'ERSPAN type I', frame: ethernet(SWITCH_MAC, 0x0800, ipv4(GRE, gre(0x0000, 0x88be, [], clientFrame(0x207)))), xid: 0x207 },
  {
    name: 'ERSPAN type II, a VLAN-tagged frame',
    frame: ethernet(SWITCH_MAC, 0x0800, ipv4(GRE, gre(0x1000, 0x88be, [3], Uint8Array.from([0x10, 100, 0x08 | 0x04, 0x05, 0, 0, 0, 0x2a, ...vlanTagged(100, 0x0800, discover(0x208))])))),
    xid: 0x208,
  },
  {
    name: 'ERSPAN type III with a platform sub-header',
    frame: ethernet(SWITCH_MAC, 0x0800, ipv4(GRE, gre(0x1000, 0x22eb, [4], Uint8Array.from([0x20, 100, 0x00, 0x07, ...be32(123456), 0, 0, 0x80, 0x09, ...be32(0x1c000001), ...be32(99), ...clientFrame6(0x209)])))),
    xid: 0x209,
  },
  { name: 'VXLAN', frame: ethernet(ROUTER_MAC, 0x0800, ipv4Udp({ sourceIp: '192.0.2.1', destinationIp: '198.51.100.7', sourcePort: 49152, destinationPort: 4789, payload: vxlan(5001, clientFrame(0x20a)) })), xid: 0x20a },
  { name: 'VXLAN over IPv6', frame: ethernet(ROUTER_MAC, 0x86dd, ipv6Udp({ sourceIp: '2001:db8::1', destinationIp: '2001:db8::7', sourcePort: 50000, destinationPort: 4789, payload: vxlan(5002, clientFrame6(0x20b)) })), xid: 0x20b },
  { name: 'GRE inside VXLAN', frame: ethernet(ROUTER_MAC, 0x0800, ipv4Udp({ sourceIp: '192.0.2.1', destinationIp: '198.51.100.7', sourcePort: 49153, destinationPort: 4789, payload: vxlan(5003, ethernet(COLLECTOR_MAC, 0x0800, ipv4(GRE, gre(0, 0x6558, [], clientFrame(0x20c))))) })), xid: 0x20c },
  // PPTP's enhanced GRE (version 1) carries PPP; a VPN client asks for its routes with an INFORM over it.
  { name: 'PPTP (GRE version 1) carrying PPP', frame: ethernet(ROUTER_MAC, 0x0800, ipv4(GRE, gre(0x3081, 0x880b, [(4 + discover(0x20d).length) * 65536 + 1, 1, 0], Uint8Array.from([0xff, 0x03, 0x00, 0x21, ...discover(0x20d)])))), xid: 0x20d },
  // An ERSPAN type III frame type other than Ethernet: Wireshark shows the rest as data.
  { name: 'ERSPAN type III carrying no Ethernet frame', frame: ethernet(SWITCH_MAC, 0x0800, ipv4(GRE, gre(0x1000, 0x22eb, [5], Uint8Array.from([0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0, ...clientFrame(0x20e)])))), xid: null },
  { name: 'CAPWAP carrying an 802.11 frame (Cisco: frame control byte-swapped)', frame: toController(capwap(0x120, FRAME_INFO, ciscoWlan(16, 0x0800, discover(0x20f)))), xid: 0x20f },
  { name: 'CAPWAP carrying an Ethernet frame, with the radio\'s MAC address', frame: toController(capwap(0x010, [6, ...macBytes(SWITCH_MAC)], clientFrame6(0x210))), xid: 0x210 },
  // Encrypted: a DTLS record follows the preamble (type 1).
  { name: 'CAPWAP DTLS', frame: toController(Uint8Array.from([0x01, 0, 0, 0, 0x17, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4])), xid: null },
  // A first fragment: Wireshark joins it with the rest, which is not captured.
  { name: 'CAPWAP fragment', frame: toController(capwap(0x1a0, FRAME_INFO, ciscoWlan(17, 0x0800, discover(0x211)))), xid: null },
  { name: 'GRE header cut short', frame: ethernet(ROUTER_MAC, 0x0800, ipv4(GRE, Uint8Array.of(0x30, 0x00, 0x08, 0x00, 0x00, 0x00))), xid: null },
]

/** Writes the frames to `dir` as a classic pcap; returns its path. */
export function writeTunnelCapture(dir: string): string {
  const file = join(dir, 'tunnels.pcap')
  writeCapture(file, 'pcap', tunnelFrames.map(({ frame }, k) => ({
    frame: k + 1, timestampSeconds: 1_700_000_000, timestampFraction: k, fractionDigits: 6, originalLength: frame.length, linkType: 1, interfaceId: 0, data: frame,
  })), { digits: 6 })
  return file
}
