// Encapsulations a DHCP packet is found inside: PPPoE sessions (DSL: DHCPv6 prefix delegation runs over PPP), GRE
// (RFC 2784/2890) carrying IP, Ethernet or (PPTP's) PPP, ERSPAN types I–III (a switch's remote port mirror, the usual
// way to capture a client's traffic away from it) and VXLAN (RFC 7348). The scanner and the decoder both step through
// them with these, so they find the same inner packet; each says where the next layer starts, or -1 where it cannot
// be followed (cut short, or a variant Wireshark reads as data).

export const ETHERTYPE = { IPV4: 0x0800, ARP: 0x0806, IPV6: 0x86dd, PPP: 0x880b, PPPOE_SESSION: 0x8864, TRANSPARENT_ETHERNET: 0x6558, ERSPAN_II: 0x88be, ERSPAN_III: 0x22eb } as const
export const IP_PROTOCOL = { ICMP: 1, IGMP: 2, TCP: 6, UDP: 17, GRE: 47, ICMPV6: 58 } as const
export const VXLAN_PORT = 4789
export const VXLAN_HEADER_LENGTH = 8
export const PPPOE_HEADER_LENGTH = 6
/** Tunnels inside tunnels are followed this deep: a crafted frame cannot make a reader loop. */
export const MAX_ENCAPSULATIONS = 4

/** PPP's protocol numbers of IPv4 and IPv6: the EtherType of the layer they carry, and Wireshark's name. */
const PPP_PROTOCOLS: Record<number, { etherType: number; name: string }> = {
  0x0021: { etherType: ETHERTYPE.IPV4, name: 'Internet Protocol version 4' },
  0x0057: { etherType: ETHERTYPE.IPV6, name: 'Internet Protocol version 6' },
}

/**
 * The PPP protocol field at `at`: two bytes, or one when the peer compresses it (RFC 1661: a protocol number's low
 * byte is odd, its high byte even, so an odd first byte is a whole one-byte field).
 */
export function pppProtocol(b: Uint8Array, at: number, end: number): { protocol: number; length: 1 | 2 } | null {
  if (at >= end) return null
  if (b[at] & 1) return { protocol: b[at], length: 1 }
  return at + 2 <= end ? { protocol: (b[at] << 8) | b[at + 1], length: 2 } : null
}

export const pppEtherType = (protocol: number): number => PPP_PROTOCOLS[protocol]?.etherType ?? 0
export const pppProtocolName = (protocol: number): string => PPP_PROTOCOLS[protocol]?.name ?? 'Unknown'

/**
 * Where the protocol field of a PPP frame in HDLC-like framing (RFC 1662, as PPTP's GRE carries it) at `at` is: after
 * the address and control bytes (ff 03), or at once when the peer leaves them out. -1 for Cisco HDLC, which Wireshark
 * reads as another protocol.
 */
export function pppHdlcProtocolAt(b: Uint8Array, at: number, end: number): number {
  if (at >= end || b[at] === 0x0f || b[at] === 0x8f) return -1
  return b[at] === 0xff ? at + 2 : at
}

export const GRE_FLAGS = { CHECKSUM: 0x8000, ROUTING: 0x4000, KEY: 0x2000, SEQUENCE: 0x1000, ACK: 0x0080, VERSION: 0x0007 } as const
/** Version 1 is PPTP's enhanced GRE (RFC 2637), which carries PPP: its key is a payload length and a call id, and it may carry an acknowledgment number. */
export const GRE_ENHANCED = 1

/**
 * Length of the GRE header at `at`: flags and protocol, then a checksum and offset word (C), a key (K), a sequence
 * number (S) and, in PPTP's enhanced GRE, an acknowledgment number (A). -1 for source routing, which no DHCP path
 * uses, for versions above 1, and when the header is cut short.
 */
export function greHeaderLength(b: Uint8Array, at: number, end: number): number {
  if (at + 4 > end) return -1
  const flags = (b[at] << 8) | b[at + 1]
  const version = flags & GRE_FLAGS.VERSION
  if (flags & GRE_FLAGS.ROUTING || version > GRE_ENHANCED) return -1
  const ack = version === GRE_ENHANCED && flags & GRE_FLAGS.ACK
  const length = 4 + (flags & GRE_FLAGS.CHECKSUM ? 4 : 0) + (flags & GRE_FLAGS.KEY ? 4 : 0) + (flags & GRE_FLAGS.SEQUENCE ? 4 : 0) + (ack ? 4 : 0)
  return at + length <= end ? length : -1
}

