// What a session keeps of the lab's Kea, on real parts: its configuration (read at the session's first status reading,
// and added again by the user), the lease Kea gave a client of ours as the Leases view shows it, and the lines Kea's
// log wrote about that client. The server then "goes down" (its connection now points at a closed port: the shared
// lab Kea itself is left running) and a fresh engine over the same data folder, with no lease table or log open,
// exports the session: the bundle still carries the lease, the lines and the configuration, secrets hidden.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ClientRunResult, KeaProfileInfo, KeaStatus, LeaseTableInfo, LeaseViewInfo, LogInfo, LogSources, LogView, SavedBundle, SessionInfo, SessionSnapshot, SnapshotInfo,
} from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { isSecretKey, REDACTED } from '../../electron/engine/kea/redact'
import { labStatus } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { tempDataDir, testEngine } from '../helpers/engine'
import { labUnavailable } from '../helpers/lab'
import { deleteLabLeases, useLab } from '../helpers/lab-engine'
import { tableLoaded } from '../helpers/leases'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable()
const MAC = '0a:16:00:00:00:01'
/** Nothing listens on the discard port: a connection to it is refused at once. */
const CLOSED_PORT_URL = 'http://127.0.0.1:9/'

const call = <T>(e: Engine, method: string, params: object) => e.dispatch(method, params) as Promise<T>

/** Every value kept under a secret's key, at any depth. */
function secretValues(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(secretValues)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, inner]) => (isSecretKey(key) && typeof inner === 'string' ? [inner] : secretValues(inner)))
}

