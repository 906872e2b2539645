// Which UDP ports carry DHCP: the decoder and the scanner must agree, so both read it here. A table, not a Set:
// the scanner asks for both ports of every packet, and a Set's lookup is a call each time.
const DHCP4_PORTS = [67, 68, 4011]
const DHCP6_PORTS = [546, 547]

const familyOfPort = new Uint8Array(65536)
for (const port of DHCP4_PORTS) familyOfPort[port] = 4
for (const port of DHCP6_PORTS) familyOfPort[port] = 6

export const isDhcp4Port = (port: number): boolean => familyOfPort[port] === 4
export const isDhcp6Port = (port: number): boolean => familyOfPort[port] === 6
