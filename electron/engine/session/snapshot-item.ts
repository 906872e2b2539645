// A snapshot the user added to the session, as an item of the case's timeline linking to it.
import type { CaseTimelineItem, SnapshotInfo } from '../../contract/types'

const WHAT: Record<SnapshotInfo['kind'], string> = { 'kea-config': 'configuration', leases: 'lease', 'log-lines': 'log line' }

export function snapshotItem(s: SnapshotInfo): CaseTimelineItem {
  const items = s.kind === 'kea-config' ? `Kea ${WHAT[s.kind]} of ${s.source}` : `${s.count.toLocaleString('en')} ${WHAT[s.kind]}${s.count === 1 ? '' : 's'} of ${s.source}`
  const filter = s.filter ? ` (${s.filter})` : ''
  const bounded = s.total > s.count ? `; the view had ${s.total.toLocaleString('en')}, the first are kept` : ''
  return {
    time: s.at, kind: 'snapshot', severity: 'info',
    text: `${items}${filter} added to the session${bounded}`,
    links: [{ kind: 'snapshot', label: `snapshot #${s.id}`, snapshotId: s.id }],
  }
}
