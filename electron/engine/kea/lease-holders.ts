// Who holds a subnet's leases, through lease_cmds: lease4-get-all / lease6-get-all for the subnet, or, when it
// holds more than one answer should carry, lease4-get-page / lease6-get-page (which walk every subnet's leases,
// so the walk is bounded and the count then says it is partial). Only leases in use (state 0) are counted per
// client; declined ones (state 1) are counted apart, as they carry no client.
import type { KeaDhcpService, KeaLeaseHolder, KeaUsage } from '../../contract/types'
import { sendCommand, type KeaConnection, type KeaService } from './kea-client'
import { hookLibraryFile } from './result-codes'
import { asList, asNumber, asObject, asText } from './review/config-shape'

export interface LeaseReadBounds {
  /** Up to this many leases in use, the subnet's leases come in one answer. */
  atOnce: number
  pageSize: number
  /** A paged walk stops after this many leases (of every subnet): the counts are then from those read. */
  walked: number
}

export const leaseReadBounds: LeaseReadBounds = { atOnce: 5000, pageSize: 1000, walked: 20_000 }
export const TOP_HOLDERS = 10
const ADDRESSES_SHOWN = 5
/** A client identifier longer than this is not a MAC or a DUID (DUIDs are at most 130 bytes, 390 hex characters with colons). */
const MAX_CLIENT_TEXT = 400

export interface SubnetLeases {
  holders: KeaLeaseHolder[]
  inUse: number
  declined: number
  partial: boolean
  /** Why nothing could be read; null when it was. */
  problem: string | null
}

interface LeaseEntry {
  address: string
  client: { text: string; kind: 'mac' | 'duid' } | null
  subnetId: number | null
  state: number
  type: string | null
}

function leaseEntry(value: unknown): LeaseEntry {
  const lease = asObject(value) ?? {}
  const mac = asText(lease['hw-address'])
  const duid = asText(lease.duid)
  const client = mac ? { text: mac, kind: 'mac' as const } : duid ? { text: duid, kind: 'duid' as const } : null
  const prefixLength = asNumber(lease['prefix-len'])
  const address = asText(lease['ip-address']) ?? '?'
  return {
    address: asText(lease.type) === 'IA_PD' && prefixLength !== null ? `${address}/${prefixLength}` : address,
    client: client && client.text.length <= MAX_CLIENT_TEXT ? { ...client, text: client.text.toLowerCase() } : null,
    subnetId: asNumber(lease['subnet-id']), state: asNumber(lease.state) ?? 0, type: asText(lease.type),
  }
}

/** The clients holding the most leases in use, most first, then by name. */
export function topHolders(leases: readonly LeaseEntry[], count = TOP_HOLDERS): KeaLeaseHolder[] {
  const byClient = new Map<string, KeaLeaseHolder>()
  for (const lease of leases) {
    if (lease.state !== 0 || !lease.client) continue
    const holder = byClient.get(lease.client.text) ?? { client: lease.client.text, kind: lease.client.kind, leases: 0, addresses: [] }
    holder.leases++
    if (holder.addresses.length < ADDRESSES_SHOWN) holder.addresses.push(lease.address)
    byClient.set(holder.client, holder)
  }
  return [...byClient.values()].sort((a, b) => b.leases - a.leases || a.client.localeCompare(b.client)).slice(0, count)
}

/** Counts the leases of one subnet (of one kind: a DHCPv6 subnet's NAs and PDs apart) from lease_cmds' answers. */
export function countLeases(leases: unknown[], subnetId: number, kind: KeaUsage['kind'], partial: boolean): SubnetLeases {
  const wanted = leases.map(leaseEntry).filter((l) => l.subnetId === subnetId && (kind === 'address' || l.type === (kind === 'pd' ? 'IA_PD' : 'IA_NA')))
  return {
    holders: topHolders(wanted), inUse: wanted.filter((l) => l.state === 0).length, declined: wanted.filter((l) => l.state === 1).length,
    partial, problem: null,
  }
}

const noLeaseCmds = (service: KeaDhcpService) =>
  `The ${service} server has no lease_cmds hook, so who holds the leases cannot be read: load ${hookLibraryFile('lease_cmds')} into its hooks-libraries.`

export async function subnetLeases(connection: KeaConnection, route: KeaService | undefined, service: KeaDhcpService, subnetId: number, kind: KeaUsage['kind'], inUse: number, bounds = leaseReadBounds): Promise<SubnetLeases> {
  const family = service === 'dhcp4' ? '4' : '6'
  const failed = (command: string, result: number, text: string | undefined): SubnetLeases => ({
    holders: [], inUse: 0, declined: 0, partial: false,
    problem: result === 2 ? noLeaseCmds(service) : `${command} failed: ${text ?? `result ${result}`}`,
  })
  if (inUse <= bounds.atOnce) {
    const answer = await sendCommand(connection, { command: `lease${family}-get-all`, service: route, arguments: { subnets: [subnetId] } })
    if (answer.result !== 0 && answer.result !== 3) return failed(`lease${family}-get-all`, answer.result, answer.text)
    return countLeases(asList(asObject(answer.arguments)?.leases), subnetId, kind, false)
  }
  const leases: unknown[] = []
  let from = 'start'
  while (leases.length < bounds.walked) {
    const answer = await sendCommand(connection, { command: `lease${family}-get-page`, service: route, arguments: { from, limit: bounds.pageSize } })
    if (answer.result === 3) return countLeases(leases, subnetId, kind, false)
    if (answer.result !== 0) return failed(`lease${family}-get-page`, answer.result, answer.text)
    const page = asList(asObject(answer.arguments)?.leases)
    const last = asText(asObject(page[page.length - 1])?.['ip-address'])
    leases.push(...page)
    if (page.length < bounds.pageSize || !last) return countLeases(leases, subnetId, kind, false)
    from = last
  }
  return countLeases(leases, subnetId, kind, true)
}
