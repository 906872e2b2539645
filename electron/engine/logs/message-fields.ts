// What Kea's message text says about the client and the exchange: its message id, hardware address, client id,
// DUID, transaction id, addresses, subnet id and lease lifetime, as Kea's messages write them
// ("DHCP4_LEASE_ALLOC [hwtype=1 aa:bb:…], cid=[01:…], tid=0x1a2b3c4d: lease 192.0.2.10 has been allocated for 600 seconds").
import { isIPv4, isIPv6 } from 'node:net'

export interface MessageFields {
  messageId: string | null
  mac: string | null
  clientId: string | null
  duid: string | null
  xid: number | null
  addresses: string[]
  subnetId: number | null
  lifetime: number | null
}

const MESSAGE_ID = /^([A-Z][A-Z0-9]*_[A-Z0-9_]+)(?=\s|$|:)/
const HW = /\[hwtype=\d+ ([0-9a-f]{1,2}(?::[0-9a-f]{1,2}){1,19})\]/i
const CID = /cid=\[([^\]]{1,800})\]/
const DUID = /duid=\[([^\]]{1,800})\]/
const TID = /tid=0x([0-9a-f]{1,8})\b/i
const ADDRESS_CHARS = /^[0-9a-f:.]+$/i
const SUBNET = /subnet[- _]?id[ =:]*(\d{1,10})|subnet with ID (\d{1,10})|subnet-id (\d{1,10})/i
const LIFETIME = /\bfor (\d{1,10}) seconds|valid[- _]lifetime[ =:]*(\d{1,10})|\blifetime[ =:]+(\d{1,10})/i
const MAX_ADDRESSES = 16

const hexId = (text: string | undefined) => (text === undefined || /no info/i.test(text) ? null : text.trim().toLowerCase())

export function messageFields(message: string): MessageFields {
  const tid = TID.exec(message)
  const addresses = addressesIn(message)
  // Each pattern runs only where its key word is: a line's fields cost a few microseconds.
  const subnet = message.includes('ubnet') ? SUBNET.exec(message) : null
  const lifetime = message.includes('seconds') || message.includes('lifetime') ? LIFETIME.exec(message) : null
  const first = (m: RegExpExecArray | null) => (m ? Number(m.slice(1).find((v) => v !== undefined)) : null)
  return {
    messageId: MESSAGE_ID.exec(message)?.[1] ?? null,
    mac: (message.includes('hwtype=') ? HW.exec(message) : null)?.[1].toLowerCase().split(':').map((b) => b.padStart(2, '0')).join(':') ?? null,
    clientId: hexId(message.includes('cid=[') ? CID.exec(message)?.[1] : undefined),
    duid: hexId(message.includes('duid=[') ? DUID.exec(message)?.[1] : undefined),
    xid: tid ? parseInt(tid[1], 16) : null,
    addresses,
    subnetId: first(subnet),
    lifetime: first(lifetime),
  }
}

/**
 * The IPv4 and IPv6 addresses (prefixes without their length) among the words after the last bracket: Kea puts the
 * client's hardware address, client id and DUID in brackets before its text, and those can look like IPv6
 * addresses. A scan of words, not a regular expression over the line: a million lines read in seconds.
 */
function addressesIn(message: string): string[] {
  const found: string[] = []
  for (const word of message.slice(message.lastIndexOf(']') + 1).split(' ')) {
    if (word.length < 3 || !(word.includes('.') || word.includes(':'))) continue
    const bare = word.replace(/^[('"]+/, '').replace(/\/\d{1,3}[),;'"]*$/, '')
    for (const candidate of [bare, bare.replace(/[),.;:'"]+$/, '')]) {
      if (!ADDRESS_CHARS.test(candidate) || !(isIPv4(candidate) || isIPv6(candidate))) continue
      if (!found.includes(candidate)) found.push(candidate)
      break
    }
    if (found.length >= MAX_ADDRESSES) break
  }
  return found
}
