// A store written by version 0.1.0 (schema 1, fixtures/store/README.md) migrated to this version's schema and read
// back through the contract: the schema version stored is this version's, the sessions it had get empty notes and
// tags and are out of the trash, their migrated captures are found by what they hold, and what the user adds is kept.
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionInfo } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { migrations } from '../../electron/engine/store/migrations'
import { tempDataDir, testEngine } from '../helpers/engine'

const storedByVersion1 = fileURLToPath(new URL('../fixtures/store/fieldkit-v1.db', import.meta.url))

let engine: Engine | undefined
afterEach(() => {
  engine?.close()
  engine = undefined
})

const names = async (e: Engine, params: object = {}) => ((await e.dispatch('sessions.list', params)) as SessionInfo[]).map((s) => s.name)

describe('sessions of a 0.1.0 store in this version', () => {
  it('are migrated to the current schema, searchable by their captures, and keep tags and notes added', async () => {
    const dataDir = tempDataDir()
    const store = join(dataDir, 'fieldkit.db')
    copyFileSync(storedByVersion1, store)
    const before = new Database(store, { readonly: true })
    expect(before.pragma('user_version', { simple: true })).toBe(1)
    before.close()

    engine = testEngine(dataDir)
    const sessions = (await engine.dispatch('sessions.list', { sort: 'name', descending: false })) as SessionInfo[]
    expect(sessions.map((s) => [s.name, s.tags, s.notes, s.deletedAt, s.captureCount])).toEqual([
      ['chrissanders-packets__dhcp6_outlease_acquisition.pcapng', [], '', null, 1], ['printer on port 12', [], '', null, 2],
    ])
    // The captures moved out of the old store are read for their terms: zeek's client, netboot's host name and address.
    expect(await names(engine, { search: '90:b1:1c:99:49:29' })).toEqual(['printer on port 12'])
    expect(await names(engine, { search: 'core01' })).toEqual(['printer on port 12'])
    expect(await names(engine, { search: '192.168.16.12' })).toEqual(['printer on port 12'])
    expect(await names(engine, { search: '2001:db8:1:2::1002' })).toEqual(['chrissanders-packets__dhcp6_outlease_acquisition.pcapng'])
    const printer = sessions[1]
    await engine.dispatch('sessions.setTags', { sessionId: printer.id, tags: ['netboot'] })
    await engine.dispatch('sessions.setNotes', { sessionId: printer.id, notes: 'migrated from 0.1.0' })
    engine.close()
    engine = undefined

    const after = new Database(store, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(after.prepare('SELECT COUNT(*) FROM captures WHERE search_terms IS NULL').pluck().get()).toBe(0)
    after.close()

    engine = testEngine(dataDir)
    const reopened = (await engine.dispatch('sessions.get', { sessionId: printer.id })) as SessionInfo
    expect([reopened.tags, reopened.notes]).toEqual([['netboot'], 'migrated from 0.1.0'])
    expect(await names(engine, { search: 'netboot' })).toEqual(['printer on port 12'])
  })

  it('runs no step again on the next start', async () => {
    const dataDir = tempDataDir()
    copyFileSync(storedByVersion1, join(dataDir, 'fieldkit.db'))
    testEngine(dataDir).close()
    engine = testEngine(dataDir)
    expect((await engine.dispatch('sessions.startup', {}))).toMatchObject({ storeNotice: null })
    expect(await names(engine)).toHaveLength(2)
  })
})