/** What a GRE packet carries, by its protocol type: an IP packet, an Ethernet frame, PPP (PPTP), or something else. */
export function greCarries(protocol: number): 'ip' | 'ethernet' | 'erspan' | 'ppp' | null {
  if (protocol === ETHERTYPE.IPV4 || protocol === ETHERTYPE.IPV6) return 'ip'
  if (protocol === ETHERTYPE.PPP) return 'ppp'
  if (protocol === ETHERTYPE.TRANSPARENT_ETHERNET) return 'ethernet'
  if (protocol === ETHERTYPE.ERSPAN_II || protocol === ETHERTYPE.ERSPAN_III) return 'erspan'
  return null
}

/** ERSPAN's version field: 1 is Type II, 2 Type III. */
export const ERSPAN_VERSION = { TYPE_II: 1, TYPE_III: 2 } as const

/**
 * Length of the ERSPAN header at `at`, before the mirrored frame, as Wireshark reads it: none for type I (GRE 0x88BE
 * without a sequence number), 8 bytes for type II, 12 for type III and 8 more with its platform sub-header. -1 when
 * the version is unknown or the header is cut short.
 */
export function erspanHeaderLength(b: Uint8Array, at: number, end: number, greProtocol: number, greFlags: number): number {
  if (greProtocol === ETHERTYPE.ERSPAN_II && !(greFlags & GRE_FLAGS.SEQUENCE)) return 0
  if (at + 2 > end) return -1
  const version = b[at] >> 4
  if (version === ERSPAN_VERSION.TYPE_II) return at + 8 <= end ? 8 : -1
  if (version !== ERSPAN_VERSION.TYPE_III || at + 12 > end) return -1
  const length = b[at + 11] & 1 ? 20 : 12
  return at + length <= end ? length : -1
}

/** Whether the frame after an ERSPAN header of `length` bytes at `at` is Ethernet: type III says so in its frame type (0). */
export function erspanCarriesEthernet(b: Uint8Array, at: number, length: number): boolean {
  return length < 12 || ((b[at + 10] >> 2) & 0x1f) === 0
}

/**
 * CAPWAP (RFC 5415): a wireless controller's access points tunnel their clients' frames to it on this UDP port (the
 * data channel; 5246, the control channel, carries no client traffic).
 */
export const CAPWAP_DATA_PORT = 5247
export const CAPWAP_FLAGS = { TYPE: 0x100, FRAGMENT: 0x80, LAST: 0x40, WIRELESS: 0x20, RADIO_MAC: 0x10, KEEP_ALIVE: 0x08 } as const
/** Wireless binding 1: the frames are IEEE 802.11. */
export const CAPWAP_WBID_IEEE80211 = 1

/** The fields of the CAPWAP header at `at`: after the preamble byte, three bytes of HLEN, RID, WBID and the flags. */
export function capwapHeader(b: Uint8Array, at: number) {
  const word = (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]
  return { hlen: word >> 19, rid: (word >> 14) & 0x1f, wbid: (word >> 9) & 0x1f, flags: word & 0x1ff }
}

/**
 * What the CAPWAP data packet at [at, end) carries, as Wireshark follows it: an Ethernet frame (T flag clear), or an
 * 802.11 frame (T set, binding 1) whose frame control is byte-swapped, as Cisco's access points send it (Wireshark's
 * default). Null for what it does not follow here: a DTLS-encrypted packet (preamble type 1), a keep-alive, a
 * fragment (Wireshark joins them; this reads one frame at a time), another binding, a header cut short.
 */
export function capwapPayload(b: Uint8Array, at: number, end: number): { payload: number; carries: 'ethernet' | 'wlan' } | null {
  if (at + 8 > end || (b[at] & 0x0f) === 1) return null
  const { hlen, wbid, flags } = capwapHeader(b, at)
  const payload = at + hlen * 4
  if (hlen < 2 || payload > end || flags & (CAPWAP_FLAGS.FRAGMENT | CAPWAP_FLAGS.KEEP_ALIVE)) return null
  if (!(flags & CAPWAP_FLAGS.TYPE)) return { payload, carries: 'ethernet' }
  return wbid === CAPWAP_WBID_IEEE80211 ? { payload, carries: 'wlan' } : null
}
