import type { CaptureInfo, CaptureStatus, LiveCaptureInfo, SessionInfo } from '../../contract/types'
import type { SessionSort } from '../../contract/methods'
import type { Db } from './database'

interface CaptureRow {
  id: number
  session_id: number
  name: string
  path: string
  format: string
  status: CaptureStatus
  packet_count: number
  error: string | null
  created_at: string
  live: string | null
}

function toCapture(row: CaptureRow): CaptureInfo {
  return {
    id: row.id, sessionId: row.session_id, name: row.name, format: row.format, status: row.status,
    packetCount: row.packet_count, error: row.error, createdAt: row.created_at,
    ...(row.live && { live: JSON.parse(row.live) as LiveCaptureInfo }),
  }
}

const SORT_COLUMNS: Record<SessionSort, string> = { updated: 's.updated_at', created: 's.created_at', name: 's.name COLLATE NOCASE' }

/** What a search looks for: terms are stored in lower case, MACs with colons (so aa-bb-cc… finds them too). */
export function searchable(search: string): string {
  const text = search.trim().toLowerCase()
  return /^[0-9a-f]{2}([-.][0-9a-f]{2}){5}$/.test(text) ? text.replace(/[-.]/g, ':') : text
}

/** Where a capture's packets are: its file (in the data folder once loaded), and how many of its packets it holds. */
export interface CaptureFile {
  path: string
  name: string
  packetCount: number
}

/** Sessions and the captures in them. */
export class SessionStore {
  /** Live captures the last run left capturing (a crash): their stored packet count lags their file. */
  readonly interrupted: number[]

  constructor(private readonly db: Db) {
    // A capture still "loading" at start-up was interrupted by a crash or quit: keep what was stored, say so.
    db.prepare(`UPDATE captures SET status = 'failed', error = 'Loading was interrupted (the app stopped); the packets read until then are kept.' WHERE status = 'loading'`).run()
    // Its file has every packet written before the stop: they are read again from it.
    this.interrupted = db.prepare(`SELECT id FROM captures WHERE status = 'capturing' ORDER BY id`).pluck().all() as number[]
    db.prepare(`UPDATE captures SET status = 'ready', error = 'The capture was interrupted (the app stopped); the packets captured until then are kept.' WHERE status = 'capturing'`).run()
  }

