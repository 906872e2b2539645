// The timeline of a whole case (sessions.timeline) on stored data: Kea readings kept in a real store reduced to the
// ones where something changed, and a session of a real capture (a NAK, a decline, an unanswered inform) merged in
// time order within its bound, each item linked to what the UI opens.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaseTimeline, CaptureInfo, ClientRunResult, KeaServiceStatus, SessionInfo, SessionReport } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { CaseTimelines } from '../../electron/engine/session/case-timeline'
import { poolCrossings, statusChanges } from '../../electron/engine/session/kea-changes'
import { openDatabase } from '../../electron/engine/store/database'
import { KeaHistoryStore } from '../../electron/engine/store/kea-history'
import { SessionStore } from '../../electron/engine/store/sessions'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'
import { fieldkitCommand } from '../helpers/fieldkit'

const corpusDir = new URL('../fixtures/corpus/', import.meta.url).pathname
const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, 0) + minute * 60_000).toISOString()

function service(up: boolean, pid: number | null): KeaServiceStatus {
  return {
    service: 'dhcp4', up, problem: up ? null : 'connection refused', pid, uptimeSeconds: up ? 60 : null, reloadSeconds: up ? 60 : null, version: '2.2.0',
    multiThreading: null, sockets: null, dhcpDisabled: null, ha: null,
  }
}

describe('Kea readings where something changed', () => {
  const store = () => {
    const db = openDatabase(join(tempDataDir(), 'fieldkit.db'))
    const session = new SessionStore(db).create('pools')
    return { history: new KeaHistoryStore(db), sessionId: session.id }
  }

  it('shows a server\'s first reading, each time it became unreachable or reachable, and a restart; not the readings in between', () => {
    const { history, sessionId } = store()
    const readings: [number, boolean, number | null][] = [[0, true, 10], [1, true, 10], [2, false, null], [3, false, null], [4, true, 10], [5, true, 11], [6, true, 11]]
    for (const [minute, up, pid] of readings) history.addStatus(sessionId, 'lab', { shape: 'control-agent', services: [service(up, pid)], checkedAt: at(minute) })
    const items = statusChanges(history.history(sessionId, 'lab'))
    expect(items.map((i) => [i.time, i.severity])).toEqual([[at(0), 'info'], [at(2), 'problem'], [at(4), 'info'], [at(5), 'warning']])
    expect(items.map((i) => i.text)).toEqual([
      'Kea dhcp4 (lab): reachable, Kea 2.2.0, pid 10', 'Kea dhcp4 (lab) became unreachable: connection refused',
      'Kea dhcp4 (lab) became reachable, Kea 2.2.0, pid 10', 'Kea dhcp4 (lab) restarted: reachable, Kea 2.2.0, pid 11',
    ])
    expect(items[1].links).toEqual([{ kind: 'kea', label: 'dhcp4 via lab', profileId: 'lab', service: 'dhcp4', subnetId: null, tab: 'status' }])
  })

  it('shows a pool crossing its warning and critical levels both ways, against the subnet\'s own thresholds', () => {
    const { history, sessionId } = store()
    const key = { profileId: 'lab', service: 'dhcp4' as const, subnetId: 7, kind: 'address' as const }
    for (const [minute, assigned] of [[0, 50], [1, 79], [2, 85], [3, 86], [4, 96], [5, 90], [6, 60], [7, 61]]) {
      history.addUsage(sessionId, key, '192.0.2.0/24', { at: at(minute), assigned, total: 100 })
    }
    const thresholds = { warn: 80, critical: 95 }
    const items = poolCrossings(history.history(sessionId, 'lab'), (profileId, svc, subnetId) => {
      expect([profileId, svc, subnetId]).toEqual(['lab', 'dhcp4', 7])
      return thresholds
    })
    expect(items.map((i) => [i.time, i.severity, i.text])).toEqual([
      [at(2), 'warning', 'Pool of dhcp4 subnet 7 (192.0.2.0/24) over its warning level (80 %): 85 % used (85 of 100)'],
      [at(4), 'problem', 'Pool of dhcp4 subnet 7 (192.0.2.0/24) over its critical level (95 %): 96 % used (96 of 100)'],
      [at(5), 'warning', 'Pool of dhcp4 subnet 7 (192.0.2.0/24) back under its critical level (95 %): 90 % used (90 of 100)'],
      [at(6), 'info', 'Pool of dhcp4 subnet 7 (192.0.2.0/24) back under its warning level (80 %): 60 % used (60 of 100)'],
    ])
    expect(items[0].links[0]).toMatchObject({ kind: 'kea', profileId: 'lab', service: 'dhcp4', subnetId: 7, tab: 'pools' })
    // A session whose first reading is already over a level says so at that reading.
    const { history: other, sessionId: otherId } = store()
    other.addUsage(otherId, key, null, { at: at(0), assigned: 99, total: 100 })
    expect(poolCrossings(other.history(otherId, 'lab'), () => thresholds).map((i) => i.severity)).toEqual(['problem'])
  })
})

