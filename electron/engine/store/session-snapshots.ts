// What the user adds to a session of Kea's configuration, a lease table's view and a log's view, kept with the
// session as it was when taken: reopened after a restart, or exported with the server gone, the case still has them.
// A configuration's secrets are hidden here, before anything is written, whoever calls; leases and lines are bounded.
import type { KeaDhcpService, SessionSnapshot, SnapshotInfo, SnapshotKind, SnapshotLease, SnapshotLogLine } from '../../contract/types'
import { redactSecrets } from '../kea/redact'
import type { Db } from './database'

/** A lease view past this keeps its first leases: enough for a case, small enough to keep in a session and a bundle. */
export const MAX_SNAPSHOT_LEASES = 10_000
export const MAX_SNAPSHOT_LOG_LINES = 5_000
/** The newest snapshots a session lists (the store keeps every one). */
const MAX_SNAPSHOTS_LISTED = 1000

/** The columns as SnapshotInfo names them. */
const INFO_COLUMNS = 'id, session_id AS sessionId, kind, at, source, filter, count, total, profile_id AS profileId, service'

function toSnapshot({ data: json, ...info }: SnapshotInfo & { data: string }): SessionSnapshot {
  const data = JSON.parse(json) as unknown
  if (info.kind === 'kea-config') return { ...info, kind: 'kea-config', config: data as Record<string, unknown> }
  if (info.kind === 'leases') return { ...info, kind: 'leases', leases: data as SnapshotLease[] }
  return { ...info, kind: 'log-lines', lines: data as SnapshotLogLine[] }
}

/** What a snapshot is taken of, with the view's filter in words; `at` when restored as it was taken (else now). */
interface SnapshotTaken {
  source: string
  filter: string
  at?: string
}

export class SessionSnapshots {
  constructor(private readonly db: Db) {}

  addConfig(sessionId: number, profileId: string, service: KeaDhcpService, config: Record<string, unknown>, taken: SnapshotTaken): SnapshotInfo {
    return this.insert(sessionId, 'kea-config', taken, 1, 1, profileId, service, redactSecrets(config))
  }

  addLeases(sessionId: number, leases: readonly SnapshotLease[], total: number, taken: SnapshotTaken): SnapshotInfo {
    const kept = leases.slice(0, MAX_SNAPSHOT_LEASES)
    return this.insert(sessionId, 'leases', taken, kept.length, Math.max(total, kept.length), null, null, kept)
  }

  addLogLines(sessionId: number, lines: readonly SnapshotLogLine[], total: number, taken: SnapshotTaken): SnapshotInfo {
    const kept = lines.slice(0, MAX_SNAPSHOT_LOG_LINES)
    return this.insert(sessionId, 'log-lines', taken, kept.length, Math.max(total, kept.length), null, null, kept)
  }

  /** A snapshot as a bundle handed it over, into another session. */
  restore(sessionId: number, snapshot: SessionSnapshot): SnapshotInfo {
    const taken = { source: snapshot.source, filter: snapshot.filter, at: snapshot.at }
    if (snapshot.kind === 'kea-config') {
      if (!snapshot.profileId || !snapshot.service) throw new Error('a configuration snapshot names no Kea connection and server')
      return this.addConfig(sessionId, snapshot.profileId, snapshot.service, snapshot.config, taken)
    }
    if (snapshot.kind === 'leases') return this.addLeases(sessionId, snapshot.leases, snapshot.total, taken)
    return this.addLogLines(sessionId, snapshot.lines, snapshot.total, taken)
  }

  /** Oldest first, the newest MAX_SNAPSHOTS_LISTED. */
  list(sessionId: number): SnapshotInfo[] {
    return this.db.prepare(`SELECT * FROM (SELECT ${INFO_COLUMNS} FROM session_snapshots WHERE session_id = ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id`)
      .all(sessionId, MAX_SNAPSHOTS_LISTED) as SnapshotInfo[]
  }

  get(sessionId: number, snapshotId: number): SessionSnapshot | undefined {
    const row = this.db.prepare(`SELECT ${INFO_COLUMNS}, data FROM session_snapshots WHERE session_id = ? AND id = ?`).get(sessionId, snapshotId) as (SnapshotInfo & { data: string }) | undefined
    return row && toSnapshot(row)
  }

  /** One kind's snapshots of a session, newest first, read one at a time. */
  *newest(sessionId: number, kind: SnapshotKind): Generator<SessionSnapshot> {
    const ids = this.db.prepare('SELECT id FROM session_snapshots WHERE session_id = ? AND kind = ? ORDER BY at DESC, id DESC').pluck().all(sessionId, kind) as number[]
    for (const id of ids) {
      const snapshot = this.get(sessionId, id)
      if (snapshot) yield snapshot
    }
  }

  hasConfig(sessionId: number, profileId: string, service: KeaDhcpService): boolean {
    return this.db.prepare(`SELECT 1 FROM session_snapshots WHERE session_id = ? AND kind = 'kea-config' AND profile_id = ? AND service = ?`).get(sessionId, profileId, service) !== undefined
  }

  private insert(sessionId: number, kind: SnapshotKind, taken: SnapshotTaken, count: number, total: number, profileId: string | null, service: KeaDhcpService | null, data: unknown): SnapshotInfo {
    const { lastInsertRowid } = this.db.prepare(`INSERT INTO session_snapshots (session_id, kind, at, source, filter, count, total, profile_id, service, data)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(sessionId, kind, taken.at ?? new Date().toISOString(), taken.source, taken.filter, count, total, profileId, service, JSON.stringify(data))
    return this.db.prepare(`SELECT ${INFO_COLUMNS} FROM session_snapshots WHERE id = ?`).get(Number(lastInsertRowid)) as SnapshotInfo
  }
}
