/** DHCPv4 and DHCPv6, plain and VLAN-tagged (after `vlan`, libpcap's offsets look past the tag). */
const DHCP_PORTS = 'udp port 67 or udp port 68 or udp port 546 or udp port 547'
export const DEFAULT_CAPTURE_FILTER = `${DHCP_PORTS} or (vlan and (${DHCP_PORTS}))`
