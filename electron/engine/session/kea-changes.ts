// The Kea readings a case timeline shows: only those where something changed. A session keeps a reading every few
// seconds; what matters to the case is a server that became unreachable or reachable again, restarted or stopped
// answering clients, and a pool that crossed its warning or critical level (or fell back under it).
import type { CaseLink, CaseTimelineItem, KeaDhcpService, KeaHistory, KeaPoolLevel, KeaServiceStatus, KeaThresholds } from '../../contract/types'
import { levelOf } from '../kea/pool-thresholds'
import { utilization } from '../kea/pool-stats'

export type ThresholdsOf = (profileId: string, service: KeaDhcpService, subnetId: number) => KeaThresholds

const LEVEL_SEVERITY: Record<KeaPoolLevel, CaseTimelineItem['severity']> = { ok: 'info', warn: 'warning', critical: 'problem' }

/** What a status says that the case cares about, in words; the first reading and each change of it are shown. */
function statusState(status: KeaServiceStatus): { key: string; text: string; severity: CaseTimelineItem['severity'] } {
  if (!status.up) return { key: 'down', text: `unreachable${status.problem ? `: ${status.problem}` : ''}`, severity: 'problem' }
  if (status.dhcpDisabled) return { key: 'disabled', text: `up but not answering clients: ${status.dhcpDisabled}`, severity: 'warning' }
  return { key: `up/${status.pid}`, text: `reachable${status.version ? `, Kea ${status.version}` : ''}${status.pid === null ? '' : `, pid ${status.pid}`}`, severity: 'info' }
}

/** Each service's first status reading and every reading unlike the one before it. */
export function statusChanges(history: KeaHistory): CaseTimelineItem[] {
  return history.status.flatMap(({ service, samples }) => {
    const link: CaseLink = { kind: 'kea', label: `${service} via ${history.profileId}`, profileId: history.profileId, service, subnetId: null, tab: 'status' }
    let before: string | null = null
    return samples.flatMap((sample): CaseTimelineItem[] => {
      const state = statusState(sample.status)
      if (state.key === before) return []
      const restarted = before?.startsWith('up/') && state.key.startsWith('up/')
      const was = before
      before = state.key
      const text = was === null ? `Kea ${service} (${history.profileId}): ${state.text}`
        : restarted ? `Kea ${service} (${history.profileId}) restarted: ${state.text}`
          : `Kea ${service} (${history.profileId}) became ${state.text}`
      return [{ time: sample.at, kind: 'kea-status', severity: restarted ? 'warning' : state.severity, text, links: [link] }]
    })
  })
}

/** Which line a pool crossed going from one level to the other. */
function crossing(from: KeaPoolLevel, to: KeaPoolLevel, { warn, critical }: KeaThresholds): string {
  if (to === 'critical') return `over its critical level (${critical} %)`
  if (to === 'ok') return `back under its warning level (${warn} %)`
  return from === 'ok' ? `over its warning level (${warn} %)` : `back under its critical level (${critical} %)`
}

/** Each subnet's readings where its level (ok, warn, critical against its thresholds) differs from the one before; a first reading only when not ok. */
export function poolCrossings(history: KeaHistory, thresholdsOf: ThresholdsOf): CaseTimelineItem[] {
  return history.usage.flatMap(({ service, subnetId, subnet, samples }) => {
    const thresholds = thresholdsOf(history.profileId, service, subnetId)
    const name = `${service} subnet ${subnetId}${subnet ? ` (${subnet})` : ''}`
    const link: CaseLink = { kind: 'kea', label: `${name} pool readings`, profileId: history.profileId, service, subnetId, tab: 'pools' }
    let before: KeaPoolLevel = 'ok'
    return samples.flatMap((sample): CaseTimelineItem[] => {
      const used = utilization(sample.assigned, sample.total)
      const level = levelOf(used, thresholds)
      if (level === before) return []
      const where = crossing(before, level, thresholds)
      before = level
      return [{
        time: sample.at, kind: 'pool-level', severity: LEVEL_SEVERITY[level],
        text: `Pool of ${name} ${where}: ${used ?? 0} % used (${sample.assigned} of ${sample.total})`, links: [link],
      }]
    })
  })
}