describe('a session\'s timeline', () => {
  let engine: Engine | undefined
  afterEach(() => engine?.close())

  async function zeekSession(): Promise<{ session: SessionInfo; capture: CaptureInfo }> {
    engine = testEngine()
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    await engine.dispatch('sessions.setNotes', { sessionId: capture.sessionId, notes: 'Laptop in room 12\ngets no address' })
    await engine.dispatch('sessions.setTags', { sessionId: capture.sessionId, tags: ['laptop'] })
    return { session: (await engine.dispatch('sessions.get', { sessionId: capture.sessionId })) as SessionInfo, capture }
  }

  it('places the capture and its problem exchanges at their packets\' times, each linked to its packets and client', async () => {
    const { session, capture } = await zeekSession()
    const timeline = (await engine!.dispatch('sessions.timeline', { sessionId: session.id })) as CaseTimeline
    // The capture was taken in 2013, long before the session began: its items come first.
    expect(timeline.items.map((i) => i.kind)).toEqual(['capture-start', 'transaction', 'transaction', 'transaction', 'capture-end', 'session', 'notes'])
    expect(timeline.items.map((i) => i.time)).toEqual([...timeline.items.map((i) => i.time)].sort())
    expect(timeline).toMatchObject({ total: 7, omitted: 0, notes: [] })
    const [nak, decline, inform] = timeline.items.slice(1, 4)
    expect([nak.severity, decline.severity, inform.severity]).toEqual(['problem', 'warning', 'problem'])
    expect(nak.text).toContain('refused (NAK): NAK from 128.2.6.152: "requested address not available"')
    expect(decline.text).toContain('declined its address')
    expect(inform.text).toContain('got no reply')
    const [transactionLink, clientLink] = nak.links
    expect(transactionLink).toMatchObject({ kind: 'transaction', captureId: capture.id, transactionId: 1 })
    expect(clientLink).toMatchObject({ kind: 'client' })
    // The links name real things: the transaction's first packet is the frame linked, its client the client linked.
    const page = (await engine!.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 10 })) as { rows: { id: number; client: string; steps: { frame: number }[] }[] }
    const linked = page.rows.find((t) => t.id === (transactionLink as { transactionId: number }).transactionId)!
    expect((transactionLink as { frame: number }).frame).toBe(linked.steps[0].frame)
    expect((clientLink as { client: string }).client).toBe(linked.client)
    expect(timeline.items.at(-1)!.text).toBe('Notes: Laptop in room 12 / gets no address')
    expect(timeline.items.at(-2)!.text).toContain('(tags: laptop)')
    const [stored] = (await engine!.dispatch('captures.list', { sessionId: session.id })) as CaptureInfo[]
    expect(timeline.items[4].links).toEqual([{ kind: 'packet', label: 'last packet', captureId: capture.id, frame: stored.packetCount }])
  })

  it('keeps the newest items within the limit and counts the oldest left out', async () => {
    const { session } = await zeekSession()
    const timeline = (await engine!.dispatch('sessions.timeline', { sessionId: session.id, limit: 3 })) as CaseTimeline
    expect(timeline.items.map((i) => i.kind)).toEqual(['capture-end', 'session', 'notes'])
    expect(timeline).toMatchObject({ total: 7, omitted: 4 })
    await expect(engine!.dispatch('sessions.timeline', { sessionId: session.id, limit: 100_000 })).rejects.toThrow(/limit/)
    await expect(engine!.dispatch('sessions.timeline', { sessionId: 999 })).rejects.toThrow('Session 999 does not exist')
  })

  it('is the report\'s "Timeline of the case", escaped, each problem linked to its row in the report', async () => {
    const { session, capture } = await zeekSession()
    await engine!.dispatch('sessions.setNotes', { sessionId: session.id, notes: '<script>alert(1)</script>' })
    const { html } = (await engine!.dispatch('sessions.report', { sessionId: session.id })) as SessionReport
    const section = html.slice(html.indexOf('<section id="timeline">'), html.indexOf('</section>', html.indexOf('<section id="timeline">')))
    expect(section).toContain('<h2>Timeline of the case</h2>')
    expect(section.match(/<tr class="problem" data-kind="transaction">/g)).toHaveLength(2)
    expect(section).toContain(`<a href="#tx-${capture.id}-1">DORA 0x000007c0</a>`)
    expect(html).toContain(`<tr id="tx-${capture.id}-1"`)
    expect(section).toContain('Notes: &#60;script&#62;alert(1)&#60;/script&#62;')
    expect(section).not.toContain('<script>')
  })
})

