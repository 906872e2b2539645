// Where leases come from: the Kea API, a memfile CSV, or a MySQL/MariaDB or PostgreSQL lease database. The table,
// the CLI and the differences read every source through this one shape, so a source is added without touching them.
import type { Lease, LeaseSourceKind } from './lease'

/** One read of a source: the leases and, for each record that could not be read, a sentence naming where and why. */
export interface LeaseBatch {
  leases: Lease[]
  problems: string[]
}

/** A lookup by one key, as Kea's lease commands offer them (the table filters further itself). */
export type LeaseQuery = { family: 4 | 6 } & (
  | { by: 'address'; address: string }
  /** Colon-separated hex, any case. */
  | { by: 'hwAddress'; hwAddress: string }
  /** v4 client identifier or v6 DUID, colon-separated hex, any case. */
  | { by: 'clientId'; clientId: string }
  | { by: 'hostname'; hostname: string }
  | { by: 'subnet'; subnetId: number }
)

export interface LeaseSource {
  readonly kind: LeaseSourceKind
  /** Names the source in the table's "source" column and in messages (`api lab`, `memfile kea-leases4.csv`). */
  readonly name: string
  /** The families it holds: a memfile holds one, the API and a database both. */
  readonly families: readonly (4 | 6)[]
  /**
   * Every lease of a family, a batch at a time (never all at once: a server may hold millions). Stops early when the
   * signal aborts or the caller breaks out of the loop. A source that cannot be read at all throws LeaseSourceError.
   */
  leases(family: 4 | 6, signal?: AbortSignal): AsyncIterable<LeaseBatch>
  /** The leases matching one key (none is an empty list, not an error). */
  find(query: LeaseQuery): Promise<Lease[]>
  /** Lets go of connections and files. */
  close(): Promise<void>
}

/** A source that cannot be read, in a sentence naming the problem and the fix (shown as it is, never a stack). */
export class LeaseSourceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LeaseSourceError'
  }
}

/** Leases per batch every source aims for: big enough to be cheap, small enough to show the first rows at once. */
export const LEASE_BATCH = 1000
