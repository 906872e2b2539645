// One lease as every source gives it (the Kea API, a memfile CSV, a MySQL/MariaDB or PostgreSQL lease table), so the
// table, filters, differences and CLI need not know where it came from.

/** Kea's lease states: 0-2 in every version; 3 (released) and 4 (registered) from Kea 3.0. */
export const leaseStates = { 0: 'default', 1: 'declined', 2: 'expired-reclaimed', 3: 'released', 4: 'registered' } as const
export type LeaseStateName = (typeof leaseStates)[keyof typeof leaseStates] | `state ${number}`

export type LeaseSourceKind = 'api' | 'memfile' | 'mysql' | 'postgresql'

export interface Lease {
  family: 4 | 6
  /** The leased address, or for a delegated prefix its first address (with `prefixLength`). */
  address: string
  /** Colon-separated lower-case hex, or null when the source holds none (v6 leases often have none). */
  hwAddress: string | null
  /** v4: the client identifier; v6: the DUID. Colon-separated lower-case hex. */
  clientId: string | null
  hostname: string
  subnetId: number
  /** Seconds. */
  validLifetime: number
  /** Unix seconds when the lease ends (cltt + valid lifetime, as Kea stores it). */
  expire: number
  state: number
  stateName: LeaseStateName
  /** v6 only. */
  type?: 'IA_NA' | 'IA_TA' | 'IA_PD'
  iaid?: number
  prefixLength?: number
  preferredLifetime?: number
  poolId?: number
  /** What it was read from, as the table's "source" column shows it (`api lab`, `memfile kea-leases4.csv`…). */
  source: string
}

export function stateName(state: number): LeaseStateName {
  return (leaseStates as Record<number, LeaseStateName>)[state] ?? `state ${state}`
}
