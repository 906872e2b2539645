// DHCP message types (option 53), from IANA "BOOTP and DHCP parameters", "Message Type 53 Values".
// https://www.iana.org/assignments/bootp-dhcp-parameters/bootp-dhcp-parameters.xhtml#message-type-53
export const dhcp4MessageTypes: Record<number, string> = {
  1: 'DISCOVER', 2: 'OFFER', 3: 'REQUEST', 4: 'DECLINE', 5: 'ACK', 6: 'NAK', 7: 'RELEASE', 8: 'INFORM',
  9: 'FORCERENEW', 10: 'LEASEQUERY', 11: 'LEASEUNASSIGNED', 12: 'LEASEUNKNOWN', 13: 'LEASEACTIVE',
  14: 'BULKLEASEQUERY', 15: 'LEASEQUERYDONE', 16: 'ACTIVELEASEQUERY', 17: 'LEASEQUERYSTATUS', 18: 'TLS',
}

/** "Discover", "Leasequery": the spelling Wireshark uses in its Info column. */
export function dhcp4TypeTitle(type: string): string {
  return type.charAt(0) + type.slice(1).toLowerCase()
}