  /** Sessions not in the trash; with `search`, those whose name, notes, tags, captures or captures' terms hold it. */
  list(search?: string, sort: SessionSort = 'updated', descending = true): SessionInfo[] {
    const order = `${SORT_COLUMNS[sort]} ${descending ? 'DESC' : 'ASC'}, s.id ${descending ? 'DESC' : 'ASC'}`
    if (!search) return this.select('s.deleted_at IS NULL', [], order)
    const pattern = `%${searchable(search).replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    return this.select(`s.deleted_at IS NULL AND (s.name LIKE @pattern ESCAPE '\\' OR s.notes LIKE @pattern ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM session_tags t WHERE t.session_id = s.id AND t.tag LIKE @pattern ESCAPE '\\')
      OR EXISTS (SELECT 1 FROM captures m WHERE m.session_id = s.id AND (m.name LIKE @pattern ESCAPE '\\' OR m.search_terms LIKE @pattern ESCAPE '\\')))`, [{ pattern }], order)
  }

  /** A session not in the trash. */
  get(sessionId: number): SessionInfo | undefined {
    return this.select('s.id = ? AND s.deleted_at IS NULL', [sessionId])[0]
  }

  /** The sessions in the trash, most recently deleted first. */
  trash(): SessionInfo[] {
    return this.select('s.deleted_at IS NOT NULL', [], 's.deleted_at DESC, s.id DESC')
  }

  trashed(sessionId: number): SessionInfo | undefined {
    return this.select('s.id = ? AND s.deleted_at IS NOT NULL', [sessionId])[0]
  }

  /** Sessions matching `where` with their capture and packet counts and tags, most recently used first unless `order`. */
  private select(where: string, args: unknown[], order = 's.updated_at DESC, s.id DESC'): SessionInfo[] {
    const rows = this.db.prepare(`
      SELECT s.id, s.name, s.created_at AS createdAt, s.updated_at AS updatedAt,
             COUNT(c.id) AS captureCount, COALESCE(SUM(c.packet_count), 0) AS packetCount, s.read_only AS readOnly,
             s.notes, s.deleted_at AS deletedAt,
             (SELECT json_group_array(tag) FROM (SELECT tag FROM session_tags WHERE session_id = s.id ORDER BY tag)) AS tags
      FROM sessions s LEFT JOIN captures c ON c.session_id = s.id
      WHERE ${where}
      GROUP BY s.id ORDER BY ${order}`).all(...args) as (Omit<SessionInfo, 'readOnly' | 'tags'> & { readOnly: number; tags: string })[]
    return rows.map((row) => ({ ...row, readOnly: row.readOnly === 1, tags: JSON.parse(row.tags) as string[] }))
  }

  /** `readOnly`: an imported bundle's session, kept as it was handed over. */
  create(name: string, readOnly = false): SessionInfo {
    const now = new Date().toISOString()
    const { lastInsertRowid } = this.db.prepare('INSERT INTO sessions (name, created_at, updated_at, read_only) VALUES (?, ?, ?, ?)').run(name, now, now, readOnly ? 1 : 0)
    return this.get(Number(lastInsertRowid))!
  }

  /**
   * An editable copy of a session: new capture rows naming the same files (a file goes only when no capture names
   * it any more). Returns the new session and each old capture id's new one.
   */
  copy(sessionId: number, name: string): { session: SessionInfo; captureIds: Map<number, number> } {
    return this.db.transaction(() => {
      const session = this.create(name)
      const captureIds = new Map<number, number>()
      for (const id of this.db.prepare('SELECT id FROM captures WHERE session_id = ? ORDER BY id').pluck().all(sessionId) as number[]) {
        const { lastInsertRowid } = this.db.prepare(`INSERT INTO captures (session_id, name, path, format, status, packet_count, error, created_at, live)
          SELECT ?, name, path, format, status, packet_count, error, created_at, live FROM captures WHERE id = ?`).run(session.id, id)
        captureIds.set(id, Number(lastInsertRowid))
      }
      return { session: this.get(session.id)!, captureIds }
    })()
  }

  rename(sessionId: number, name: string): SessionInfo | undefined {
    this.db.prepare('UPDATE sessions SET name = ?, updated_at = ? WHERE id = ?').run(name, new Date().toISOString(), sessionId)
    return this.get(sessionId)
  }

  setNotes(sessionId: number, notes: string): void {
    this.db.prepare('UPDATE sessions SET notes = ?, updated_at = ? WHERE id = ?').run(notes, new Date().toISOString(), sessionId)
  }

  setTags(sessionId: number, tags: string[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM session_tags WHERE session_id = ?').run(sessionId)
      const add = this.db.prepare('INSERT OR IGNORE INTO session_tags (session_id, tag) VALUES (?, ?)')
      for (const tag of tags) add.run(sessionId, tag)
      this.touch(sessionId)
    })()
  }

  /** To the trash: listed there, restorable until purged. */
  trashSession(sessionId: number): void {
    this.db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), sessionId)
  }

  restore(sessionId: number): void {
    this.db.prepare('UPDATE sessions SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(new Date().toISOString(), sessionId)
  }

  /** The sessions in the trash since before `before` (ISO time). */
  trashedBefore(before: string): number[] {
    return this.db.prepare('SELECT id FROM sessions WHERE deleted_at IS NOT NULL AND deleted_at < ?').pluck().all(before) as number[]
  }

  /** Gone for good, with its captures' rows (their files are the caller's). */
  delete(sessionId: number): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId).changes > 0
  }

  /** A copy (see copy()) with everything else the session holds: notes, tags, captures' search terms, Kea readings, console commands and snapshots. */
  duplicate(sessionId: number, name: string): { session: SessionInfo; captureIds: Map<number, number> } {
    return this.db.transaction(() => {
      const { session, captureIds } = this.copy(sessionId, name)
      this.db.prepare('UPDATE sessions SET notes = (SELECT notes FROM sessions WHERE id = ?) WHERE id = ?').run(sessionId, session.id)
      this.db.prepare('INSERT INTO session_tags (session_id, tag) SELECT ?, tag FROM session_tags WHERE session_id = ?').run(session.id, sessionId)
      for (const [from, to] of captureIds) this.db.prepare('UPDATE captures SET search_terms = (SELECT search_terms FROM captures WHERE id = ?) WHERE id = ?').run(from, to)
      for (const [table, columns] of [
        ['kea_usage_samples', 'profile_id, service, subnet_id, kind, subnet, at, assigned, total'], ['kea_status_samples', 'profile_id, service, at, status'],
        ['kea_console_commands', 'profile_id, service, command, arguments, at, answer, truncated, error'],
        ['session_snapshots', 'kind, at, source, filter, count, total, profile_id, service, data'],
      ] as const) {
        this.db.prepare(`INSERT INTO ${table} (session_id, ${columns}) SELECT ?, ${columns} FROM ${table} WHERE session_id = ? ORDER BY id`).run(session.id, sessionId)
      }
      return { session: this.get(session.id)!, captureIds }
    })()
  }

  /** Complete captures whose search terms are not written yet. */
  capturesWithoutTerms(): number[] {
    return this.db.prepare(`SELECT id FROM captures WHERE search_terms IS NULL AND status IN ('ready', 'failed') ORDER BY id`).pluck().all() as number[]
  }

  /** What a search finds the capture by (null: to be written again, e.g. once a test-client run is kept with it). */
  setTerms(captureId: number, terms: string | null): void {
    this.db.prepare('UPDATE captures SET search_terms = ? WHERE id = ?').run(terms, captureId)
  }

  /** The app's state across runs (app_state): e.g. the session open. */
  state(key: string): string | null {
    return (this.db.prepare('SELECT value FROM app_state WHERE key = ?').pluck().get(key) as string | undefined) ?? null
  }

  setState(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM app_state WHERE key = ?').run(key)
    else this.db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  touch(sessionId: number): void {
    this.db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), sessionId)
  }

  captures(sessionId: number): CaptureInfo[] {
    return (this.db.prepare('SELECT * FROM captures WHERE session_id = ? ORDER BY id').all(sessionId) as CaptureRow[]).map(toCapture)
  }

  capture(captureId: number): CaptureInfo | undefined {
    const row = this.db.prepare('SELECT * FROM captures WHERE id = ?').get(captureId) as CaptureRow | undefined
    return row && toCapture(row)
  }

  captureFile(captureId: number): CaptureFile | undefined {
    const row = this.db.prepare('SELECT path, name, packet_count, live FROM captures WHERE id = ?').get(captureId) as Pick<CaptureRow, 'path' | 'name' | 'packet_count' | 'live'> | undefined
    // A live capture's file holds only what was captured, all of it kept: its count stored may lag it after a crash.
    return row && { path: row.path, name: row.name, packetCount: row.live === null ? row.packet_count : Infinity }
  }

  /** The files of captures (those of one session, or all). Paths stay in the engine: never in CaptureInfo. */
  capturePaths(sessionId?: number): Set<string> {
    const rows = sessionId === undefined
      ? this.db.prepare('SELECT DISTINCT path FROM captures').pluck().all()
      : this.db.prepare('SELECT DISTINCT path FROM captures WHERE session_id = ?').pluck().all(sessionId)
    return new Set(rows as string[])
  }

  /** A capture being loaded from a file, or (with `live`) being captured. */
  addCapture(sessionId: number, name: string, path: string, format: string, live?: LiveCaptureInfo): CaptureInfo {
    const { lastInsertRowid } = this.db.prepare(`INSERT INTO captures (session_id, name, path, format, status, created_at, live) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(sessionId, name, path, format, live ? 'capturing' : 'loading', new Date().toISOString(), live ? JSON.stringify(live) : null)
    this.touch(sessionId)
    return this.capture(Number(lastInsertRowid))!
  }

  /** A load has read this many packets of the capture. */
  setPacketCount(captureId: number, packetCount: number): void {
    this.db.prepare('UPDATE captures SET packet_count = ? WHERE id = ?').run(packetCount, captureId)
  }

  setFormat(captureId: number, format: string): void {
    this.db.prepare('UPDATE captures SET format = ? WHERE id = ?').run(format, captureId)
  }

  deleteCapture(captureId: number): void {
    this.db.prepare('DELETE FROM captures WHERE id = ?').run(captureId)
  }

  /** A live capture's counters, alerts or end. */
  setLive(captureId: number, live: LiveCaptureInfo): void {
    this.db.prepare('UPDATE captures SET live = ? WHERE id = ?').run(JSON.stringify(live), captureId)
  }

  /** The capture's file is now at `path` (its copy in the data folder). */
  moveCapture(captureId: number, path: string): void {
    this.db.prepare('UPDATE captures SET path = ? WHERE id = ?').run(path, captureId)
  }

  finishCapture(captureId: number, status: CaptureStatus, error: string | null): CaptureInfo {
    this.db.prepare('UPDATE captures SET status = ?, error = ? WHERE id = ?').run(status, error, captureId)
    return this.capture(captureId)!
  }
}
