// One row of Kea's lease4/lease6 table (as the queries of sql-queries.ts name its columns) as a Lease, or the sentence
// saying why it cannot be one. Columns an older schema lacks come as null and get Kea's defaults.
import { stateName, type Lease } from './lease'
import { hexFromBytes, iaidOf, integerOf, leaseTypeOf, v4FromInteger, v6FromColumn } from './sql-values'

export type SqlLeaseRow = Record<string, unknown>

export function leaseFromRow(family: 4 | 6, row: SqlLeaseRow, source: string): Lease | string {
  const address = family === 4 ? v4FromInteger(row.address) : v6FromColumn(row.address)
  const shown = describeRaw(row.address)
  if (address === null) return `lease${family} row with address ${shown}: not an IPv${family} address as Kea stores it; skipped.`
  const state = integerOf(row.state) ?? 0
  const lease: Lease = {
    family, address,
    hwAddress: hexFromBytes(row.hwaddr),
    clientId: hexFromBytes(row.client_id),
    hostname: typeof row.hostname === 'string' ? row.hostname : '',
    subnetId: integerOf(row.subnet_id) ?? 0,
    validLifetime: integerOf(row.valid_lifetime) ?? 0,
    expire: integerOf(row.expire) ?? 0,
    state, stateName: stateName(state), source,
  }
  const poolId = integerOf(row.pool_id)
  if (poolId !== null) lease.poolId = poolId
  if (family === 4) return lease
  const type = leaseTypeOf(row.lease_type)
  if (type === null) return `lease6 row ${address}: lease type ${describeRaw(row.lease_type)} is none of Kea's (0 IA_NA, 1 IA_TA, 2 IA_PD); skipped.`
  return {
    ...lease, type,
    iaid: iaidOf(row.iaid) ?? 0,
    prefixLength: integerOf(row.prefix_len) ?? 128,
    preferredLifetime: integerOf(row.pref_lifetime) ?? 0,
  }
}

/** A damaged value, shortly and printably, for a message. */
function describeRaw(value: unknown): string {
  if (Buffer.isBuffer(value)) return `0x${value.subarray(0, 20).toString('hex')}${value.length > 20 ? '…' : ''}`
  return JSON.stringify(String(value).slice(0, 48))
}
