// Which leases a table view shows: exact keys (as the CLI's --mac/--address/--subnet/--state take them) and a free
// search over the identifying columns.
import type { Lease } from './lease'
import { normalHex } from './lease-query'

export interface LeaseFilter {
  /** Text found in the address, MAC, client-id/DUID or hostname (any case). */
  search?: string
  address?: string
  hwAddress?: string
  clientId?: string
  hostname?: string
  subnetId?: number
  /** A state's name (default, declined, expired-reclaimed, released, registered) or its number. */
  state?: string
  family?: 4 | 6
}

export function leaseFilter(filter: LeaseFilter): (lease: Lease) => boolean {
  const search = filter.search?.trim().toLowerCase() || null
  const hw = filter.hwAddress ? normalHex(filter.hwAddress) : null
  const id = filter.clientId ? normalHex(filter.clientId) : null
  const state = filter.state?.trim().toLowerCase() || null
  return (lease) => {
    if (filter.family !== undefined && lease.family !== filter.family) return false
    if (filter.address !== undefined && lease.address !== filter.address) return false
    if (filter.subnetId !== undefined && lease.subnetId !== filter.subnetId) return false
    if (state !== null && lease.stateName !== state && String(lease.state) !== state) return false
    if (hw !== null && (lease.hwAddress === null || normalHex(lease.hwAddress) !== hw)) return false
    if (id !== null && (lease.clientId === null || normalHex(lease.clientId) !== id)) return false
    if (filter.hostname !== undefined && lease.hostname.toLowerCase() !== filter.hostname.toLowerCase()) return false
    if (search !== null) {
      return lease.address.includes(search) || (lease.hwAddress?.includes(search) ?? false)
        || (lease.clientId?.includes(search) ?? false) || lease.hostname.toLowerCase().includes(search)
    }
    return true
  }
}
