import type { FieldNode } from './field'

/** A decoded option value as it appears in JSON output: plain data, no class instances. */
export type OptionValue = string | number | boolean | null | OptionValue[] | { [key: string]: OptionValue }

export interface DecodedOption {
  code: number
  name: string
  value: OptionValue
  offset: number
  length: number
}

export interface Dhcp4Message {
  family: 4
  op: number
  type: string
  messageType: number | null
  xid: number
  hops: number
  secs: number
  flags: number
  ciaddr: string
  yiaddr: string
  siaddr: string
  giaddr: string
  chaddr: string
  /** sname and file as text up to the first NUL; empty when unused or when option 52 fills them with options. */
  sname: string
  file: string
  options: DecodedOption[]
  tree: FieldNode
}

export interface Dhcp6Message {
  family: 6
  messageType: number
  type: string
  /** Absent on relay messages, which have hop count and addresses instead. */
  xid: number | null
  hopCount?: number
  linkAddress?: string
  peerAddress?: string
  options: DecodedOption[]
  relayed?: Dhcp6Message
  tree: FieldNode
}

export type DhcpMessage = Dhcp4Message | Dhcp6Message

/** How a format decoder renders one value: JSON value, display text, sub-fields and a problem if any. */
export interface DecodedValue {
  value: OptionValue
  text: string
  children?: FieldNode[]
  /** A problem that makes the packet malformed. */
  problem?: string
  /** The problem is a length the format cannot have (Wireshark notes it as dhcp.bad_length). */
  badLength?: true
  /** Wireshark does not check what the problem is about, so it notes nothing (no dhcpv6.malformed_option). */
  wiresharkQuiet?: true
  /**
   * Where Wireshark 4.0's dissector reads past the value and raises an exception, which ends its dissection of
   * the whole packet: the fields from this offset on, in this option and after it, are not in its tree, so its
   * display filters do not see them (see FieldNode.pastWiresharkStop).
   */
  wiresharkStop?: number
}
