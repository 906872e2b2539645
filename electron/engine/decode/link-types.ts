// Link-layer header types (tcpdump.org "LINK-LAYER HEADER TYPES"), the ones a DHCP capture comes in.
export const LINKTYPE = {
  NULL: 0, ETHERNET: 1, RAW: 101, RAW_OPENBSD: 12, RAW_BSDOS: 14, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276,
} as const

export const linkTypeNames: Record<number, string> = {
  0: 'BSD loopback', 1: 'Ethernet', 12: 'Raw IP', 14: 'Raw IP', 101: 'Raw IP', 108: 'OpenBSD loopback',
  113: 'Linux cooked capture v1', 228: 'Raw IPv4', 229: 'Raw IPv6', 276: 'Linux cooked capture v2',
}
