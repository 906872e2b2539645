import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  CaptureInfo, CaptureStats, FilterField, PacketDetail, PacketPage, PacketView, SavedCapture, SessionInfo, TransactionPage,
} from '../../electron/contract/types'
import { CaptureAnalyses } from '../../electron/engine/session/capture-analysis'
import { openCaptureInSession } from '../../electron/engine/session/capture-import'
import { openDatabase } from '../../electron/engine/store/database'
import { SessionStore } from '../../electron/engine/store/sessions'
import { corpusDir, decodeFile } from '../helpers/corpus'
import { pcapFile } from '../helpers/pcap-bytes'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'
import type { Engine } from '../../electron/engine/engine'

let engine: Engine
afterEach(() => engine?.close())

describe('engine through the contract', () => {
  it('opens a capture into a new session and pages through its packets', async () => {
    engine = testEngine()
    const capture = await openInEngine(engine, `${corpusDir}tcpdump__dhcp-rfc4388.pcap`)
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
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    const detail = (await engine.dispatch('packets.detail', { captureId: capture.id, frame: 2 })) as PacketDetail
    const dhcp = detail.tree.find((n) => n.key === 'dhcp')!
    expect(dhcp.label).toBe('Dynamic Host Configuration Protocol (Offer)')
    const your = dhcp.children!.find((n) => n.key === 'dhcp.ip.your')!
    expect(your.value).toBe('128.2.6.97')
    expect([...detail.bytes.subarray(your.offset, your.offset + your.length)]).toEqual([0x80, 0x02, 0x06, 0x61])
  })

  it('writes the filter of a field of the tree ("Apply as filter"), which selects its packet', async () => {
    engine = testEngine()
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    const detail = (await engine.dispatch('packets.detail', { captureId: capture.id, frame: 2 })) as PacketDetail
    const all = (n: PacketDetail['tree'][number]): PacketDetail['tree'] => [n, ...(n.children ?? []).flatMap(all)]
    const node = (key: string) => detail.tree.flatMap(all).find((n) => n.key === key)!
    const forField = async (key: string) => ((await engine!.dispatch('filters.forField', { captureId: capture.id, frame: 2, key, offset: node(key).offset, length: node(key).length })) as { filter: string }).filter
    expect(await forField('dhcp.ip.your')).toBe('dhcp.ip.your == 128.2.6.97')
    expect(await forField('dhcp.hw.mac_addr')).toMatch(/^dhcp\.hw\.mac_addr == [0-9a-f:]{17}$/)
    expect(await forField('dhcp.option.server_id')).toBe('dhcp.option.server_id == 128.2.6.152')
    expect(await forField('dhcp')).toBe('dhcp')
    const view = (await engine.dispatch('packets.view', { captureId: capture.id, filter: await forField('dhcp.ip.your') })) as PacketView
    expect(view.matched).toBe(1)
    await expect(engine.dispatch('filters.forField', { captureId: capture.id, frame: 2, key: 'no.such', offset: 0, length: 1 })).resolves.toEqual({ filter: null })
  })

  it('gives any field of the tree as a column of the rows (custom columns)', async () => {
    engine = testEngine()
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    const page = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 3, fields: ['dhcp.ip.your', 'dhcp.option.server_id', 'dhcpv6.linkaddr'] })) as PacketPage
    expect(page.rows.map((r) => r.fields)).toEqual([
      { 'dhcp.ip.your': '0.0.0.0', 'dhcp.option.server_id': '', 'dhcpv6.linkaddr': '' },
      { 'dhcp.ip.your': '128.2.6.97', 'dhcp.option.server_id': '128.2.6.152', 'dhcpv6.linkaddr': '' },
      { 'dhcp.ip.your': '0.0.0.0', 'dhcp.option.server_id': '128.2.6.152', 'dhcpv6.linkaddr': '' },
    ])
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
    await expect(openInEngine(engine, path)).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('is not a pcap or pcapng capture') })
    expect(await engine.dispatch('sessions.list', {})).toEqual([])
  })

  it('stops a load when the user asks, keeping what was read and saying so', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const frames = decodeFile(`${corpusDir}zeek__dhcp.pcap`).map((p) => p.record.data)
    const big = join(dataDir, 'big.pcap')
    writeFileSync(big, pcapFile(Array.from({ length: 60_000 }, (_, i) => frames[i % frames.length])))
    const capture = await openInEngine(engine, big)
    expect(capture.status).toBe('loading')
    const done = loaded(engine, capture.id)
    expect(await engine.dispatch('jobs.stop', { jobId: `load-capture-${capture.id}` })).toBeNull()
    await done
    const [info] = (await engine.dispatch('captures.list', { sessionId: capture.sessionId })) as CaptureInfo[]
    expect(info).toMatchObject({ status: 'ready', error: expect.stringMatching(/^Loading was stopped after packet [\d,]+; the packets read until then are kept\.$/) })
    expect(info.packetCount).toBeGreaterThan(0)
    expect(info.packetCount).toBeLessThan(60_000)
    await expect(engine.dispatch('jobs.stop', { jobId: `load-capture-${capture.id}` })).rejects.toMatchObject({ code: 'not-found' })
    // After a restart the capture is indexed again from its file, as far as the load had read.
    engine.close()
    engine = testEngine(dataDir)
    const page = (await engine.dispatch('packets.page', { captureId: capture.id, offset: info.packetCount - 1, limit: 10 })) as PacketPage
    expect(page).toMatchObject({ total: info.packetCount, rows: [{ frame: info.packetCount }] })
  })

  it('keeps sessions across restarts and marks an interrupted load', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
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

describe('analysis through the contract', () => {
  it('filters, sorts and pages a view; checks filters with positions; lists fields for completion', async () => {
    engine = testEngine()
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    const view = (await engine.dispatch('packets.view', { captureId: capture.id, filter: 'dhcp.msgtype == REQUEST or dhcp.msgtype == NAK' })) as PacketView
    expect(view).toMatchObject({ total: 9, matched: 3, filter: 'dhcp.msgtype == REQUEST or dhcp.msgtype == NAK' })
    const page = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 10, viewId: view.viewId })) as PacketPage
    expect(page.total).toBe(3)
    expect(page.rows.map((r) => r.frame)).toEqual([3, 4, 5])
    const sorted = (await engine.dispatch('packets.view', { captureId: capture.id, filter: '', sort: 'info', descending: true })) as PacketView
    const sortedPage = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 3, viewId: sorted.viewId })) as PacketPage
    expect(sortedPage.rows.map((r) => r.info.split(' - ')[0])).toEqual(['DHCP Request', 'DHCP Request', 'DHCP Release'])

    expect(await engine.dispatch('filters.check', { text: 'dhcp.msgtype == DISCOVER' })).toEqual({ ok: true })
    expect(await engine.dispatch('filters.check', { text: 'dhcp and ip.scr == 1.2.3.4' })).toMatchObject({ ok: false, position: 9, length: 6, message: expect.stringContaining('ip.src') })
    await expect(engine.dispatch('packets.view', { captureId: capture.id, filter: 'dhcp.msgtype == NOPE' })).rejects.toMatchObject({ code: 'bad-input', at: { position: 16, length: 4 } })
    const fields = (await engine.dispatch('filters.fields', {})) as FilterField[]
    expect(fields.find((f) => f.name === 'dhcp.msgtype')).toMatchObject({ type: 'number', values: expect.arrayContaining(['DISCOVER', 'NAK']) })
    expect(fields.find((f) => f.name === 'dhcp.type')).toMatchObject({ type: 'number', values: ['Boot Request', 'Boot Reply'] })
    expect(fields.find((f) => f.name === 'dhcp.option.hostname')).toMatchObject({ type: 'string', description: 'Option 12: Host Name' })
  })

  it('finds malformed packets, which only the full decoder tells, though loading does not decode', async () => {
    engine = testEngine()
    const file = `${corpusDir}zeek__dhcp_bad_cookie_option_retention.pcap`
    const malformed = decodeFile(file).flatMap((p) => (p.decoded.malformed ? [p.record.frame] : []))
    expect(malformed.length).toBeGreaterThan(0)
    const capture = await openInEngine(engine, file)
    await loaded(engine, capture.id)
    for (const [filter, frames] of [['malformed', malformed], ['not _ws.malformed and dhcp', [1, 2, 3, 4, 5].filter((f) => !malformed.includes(f))]] as const) {
      const view = (await engine.dispatch('packets.view', { captureId: capture.id, filter })) as PacketView
      const page = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 10, viewId: view.viewId })) as PacketPage
      expect(page.rows.map((r) => r.frame), filter).toEqual(frames)
    }
    const all = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 10 })) as PacketPage
    expect(all.rows.filter((r) => r.malformed).map((r) => r.frame)).toEqual(malformed)
  })

  it('lists transactions (all or only problems), statistics, and copies a packet as text or hex', async () => {
    engine = testEngine()
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    const all = (await engine.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 50 })) as TransactionPage
    expect(all.total).toBe(5)
    const problems = (await engine.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 50, problemsOnly: true })) as TransactionPage
    expect(problems.rows.map((t) => [t.kind, t.status])).toEqual([['DORA', 'nak'], ['Inform', 'incomplete']])
    const stats = (await engine.dispatch('captures.stats', { captureId: capture.id })) as CaptureStats
    expect(stats.dhcp4Types.slice(0, 8).map((t) => t.packets)).toEqual([1, 1, 2, 1, 1, 1, 1, 1])
    const text = (await engine.dispatch('packets.export', { captureId: capture.id, frame: 4, format: 'text' })) as { text: string }
    expect(text.text).toMatch(/^Frame 4 {2}2013-06-02T19:14:0\d\.\d+Z .*DHCP Nak/)
    expect(text.text).toContain('Message: "requested address not available"')
    const hex = (await engine.dispatch('packets.export', { captureId: capture.id, frame: 1, format: 'hex' })) as { text: string }
    expect(hex.text.split('\n')[0]).toMatch(/^0000 {2}([0-9a-f]{2} ){8} ([0-9a-f]{2} ){7}[0-9a-f]{2} {2}.{16}$/)
  })

  it('saves the whole capture or a filtered view as pcap/pcapng, and reopens it', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    const view = (await engine.dispatch('packets.view', { captureId: capture.id, filter: 'dhcp.msgtype == REQUEST' })) as PacketView
    const saved = (await engine.dispatch('captures.save', { captureId: capture.id, format: 'pcapng', viewId: view.viewId })) as SavedCapture
    expect(saved).toMatchObject({ format: 'pcapng', packets: 2 })
    expect(saved.path.startsWith(join(dataDir, 'exports'))).toBe(true)
    const again = await openInEngine(engine, saved.path)
    await loaded(engine, again.id)
    const rows = (await engine.dispatch('packets.page', { captureId: again.id, offset: 0, limit: 10 })) as PacketPage
    expect(rows.rows.map((r) => r.info.split(' - ')[0])).toEqual(['DHCP Request', 'DHCP Request'])
    expect(await engine.dispatch('captures.save', { captureId: capture.id, format: 'pcap', name: 'whole' })).toMatchObject({ packets: 9, path: join(dataDir, 'exports', 'whole.pcap') })
  })

  it('rebuilds the analysis of a capture from a saved session after a restart', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const capture = await openInEngine(engine, `${corpusDir}netboot__nsec.pcap`)
    await loaded(engine, capture.id)
    engine.close()
    engine = testEngine(dataDir)
    const page = (await engine.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 10 })) as TransactionPage
    expect(page.rows[0].warnings[0]).toMatch(/^2 servers answered this client/)
    const view = (await engine.dispatch('packets.view', { captureId: capture.id, filter: 'dhcp.msgtype == OFFER' })) as PacketView
    expect(view.matched).toBe(2)
  })
})