describe.skipIf(unavailable !== null)(`snapshots of the lab's Kea in a session${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  useLab()
  const dataDir = tempDataDir()
  let engine: Engine
  beforeAll(async () => {
    engine = testEngine(dataDir)
    await deleteLabLeases([MAC])
  })
  afterAll(async () => {
    engine.close()
    await deleteLabLeases([MAC])
  })

  it('keeps the configuration, a lease and log lines, and exports them with the server unreachable and nothing open', async () => {
    const session = await call<SessionInfo>(engine, 'sessions.create', { name: 'Client 0a:16:…:01 on the lab' })
    const sessionId = session.id
    const profile = await call<KeaProfileInfo>(engine, 'kea.saveProfile', { name: 'Site B', kind: 'http', url: labStatus().controlAgentUrl })

    // The first status reading in the session reads each server's configuration into it; a second one does not again.
    const status = await call<KeaStatus>(engine, 'kea.status', { profileId: profile.id, sessionId })
    expect(status.services.find((s) => s.service === 'dhcp4')?.up).toBe(true)
    await call<KeaStatus>(engine, 'kea.status', { profileId: profile.id, sessionId })
    const first = (await call<SnapshotInfo[]>(engine, 'sessions.snapshots', { sessionId })).filter((s) => s.kind === 'kea-config')
    expect(first.map((s) => [s.source, s.profileId, s.service]).sort()).toEqual([['Site B dhcp4', profile.id, 'dhcp4'], ['Site B dhcp6', profile.id, 'dhcp6']])
    const added = await call<SnapshotInfo>(engine, 'kea.addConfigToSession', { sessionId, profileId: profile.id, service: 'dhcp4' })
    const config = await call<SessionSnapshot>(engine, 'sessions.snapshot', { sessionId, snapshotId: added.id })
    expect(config.kind === 'kea-config' && Object.keys(config.config)).toEqual(['Dhcp4'])
    expect(secretValues(config.kind === 'kea-config' && config.config).every((v) => v === REDACTED)).toBe(true)

    // A client of ours gets a lease from the lab's Kea; the Leases view filtered to it is added, and the log's lines naming it.
    const run = await call<ClientRunResult>(engine, 'client.run', { sessionId, iface: lab.captureInterface, mode: 'dora', mac: MAC, keep: true, wait: 5 })
    expect(run.reason).toBe('BOUND')
    const address = run.variables.new_ip_address
    const table = await tableLoaded(engine, await call<LeaseTableInfo>(engine, 'leases.open', { source: { profileId: profile.id, family: 4 } }))
    const view = await call<LeaseViewInfo>(engine, 'leases.view', { tableId: table.tableId, filter: { hwAddress: MAC } })
    expect(view.total).toBe(1)
    const leases = await call<SnapshotInfo>(engine, 'leases.addToSession', { sessionId, tableId: table.tableId, viewId: view.viewId, filter: `MAC ${MAC}` })
    expect(leases).toMatchObject({ kind: 'leases', count: 1, total: 1, filter: `MAC ${MAC}` })
    const found = (await call<LogSources>(engine, 'logs.sources', {})).files.find((f) => f.path === join(lab.dir, 'kea-dhcp4.log'))
    const log = await call<LogInfo>(engine, 'logs.open', { source: { logFileId: found!.id } })
    await expect.poll(async () => (await call<LogInfo[]>(engine, 'logs.list', {})).find((l) => l.logId === log.logId)?.status, { timeout: 20_000 }).toBe('done')
    const lines = await call<LogView>(engine, 'logs.view', { logId: log.logId, query: { mac: MAC } })
    expect(lines.total).toBeGreaterThan(0)
    const logLines = await call<SnapshotInfo>(engine, 'logs.addToSession', { sessionId, logId: lines.logId, viewId: lines.viewId, filter: `mac ${MAC}` })
    const keptLines = await call<SessionSnapshot>(engine, 'sessions.snapshot', { sessionId, snapshotId: logLines.id })
    expect(keptLines.kind === 'log-lines' && keptLines.lines.every((l) => l.mac === MAC && l.log === log.name)).toBe(true)
    expect(keptLines.kind === 'log-lines' && keptLines.lines.some((l) => l.messageId === 'DHCP4_LEASE_ALLOC' && l.message.includes(address))).toBe(true)

    // The server goes away: its connection now points at a closed port. The app restarts with nothing open.
    await call(engine, 'kea.saveProfile', { id: profile.id, name: 'Site B', kind: 'http', url: CLOSED_PORT_URL })
    engine.close()
    engine = testEngine(dataDir)
    await expect(engine.dispatch('kea.config', { profileId: profile.id, service: 'dhcp4' })).rejects.toThrow()
    expect(await call<LeaseTableInfo[]>(engine, 'leases.tables', {})).toEqual([])
    expect(await call<LogInfo[]>(engine, 'logs.list', {})).toEqual([])

    const saved = await call<SavedBundle>(engine, 'bundle.export', { sessionId })
    const dir = tempDir('lab-snapshot-bundle')
    execFileSync('unzip', ['-q', saved.path, '-d', dir])
    const bundledLeases = JSON.parse(readFileSync(join(dir, 'data/leases.json'), 'utf8')) as { address: string; hwAddress: string }[]
    expect(bundledLeases).toEqual([expect.objectContaining({ address, hwAddress: MAC })])
    expect(readFileSync(join(dir, 'data/leases.csv'), 'utf8')).toContain(`${address},${MAC},`)
    expect(readFileSync(join(dir, 'data/log-lines.csv'), 'utf8')).toMatch(new RegExp(`DHCP4_LEASE_ALLOC,${MAC},`))
    // The newest configuration kept (the one the user added), not an error of the unreachable server.
    const bundledConfig = JSON.parse(readFileSync(join(dir, `kea/${profile.id}-dhcp4.json`), 'utf8')) as Record<string, unknown>
    expect(bundledConfig).toEqual(config.kind === 'kea-config' && config.config)
    expect(JSON.parse(readFileSync(join(dir, `kea/${profile.id}-dhcp6.json`), 'utf8'))).toHaveProperty('Dhcp6')
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(MAC)
  })
})
