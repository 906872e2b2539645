// The Kea view's readings kept in a session: each subnet's utilization samples and each service's status, per
// connection profile, so reopening the session shows the chart and the status history. Each series is kept within
// MAX_HISTORY_SAMPLES by thinning its older part (thin-samples.ts).
import type { KeaDaemon, KeaHistory, KeaServiceStatus, KeaStatus, KeaStatusSample, KeaUsageSample } from '../../contract/types'
import type { SeriesKey } from '../kea/pool-sampler'
import type { Db } from './database'
import { samplesToThin } from './thin-samples'

/** Five-second readings keep their full resolution for about half an hour, and thinned ones reach much further back. */
export const MAX_HISTORY_SAMPLES = 720

interface UsageRow { id: number; at: string; assigned: number; total: number }
interface StatusRow { id: number; at: string; status: string }

/** What a status reading says that a history must not thin away: a server going up or down, a restart, an HA change. */
function statusMark(status: KeaServiceStatus): string {
  return JSON.stringify([status.up, status.pid, status.version, status.dhcpDisabled, status.ha?.map((h) => [h.localState, h.partnerState])])
}

export class KeaHistoryStore {
  constructor(private readonly db: Db) {}

  /** Adds a utilization sample to its series and returns the series, oldest first. */
  addUsage(sessionId: number, key: SeriesKey, subnet: string | null, sample: KeaUsageSample): KeaUsageSample[] {
    const series = [sessionId, key.profileId, key.service, key.subnetId, key.kind] as const
    return this.db.transaction(() => {
      this.db.prepare(`INSERT INTO kea_usage_samples (session_id, profile_id, service, subnet_id, kind, subnet, at, assigned, total)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...series, subnet, sample.at, sample.assigned, sample.total)
      const rows = this.usageRows(...series)
      // A filling pool changes at every sample: its curve, not each value, is what the chart needs.
      const thinned = samplesToThin(rows.map((r) => ({ id: r.id, mark: '' })), MAX_HISTORY_SAMPLES)
      this.delete('kea_usage_samples', thinned)
      const gone = new Set(thinned)
      return rows.filter((r) => !gone.has(r.id)).map(({ at, assigned, total }) => ({ at, assigned, total }))
    })()
  }

  /** Adds a status reading: one sample per service it covers. */
  addStatus(sessionId: number, profileId: string, status: KeaStatus): void {
    this.db.transaction(() => {
      for (const service of status.services) {
        this.db.prepare('INSERT INTO kea_status_samples (session_id, profile_id, service, at, status) VALUES (?, ?, ?, ?, ?)')
          .run(sessionId, profileId, service.service, status.checkedAt, JSON.stringify(service))
        // Thinning reads the whole series: only when it has grown past the bound (once every few hundred readings).
        const count = this.db.prepare('SELECT COUNT(*) FROM kea_status_samples WHERE session_id = ? AND profile_id = ? AND service = ?')
          .pluck().get(sessionId, profileId, service.service) as number
        if (count <= MAX_HISTORY_SAMPLES) continue
        const rows = this.statusRows(sessionId, profileId, service.service)
        this.delete('kea_status_samples', samplesToThin(rows.map((r) => ({ id: r.id, mark: statusMark(JSON.parse(r.status) as KeaServiceStatus) })), MAX_HISTORY_SAMPLES))
      }
    })()
  }

  history(sessionId: number, profileId: string): KeaHistory {
    const services = this.db.prepare('SELECT DISTINCT service FROM kea_status_samples WHERE session_id = ? AND profile_id = ? ORDER BY service')
      .pluck().all(sessionId, profileId) as KeaDaemon[]
    const status = services.map((service) => ({
      service,
      samples: this.statusRows(sessionId, profileId, service).map((r): KeaStatusSample => ({ at: r.at, status: JSON.parse(r.status) as KeaServiceStatus })),
    }))
    const series = this.db.prepare(`SELECT service, subnet_id AS subnetId, kind, MAX(subnet) AS subnet FROM kea_usage_samples
      WHERE session_id = ? AND profile_id = ? GROUP BY service, subnet_id, kind ORDER BY service, subnet_id, kind`)
      .all(sessionId, profileId) as Omit<KeaHistory['usage'][number], 'samples'>[]
    const usage = series.map((s) => ({
      ...s, samples: this.usageRows(sessionId, profileId, s.service, s.subnetId, s.kind).map(({ at, assigned, total }) => ({ at, assigned, total })),
    }))
    return { sessionId, profileId, status, usage }
  }

  /** The connections whose readings a session kept. */
  profiles(sessionId: number): string[] {
    return this.db.prepare(`SELECT profile_id FROM kea_status_samples WHERE session_id = ? UNION SELECT profile_id FROM kea_usage_samples WHERE session_id = ?`)
      .pluck().all(sessionId, sessionId) as string[]
  }

  /** A history as a bundle handed it over, into a session, unthinned (it was thinned when it was taken). */
  restore(sessionId: number, history: KeaHistory): void {
    this.db.transaction(() => {
      const status = this.db.prepare('INSERT INTO kea_status_samples (session_id, profile_id, service, at, status) VALUES (?, ?, ?, ?, ?)')
      for (const series of history.status) for (const s of series.samples) status.run(sessionId, history.profileId, series.service, s.at, JSON.stringify(s.status))
      const usage = this.db.prepare(`INSERT INTO kea_usage_samples (session_id, profile_id, service, subnet_id, kind, subnet, at, assigned, total)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      for (const series of history.usage) {
        for (const s of series.samples) usage.run(sessionId, history.profileId, series.service, series.subnetId, series.kind, series.subnet, s.at, s.assigned, s.total)
      }
    })()
  }

  private usageRows(sessionId: number, profileId: string, service: string, subnetId: number, kind: string): UsageRow[] {
    return this.db.prepare(`SELECT id, at, assigned, total FROM kea_usage_samples
      WHERE session_id = ? AND profile_id = ? AND service = ? AND subnet_id = ? AND kind = ? ORDER BY at, id`)
      .all(sessionId, profileId, service, subnetId, kind) as UsageRow[]
  }

  private statusRows(sessionId: number, profileId: string, service: string): StatusRow[] {
    return this.db.prepare('SELECT id, at, status FROM kea_status_samples WHERE session_id = ? AND profile_id = ? AND service = ? ORDER BY at, id')
      .all(sessionId, profileId, service) as StatusRow[]
  }

  private delete(table: 'kea_usage_samples' | 'kea_status_samples', ids: number[]): void {
    const statement = this.db.prepare(`DELETE FROM ${table} WHERE id = ?`)
    for (const id of ids) statement.run(id)
  }
}
