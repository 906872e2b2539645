// Reading a Dhcp4/Dhcp6 map as the review checks need it: its subnets wherever they are (top level or in a shared
// network), each with its JSON path, and parameters a subnet inherits from its shared network and the globals.
import type { KeaDhcpService } from '../../../contract/types'
import { poolRange, prefixRange, type AddressRange } from './address-ranges'

export type Json = Record<string, unknown>

export const asObject = (value: unknown): Json | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : null)
export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
export const asNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
export const asText = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** One server's configuration under review: the map inside "Dhcp4"/"Dhcp6", and the commands it answers when known. */
export interface ReviewInput {
  service: KeaDhcpService
  config: Json
  /** list-commands of the running server; null when reviewing a configuration not loaded (config-test). */
  commands: string[] | null
}

export const rootKey = (service: KeaDhcpService) => (service === 'dhcp4' ? 'Dhcp4' : 'Dhcp6')
const subnetKey = (service: KeaDhcpService) => (service === 'dhcp4' ? 'subnet4' : 'subnet6')

export interface SubnetEntry {
  subnet: Json
  /** The subnet's prefix as written; null when it has none. */
  prefix: string | null
  id: number | null
  path: string
  /** The shared network it belongs to, when it does. */
  network: Json | null
  /** Its name, as the user reads it: `subnet 192.0.2.0/24 (id 1)`. */
  name: string
}

export function subnets(input: ReviewInput): SubnetEntry[] {
  const root = rootKey(input.service)
  const key = subnetKey(input.service)
  const entry = (value: unknown, path: string, network: Json | null): SubnetEntry => {
    const subnet = asObject(value) ?? {}
    const prefix = asText(subnet.subnet)
    const id = asNumber(subnet.id)
    return { subnet, prefix, id, path, network, name: `subnet ${prefix ?? '(no prefix)'}${id === null ? '' : ` (id ${id})`}` }
  }
  const top = asList(input.config[key]).map((s, i) => entry(s, `${root}.${key}[${i}]`, null))
  const shared = asList(input.config['shared-networks']).flatMap((n, j) => {
    const network = asObject(n) ?? {}
    return asList(network[key]).map((s, i) => entry(s, `${root}.shared-networks[${j}].${key}[${i}]`, network))
  })
  return [...top, ...shared]
}

/** The subnets whose prefix is one, with its range: what the containment and overlap checks compare. */
export function prefixedSubnets(input: ReviewInput): (SubnetEntry & { range: AddressRange })[] {
  return subnets(input).flatMap((entry) => {
    const range = entry.prefix ? prefixRange(entry.prefix) : null
    return range ? [{ ...entry, range }] : []
  })
}

/**
 * A parameter as Kea applies it to a subnet: the subnet's own, else its shared network's, else the global one,
 * else Kea's default; `from` is the path of the level that set it (null for the default).
 */
export function inherited(input: ReviewInput, entry: SubnetEntry, name: string, fallback: number | null = null): { value: number | null; from: string | null } {
  const root = rootKey(input.service)
  const networkPath = entry.path.replace(/\.subnet[46]\[\d+\]$/, '')
  const levels: [Json | null, string][] = [[entry.subnet, entry.path], [entry.network, networkPath], [input.config, root]]
  for (const [level, path] of levels) {
    const value = asNumber(level?.[name])
    if (value !== null) return { value, from: `${path}.${name}` }
  }
  return { value: fallback, from: null }
}

export interface PoolEntry {
  /** As written: "192.0.2.100 - 192.0.2.199" or "192.0.2.64/26". */
  text: string
  range: AddressRange | null
  path: string
}

/** A subnet's address pools ("pools"; not "pd-pools", whose prefixes need not lie in the subnet). */
export function poolsOf(entry: SubnetEntry): PoolEntry[] {
  return asList(entry.subnet.pools).map((p, i) => {
    const text = asText(asObject(p)?.pool) ?? ''
    return { text, range: poolRange(text), path: `${entry.path}.pools[${i}]` }
  })
}
