// Versioned schema: migration N brings the database from user_version N-1 to N. Never edit a released step;
// add the next one. A step is SQL, or a function for what SQL alone cannot do (writing files).
import type { Db } from './database'
import { movePacketsOut } from './move-packets-out'

export type Migration = string | ((db: Db, dataDir: string) => void)

export const migrations: Migration[] = [
  `CREATE TABLE sessions (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE captures (
     id INTEGER PRIMARY KEY,
     session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     path TEXT NOT NULL,
     format TEXT NOT NULL,
     status TEXT NOT NULL,
     packet_count INTEGER NOT NULL DEFAULT 0,
     first_time REAL,
     error TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX captures_by_session ON captures(session_id);
   CREATE TABLE packets (
     capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
     frame INTEGER NOT NULL,
     ts_seconds INTEGER NOT NULL,
     ts_fraction INTEGER NOT NULL,
     ts_digits INTEGER NOT NULL,
     original_length INTEGER NOT NULL,
     link_type INTEGER NOT NULL,
     interface_id INTEGER NOT NULL,
     source TEXT NOT NULL,
     destination TEXT NOT NULL,
     protocol TEXT NOT NULL,
     info TEXT NOT NULL,
     malformed INTEGER NOT NULL,
     data BLOB NOT NULL,
     comment TEXT
   );
   CREATE UNIQUE INDEX packets_by_frame ON packets(capture_id, frame);`,
  // 2: a capture's file is the one source of its packets (captures.path); the packets table and the first packet's
  // time (now read from the file's index) go.
  movePacketsOut,
  // 3: live captures keep their settings, counters and alerts with them (LiveCaptureInfo as JSON).
  'ALTER TABLE captures ADD COLUMN live TEXT',
  // 4: the Kea view's readings kept with the session they were taken in: each subnet's utilization samples and each
  // service's status (KeaServiceStatus as JSON), so reopening the session shows their history. Counts are REAL:
  // a DHCPv6 subnet's total is past 2^53.
  `CREATE TABLE kea_usage_samples (
     id INTEGER PRIMARY KEY,
     session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     profile_id TEXT NOT NULL,
     service TEXT NOT NULL,
     subnet_id INTEGER NOT NULL,
     kind TEXT NOT NULL,
     subnet TEXT,
     at TEXT NOT NULL,
     assigned REAL NOT NULL,
     total REAL NOT NULL
   );
   CREATE INDEX kea_usage_by_series ON kea_usage_samples(session_id, profile_id, service, subnet_id, kind, at);
   CREATE TABLE kea_status_samples (
     id INTEGER PRIMARY KEY,
     session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     profile_id TEXT NOT NULL,
     service TEXT NOT NULL,
     at TEXT NOT NULL,
     status TEXT NOT NULL
   );
   CREATE INDEX kea_status_by_series ON kea_status_samples(session_id, profile_id, service, at);`,
  // 5: a session imported from a bundle is kept as it was handed over: read-only until copied.
  'ALTER TABLE sessions ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0',
  // 6: sessions to find and keep: the user's notes and tags, a trash (deleted_at; purged 30 days later), each
  // capture's search terms (its clients, xids, addresses, host names and test-client variables, written once its
  // index is complete) and the app's state across runs (the session open, to reopen after a crash).
  `ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT '';
   ALTER TABLE sessions ADD COLUMN deleted_at TEXT;
   CREATE TABLE session_tags (
     session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     tag TEXT NOT NULL,
     PRIMARY KEY (session_id, tag)
   );
   ALTER TABLE captures ADD COLUMN search_terms TEXT;
   CREATE TABLE app_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // 7: the Kea console's commands kept with the session they were sent in (arguments and answer as JSON, secrets
  // hidden, the answer bounded), so reopening the session shows its console history.
  `CREATE TABLE kea_console_commands (
     id INTEGER PRIMARY KEY,
     session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     profile_id TEXT NOT NULL,
     service TEXT,
     command TEXT NOT NULL,
     arguments TEXT,
     at TEXT NOT NULL,
     answer TEXT,
     truncated INTEGER NOT NULL,
     error TEXT
   );
   CREATE INDEX kea_console_by_session ON kea_console_commands(session_id, profile_id, id);`,
  // 8: what the user adds to a session of Kea's configuration (secrets hidden), a lease table's view and a log's view
  // (bounded), as JSON in `data`, so the case keeps them after a restart or with the server gone.
  `CREATE TABLE session_snapshots (
     id INTEGER PRIMARY KEY,
     session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     at TEXT NOT NULL,
     source TEXT NOT NULL,
     filter TEXT NOT NULL,
     count INTEGER NOT NULL,
     total INTEGER NOT NULL,
     profile_id TEXT,
     service TEXT,
     data TEXT NOT NULL
   );
   CREATE INDEX session_snapshots_by_session ON session_snapshots(session_id, at, id);`,
]
