// Sessions stored by an earlier version (every packet a row of the store, see fixtures/store/README.md) open in this
// one, whose captures' packets are in their files: the first start moves each capture's packets out to a pcapng in
// the data folder and drops the table. The originals are long gone; the packets must be as the old version showed.
import Database from 'better-sqlite3'
import { copyFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureInfo, PacketPage, PacketRow, SessionInfo, TransactionPage } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { migrations } from '../../electron/engine/store/migrations'
import { corpusDir } from '../helpers/corpus'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'

const storedByVersion1 = fileURLToPath(new URL('../fixtures/store/fieldkit-v1.db', import.meta.url))

let engine: Engine | undefined
afterEach(() => {
  engine?.close()
  engine = undefined
})

async function rows(e: Engine, captureId: number): Promise<PacketRow[]> {
  return ((await e.dispatch('packets.page', { captureId, offset: 0, limit: 100 })) as PacketPage).rows
}

/** The rows of a corpus capture opened fresh: what the old version stored and showed. */
async function freshRows(file: string): Promise<PacketRow[]> {
  const fresh = testEngine()
  try {
    const capture = await openInEngine(fresh, join(corpusDir, file))
    await loaded(fresh, capture.id)
    return await rows(fresh, capture.id)
  } finally {
    fresh.close()
  }
}

describe('a session store written by version 0.1.0', () => {
  it('opens with every session, capture and packet, read from files the first start writes out', async () => {
    const dataDir = tempDataDir()
    const store = join(dataDir, 'fieldkit.db')
    copyFileSync(storedByVersion1, store)
    engine = testEngine(dataDir)

    const sessions = (await engine.dispatch('sessions.list', {})) as SessionInfo[]
    expect(sessions.map((s) => [s.name, s.captureCount, s.packetCount])).toEqual([
      ['chrissanders-packets__dhcp6_outlease_acquisition.pcapng', 1, 4], ['printer on port 12', 2, 18],
    ])
    const printer = (await engine.dispatch('captures.list', { sessionId: sessions[1].id })) as CaptureInfo[]
    expect(printer.map((c) => [c.name, c.format, c.status, c.packetCount])).toEqual([['zeek__dhcp.pcap', 'pcap', 'ready', 9], ['netboot__nsec.pcap', 'pcap-ns', 'ready', 9]])
    const [dhcp6] = (await engine.dispatch('captures.list', { sessionId: sessions[0].id })) as CaptureInfo[]
    for (const capture of [...printer, dhcp6]) expect(await rows(engine, capture.id), capture.name).toEqual(await freshRows(capture.name))
    const transactions = (await engine.dispatch('transactions.page', { captureId: printer[1].id, offset: 0, limit: 10 })) as TransactionPage
    expect(transactions.rows[0].warnings[0]).toMatch(/^2 servers answered this client/)

    const copies = readdirSync(join(dataDir, 'captures'))
    expect(copies).toHaveLength(3)
    for (const name of copies) {
      expect(name).toMatch(/\.pcapng$/)
      expect(statSync(join(dataDir, 'captures', name)).mode & 0o777).toBe(0o600)
    }
    engine.close()
    engine = undefined

    const db = new Database(store, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.prepare('SELECT live FROM captures').pluck().all()).toEqual([null, null, null])
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all()).toEqual(['app_state', 'captures', 'kea_console_commands', 'kea_status_samples', 'kea_usage_samples', 'session_snapshots', 'session_tags', 'sessions'])
    db.close()

    // The next start finds nothing to move and the same captures.
    engine = testEngine(dataDir)
    expect(await rows(engine, printer[0].id)).toEqual(await freshRows('zeek__dhcp.pcap'))
    expect(readdirSync(join(dataDir, 'captures')).sort()).toEqual(copies.sort())
  })
})
