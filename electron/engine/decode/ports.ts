// Which UDP ports carry DHCP: the decoder and the scanner must agree, so both read it here.
export const DHCP4_PORTS = new Set([67, 68, 4011])
export const DHCP6_PORTS = new Set([546, 547])
