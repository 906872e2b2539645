// What the user adds to a session of Kea's configuration, a lease view and a log view, on real parts (a memfile, a
// Kea log, the store's file, the built CLI): kept across a migration from schema 7 and a restart, hidden secrets never
// written, bounded, shown in the case's timeline, carried by duplicate, by a bundle exported with nothing open (no
// lease table, no log, no server) and by the bundle's import.
import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { copyFileSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  CaseTimeline, ImportedBundle, KeaConsoleRecord, LeaseTableInfo, LeaseViewInfo, LogInfo, LogView, SavedBundle, SessionInfo, SessionSnapshot, SnapshotInfo,
} from '../../electron/contract/types'
import { parseSnapshotFile } from '../../electron/engine/bundle/snapshot-files'
import type { Engine } from '../../electron/engine/engine'
import { REDACTED } from '../../electron/engine/kea/redact'
import { openDatabase } from '../../electron/engine/store/database'
import { migrations } from '../../electron/engine/store/migrations'
import { STORE_FILE } from '../../electron/engine/store/open-store'
import { MAX_SNAPSHOT_LEASES, SessionSnapshots } from '../../electron/engine/store/session-snapshots'
import { runFieldkit } from '../helpers/fieldkit'
import { tempDataDir, testEngine } from '../helpers/engine'
import { tableLoaded, writeMemfile } from '../helpers/leases'
import { tempDir } from '../helpers/temp'

const storedBySchema7 = fileURLToPath(new URL('../fixtures/store/fieldkit-v7.db', import.meta.url))
const keaLog = fileURLToPath(new URL('../fixtures/logs/kea-2.6-dhcp4.log', import.meta.url))

let engines: Engine[] = []
afterEach(() => {
  for (const e of engines) e.close()
  engines = []
})
const open = (dataDir: string) => {
  const e = testEngine(dataDir)
  engines.push(e)
  return e
}
/** The MACs a search for 0a:16:00:00:00:0 finds among the memfile's: …:00 to …:0f. */
const FOUND = Array.from({ length: 16 }, (_, i) => `0a:16:00:00:00:${i.toString(16).padStart(2, '0')}`)
const call = <T>(e: Engine, method: string, params: object) => e.dispatch(method, params) as Promise<T>

/** A memfile of `count` leases opened as a lease table and viewed with `search`. */
async function leaseView(e: Engine, count: number, search: string): Promise<LeaseViewInfo> {
  const csv = join(tempDir('snapshot-leases'), 'kea-leases4.csv')
  writeMemfile(csv, count, (i) => `0a:16:00:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`)
  const table = await tableLoaded(e, await call<LeaseTableInfo>(e, 'leases.open', { source: { fileId: e.grant(csv).fileId } }))
  return call<LeaseViewInfo>(e, 'leases.view', { tableId: table.tableId, filter: search ? { search } : {} })
}

async function logView(e: Engine): Promise<LogView> {
  const log = await call<LogInfo>(e, 'logs.open', { source: { text: readFileSync(keaLog, 'utf8'), name: 'kea-dhcp4.log' }, format: 'kea' })
  return call<LogView>(e, 'logs.view', { logId: log.logId, query: { severities: ['INFO', 'WARN', 'ERROR'] } })
}

/** Every byte the data folder holds (the store, its WAL, captures), as text to search. */
const dataFolderText = (dir: string): string => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((f) => f.isFile()).map((f) => readFileSync(join(f.parentPath, f.name)).toString('latin1')).join('\n')

