// The Info column, worded as Wireshark words it so users recognise it ("DHCP Discover - Transaction ID 0x3d1d").
import { dhcp4TypeTitle } from './dhcp4/message-types'
import type { Dhcp6Message, DhcpMessage } from './types'

export function describeDhcp(message: DhcpMessage): string {
  if (message.family === 4) {
    const xid = `Transaction ID 0x${message.xid.toString(16)}`
    if (message.messageType !== null) return `DHCP ${dhcp4TypeTitle(message.type)} - ${xid}`
    return `${message.op === 2 ? 'Boot Reply' : 'Boot Request'} from ${message.chaddr || 'unknown'} - ${xid}`
  }
  return describeDhcp6(message)
}

function title6(type: string): string {
  return type.split('-').map((w, i) => (i === 0 ? w.charAt(0) + w.slice(1).toLowerCase() : w.toLowerCase())).join('-')
}

function describeDhcp6(message: Dhcp6Message): string {
  if (message.xid === null) {
    const inner = message.relayed ? ` (${title6(innermost(message).type)})` : ''
    return `${title6(message.type)} L: ${message.linkAddress ?? '?'} P: ${message.peerAddress ?? '?'}${inner}`
  }
  return `${title6(message.type)} XID: 0x${message.xid.toString(16).padStart(6, '0')}`
}

function innermost(message: Dhcp6Message): Dhcp6Message {
  let m = message
  while (m.relayed) m = m.relayed
  return m
}
