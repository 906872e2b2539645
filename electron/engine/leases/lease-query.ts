// One lookup key checked against a lease, for sources that cannot ask their store (a memfile is read whole).
import type { Lease } from './lease'
import type { LeaseQuery } from './lease-source'

/** Hex identifiers compare by their bytes: "1:A" and "01:0a" are one identifier. */
export function normalHex(text: string): string {
  return text.toLowerCase().split(/[:-]/).map((byte) => byte.padStart(2, '0')).join(':')
}

export function matchesQuery(lease: Lease, query: LeaseQuery): boolean {
  if (lease.family !== query.family) return false
  switch (query.by) {
    case 'address': return lease.address === query.address
    case 'hwAddress': return lease.hwAddress !== null && normalHex(lease.hwAddress) === normalHex(query.hwAddress)
    case 'clientId': return lease.clientId !== null && normalHex(lease.clientId) === normalHex(query.clientId)
    case 'hostname': return lease.hostname.toLowerCase() === query.hostname.toLowerCase()
    case 'subnet': return lease.subnetId === query.subnetId
  }
}