/** A Kea configuration with a secret in every place Kea (or a user's context) may keep one. */
const SECRETS = ['lease-db-S3cret', 'hosts-db-S3cret', 'tsig-S3cret', 'ha-peer-S3cret', 'api-T0ken-S3cret', 'agent-S3cret']
const configWithSecrets = {
  Dhcp4: {
    'lease-database': { type: 'mysql', name: 'kea', user: 'kea', password: SECRETS[0] },
    'hosts-databases': [{ type: 'postgresql', name: 'hosts', password: SECRETS[1] }],
    'hooks-libraries': [{ library: '/usr/lib/kea/hooks/libdhcp_ha.so', parameters: { 'high-availability': [{ peers: [{ name: 'b', 'basic-auth-password': SECRETS[3] }] }] } }],
    'user-context': { monitoring: { 'api-token': SECRETS[4] } },
    'control-socket': { 'socket-type': 'unix', 'socket-name': '/run/kea/kea4-ctrl-socket' },
  },
  DhcpDdns: { 'tsig-keys': [{ name: 'key.example', algorithm: 'HMAC-SHA256', secret: SECRETS[2] }] },
  'Control-agent': { authentication: { clients: [{ user: 'admin', password: SECRETS[5] }] } },
}

/** The snapshot test also runs the built CLI, a process per step: seconds alone, more on a loaded machine. */
const CLI_RUNS_MS = 30_000

