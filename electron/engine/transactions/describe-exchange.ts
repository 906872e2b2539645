// The readable form of an exchange, built only for the transactions on screen.
import type { TransactionInfo, TransactionStep } from '../../contract/types'
import { ipv6 } from '../decode/bytes'
import { dhcp4MessageTypes } from '../decode/dhcp4/message-types'
import { dhcp6MessageTypes, dhcp6StatusCodes } from '../decode/dhcp6/registry'
import { Assessor, MISSING } from './assess-exchange'
import type { CaptureIndex } from '../index/capture-index'
import type { Exchanges } from './exchanges'
import { V4, V4_REQUESTS, V6, V6_REQUESTS } from './message-roles'
import { headerAddress, optionText, statusCodes6 } from './packet-values'

const V6_KINDS: Record<number, string> = { 1: 'SARR', 3: 'Request', 4: 'Confirm', 5: 'Renew', 6: 'Rebind', 8: 'Release', 9: 'Decline', 11: 'Information-request', 14: 'Leasequery' }
const V4_KINDS: Record<number, string> = { 4: 'Decline', 7: 'Release', 8: 'Inform', 10: 'Leasequery', 14: 'Bulk leasequery', 16: 'Active leasequery' }

function typeName(family: 4 | 6, type: number): string {
  return (family === 4 ? dhcp4MessageTypes[type] : dhcp6MessageTypes[type]) ?? `TYPE-${type}`
}

function kindOf(index: CaptureIndex, ex: Exchanges, id: number, packets: number[]): string {
  const family = ex.family[id] as 4 | 6
  const requests = family === 4 ? V4_REQUESTS : V6_REQUESTS
  const types = packets.map((i) => index.col.messageType[i])
  const first = types.findIndex((t) => requests.has(t))
  if (first < 0) return `${typeName(family, types[0])} (request not captured)`
  const type = types[first]
  if (family === 6) return type === V6.SOLICIT && !ex.has(id, V6.ADVERTISE) && ex.has(id, V6.REPLY) ? 'Rapid commit' : V6_KINDS[type] ?? typeName(6, type)
  if (type === V4.DISCOVER) return 'DORA'
  if (type !== V4.REQUEST) return V4_KINDS[type] ?? typeName(4, type)
  // RFC 2131 4.3.2: INIT-REBOOT has no ciaddr; RENEWING unicasts to the server; REBINDING broadcasts.
  const i = packets[first]
  if (headerAddress(index, i, 12) === '0.0.0.0') return 'Reboot'
  const broadcast = index.col.ipVersion[i] === 4 && index.frame(i)[index.col.ipOffset[i] + 19] === 255
  return broadcast ? 'Rebind' : 'Renew'
}

/** The readable form of exchange `id` (shown as number id + 1), for the transactions view. */
export function describeExchange(index: CaptureIndex, ex: Exchanges, id: number): TransactionInfo {
  const c = index.col
  const family = ex.family[id] as 4 | 6
  const packets = ex.packets(id)
  const a = new Assessor(index).assess(ex, id)
  const servers = Array.from(a.servers.subarray(0, a.serverCount), (key) => index.serverName(key))
  const first = index.count > 0 ? c.time[0] : 0
  const steps: TransactionStep[] = packets.map((i, k) => {
    const step: TransactionStep = { frame: i + 1, type: typeName(family, c.messageType[i]), time: c.time[i] - first, latencyMs: Number.isNaN(a.latencyMs[k]) ? null : a.latencyMs[k] }
    if (a.serverOf[k] >= 0) step.server = servers[a.serverOf[k]]
    return step
  })
  let problem: string | undefined
  if (a.failure >= 0) problem = failureText(index, family, packets[a.failure], steps[a.failure].server ?? '')
  else if (a.missing === MISSING.request) problem = 'the client\'s request is not in the capture'
  else if (a.missing.length > 0) problem = `no ${a.missing.join(', no ')}${a.retransmissions ? ` after ${a.retransmissions + 1} tries` : ''}`
  const start = c.time[packets[0]]
  return {
    id: id + 1, family, kind: kindOf(index, ex, id, packets), client: index.clientName(ex.client[id]),
    xid: `0x${ex.xid[id].toString(16).padStart(family === 4 ? 8 : 6, '0')}`, start: start - first,
    durationMs: (c.time[packets[packets.length - 1]] - start) * 1000, status: a.status, problem, missing: [...a.missing],
    address: addressOf(index, family, packets), servers,
    warnings: servers.length > 1 ? [`${servers.length} servers answered this client: ${servers.join(', ')}`] : [],
    retransmissions: a.retransmissions, steps,
  }
}

function failureText(index: CaptureIndex, family: 4 | 6, i: number, server: string): string {
  if (family === 4) {
    const message = optionText(index, i, 56)
    return `NAK from ${server}${message ? `: "${message}"` : ''}`
  }
  const [code, message] = statusCodes6(index, i).find(([status]) => status !== 0)!
  return `${dhcp6StatusCodes[code] ?? `Status ${code}`}${message ? `: ${message}` : ''} (from ${server})`
}

/** The address the client got: the ACK's yiaddr, or the first IA address of a successful REPLY. */
function addressOf(index: CaptureIndex, family: 4 | 6, packets: number[]): string | undefined {
  for (let k = packets.length - 1; k >= 0; k--) {
    const i = packets[k]
    if (family === 4 && index.col.messageType[i] === V4.ACK) {
      const yiaddr = headerAddress(index, i, 16)
      if (yiaddr !== '0.0.0.0') return yiaddr
    }
    if (family === 6 && index.col.messageType[i] === V6.REPLY) {
      const o = index.findOption(i, 5)
      if (o >= 0 && index.options.length[o] >= 16) return ipv6(index.frame(i), index.options.offset[o])
    }
  }
  return undefined
}
