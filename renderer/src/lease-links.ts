// From a lease to what the session holds about its client: the display filter that shows its packets, the client its
// transactions and history are asked by, the filter of its log lines.
import type { Lease, LogQuery } from '../../electron/contract/types'

/** v4: the client's hardware address; v6: its DUID (in any DUID option, the client's being the one it sends). */
export function packetFilterFor(lease: Pick<Lease, 'family' | 'hwAddress' | 'clientId'>): string | null {
  if (lease.family === 4) return lease.hwAddress ? `dhcp.chaddr == ${lease.hwAddress}` : null
  return lease.clientId ? `dhcpv6.duid.bytes == ${lease.clientId}` : null
}

/** Whether a test-client run was made for this lease's client (by its hardware address). */
export function runIsFor(run: { mac: string }, lease: Pick<Lease, 'hwAddress'>): boolean {
  return !!lease.hwAddress && run.mac.toLowerCase() === lease.hwAddress.toLowerCase()
}

/** The client as clients.timeline and transactions.page take it: v4 its MAC (else its client id), v6 its DUID. */
export function clientOf(lease: Pick<Lease, 'family' | 'hwAddress' | 'clientId'>): string | null {
  return lease.family === 4 ? lease.hwAddress ?? lease.clientId : lease.clientId ?? lease.hwAddress
}

/** The Logs view's filter for the lease's client: Kea logs v4 clients by [hwtype=1 MAC], v6 ones by duid=[…]. */
export function logQueryFor(lease: Pick<Lease, 'family' | 'hwAddress' | 'clientId'>): LogQuery | null {
  if (lease.family === 4 && lease.hwAddress) return { mac: lease.hwAddress }
  return lease.clientId ? { clientId: lease.clientId } : null
}
