// The sessions list through the engine's contract, on real captures: search by what the captures hold (MAC, DUID,
// xid, address, host name) and by the user's tags and notes, sort, duplicate, the trash (restore, purge, purged 30
// days on at start), and the session reopened after a crash.
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureInfo, PacketPage, SessionInfo, SessionsStartup } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { ContractError } from '../../electron/engine/errors'
import { MAX_TERMS } from '../../electron/engine/session/capture-terms'
import { corpusDir } from '../helpers/corpus'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'
import { makeSyntheticCapture } from '../helpers/synthetic-capture'
import { tempDir } from '../helpers/temp'

let engine: Engine | undefined
afterEach(() => {
  engine?.close()
  engine = undefined
})

const list = async (e: Engine, params: object = {}) => ((await e.dispatch('sessions.list', params)) as SessionInfo[]).map((s) => s.name)

/** Two sessions of real captures: a DHCPv4 one (zeek: 90:b1:1c:99:49:29, btest.is.cool) and a DHCPv6 one. */
async function twoSessions(e: Engine): Promise<{ v4: SessionInfo; v6: SessionInfo }> {
  const v4 = (await e.dispatch('sessions.create', { name: 'printer on port 12' })) as SessionInfo
  await loaded(e, (await openInEngine(e, join(corpusDir, 'zeek__dhcp.pcap'), v4.id)).id)
  const v6 = (await e.dispatch('sessions.create', { name: 'ipv6 lab' })) as SessionInfo
  await loaded(e, (await openInEngine(e, join(corpusDir, 'chrissanders-packets__dhcp6_outlease_acquisition.pcapng'), v6.id)).id)
  return { v4, v6 }
}