describe('session snapshots in the store', () => {
  it('a schema-7 store is migrated to 8: its session is intact, and snapshots added to it are kept across a restart', async () => {
    const dataDir = tempDataDir()
    copyFileSync(storedBySchema7, join(dataDir, STORE_FILE))
    const e = open(dataDir)
    const session = await call<SessionInfo>(e, 'sessions.get', { sessionId: 1 })
    expect([session.name, session.tags, session.notes]).toEqual(['Laptop on floor 3 keeps its old address', ['floor-3'], 'asked Kea at 09:15'])
    expect((await call<KeaConsoleRecord[]>(e, 'kea.consoleHistory', { sessionId: 1 })).map((r) => r.command)).toEqual(['lease4-get'])
    expect(await call<SnapshotInfo[]>(e, 'sessions.snapshots', { sessionId: 1 })).toEqual([])

    const leases = await leaseView(e, 40, '0a:16:00:00:00:0')
    const addedLeases = await call<SnapshotInfo>(e, 'leases.addToSession', { sessionId: 1, tableId: leases.tableId, viewId: leases.viewId, filter: 'search 0a:16:00:00:00:0' })
    expect(addedLeases).toMatchObject({ kind: 'leases', count: 16, total: 16, source: 'memfile kea-leases4.csv', filter: 'search 0a:16:00:00:00:0', profileId: null })
    const lines = await logView(e)
    const addedLines = await call<SnapshotInfo>(e, 'logs.addToSession', { sessionId: 1, logId: lines.logId, viewId: lines.viewId })
    expect(addedLines).toMatchObject({ kind: 'log-lines', count: lines.total, total: lines.total, source: 'kea-dhcp4.log', filter: '' })
    expect(lines.total).toBeGreaterThan(0)
    e.close()
    engines = []

    const stored = new Database(join(dataDir, STORE_FILE), { readonly: true })
    expect(stored.pragma('user_version', { simple: true })).toBe(8)
    expect(migrations).toHaveLength(8)
    stored.close()

    const again = open(dataDir)
    expect((await call<SnapshotInfo[]>(again, 'sessions.snapshots', { sessionId: 1 })).map((s) => [s.id, s.kind, s.count])).toEqual([[addedLeases.id, 'leases', 16], [addedLines.id, 'log-lines', lines.total]])
    const kept = await call<SessionSnapshot>(again, 'sessions.snapshot', { sessionId: 1, snapshotId: addedLeases.id })
    expect(kept.kind === 'leases' && kept.leases.map((l) => l.hwAddress)).toEqual(FOUND)
    expect(kept.kind === 'leases' && kept.leases.every((l) => l.table === 'memfile kea-leases4.csv' && !('difference' in l))).toBe(true)
    const keptLines = await call<SessionSnapshot>(again, 'sessions.snapshot', { sessionId: 1, snapshotId: addedLines.id })
    expect(keptLines.kind === 'log-lines' && keptLines.lines[0]).toMatchObject({ log: 'kea-dhcp4.log', lineNumber: expect.any(Number), messageId: expect.any(String) })
    await expect(again.dispatch('sessions.snapshot', { sessionId: 1, snapshotId: 999 })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/session show 1/) })
  })

  it('never writes a configuration\'s secrets: whoever hands one over, it is read back with ***** and the data folder holds none', () => {
    const dataDir = tempDataDir()
    const db = openDatabase(join(dataDir, STORE_FILE))
    try {
      const session = db.prepare(`INSERT INTO sessions (name, created_at, updated_at) VALUES ('secrets', ?, ?)`).run('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z')
      const sessionId = Number(session.lastInsertRowid)
      const snapshots = new SessionSnapshots(db)
      const direct = snapshots.addConfig(sessionId, 'site-a', 'dhcp4', structuredClone(configWithSecrets), { source: 'site-a dhcp4', filter: '' })
      // A bundle's snapshot file is foreign input: one carrying secrets is restored with them hidden too.
      const fromBundle = snapshots.restore(sessionId, parseSnapshotFile(JSON.stringify({
        kind: 'kea-config', at: '2026-11-30T10:00:00.000Z', source: 'site-a dhcp4', filter: '', total: 1, profileId: 'site-a', service: 'dhcp4', config: configWithSecrets,
      })))
      for (const info of [direct, fromBundle]) {
        const kept = snapshots.get(sessionId, info.id)!
        expect(kept.kind).toBe('kea-config')
        const config = kept.kind === 'kea-config' ? kept.config as typeof configWithSecrets : configWithSecrets
        expect(config.Dhcp4['lease-database']).toEqual({ type: 'mysql', name: 'kea', user: 'kea', password: REDACTED })
        expect(config.Dhcp4['hosts-databases'][0].password).toBe(REDACTED)
        expect(config.Dhcp4['hooks-libraries'][0].parameters['high-availability'][0].peers[0]['basic-auth-password']).toBe(REDACTED)
        expect(config.Dhcp4['user-context'].monitoring['api-token']).toBe(REDACTED)
        expect(config.DhcpDdns['tsig-keys'][0].secret).toBe(REDACTED)
        expect(config['Control-agent'].authentication.clients[0].password).toBe(REDACTED)
        // What is not a secret stays: a socket's path is not one.
        expect(config.Dhcp4['control-socket']['socket-name']).toBe('/run/kea/kea4-ctrl-socket')
      }
    } finally {
      db.close()
    }
    const written = dataFolderText(dataDir)
    expect(written).toContain('kea4-ctrl-socket')
    for (const secret of SECRETS) expect(written, secret).not.toContain(secret)
  })

  it('refuses a bundle\'s snapshot file past its bounds or of another shape, and keeps a view\'s first leases past the bound', async () => {
    const lease = { address: '192.0.2.1', table: 't' }
    expect(() => parseSnapshotFile(JSON.stringify({ kind: 'leases', at: 'x', source: 's', filter: '', total: 1, profileId: null, service: null, leases: Array(MAX_SNAPSHOT_LEASES + 1).fill(lease) })))
      .toThrow(/leases: .*10000/)
    expect(() => parseSnapshotFile(JSON.stringify({ kind: 'passwords', at: 'x', source: 's', filter: '', total: 1, profileId: null, service: null }))).toThrow(/kind/)
    expect(() => parseSnapshotFile(JSON.stringify({ kind: 'leases', at: 'x', source: 's'.repeat(5000), filter: '', total: 1, profileId: null, service: null, leases: [] }))).toThrow(/source/)

    const e = open(tempDataDir())
    const session = await call<SessionInfo>(e, 'sessions.create', { name: 'big pool' })
    const view = await leaseView(e, MAX_SNAPSHOT_LEASES + 500, '')
    const added = await call<SnapshotInfo>(e, 'leases.addToSession', { sessionId: session.id, tableId: view.tableId, viewId: view.viewId })
    expect(added).toMatchObject({ count: MAX_SNAPSHOT_LEASES, total: MAX_SNAPSHOT_LEASES + 500 })
    await expect(e.dispatch('leases.addToSession', { sessionId: session.id, tableId: view.tableId, viewId: view.viewId, filter: 'x'.repeat(1001) })).rejects.toMatchObject({ code: 'invalid-params' })
    await expect(e.dispatch('leases.addToSession', { sessionId: session.id, tableId: 999, viewId: view.viewId })).rejects.toMatchObject({ code: 'not-found' })
  })
})

