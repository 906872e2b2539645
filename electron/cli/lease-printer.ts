// Leases as aligned text lines for a terminal: the table's columns, expiry both absolute and as a countdown.
import type { Lease } from '../engine/leases/lease'

/** Time left as "4m 10s", "2d 3h", or "expired 5m 0s ago". */
export function countdown(expire: number, now: number): string {
  const left = Math.round(expire - now)
  const span = (seconds: number) => {
    const d = Math.floor(seconds / 86400), h = Math.floor((seconds % 86400) / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60
    return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`
  }
  return left >= 0 ? span(left) : `expired ${span(-left)} ago`
}

export function leaseTableHeader(family: 4 | 6): string {
  const v6 = family === 6 ? `${'type'.padEnd(6)}${'iaid'.padEnd(11)}${'plen'.padEnd(5)}` : ''
  return `${'address'.padEnd(family === 6 ? 40 : 16)}${'hw address'.padEnd(18)}${'client-id/duid'.padEnd(30)}${'hostname'.padEnd(20)}${'subnet'.padEnd(7)}${'valid'.padEnd(8)}${'expires (UTC)'.padEnd(21)}${'in'.padEnd(12)}${'state'.padEnd(18)}${v6}source`
}

export function leaseLine(lease: Lease, now: number): string {
  const expires = new Date(lease.expire * 1000).toISOString().slice(0, 19).replace('T', ' ')
  const v6 = lease.family === 6 ? `${(lease.type ?? '').padEnd(6)}${String(lease.iaid ?? '').padEnd(11)}${String(lease.prefixLength ?? '').padEnd(5)}` : ''
  return [
    lease.address.padEnd(lease.family === 6 ? 39 : 15), (lease.hwAddress ?? '-').padEnd(17), (lease.clientId ?? '-').padEnd(29), (lease.hostname || '-').padEnd(19),
    String(lease.subnetId).padEnd(6), String(lease.validLifetime).padEnd(7), expires.padEnd(20), countdown(lease.expire, now).padEnd(11), lease.stateName.padEnd(17), `${v6}${lease.source}`,
  ].join(' ')
}
