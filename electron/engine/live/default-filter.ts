// The default capture filter: DHCPv4 and DHCPv6, plain, VLAN-tagged and inside a PPPoE session (DHCPv6 prefix
// delegation on DSL runs there). libpcap's `vlan` and `pppoes` move the offsets of everything after them in the
// expression, whatever the logic, and `vlan` may not follow `pppoes`: so untagged PPPoE is tested by raw offsets
// first (a session header is 6 bytes and PPP's protocol 2, so IP starts 22 bytes in), then `vlan` with PPPoE inside.
const DHCP_PORTS = 'udp port 67 or udp port 68 or udp port 546 or udp port 547'

/** The UDP header of an IPv4 packet 22 bytes into the frame starts after its header, IHL 4-byte words long. */
const UDP4 = '22 + (ether[22] & 15) * 4'
const PPPOE_DHCP4 = `(ether[12:2] = 0x8864 and ether[20:2] = 0x0021 and ether[31] = 17 and (${[0, 2].flatMap((port) => [67, 68].map((n) => `ether[${UDP4} + ${port} : 2] = ${n}`)).join(' or ')}))`
/** An IPv6 header 22 bytes into the frame has its next header at 28 and (without extension headers) UDP at 62. */
const PPPOE_DHCP6 = `(ether[12:2] = 0x8864 and ether[20:2] = 0x0057 and ether[28] = 17 and (${[62, 64].flatMap((at) => [546, 547].map((n) => `ether[${at}:2] = ${n}`)).join(' or ')}))`

export const DEFAULT_CAPTURE_FILTER = `${DHCP_PORTS} or ${PPPOE_DHCP4} or ${PPPOE_DHCP6} or (vlan and (${DHCP_PORTS} or (pppoes and (${DHCP_PORTS}))))`

/**
 * The filter to capture with on an interface: the default is for Ethernet; on other links (Linux's "any" device
 * is a cooked capture; tunnels and PPP devices are raw IP) libpcap has no VLAN tags or Ethernet bytes to test and
 * refuses it, so there the default is the ports alone. A filter of the user's own is left as it is.
 */
export function captureFilterFor(filter: string, iface: string, linkType: string | undefined): string {
  if (filter !== DEFAULT_CAPTURE_FILTER) return filter
  return iface === 'any' || (linkType !== undefined && linkType !== 'EN10MB') ? DHCP_PORTS : filter
}
