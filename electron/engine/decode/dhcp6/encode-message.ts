// A DHCPv6 message as bytes (RFC 8415 sections 8 and 9): a client's (type, transaction id, options) or a relay
// agent's RELAY-FORW (hop count, link and peer addresses, options with the relayed message in option 9). The other
// direction of decode.ts; option values come already encoded (option-arguments.ts, encode-formats.ts).
import { EncodeError } from '../encode-values'
import { ipv6Bytes, optionBytes, type EncodedOption6 } from './encode-formats'
import { RELAY_FORW, RELAY_MESSAGE } from './registry'

/** What fits one Ethernet frame's UDP payload over IPv6 (1500 - 40 - 8): the client never fragments. */
export const MAX_MESSAGE6 = 1452

function sized(bytes: number[]): Uint8Array {
  if (bytes.length > MAX_MESSAGE6) throw new EncodeError(`the message would be ${bytes.length} bytes; at most ${MAX_MESSAGE6} fit one Ethernet frame`)
  return Uint8Array.from(bytes)
}

export function encodeDhcp6Message(type: number, xid: number, options: EncodedOption6[]): Uint8Array {
  return sized([type, (xid >>> 16) & 0xff, (xid >>> 8) & 0xff, xid & 0xff, ...options.flatMap(optionBytes)])
}

export interface RelayForward {
  hopCount?: number
  /** An address on the client's link: the server picks the subnet by it. */
  linkAddress: string
  /** The client's address, as the relay received its message from. */
  peerAddress: string
  /** Options the relay adds (interface id, remote id …) before the relayed message. */
  options: EncodedOption6[]
}

export function encodeRelayForward(relay: RelayForward, message: Uint8Array): Uint8Array {
  const options = [...relay.options, { code: RELAY_MESSAGE, bytes: [...message] }]
  return sized([RELAY_FORW, relay.hopCount ?? 0, ...ipv6Bytes(relay.linkAddress), ...ipv6Bytes(relay.peerAddress), ...options.flatMap(optionBytes)])
}
