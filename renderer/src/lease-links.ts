// From a lease to what the session holds about its client: the display filter that shows its packets.
import type { Lease } from '../../electron/contract/types'

/** v4: the client's hardware address; v6: its DUID (in any DUID option, the client's being the one it sends). */
export function packetFilterFor(lease: Pick<Lease, 'family' | 'hwAddress' | 'clientId'>): string | null {
  if (lease.family === 4) return lease.hwAddress ? `dhcp.chaddr == ${lease.hwAddress}` : null
  return lease.clientId ? `dhcpv6.duid.bytes == ${lease.clientId}` : null
}

/** Whether a test-client run was made for this lease's client (by its hardware address). */
export function runIsFor(run: { mac: string }, lease: Pick<Lease, 'hwAddress'>): boolean {
  return !!lease.hwAddress && run.mac.toLowerCase() === lease.hwAddress.toLowerCase()
}
