// Link-layer header types (tcpdump.org "LINK-LAYER HEADER TYPES"), the ones a DHCP capture comes in.
export const LINKTYPE = {
  NULL: 0, ETHERNET: 1, RAW: 101, RAW_OPENBSD: 12, RAW_BSDOS: 14, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276,
  IEEE802_11: 105, IEEE802_11_PRISM: 119, IEEE802_11_RADIOTAP: 127, IEEE802_11_AVS: 163, PPI: 192,
} as const

/**
 * Records that are not packets but that Wireshark numbers as frames: pcapng's Custom Blocks (which a rewriter may
 * copy, or may not) and systemd Journal Export Blocks. They have no link type, so they get these, far above any
 * tcpdump.org assigns; the index keeps a link type per frame, and these tell what the frame's bytes are (see
 * capture-file/pcapng-records.ts for the bytes, decode/pcapng-blocks.ts for their decode).
 */
export const BLOCK_RECORD = { CUSTOM_COPY: 0xfff0, CUSTOM_NO_COPY: 0xfff1, SYSTEMD_JOURNAL: 0xfff2 } as const

export const isBlockRecord = (linkType: number): boolean => linkType >= BLOCK_RECORD.CUSTOM_COPY && linkType <= BLOCK_RECORD.SYSTEMD_JOURNAL

/** Wireshark's frame.cb_copy: 1 for a custom block a rewriter may copy, 0 for one it may not, null for other frames. */
export function customBlockCopy(linkType: number): 1 | 0 | null {
  return linkType === BLOCK_RECORD.CUSTOM_COPY ? 1 : linkType === BLOCK_RECORD.CUSTOM_NO_COPY ? 0 : null
}

/** 802.1ad's provider (service) tag, which Wireshark dissects as ieee8021ad, not as vlan. */
export const PROVIDER_TAG = 0x88a8

/** 802.1Q, 802.1ad (QinQ) and the old QinQ tag: a VLAN tag follows. Compared, not looked up: asked of every frame. */
export const isVlanEtherType = (type: number): boolean => type === 0x8100 || type === PROVIDER_TAG || type === 0x9100

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
  [BLOCK_RECORD.CUSTOM_COPY]: 'pcapng custom block', [BLOCK_RECORD.CUSTOM_NO_COPY]: 'pcapng custom block (not to be copied)',
  [BLOCK_RECORD.SYSTEMD_JOURNAL]: 'systemd journal export',
}