describe('fieldkit session timeline', () => {
  it('prints one line an item, its severity marked and its links, and says what is wrong with a bad request', async () => {
    const dataDir = tempDataDir()
    const engine = testEngine(dataDir)
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    engine.close()
    const [node, cli] = fieldkitCommand()
    const run = (...args: string[]) => spawnSync(node, [cli, 'session', 'timeline', ...args], { encoding: 'utf8', env: { ...process.env, FIELDKIT_DATA_DIR: dataDir } })
    const printed = run(String(capture.sessionId), '--limit', '5')
    expect(printed.status).toBe(0)
    const lines = printed.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatch(/^2013-06-02 19:14:02\.323 ✗ transaction {3}DORA of 90:b1:1c:99:49:29 \(xid 0x000007c0\) in “zeek__dhcp\.pcap” refused \(NAK\).* → capture \d+ transaction 1 \(frame 1\); client 90:b1:1c:99:49:29$/)
    expect(lines[1]).toMatch(/^2013-06-02 19:14:05\.381 ! transaction {3}Decline of /)
    expect(lines.at(-1)).toMatch(/ {3}session {7}Session “zeek__dhcp\.pcap” started$/)
    expect(printed.stderr).toBe('5 items (the 1 oldest of 6 left out: --limit)\n')
    expect(run(String(capture.sessionId), '--limit', '0')).toMatchObject({ status: 2, stderr: expect.stringContaining('--limit takes a number of items from 1 to 5000, not "0"') })
    expect(run('printer')).toMatchObject({ status: 2, stderr: expect.stringContaining('session timeline takes one session ID') })
    expect(run('77')).toMatchObject({ status: 1, stderr: 'fieldkit: Session 77 does not exist (it may have been deleted).\n' })
  })
})

describe('runs beyond the limit', () => {
  it('are counted among the items left out', async () => {
    const session: SessionInfo = { id: 1, name: 'many runs', createdAt: at(0), updatedAt: at(0), captureCount: 0, packetCount: 0, readOnly: false, notes: '', deletedAt: null, tags: [] }
    const run = (k: number): ClientRunResult => ({
      captureId: 100 + k, sessionId: 1, iface: 'fklab-c0', mode: 'probe', mac: `0a:15:00:00:01:${k.toString(16).padStart(2, '0')}`, startedAt: at(k + 1),
      reason: 'OFFER', message: 'offered', variables: {}, timeline: [], servers: [], released: false,
    })
    const timelines = new CaseTimelines({
      session: () => session, captures: () => [], span: async () => null, transactions: async (captureId, offset) => ({ captureId, offset, rows: [], total: 0 }),
      runs: () => Array.from({ length: 8 }, (_, k) => run(k)), keaHistory: () => [], thresholds: () => ({ warn: 80, critical: 95 }),
      consoleCommands: () => [], snapshots: () => [],
    })
    const timeline = await timelines.timeline(1, 3)
    expect(timeline.items.map((i) => i.kind)).toEqual(['run', 'run', 'run'])
    // The session's start and 8 runs: 9 items, 3 kept.
    expect([timeline.total, timeline.omitted]).toEqual([9, 6])
  })
})
