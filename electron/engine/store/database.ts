import Database from 'better-sqlite3'
import { chmodSync, existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../files/private-dir'
import { migrations } from './migrations'

export type Db = Database.Database

/**
 * Opens (creating if needed) the store; WAL keeps what was written through a crash of the app. The store lives in
 * the data folder, which its migrations may write files into.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') ensurePrivateDir(dirname(path))
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  migrate(db, dirname(path))
  // SQLite creates its files with the process's umask (its journal files copy the database's mode).
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE)
  return db
}

function migrate(db: Db, dataDir: string): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new Error(`The session store was written by a newer DHCP Field Kit (schema ${current}, this one knows ${migrations.length}); update the app.`)
  }
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version]
    db.transaction(() => {
      if (typeof step === 'string') db.exec(step)
      else step(db, dataDir)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
  // A step that dropped data leaves its pages free inside the file: give them back to the disk.
  if (current < migrations.length && (db.pragma('freelist_count', { simple: true }) as number) > 0) db.exec('VACUUM')
}