describe('searching sessions', () => {
  it('finds a session by what its captures hold, by its tags and its notes, in any case and MAC notation', async () => {
    engine = testEngine()
    const { v4, v6 } = await twoSessions(engine)
    const search = (search: string) => list(engine!, { search })
    expect(await search('90:B1:1C:99:49:29')).toEqual(['printer on port 12'])
    expect(await search('90-b1-1c-99-49-29')).toEqual(['printer on port 12'])
    expect(await search('0x000007c4')).toEqual(['printer on port 12'])
    expect(await search('0x7c4')).toEqual(['printer on port 12'])
    expect(await search('128.2.6.189')).toEqual(['printer on port 12'])
    expect(await search('btest.is')).toEqual(['printer on port 12'])
    expect(await search('2001:db8:1:2::1002')).toEqual(['ipv6 lab'])
    expect(await search('0x9de03f')).toEqual(['ipv6 lab'])
    // The client's DUID-LLT holds its MAC: found as the DUID's hex.
    expect(await search('000c295e7744')).toEqual(['ipv6 lab'])
    expect(await search('no such client')).toEqual([])
    // LIKE's own characters are taken as they are.
    expect(await search('%')).toEqual([])

    await engine.dispatch('sessions.setTags', { sessionId: v6.id, tags: ['escalated', 'IPv6'] })
    const noted = (await engine.dispatch('sessions.setNotes', { sessionId: v4.id, notes: 'Customer says the printer drops off at night.' })) as SessionInfo
    expect(noted.notes).toBe('Customer says the printer drops off at night.')
    expect(await search('escalated')).toEqual(['ipv6 lab'])
    expect(await search('drops off')).toEqual(['printer on port 12'])
    expect(((await engine.dispatch('sessions.get', { sessionId: v6.id })) as SessionInfo).tags).toEqual(['IPv6', 'escalated'])
  })

  it('keeps a capture of many exchanges to a bounded number of terms, its first clients among them', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const big = join(tempDir('fieldkit-terms'), 'many-exchanges.pcap')
    makeSyntheticCapture(big, 80_000)
    const session = (await engine.dispatch('sessions.create', { name: 'many exchanges' })) as SessionInfo
    await loaded(engine, (await openInEngine(engine, big, session.id)).id)
    expect(await list(engine, { search: '90:b1:1c:99:49:29' })).toEqual(['many exchanges'])
    engine.close()
    engine = undefined
    const db = new Database(join(dataDir, 'fieldkit.db'), { readonly: true })
    const terms = db.prepare('SELECT search_terms FROM captures').pluck().get() as string
    db.close()
    expect(terms.split('\n')).toHaveLength(MAX_TERMS)
  })

  it('finds a session by the variables of a test-client run kept in it', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const { v4 } = await twoSessions(engine)
    const [capture] = (await engine.dispatch('captures.list', { sessionId: v4.id })) as CaptureInfo[]
    engine.close()
    engine = undefined
    // A run as the test client keeps it (client-run-store.ts): its packets are the capture's.
    const db = new Database(join(dataDir, 'fieldkit.db'), { readonly: true })
    const capturePath = db.prepare('SELECT path FROM captures WHERE id = ?').pluck().get(capture.id) as string
    db.close()
    const run = { captureId: capture.id, sessionId: v4.id, mode: 'dora', mac: '02:00:5e:70:00:01', reason: 'BOUND', variables: { new_domain_name: 'branch7.example' } }
    mkdirSync(join(dataDir, 'client-runs'), { recursive: true })
    writeFileSync(join(dataDir, 'client-runs', `${capture.id}.json`), JSON.stringify({ capturePath, run }))
    engine = testEngine(dataDir)
    expect(await list(engine, { search: 'branch7.example' })).toEqual(['printer on port 12'])
    expect(await list(engine, { search: '02:00:5e:70:00:01' })).toEqual(['printer on port 12'])
  })

  it('sorts by last change, start or name, either way', async () => {
    engine = testEngine()
    const { v4 } = await twoSessions(engine)
    expect(await list(engine, { sort: 'created' })).toEqual(['ipv6 lab', 'printer on port 12'])
    expect(await list(engine, { sort: 'created', descending: false })).toEqual(['printer on port 12', 'ipv6 lab'])
    await engine.dispatch('sessions.rename', { sessionId: v4.id, name: 'Printer, port 12' })
    expect(await list(engine)).toEqual(['Printer, port 12', 'ipv6 lab'])
    expect(await list(engine, { sort: 'name', descending: false })).toEqual(['ipv6 lab', 'Printer, port 12'])
  })

  it('refuses an oversized search, tag or note with a sentence, before the store sees it', async () => {
    engine = testEngine()
    await expect(engine.dispatch('sessions.list', { search: 'x'.repeat(201) })).rejects.toThrow(/search/)
    await expect(engine.dispatch('sessions.setTags', { sessionId: 1, tags: ['a'.repeat(51)] })).rejects.toThrow(ContractError)
    await expect(engine.dispatch('sessions.setNotes', { sessionId: 1, notes: 'n'.repeat(100_001) })).rejects.toThrow(ContractError)
  })
})

describe('duplicating a session', () => {
  it('copies its captures, tags and notes into an editable session that outlives the original', async () => {
    engine = testEngine()
    const { v4 } = await twoSessions(engine)
    await engine.dispatch('sessions.setTags', { sessionId: v4.id, tags: ['printer'] })
    await engine.dispatch('sessions.setNotes', { sessionId: v4.id, notes: 'port 12' })
    const copy = (await engine.dispatch('sessions.duplicate', { sessionId: v4.id })) as SessionInfo
    expect([copy.name, copy.tags, copy.notes, copy.captureCount, copy.packetCount, copy.readOnly]).toEqual(['printer on port 12 (copy)', ['printer'], 'port 12', 1, 9, false])
    expect(await list(engine, { search: 'btest.is.cool' })).toEqual(['printer on port 12 (copy)', 'printer on port 12'])

    // The original goes for good; the copy's capture still reads, from the file they shared.
    await engine.dispatch('sessions.delete', { sessionId: v4.id })
    await engine.dispatch('sessions.purge', { sessionId: v4.id })
    const [capture] = (await engine.dispatch('captures.list', { sessionId: copy.id })) as CaptureInfo[]
    expect(((await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 100 })) as PacketPage).rows).toHaveLength(9)
  })
})

