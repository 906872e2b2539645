// One client's leases in an open table (by its MAC, client id or DUID), as items of the client's history: placed at
// the time the server last wrote them (cltt: the expiry less the valid lifetime). Kea keeps whole seconds, so a lease
// goes at the end of its second, after the packets and log lines of that second that led to it.
import type { ClientTimelineItem, LeaseTableInfo } from '../../contract/types'
import { lastMatches, type SourceItems } from '../clients/client-timeline'
import type { Lease } from './lease'

const iso = (seconds: number, ms = 0) => (Number.isFinite(seconds) ? new Date(seconds * 1000 + ms).toISOString() : '')

export function clientLeases(info: LeaseTableInfo, rows: readonly Lease[], matches: (written: string | null) => boolean, limit: number): SourceItems {
  const { positions, total } = lastMatches(rows.length, (i) => matches(rows[i].hwAddress) || matches(rows[i].clientId), limit)
  const items = positions.map((i): ClientTimelineItem => {
    const lease = rows[i]
    return {
      kind: 'lease', time: iso(lease.expire - lease.validLifetime, 999), tableId: info.tableId, tableName: info.name, family: lease.family,
      address: lease.address, state: lease.stateName, expire: iso(lease.expire),
    }
  })
  return { items, total }
}
