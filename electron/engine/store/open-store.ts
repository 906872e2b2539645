// The store as the engine opens it: checked first (PRAGMA quick_check), repaired when only its indexes are damaged,
// and never in the way of starting. One that cannot be opened, repaired or migrated (damaged, not a database, written
// by a newer version) is moved aside with the files it names, and a fresh one started; the notice says what was done
// and what the user can do.
import Database from 'better-sqlite3'
import { existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir } from '../files/private-dir'
import { openDatabase, type Db } from './database'

export const STORE_FILE = 'fieldkit.db'
/** Folders of the data folder whose files the store names: they go aside with it, so the fresh store does not remove them as orphans. */
const NAMED_FOLDERS = ['captures', 'uploads', 'client-runs']

export interface OpenedStore {
  db: Db
  /** One sentence on what the check found and did; null when the store was sound. */
  notice: string | null
}

export function openStore(dataDir: string): OpenedStore {
  const path = join(dataDir, STORE_FILE)
  let problem: string
  try {
    const notice = existsSync(path) ? checkAndRepair(path) : null
    return { db: openDatabase(path), notice }
  } catch (error) {
    problem = (error as Error).message
  }
  const aside = moveAside(dataDir)
  return {
    db: openDatabase(path),
    notice: `The session store could not be opened (${problem}), so it was moved with its capture files to ${aside} and a new, empty store started. `
      + 'Your capture files there still open with File › Open; to get the sessions back, update the app if it was written by a newer one, '
      + `or run "sqlite3 ${join(aside, STORE_FILE)} .recover" and put the result back as ${STORE_FILE} with the app closed.`,
  }
}

/**
 * Null when the check finds nothing, else the damage repaired: indexes rebuilt in place (REINDEX), or, when the
 * damage is in pages REINDEX cannot read, every table read back into a new file that replaces the damaged one (kept
 * beside it). Throws, saying what is wrong, when a table cannot be read back.
 */
function checkAndRepair(path: string): string | null {
  const db = new Database(path)
  let damage: string | null = null
  try {
    damage = quickCheck(db)
    if (!damage) return null
    db.exec('REINDEX')
    if (!quickCheck(db)) return `The session store was damaged (${damage}); its indexes were rebuilt and every session kept.`
  } catch (error) {
    // The check or REINDEX ran into a damaged page: read the tables back instead (a file that is no store fails there).
    damage ??= (error as Error).message
  } finally {
    db.close()
  }
  const kept = readTablesBack(path, damage)
  return `The session store was damaged (${damage}); every session was read back into a repaired store (the damaged file is kept as ${kept}).`
}

/** Copies every table into a new store with the same schema, rebuilding the indexes from them; returns where the damaged file went. */
function readTablesBack(path: string, damage: string): string {
  const copyPath = `${path}.repaired`
  rmSync(copyPath, { force: true })
  const copy = new Database(copyPath)
  try {
    copy.exec(`ATTACH DATABASE '${path.replace(/'/g, "''")}' AS damaged`)
    const schema = copy.prepare(`SELECT type, name, sql FROM damaged.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'`).all() as { type: string; name: string; sql: string }[]
    copy.transaction(() => {
      for (const { type, name, sql } of schema) {
        copy.exec(sql)
        if (type !== 'table') continue
        try {
          copy.exec(`INSERT INTO main."${name}" SELECT * FROM damaged."${name}"`)
        } catch (error) {
          throw new Error(`it is damaged (${damage}) and its table ${name} cannot be read back: ${(error as Error).message}`)
        }
      }
    })()
    copy.pragma(`user_version = ${copy.pragma('damaged.user_version', { simple: true }) as number}`)
    copy.exec('DETACH DATABASE damaged')
    const left = quickCheck(copy)
    if (left) throw new Error(`it is damaged (${damage}) and its copy is too: ${left}`)
  } catch (error) {
    copy.close()
    rmSync(copyPath, { force: true })
    throw error
  }
  copy.close()
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${path}.damaged-${stamp}${suffix}`)
  renameSync(copyPath, path)
  return `${path}.damaged-${stamp}`
}

function quickCheck(db: Db): string | null {
  const lines = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[]
  // SQLite's report starts with a header line and may run long: the first findings say what is wrong.
  const found = lines.flatMap((line) => line.quick_check.split('\n')).filter((line) => line !== 'ok' && !line.startsWith('***'))
  return found.length ? found.slice(0, 2).join('; ') : null
}

/** Moves the store and its files into a new folder damaged-<time>; returns that folder. */
function moveAside(dataDir: string): string {
  const aside = ensurePrivateDir(join(dataDir, `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`))
  for (const name of [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`, ...NAMED_FOLDERS]) {
    if (existsSync(join(dataDir, name))) renameSync(join(dataDir, name), join(aside, name))
  }
  return aside
}