describe('session snapshots in the case, its copies and its bundle', () => {
  it('are timeline items, carried by duplicate, exported with nothing open, imported back, and printed by the CLI', async () => {
    const dataDir = tempDataDir()
    const e = open(dataDir)
    const session = await call<SessionInfo>(e, 'sessions.create', { name: 'Laptop keeps its old address' })
    const sessionId = session.id
    const leases = await leaseView(e, 20, '0a:16:00:00:00:0')
    const leaseSnapshot = await call<SnapshotInfo>(e, 'leases.addToSession', { sessionId, tableId: leases.tableId, viewId: leases.viewId, filter: 'search 0a:16:00:00:00:0' })
    const lines = await logView(e)
    const lineSnapshot = await call<SnapshotInfo>(e, 'logs.addToSession', { sessionId, logId: lines.logId, viewId: lines.viewId, filter: 'severities INFO|WARN|ERROR' })
    // A configuration taken earlier of a server this machine cannot reach (no connection site-a exists here).
    const db = new Database(join(dataDir, STORE_FILE))
    const configSnapshot = new SessionSnapshots(db).addConfig(sessionId, 'site-a', 'dhcp4', structuredClone(configWithSecrets), { source: 'Site A dhcp4', filter: '' })
    db.close()

    const timeline = await call<CaseTimeline>(e, 'sessions.timeline', { sessionId })
    const items = timeline.items.filter((i) => i.kind === 'snapshot')
    expect(items.map((i) => i.links)).toEqual([leaseSnapshot, lineSnapshot, configSnapshot].map((s) => [{ kind: 'snapshot', label: `snapshot #${s.id}`, snapshotId: s.id }]))
    expect(items[0].text).toBe('16 leases of memfile kea-leases4.csv (search 0a:16:00:00:00:0) added to the session')
    expect(items[2].text).toBe('Kea configuration of Site A dhcp4 added to the session')

    const copy = await call<SessionInfo>(e, 'sessions.duplicate', { sessionId })
    const copied = await call<SnapshotInfo[]>(e, 'sessions.snapshots', { sessionId: copy.id })
    expect(copied.map((s) => [s.kind, s.count, s.source, s.at])).toEqual([leaseSnapshot, lineSnapshot, configSnapshot].map((s) => [s.kind, s.count, s.source, s.at]))

    // Nothing open any more: the bundle's leases, lines and configuration come from the session alone.
    await call(e, 'leases.close', { tableId: leases.tableId })
    await call(e, 'logs.close', { logId: lines.logId })
    const saved = await call<SavedBundle>(e, 'bundle.export', { sessionId })
    const dir = tempDir('snapshot-bundle')
    execFileSync('unzip', ['-q', saved.path, '-d', dir])
    const bundledLeases = JSON.parse(readFileSync(join(dir, 'data/leases.json'), 'utf8')) as { hwAddress: string; table: string }[]
    expect(bundledLeases.map((l) => l.hwAddress).sort()).toEqual(FOUND)
    expect(readFileSync(join(dir, 'data/log-lines.csv'), 'utf8').split('\n')[0]).toBe('log,line,time,severity,message_id,mac,xid,message')
    expect((JSON.parse(readFileSync(join(dir, 'data/log-lines.json'), 'utf8')) as unknown[]).length).toBe(lineSnapshot.count)
    const config = JSON.parse(readFileSync(join(dir, 'kea/site-a-dhcp4.json'), 'utf8')) as typeof configWithSecrets
    expect(config.Dhcp4['lease-database'].password).toBe(REDACTED)
    expect(readdirSync(join(dir, 'data/snapshots')).sort()).toEqual([`${leaseSnapshot.id}-leases.json`, `${lineSnapshot.id}-log-lines.json`, `${configSnapshot.id}-kea-config.json`].sort())
    const everything = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => readFileSync(join(f.parentPath, f.name), 'latin1')).join('\n')
    for (const secret of SECRETS) expect(everything, secret).not.toContain(secret)

    const imported = await call<ImportedBundle>(e, 'bundle.import', { fileId: e.grant(saved.path).fileId })
    const restored = await call<SnapshotInfo[]>(e, 'sessions.snapshots', { sessionId: imported.session.id })
    expect(restored.map((s) => [s.kind, s.count, s.total, s.source, s.filter, s.at, s.profileId, s.service]))
      .toEqual([leaseSnapshot, lineSnapshot, configSnapshot].map((s) => [s.kind, s.count, s.total, s.source, s.filter, s.at, s.profileId, s.service]))
    // Read-only: nothing may be added to the imported session.
    const view = await leaseView(e, 3, '')
    await expect(e.dispatch('leases.addToSession', { sessionId: imported.session.id, tableId: view.tableId, viewId: view.viewId })).rejects.toThrow(/read-only/)

    // The CLI over the same data folder (this engine closed first: one writer at a time).
    e.close()
    engines = []
    const before = process.env.FIELDKIT_DATA_DIR
    process.env.FIELDKIT_DATA_DIR = dataDir
    try {
      const show = runFieldkit(['session', 'show', String(sessionId)])
      expect(show.stdout).toContain(`snapshot ${leaseSnapshot.id}: ${leaseSnapshot.at} 16 leases of memfile kea-leases4.csv [search 0a:16:00:00:00:0]`)
      expect(show.stdout).toContain(`snapshot ${configSnapshot.id}: ${configSnapshot.at} Kea configuration of Site A dhcp4`)
      expect((JSON.parse(runFieldkit(['session', 'show', String(sessionId), '--json']).stdout) as { snapshots: SnapshotInfo[] }).snapshots.map((s) => s.id)).toEqual([leaseSnapshot.id, lineSnapshot.id, configSnapshot.id])
      const csv = runFieldkit(['session', 'snapshot', String(sessionId), String(leaseSnapshot.id), '--csv'])
      expect(csv.stdout.split('\n').filter(Boolean)).toHaveLength(17)
      expect(csv.stdout).toContain(',0a:16:00:00:00:0f,')
      const printed = runFieldkit(['session', 'snapshot', String(sessionId), String(configSnapshot.id)])
      expect(printed.code).toBe(0)
      expect(JSON.parse(printed.stdout)).toMatchObject({ Dhcp4: { 'lease-database': { password: REDACTED } } })
      const refused = runFieldkit(['session', 'snapshot', String(sessionId), String(configSnapshot.id), '--csv'])
      expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/Kea configuration, which has no CSV form/)])
      const lineJson = JSON.parse(runFieldkit(['session', 'snapshot', String(sessionId), String(lineSnapshot.id), '--json']).stdout) as SessionSnapshot
      expect(lineJson.kind === 'log-lines' && lineJson.lines.length).toBe(lineSnapshot.count)
      const missing = runFieldkit(['session', 'snapshot', String(sessionId), '9999'])
      expect(missing.code).not.toBe(0)
      expect(missing.stderr).toMatch(/has no snapshot 9999/)
    } finally {
      if (before === undefined) delete process.env.FIELDKIT_DATA_DIR
      else process.env.FIELDKIT_DATA_DIR = before
    }
  }, CLI_RUNS_MS)
})
