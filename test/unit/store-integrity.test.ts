// The store is checked as it opens (PRAGMA quick_check) and never keeps the app from starting: damage is repaired
// with every session kept, and a store that cannot be (garbage, or one from a newer version) is moved aside with its
// capture files, a fresh one started, and the user told what happened and what to do.
import Database from 'better-sqlite3'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureInfo, PacketPage, SessionInfo, SessionsStartup } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { corpusDir } from '../helpers/corpus'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'

let engine: Engine | undefined
afterEach(() => {
  engine?.close()
  engine = undefined
})

const startup = async (e: Engine) => (await e.dispatch('sessions.startup', {})) as SessionsStartup

/** A data folder with one session of a real capture, the engine closed. */
async function storedSession(): Promise<string> {
  const dataDir = tempDataDir()
  const e = testEngine(dataDir)
  const session = (await e.dispatch('sessions.create', { name: 'printer on port 12' })) as SessionInfo
  await loaded(e, (await openInEngine(e, join(corpusDir, 'zeek__dhcp.pcap'), session.id)).id)
  await e.dispatch('sessions.setTags', { sessionId: session.id, tags: ['printer'] })
  e.close()
  return dataDir
}

/** Overwrites the first page of a b-tree (an index or a table) of the store with bytes no page has. */
function damagePage(dataDir: string, name: string): void {
  const path = join(dataDir, 'fieldkit.db')
  const db = new Database(path)
  const root = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(name) as number
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const bytes = readFileSync(path)
  bytes.fill(0xff, (root - 1) * pageSize, root * pageSize)
  writeFileSync(path, bytes)
}

describe('the session store checked on open', () => {
  it('reads every session back from a store whose index is damaged, and says so', async () => {
    const dataDir = await storedSession()
    damagePage(dataDir, 'captures_by_session')
    engine = testEngine(dataDir)
    const { storeNotice } = await startup(engine)
    expect(storeNotice).toMatch(/^The session store was damaged \(Tree \d+ page \d+: .*\); every session was read back into a repaired store \(the damaged file is kept as .*fieldkit\.db\.damaged-/)
    const [session] = (await engine.dispatch('sessions.list', {})) as SessionInfo[]
    expect([session.name, session.tags, session.captureCount, session.packetCount]).toEqual(['printer on port 12', ['printer'], 1, 9])
    const [capture] = (await engine.dispatch('captures.list', { sessionId: session.id })) as CaptureInfo[]
    expect(((await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 100 })) as PacketPage).rows).toHaveLength(9)
    engine.close()
    engine = testEngine(dataDir)
    expect((await startup(engine)).storeNotice).toBeNull()
  })

  it('moves aside a store whose table is damaged past reading, with its capture files, and starts a fresh one', async () => {
    const dataDir = await storedSession()
    damagePage(dataDir, 'captures')
    engine = testEngine(dataDir)
    const { storeNotice } = await startup(engine)
    expect(storeNotice).toMatch(/^The session store could not be opened \(it is damaged .* and its table captures cannot be read back: .*\), so it was moved with its capture files to .*damaged-.* and a new, empty store started\. .*sqlite3 .* \.recover/)
    expect(await engine.dispatch('sessions.list', {})).toEqual([])
    const aside = readdirSync(dataDir).find((name) => name.startsWith('damaged-'))!
    expect(readdirSync(join(dataDir, aside)).sort()).toEqual(['captures', 'client-runs', 'fieldkit.db'])
    expect(readdirSync(dataDir).filter((name) => name.startsWith('fieldkit.db.'))).toEqual([])
    expect(readdirSync(join(dataDir, aside, 'captures'))).toEqual([expect.stringMatching(/zeek__dhcp/)])
    // The fresh store works.
    expect(((await engine.dispatch('sessions.create', { name: 'next case' })) as SessionInfo).name).toBe('next case')
  })

  it('moves aside a file that is not a store at all', async () => {
    const dataDir = tempDataDir()
    writeFileSync(join(dataDir, 'fieldkit.db'), 'these are not the sessions you are looking for'.repeat(200))
    engine = testEngine(dataDir)
    expect((await startup(engine)).storeNotice).toMatch(/^The session store could not be opened \(file is not a database\), so it was moved/)
    expect(await engine.dispatch('sessions.list', {})).toEqual([])
  })

  it('moves aside a store from a newer version, kept whole for that version', async () => {
    const dataDir = await storedSession()
    const db = new Database(join(dataDir, 'fieldkit.db'))
    db.pragma('user_version = 999')
    db.close()
    engine = testEngine(dataDir)
    expect((await startup(engine)).storeNotice).toMatch(/written by a newer DHCP Field Kit \(schema 999.*update the app/)
    const aside = readdirSync(dataDir).find((name) => name.startsWith('damaged-'))!
    const kept = new Database(join(dataDir, aside, 'fieldkit.db'), { readonly: true })
    expect(kept.prepare('SELECT name FROM sessions').pluck().all()).toEqual(['printer on port 12'])
    kept.close()
    expect(existsSync(join(dataDir, 'fieldkit.db'))).toBe(true)
  })
})
