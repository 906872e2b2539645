import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureInfo, PacketDetail, PacketPage, SessionInfo } from '../../electron/contract/types'
import { openDatabase } from '../../electron/engine/store/database'
import { corpusDir } from '../helpers/corpus'
import { loaded, tempDataDir, testEngine } from '../helpers/engine'
import type { Engine } from '../../electron/engine/engine'

let engine: Engine
afterEach(() => engine?.close())

describe('engine through the contract', () => {
  it('opens a capture into a new session and pages through its packets', async () => {
    engine = testEngine()
    const capture = (await engine.dispatch('captures.open', { path: `${corpusDir}tcpdump__dhcp-rfc4388.pcap` })) as CaptureInfo
    await loaded(engine, capture.id)
    const sessions = (await engine.dispatch('sessions.list', {})) as SessionInfo[]
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({ name: 'tcpdump__dhcp-rfc4388.pcap', captureCount: 1, packetCount: 54 })
    const page = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 50, limit: 10 })) as PacketPage
    expect(page.total).toBe(54)
    expect(page.rows.map((r) => r.frame)).toEqual([51, 52, 53, 54])
    const first = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 1 })) as PacketPage
    expect(first.rows[0]).toMatchObject({ frame: 1, protocol: 'DHCP', time: 0 })
    expect(first.rows[0].info).toMatch(/^DHCP Discover - Transaction ID 0x[0-9a-f]+$/)
  })

  it('gives the field tree with byte offsets that point at the field', async () => {
    engine = testEngine()
    const capture = (await engine.dispatch('captures.open', { path: `${corpusDir}zeek__dhcp.pcap` })) as CaptureInfo
    const detail = (await engine.dispatch('packets.detail', { captureId: capture.id, frame: 2 })) as PacketDetail
    const dhcp = detail.tree.find((n) => n.key === 'dhcp')!
    expect(dhcp.label).toBe('Dynamic Host Configuration Protocol (Offer)')
    const your = dhcp.children!.find((n) => n.key === 'dhcp.ip.your')!
    expect(your.value).toBe('128.2.6.97')
    const bytes = detail.bytesHex.slice(your.offset * 2, (your.offset + your.length) * 2)
    expect(bytes).toBe('80020661')
  })

  it('refuses bad parameters and unknown methods with a sentence', async () => {
    engine = testEngine()
    await expect(engine.dispatch('packets.page', { captureId: 'x' })).rejects.toMatchObject({ code: 'invalid-params', message: expect.stringMatching(/^Invalid parameters for packets.page: captureId: /) })
    await expect(engine.dispatch('no.such', {})).rejects.toMatchObject({ code: 'unknown-method' })
    await expect(engine.dispatch('packets.detail', { captureId: 99, frame: 1 })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('reports a foreign file clearly and creates nothing for it', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const path = join(dataDir, 'readme.txt')
    writeFileSync(path, 'hello')
    await expect(engine.dispatch('captures.open', { path })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('is not a pcap or pcapng capture') })
    expect(await engine.dispatch('sessions.list', {})).toEqual([])
  })

  it('keeps sessions across restarts and marks an interrupted load', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const capture = (await engine.dispatch('captures.open', { path: `${corpusDir}zeek__dhcp.pcap` })) as CaptureInfo
    await loaded(engine, capture.id)
    engine.close()
    // Simulate a crash mid-load: the row says loading when the app stops.
    const db = openDatabase(join(dataDir, 'fieldkit.db'))
    db.prepare(`UPDATE captures SET status = 'loading'`).run()
    db.close()
    engine = testEngine(dataDir)
    const [info] = (await engine.dispatch('captures.list', { sessionId: capture.sessionId })) as CaptureInfo[]
    expect(info).toMatchObject({ status: 'failed', packetCount: 9, error: expect.stringContaining('interrupted') })
    const renamed = (await engine.dispatch('sessions.rename', { sessionId: capture.sessionId, name: 'printer on port 12' })) as SessionInfo
    expect(renamed.name).toBe('printer on port 12')
    expect((await engine.dispatch('sessions.list', { search: 'port 12' })) as SessionInfo[]).toHaveLength(1)
  })
})
