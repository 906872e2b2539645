// Leases through Kea's lease_cmds hook: lease4-get-page / lease6-get-page a page at a time (a million leases never
// travel at once), and Kea's own lookups by address, hardware address, client-id/DUID, hostname and subnet.
import { isIPv4, isIPv6 } from 'node:net'
import { serviceAbsence } from '../kea/api-shape'
import { sendCommand, type KeaAnswer, type KeaConnection, type KeaService } from '../kea/kea-client'
import { missingHookHint } from '../kea/result-codes'
import { stateName, type Lease } from './lease'
import { LEASE_BATCH, LeaseSourceError, type LeaseBatch, type LeaseQuery, type LeaseSource } from './lease-source'
import { normalHex } from './lease-query'

const RESULT_EMPTY = 3

/** The lookup command and its arguments for one key, per family (lease6 has no by-hw-address lookup). */
function lookup(query: LeaseQuery): { command: string; arguments: Record<string, unknown> } | null {
  const v = query.family
  switch (query.by) {
    case 'address': return { command: `lease${v}-get`, arguments: { 'ip-address': query.address } }
    case 'hwAddress': return v === 4 ? { command: 'lease4-get-by-hw-address', arguments: { 'hw-address': normalHex(query.hwAddress) } } : null
    case 'clientId': return v === 4
      ? { command: 'lease4-get-by-client-id', arguments: { 'client-id': normalHex(query.clientId) } }
      : { command: 'lease6-get-by-duid', arguments: { duid: normalHex(query.clientId) } }
    case 'hostname': return { command: `lease${v}-get-by-hostname`, arguments: { hostname: query.hostname } }
    case 'subnet': return { command: `lease${v}-get-all`, arguments: { subnets: [query.subnetId] } }
  }
}

export class ApiLeaseSource implements LeaseSource {
  readonly kind = 'api'
  readonly families: readonly (4 | 6)[]

  /** `services`: the servers behind the connection, one per family (a unix socket reaches one server). */
  constructor(readonly name: string, private readonly connection: KeaConnection, private readonly services: Partial<Record<4 | 6, KeaService>>) {
    this.families = ([4, 6] as const).filter((family) => services[family])
  }

  async *leases(family: 4 | 6, signal?: AbortSignal): AsyncIterable<LeaseBatch> {
    let from = 'start'
    for (;;) {
      if (signal?.aborted) return
      const answer = await this.send(`lease${family}-get-page`, family, { from, limit: LEASE_BATCH })
      if (answer.result === RESULT_EMPTY) return
      const { leases, problems } = this.toLeases(answer, family)
      yield { leases, problems }
      const last = (answer.arguments as { leases?: { 'ip-address'?: unknown }[] } | undefined)?.leases?.at(-1)?.['ip-address']
      if (leases.length < LEASE_BATCH || typeof last !== 'string') return
      from = last
    }
  }

  async find(query: LeaseQuery): Promise<Lease[]> {
    const ask = lookup(query)
    if (!ask || !this.services[query.family]) return []
    const answer = await this.send(ask.command, query.family, ask.arguments)
    if (answer.result === RESULT_EMPTY) return []
    const args = answer.arguments as Record<string, unknown> | undefined
    // lease4-get answers with the lease itself, the others with a list of them.
    return this.toLeases(args && 'leases' in args ? answer : { ...answer, arguments: { leases: [args] } }, query.family).leases
  }

  async close(): Promise<void> {}

  /** Deletes one lease (lease4-del / lease6-del); Kea answers 3 when there is none to delete. */
  async delete(lease: Pick<Lease, 'family' | 'address' | 'type'>): Promise<boolean> {
    const args = { 'ip-address': lease.address, ...(lease.family === 6 && lease.type && { type: lease.type }) }
    return (await this.send(`lease${lease.family}-del`, lease.family, args)).result !== RESULT_EMPTY
  }

  /** Reclaims expired leases now (leases-reclaim), removing them when `remove`. */
  async reclaim(family: 4 | 6, remove: boolean): Promise<string> {
    return (await this.send('leases-reclaim', family, { remove })).text ?? 'Reclaimed.'
  }

  private async send(command: string, family: 4 | 6, args: Record<string, unknown>): Promise<KeaAnswer> {
    const service = this.services[family]
    if (!service) throw new LeaseSourceError(`${this.name} reaches no DHCPv${family} server.`)
    const answer = await sendCommand(this.connection, { command, service, arguments: args })
    if (answer.result === 0 || answer.result === RESULT_EMPTY) return answer
    const hint = missingHookHint(command, answer.result) ?? serviceAbsence(service, answer)?.problem
    throw new LeaseSourceError(hint ?? `${this.name} answered "${command}" with: ${answer.text ?? `result ${answer.result}`}.`)
  }

  private toLeases(answer: KeaAnswer, family: 4 | 6): LeaseBatch {
    const list = (answer.arguments as { leases?: unknown } | undefined)?.leases
    const leases: Lease[] = []
    const problems: string[] = []
    for (const item of Array.isArray(list) ? list : []) {
      const lease = fromApi(item as Record<string, unknown>, family, this.name)
      if (lease) leases.push(lease)
      else problems.push(`${this.name} gave a lease that is not one (${JSON.stringify(item).slice(0, 120)}); it is skipped.`)
    }
    return { leases, problems }
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null)

/** Kea's lease map (lease4-get, lease6-get-page…) as a Lease; null when it is not one. */
export function fromApi(item: Record<string, unknown>, family: 4 | 6, source: string): Lease | null {
  const address = text(item['ip-address'])
  const valid = count(item['valid-lft'])
  const cltt = count(item.cltt)
  const subnetId = count(item['subnet-id'])
  if (!address || !(family === 4 ? isIPv4(address) : isIPv6(address)) || valid === null || cltt === null || subnetId === null) return null
  const state = count(item.state) ?? 0
  const hw = text(item['hw-address'])
  const lease: Lease = {
    family, address, hwAddress: hw && hw.toLowerCase(), clientId: text(family === 4 ? item['client-id'] : item.duid)?.toLowerCase() ?? null,
    hostname: (text(item.hostname) ?? '').slice(0, 255), subnetId, validLifetime: valid, expire: cltt + valid, state, stateName: stateName(state), source,
    ...(count(item['pool-id']) !== null && { poolId: count(item['pool-id'])! }),
  }
  if (family === 6) {
    const type = item.type === 'IA_PD' ? 'IA_PD' : item.type === 'IA_TA' ? 'IA_TA' : 'IA_NA'
    Object.assign(lease, { type, iaid: count(item.iaid) ?? 0, prefixLength: count(item['prefix-len']) ?? 128, preferredLifetime: count(item['preferred-lft']) ?? 0 })
  }
  return lease
}
