// Sort keys for the lease table's columns: addresses in numeric order (192.0.2.9 before 192.0.2.10), hostnames
// naturally (host-9 before host-10), the rest as numbers or text.
import type { LeaseSortColumn } from '../../contract/methods'
import { addressKey, naturalKey } from '../session/text-order'
import type { Lease } from './lease'

/** A v4 address as its 32-bit number: compared as numbers, a million sort in a fraction of the time strings take. */
function ipv4Number(address: string): number {
  let n = 0
  let byte = 0
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i)
    if (c === 46) {
      n = n * 256 + byte
      byte = 0
    } else byte = byte * 10 + c - 48
  }
  return n * 256 + byte
}

export function sortKey(lease: Lease, column: LeaseSortColumn): string | number {
  switch (column) {
    case 'address': return lease.family === 4 ? ipv4Number(lease.address) : addressKey(lease.address)
    case 'hostname': return naturalKey(lease.hostname)
    case 'hwAddress': return lease.hwAddress ?? ''
    case 'clientId': return lease.clientId ?? ''
    case 'type': return lease.type ?? ''
    case 'iaid': return lease.iaid ?? 0
    default: return lease[column]
  }
}

/** Positions of `rows` ordered by `column` (ties in row order), as the view pages them. */
export function sortPositions(rows: readonly Lease[], positions: Uint32Array, column: LeaseSortColumn, descending: boolean): Uint32Array {
  const keys = new Array<string | number>(rows.length)
  for (const p of positions) keys[p] = sortKey(rows[p], column)
  const sign = descending ? -1 : 1
  return positions.sort((a, b) => {
    const x = keys[a]
    const y = keys[b]
    return x < y ? -sign : x > y ? sign : a - b
  })
}