describe('a read-only session (imported from a bundle)', () => {
  it('refuses tags and notes, and its duplicate takes them', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const { v4 } = await twoSessions(engine)
    engine.close()
    const db = new Database(join(dataDir, 'fieldkit.db'))
    db.prepare('UPDATE sessions SET read_only = 1 WHERE id = ?').run(v4.id)
    db.close()
    engine = testEngine(dataDir)
    await expect(engine.dispatch('sessions.setTags', { sessionId: v4.id, tags: ['x'] })).rejects.toThrow(/is read-only; duplicate it/)
    await expect(engine.dispatch('sessions.setNotes', { sessionId: v4.id, notes: 'x' })).rejects.toThrow(/is read-only; duplicate it/)
    const copy = (await engine.dispatch('sessions.duplicate', { sessionId: v4.id })) as SessionInfo
    expect(copy.readOnly).toBe(false)
    expect(((await engine.dispatch('sessions.setTags', { sessionId: copy.id, tags: ['mine'] })) as SessionInfo).tags).toEqual(['mine'])
  })
})

describe('the trash', () => {
  it('keeps a deleted session restorable, purges it on request or 30 days on, with its files', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const { v4, v6 } = await twoSessions(engine)
    await engine.dispatch('sessions.delete', { sessionId: v4.id })
    expect(await list(engine)).toEqual(['ipv6 lab'])
    expect(((await engine.dispatch('sessions.trash', {})) as SessionInfo[]).map((s) => [s.name, typeof s.deletedAt])).toEqual([['printer on port 12', 'string']])
    await expect(engine.dispatch('captures.list', { sessionId: v4.id })).rejects.toThrow(/does not exist/)
    expect(((await engine.dispatch('sessions.restore', { sessionId: v4.id })) as SessionInfo).deletedAt).toBeNull()
    expect((await list(engine)).sort()).toEqual(['ipv6 lab', 'printer on port 12'])
    await expect(engine.dispatch('sessions.purge', { sessionId: v4.id })).rejects.toThrow(/not in the trash/)

    // Deleted 29 and 31 days ago: the next start purges only the older, and its capture file.
    await engine.dispatch('sessions.delete', { sessionId: v4.id })
    await engine.dispatch('sessions.delete', { sessionId: v6.id })
    engine.close()
    engine = undefined
    const db = new Database(join(dataDir, 'fieldkit.db'))
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()
    db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?').run(daysAgo(31), v4.id)
    db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?').run(daysAgo(29), v6.id)
    db.close()
    expect(readdirSync(join(dataDir, 'captures'))).toHaveLength(2)
    engine = testEngine(dataDir)
    expect(((await engine.dispatch('sessions.trash', {})) as SessionInfo[]).map((s) => s.name)).toEqual(['ipv6 lab'])
    expect(readdirSync(join(dataDir, 'captures'))).toEqual([expect.stringMatching(/dhcp6_outlease_acquisition/)])
  })
})

describe('after a crash', () => {
  it('reopens the session that was open; after a clean exit it does not', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const { v4 } = await twoSessions(engine)
    await engine.dispatch('sessions.open', { sessionId: v4.id })
    engine.close()
    engine = testEngine(dataDir)
    expect(await engine.dispatch('sessions.startup', {})).toEqual({ reopen: null, crashed: false, storeNotice: null } satisfies SessionsStartup)
    engine.close()
    engine = undefined

    // A process that ran an engine here and is gone without closing it: its run mark stays.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    writeFileSync(join(dataDir, 'running', gone), '')
    engine = testEngine(dataDir)
    const startup = (await engine.dispatch('sessions.startup', {})) as SessionsStartup
    expect([startup.crashed, startup.reopen?.name]).toEqual([true, 'printer on port 12'])
    expect(existsSync(join(dataDir, 'running', gone))).toBe(false)
  })
})
