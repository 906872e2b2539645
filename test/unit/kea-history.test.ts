// The Kea readings a session keeps (store/kea-history.ts, migration 4): utilization samples and status readings per
// connection and series, bounded by thinning the older part while keeping every change, kept across closing and
// reopening the engine, and gone with their session.
import { describe, expect, it } from 'vitest'
import type { KeaHistory, KeaServiceStatus, KeaStatus, SessionInfo } from '../../electron/contract/types'
import { openDatabase } from '../../electron/engine/store/database'
import { KeaHistoryStore, MAX_HISTORY_SAMPLES } from '../../electron/engine/store/kea-history'
import { SessionStore } from '../../electron/engine/store/sessions'
import { samplesToThin } from '../../electron/engine/store/thin-samples'
import { tempDataDir, testEngine } from '../helpers/engine'
import { join } from 'node:path'

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, 0) + minute * 60_000).toISOString()
const key = { profileId: 'lab', service: 'dhcp4' as const, subnetId: 1, kind: 'address' as const }

function service(up: boolean, pid: number | null): KeaServiceStatus {
  return {
    service: 'dhcp4', up, problem: up ? null : 'connection refused', pid, uptimeSeconds: up ? 60 : null, reloadSeconds: up ? 60 : null, version: '2.2.0',
    multiThreading: null, sockets: null, dhcpDisabled: null, ha: null,
  }
}
const status = (minute: number, up: boolean, pid: number | null): KeaStatus => ({ shape: 'control-agent', services: [service(up, pid)], checkedAt: at(minute) })

describe('thinning a series', () => {
  it('keeps a series that fits as it is', () => {
    expect(samplesToThin([{ id: 1, mark: 'a' }, { id: 2, mark: 'a' }], 2)).toEqual([])
  })

  it('drops every other sample of the older part, never a change, and keeps the newest half whole', () => {
    const series = Array.from({ length: 11 }, (_, i) => ({ id: i + 1, mark: i === 3 ? 'down' : 'up' }))
    const dropped = samplesToThin(series, 10)
    // Older part: ids 1..6; id 4 (down) and id 5 (up again) are changes and their neighbours stay.
    expect(dropped).toEqual([2, 6])
    expect(dropped.every((id) => id <= 6)).toBe(true)
  })

  it('still bounds a series that changes at every sample, dropping the oldest', () => {
    const flapping = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, mark: String(i % 2) }))
    expect(samplesToThin(flapping, 10)).toEqual([1, 2])
  })
})

describe('the Kea history of a session', () => {
  it('keeps utilization samples per series, bounded, with the subnet named', () => {
    const db = openDatabase(':memory:')
    const sessions = new SessionStore(db)
    const history = new KeaHistoryStore(db)
    const one = sessions.create('one').id
    const two = sessions.create('two').id
    let series = history.addUsage(one, key, '192.0.2.0/24', { at: at(0), assigned: 1, total: 4 })
    for (let i = 1; i <= MAX_HISTORY_SAMPLES + 10; i++) series = history.addUsage(one, key, '192.0.2.0/24', { at: at(i), assigned: i % 5, total: 4 })
    expect(series.length).toBeLessThanOrEqual(MAX_HISTORY_SAMPLES)
    expect(series.length).toBeGreaterThan(MAX_HISTORY_SAMPLES / 2)
    // The newest half is whole: the last samples are a minute apart, the first ones further.
    expect(series.slice(-10).map((s) => s.at)).toEqual(Array.from({ length: 10 }, (_, i) => at(MAX_HISTORY_SAMPLES + 1 + i)))
    expect(series[0].at).toBe(at(0))
    expect(history.addUsage(two, key, null, { at: at(0), assigned: 2, total: 4 })).toEqual([{ at: at(0), assigned: 2, total: 4 }])
    expect(history.addUsage(one, { ...key, profileId: 'other' }, null, { at: at(0), assigned: 3, total: 4 })).toHaveLength(1)
    const kept = history.history(one, 'lab')
    expect(kept.usage.map((u) => [u.service, u.subnetId, u.kind, u.subnet, u.samples.length])).toEqual([['dhcp4', 1, 'address', '192.0.2.0/24', series.length]])
    db.close()
  })

  it('keeps status readings with every change through the thinning', () => {
    const db = openDatabase(':memory:')
    const sessionId = new SessionStore(db).create('status').id
    const history = new KeaHistoryStore(db)
    history.addStatus(sessionId, 'lab', status(0, true, 100))
    history.addStatus(sessionId, 'lab', status(1, false, null))
    for (let i = 2; i < MAX_HISTORY_SAMPLES * 2; i++) history.addStatus(sessionId, 'lab', status(i, true, 200))
    const [dhcp4] = history.history(sessionId, 'lab').status
    expect(dhcp4.service).toBe('dhcp4')
    expect(dhcp4.samples.length).toBeLessThanOrEqual(MAX_HISTORY_SAMPLES)
    // The first reading, the outage and the restart that followed are all still there.
    expect(dhcp4.samples.slice(0, 3).map((s) => [s.at, s.status.up, s.status.pid])).toEqual([[at(0), true, 100], [at(1), false, null], [at(2), true, 200]])
    db.close()
  })

  it('outlives the engine: reopened on the same data folder, kea.history gives what was kept; deleting the session deletes it', async () => {
    const dataDir = tempDataDir()
    let engine = testEngine(dataDir)
    const { id } = await engine.dispatch('sessions.create', { name: 'kea history' }) as SessionInfo
    engine.close()
    // The store as the engine's: samples written into it directly stand for readings of a server.
    const db = openDatabase(join(dataDir, 'fieldkit.db'))
    new KeaHistoryStore(db).addUsage(id, key, '192.0.2.0/24', { at: at(0), assigned: 3, total: 4 })
    new KeaHistoryStore(db).addStatus(id, 'lab', status(0, true, 42))
    db.close()
    engine = testEngine(dataDir)
    const kept = await engine.dispatch('kea.history', { profileId: 'lab', sessionId: id }) as KeaHistory
    expect(kept.usage[0].samples).toEqual([{ at: at(0), assigned: 3, total: 4 }])
    expect(kept.status[0].samples[0].status.pid).toBe(42)
    await expect(engine.dispatch('kea.history', { profileId: 'lab', sessionId: id + 100 })).rejects.toMatchObject({ code: 'not-found' })
    await engine.dispatch('sessions.delete', { sessionId: id })
    await expect(engine.dispatch('kea.history', { profileId: 'lab', sessionId: id })).rejects.toMatchObject({ code: 'not-found' })
    await engine.dispatch('sessions.purge', { sessionId: id })
    engine.close()
    const reopened = openDatabase(join(dataDir, 'fieldkit.db'))
    expect(reopened.prepare('SELECT COUNT(*) FROM kea_usage_samples').pluck().get()).toBe(0)
    expect(reopened.prepare('SELECT COUNT(*) FROM kea_status_samples').pluck().get()).toBe(0)
    reopened.close()
  })
})
