// The leases of one open source, kept in the engine: the renderer pages rows from views (filtered and sorted
// positions), as the packet list does, so a million leases never cross the contract at once.
import type { Lease } from './lease'
import { leaseFilter, type LeaseFilter } from './lease-filter'
import type { LeaseSortColumn } from '../../contract/methods'
import { sortPositions } from './lease-order'
import type { LeaseChange } from './memfile-source'

export interface LeaseCounts {
  states: Record<string, number>
  subnets: Record<string, number>
}

export interface LeaseView {
  positions: Uint32Array
  counts: LeaseCounts
}

/** What sets two sources' copies of one lease apart (the fields, or that one has none). */
const comparedFields = ['hwAddress', 'clientId', 'hostname', 'subnetId', 'validLifetime', 'expire', 'state', 'type', 'iaid', 'prefixLength'] as const

/** One source's leases of one family, by address (a v6 prefix by its first address, as Kea keys it). */
export class LeaseTable {
  rows: Lease[] = []

  /** `name`: the source's, as its leases' "source" column says it. */
  constructor(readonly name: string) {}

  private readonly index = new Map<string, number>()
  private readonly orders = new Map<string, Uint32Array>()

  add(leases: readonly Lease[]): void {
    this.orders.clear()
    for (const lease of leases) this.put(lease)
  }

  /** Followed changes: a lease replaces the one at its address, a deletion removes it. */
  apply(changes: readonly LeaseChange[]): void {
    this.orders.clear()
    let removed = false
    for (const change of changes) {
      if ('lease' in change) this.put(change.lease)
      else {
        const at = this.index.get(change.deleted)
        if (at !== undefined) {
          this.index.delete(change.deleted)
          ;(this.rows as (Lease | null)[])[at] = null
          removed = true
        }
      }
    }
    if (removed) this.compact()
  }

  get(address: string): Lease | undefined {
    const at = this.index.get(address)
    return at === undefined ? undefined : this.rows[at]
  }

  /** The leases the filter keeps, in the order asked for: the table sorted once per order, then filtered in it. */
  view(filter: LeaseFilter, sort: LeaseSortColumn, descending: boolean, differing?: LeaseTable): LeaseView {
    const keep = leaseFilter(filter)
    const order = this.order(sort, descending)
    const picked = new Uint32Array(order.length)
    const counts: LeaseCounts = { states: {}, subnets: {} }
    let n = 0
    for (const i of order) {
      const lease = this.rows[i]
      if (!keep(lease) || (differing && difference(lease, differing) === null)) continue
      picked[n++] = i
      counts.states[lease.stateName] = (counts.states[lease.stateName] ?? 0) + 1
      counts.subnets[lease.subnetId] = (counts.subnets[lease.subnetId] ?? 0) + 1
    }
    return { positions: picked.subarray(0, n), counts }
  }

  /** Every row in one order, kept until the leases change: sorting a million costs a second, filtering a tenth. */
  private order(sort: LeaseSortColumn, descending: boolean): Uint32Array {
    const key = `${sort} ${descending}`
    let order = this.orders.get(key)
    if (!order) {
      order = sortPositions(this.rows, Uint32Array.from(this.rows.keys()), sort, descending)
      this.orders.set(key, order)
    }
    return order
  }

  private put(lease: Lease): void {
    const at = this.index.get(lease.address)
    if (at !== undefined) this.rows[at] = lease
    else {
      this.index.set(lease.address, this.rows.length)
      this.rows.push(lease)
    }
  }

  private compact(): void {
    this.orders.clear()
    this.rows = this.rows.filter((lease) => lease !== null)
    this.index.clear()
    this.rows.forEach((lease, i) => this.index.set(lease.address, i))
  }
}

/** How `lease` differs from the other source's lease at its address, or null when they agree. */
export function difference(lease: Lease, other: LeaseTable): string | null {
  const theirs = other.get(lease.address)
  if (!theirs) return `not in ${other.name}`
  const differing = comparedFields.filter((field) => (lease[field] ?? null) !== (theirs[field] ?? null))
  return differing.length ? `${differing.join(', ')} differ from ${theirs.source}` : null
}
