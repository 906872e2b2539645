// Link-layer header types (tcpdump.org "LINK-LAYER HEADER TYPES"), the ones a DHCP capture comes in.
export const LINKTYPE = {
  NULL: 0, ETHERNET: 1, RAW: 101, RAW_OPENBSD: 12, RAW_BSDOS: 14, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276,
  IEEE802_11: 105, IEEE802_11_PRISM: 119, IEEE802_11_RADIOTAP: 127, IEEE802_11_AVS: 163, PPI: 192,
} as const

/** 802.1Q, 802.1ad (QinQ) and the old QinQ tag: a VLAN tag follows. Compared, not looked up: asked of every frame. */
export const isVlanEtherType = (type: number): boolean => type === 0x8100 || type === 0x88a8 || type === 0x9100

/** IPv6 extension headers walked to reach the transport header: hop-by-hop, routing, fragment, destination, AH, mobility. */
const ipv6Extensions = Uint8Array.from({ length: 256 }, (_, next) => ([0, 43, 44, 60, 51, 135].includes(next) ? 1 : 0))
export const isIpv6Extension = (next: number): boolean => ipv6Extensions[next] === 1

/** Length of the IPv6 extension header of type `next` at `at` (RFC 8200; AH counts 4-byte units, RFC 4302). */
export function ipv6ExtensionLength(next: number, b: Uint8Array, at: number): number {
  return next === 44 ? 8 : next === 51 ? (b[at + 1] + 2) * 4 : (b[at + 1] + 1) * 8
}

export const linkTypeNames: Record<number, string> = {
  0: 'BSD loopback', 1: 'Ethernet', 12: 'Raw IP', 14: 'Raw IP', 101: 'Raw IP', 108: 'OpenBSD loopback',
  113: 'Linux cooked capture v1', 228: 'Raw IPv4', 229: 'Raw IPv6', 276: 'Linux cooked capture v2',
  105: '802.11', 119: '802.11 with Prism header', 127: '802.11 with radiotap header', 163: '802.11 with AVS header', 192: 'PPI',
}
