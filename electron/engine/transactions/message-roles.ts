// Which DHCP message types ask and which answer, and the type bitmasks exchanges are tested with.
import { RELAY_FORW, RELAY_REPL } from '../decode/dhcp6/registry'

export const V4 = { DISCOVER: 1, OFFER: 2, REQUEST: 3, DECLINE: 4, ACK: 5, NAK: 6, RELEASE: 7, INFORM: 8 }
/** Client-to-server DHCPv4 types; the others are replies. Leasequery (10, 14, 16) asks too. */
export const V4_REQUESTS = new Set([1, 3, 4, 7, 8, 10, 14, 16])
export const V4_LEASEQUERIES = new Set([10, 14, 16])
export const V6 = { SOLICIT: 1, ADVERTISE: 2, REQUEST: 3, REPLY: 7, RECONFIGURE: 10, RELAY_FORW, RELAY_REPL }
export const V6_REQUESTS = new Set([1, 3, 4, 5, 6, 8, 9, 11, 14])

/** Types up to 30 as bits of one number: "has the exchange an OFFER?" is one AND. */
export const bit = (type: number) => (type < 31 ? 1 << type : 0)
export const maskOf = (types: Set<number>) => [...types].reduce((m, t) => m | bit(t), 0)
export const V4_REQUEST_MASK = maskOf(V4_REQUESTS)
export const V6_REQUEST_MASK = maskOf(V6_REQUESTS)