describe('capture analyses memory budget', () => {
  it('keeps indexes within the budget, drops the least recently used, and rebuilds it from the file on demand', async () => {
    const db = openDatabase(join(tempDataDir(), 'fieldkit.db'))
    const sessions = new SessionStore(db)
    const session = sessions.create('budget').id
    const open = async (file: string) => {
      const load = openCaptureInSession(sessions, () => {}, { path: `${corpusDir}${file}`, name: file }, () => session)
      await load.done
      return load.capture.id
    }
    const a = await open('zeek__dhcp.pcap')
    const b = await open('netboot__nsec.pcap')
    const roomy = new CaptureAnalyses(sessions)
    const first = await roomy.index(a)
    await roomy.index(b)
    // Identity, not deep equality: an index holds megabytes a failure message would try to print.
    expect((await roomy.index(a)) === first).toBe(true)

    const tight = new CaptureAnalyses(sessions, 1)
    const dropped = await tight.index(a)
    await tight.index(b)
    const [rebuilt, again] = await Promise.all([tight.index(a), tight.index(a)])
    expect(rebuilt === dropped).toBe(false)
    expect(again === rebuilt).toBe(true)
    expect(rebuilt.count).toBe(dropped.count)
    expect((await tight.transactions(a, 0, 10, false)).total).toBe(5)
    db.close()
  })
})
