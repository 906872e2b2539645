import type { CaptureInfo, CaptureStatus, LiveCaptureInfo, SessionInfo } from '../../contract/types'
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

/** Where a capture's packets are: its file (in the data folder once loaded), and how many of its packets it holds. */
export interface CaptureFile {
  path: string
  name: string
  packetCount: number
}

/** Sessions and the captures in them. */
export class SessionStore {
  constructor(private readonly db: Db) {
    // A capture still "loading" at start-up was interrupted by a crash or quit: keep what was stored, say so.
    db.prepare(`UPDATE captures SET status = 'failed', error = 'Loading was interrupted (the app stopped); the packets read until then are kept.' WHERE status = 'loading'`).run()
    // Its file has every packet written before the stop: they are read again from it.
    db.prepare(`UPDATE captures SET status = 'ready', error = 'The capture was interrupted (the app stopped); the packets captured until then are kept.' WHERE status = 'capturing'`).run()
  }

  list(search?: string): SessionInfo[] {
    if (!search) return this.select('1', [])
    const pattern = `%${search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    return this.select(`s.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM captures m WHERE m.session_id = s.id AND m.name LIKE ? ESCAPE '\\')`, [pattern, pattern])
  }

  get(sessionId: number): SessionInfo | undefined {
    return this.select('s.id = ?', [sessionId])[0]
  }

  /** Sessions matching `where` with their capture and packet counts, most recently used first. */
  private select(where: string, args: unknown[]): SessionInfo[] {
    return this.db.prepare(`
      SELECT s.id, s.name, s.created_at AS createdAt, s.updated_at AS updatedAt,
             COUNT(c.id) AS captureCount, COALESCE(SUM(c.packet_count), 0) AS packetCount
      FROM sessions s LEFT JOIN captures c ON c.session_id = s.id
      WHERE ${where}
      GROUP BY s.id ORDER BY s.updated_at DESC, s.id DESC`).all(...args) as SessionInfo[]
  }

  create(name: string): SessionInfo {
    const now = new Date().toISOString()
    const { lastInsertRowid } = this.db.prepare('INSERT INTO sessions (name, created_at, updated_at) VALUES (?, ?, ?)').run(name, now, now)
    return this.get(Number(lastInsertRowid))!
  }

  rename(sessionId: number, name: string): SessionInfo | undefined {
    this.db.prepare('UPDATE sessions SET name = ?, updated_at = ? WHERE id = ?').run(name, new Date().toISOString(), sessionId)
    return this.get(sessionId)
  }

  delete(sessionId: number): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId).changes > 0
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
    const row = this.db.prepare('SELECT path, name, packet_count FROM captures WHERE id = ?').get(captureId) as Pick<CaptureRow, 'path' | 'name' | 'packet_count'> | undefined
    return row && { path: row.path, name: row.name, packetCount: row.packet_count }
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
