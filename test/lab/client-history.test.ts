// One client's history on real parts: a dhclient DORA of the test's own MAC captured on the lab bridge, then a run of
// the built-in client as the same client; the lab's kea-dhcp4 log and its memfile and API lease tables open. The
// history holds its packets, its Kea log lines and its lease in time order, each with what opens it; the
// transactions filter finds the same exchanges; `fieldkit client-history` prints the same from the files.
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import type { CaptureInfo, ClientRunResult, ClientTimeline, ClientTimelineItem, LeaseSourceChoices, LeaseTableInfo, LeasePage, LeaseViewInfo, LogInfo, LogLineDetail, LogSources, PacketDetail, SavedCapture, TransactionPage } from '../../electron/contract/types'
import { lab } from '../../electron/lab/topology'
import { labUnavailable } from '../helpers/lab'
import { labEngine } from '../helpers/lab-engine'
import { macDora } from '../helpers/mac-dora'
import { runFieldkit } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable()
/** This test's client (the range 02:00:5e:70:00:00-ff is this feature's). */
const MAC = '02:00:5e:70:00:10'

describe.skipIf(unavailable !== null)(`Client history on the lab${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const engine = labEngine()
  const work = tempDir('client-history-lab')

  it('shows a dhclient DORA\'s packets, its Kea log lines and its lease in time order, each opening what it names', { timeout: 120_000 }, async () => {
    const e = engine()
    const call = <T>(method: string, params: unknown) => e.dispatch(method, params) as Promise<T>
    const began = Date.now()
    let capture = await call<CaptureInfo>('capture.start', { iface: lab.captureInterface, filter: 'udp port 67 or udp port 68' })
    await macDora(work, MAC)
    await sleep(1000)
    capture = await call<CaptureInfo>('capture.stop', { captureId: capture.id })
    const run = await call<ClientRunResult>('client.run', { sessionId: capture.sessionId, iface: lab.captureInterface, mode: 'dora', mac: MAC, keep: true, wait: 5 })
    expect(run.reason).toBe('BOUND')

    const sources = await call<LogSources>('logs.sources', {})
    const logFile = sources.files.find((f) => f.path === join(lab.dir, 'kea-dhcp4.log'))!
    const log = await call<LogInfo>('logs.open', { source: { logFileId: logFile.id } })
    await expect.poll(async () => (await call<LogInfo[]>('logs.list', {})).find((l) => l.logId === log.logId)!.status, { timeout: 20_000 }).toBe('done')
    const memfile = (await call<LeaseSourceChoices>('leases.sources', {})).memfiles.find((m) => m.path === join(lab.dir, 'kea-leases4.csv'))!
    const tables = [
      await call<LeaseTableInfo>('leases.open', { source: { memfileId: memfile.memfileId } }),
      await call<LeaseTableInfo>('leases.open', { source: { profileId: 'lab', family: 4 } }),
    ]
    await expect.poll(async () => (await call<LeaseTableInfo[]>('leases.tables', {})).filter((t) => t.loading).length, { timeout: 20_000 }).toBe(0)

    // Asked as people write it: Cisco's notation.
    const timeline = await call<ClientTimeline>('clients.timeline', { sessionId: capture.sessionId, client: '0200.5e70.0010' })
    expect(timeline.client).toEqual({ mac: MAC, id: null })
    expect(timeline.searched).toMatchObject({ captures: 2, runs: 1, logs: 1, leaseTables: 2 })
    const times = timeline.items.map((i) => Date.parse(i.time))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    // The log keeps earlier runs' lines of this MAC: this run's start after ours began.
    const ours = timeline.items.filter((i) => Date.parse(i.time) >= began - 1000)
    const of = <K extends ClientTimelineItem['kind']>(kind: K) => ours.filter((i): i is Extract<ClientTimelineItem, { kind: K }> => i.kind === kind)

    const [dora] = of('transaction').filter((t) => t.captureId === capture.id)
    expect(dora).toMatchObject({ exchange: 'DORA', status: 'complete', address: expect.stringMatching(/^192\.0\.2\./) })
    expect(dora.steps.map((s) => s.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
    expect(of('transaction').filter((t) => t.captureId === run.captureId).map((t) => t.exchange)).toContain('DORA')
    expect(of('run')).toMatchObject([{ runId: run.captureId, mode: 'dora', reason: 'BOUND' }])
    const tid = `tid=0x${dora.xid.slice(2).replace(/^0+/, '')}`
    const doraLines = of('log').filter((l) => l.text.includes(tid))
    expect(doraLines.map((l) => l.messageId)).toEqual(expect.arrayContaining(['DHCP4_LEASE_ADVERT', 'DHCP4_LEASE_ALLOC']))
    const leases = of('lease')
    expect(leases.map((l) => l.tableId).sort()).toEqual(tables.map((t) => t.tableId).sort())
    expect(new Set(leases.map((l) => l.address))).toEqual(new Set([dora.address]))
    // In time order: the DORA's packets, then what Kea logged of them, and the lease as Kea last wrote it.
    const at = (item: ClientTimelineItem) => timeline.items.indexOf(item)
    const alloc = doraLines.find((l) => l.messageId === 'DHCP4_LEASE_ALLOC')!
    expect(at(dora)).toBeLessThan(at(alloc))
    expect(Math.min(...leases.map(at))).toBeGreaterThan(at(alloc))
    expect(at(of('run')[0])).toBeGreaterThan(at(dora))

    // Each item opens what it names.
    const packet = await call<PacketDetail>('packets.detail', { captureId: dora.captureId, frame: dora.steps[3].frame })
    expect(JSON.stringify(packet)).toContain(MAC)
    expect(JSON.stringify(packet)).toMatch(/ACK/)
    const line = await call<LogLineDetail>('logs.line', { logId: alloc.logId, index: alloc.index, captureId: capture.id })
    expect(line.row).toMatchObject({ mac: MAC, messageId: 'DHCP4_LEASE_ALLOC', xid: dora.xid })
    expect(line.packets.map((p) => p.frame)).toContain(dora.steps[3].frame)
    for (const lease of leases) {
      const view = await call<LeaseViewInfo>('leases.view', { tableId: lease.tableId, filter: { address: lease.address } })
      const page = await call<LeasePage>('leases.page', { tableId: lease.tableId, viewId: view.viewId, offset: 0, limit: 5 })
      expect(page.rows).toMatchObject([{ address: dora.address, hwAddress: MAC }])
    }

    // The transactions of the capture, for this client only.
    const filtered = await call<TransactionPage>('transactions.page', { captureId: capture.id, offset: 0, limit: 100, client: MAC.replaceAll(':', '-').toUpperCase() })
    expect(filtered.rows.length).toBeGreaterThan(0)
    expect(filtered.rows.every((t) => t.client === MAC)).toBe(true)
    expect(filtered.rows.map((t) => t.xid)).toContain(dora.xid)

    // The command line, from the files: the saved capture, the lab's log and memfile.
    const saved = await call<SavedCapture>('captures.save', { captureId: capture.id, format: 'pcapng' })
    const cli = runFieldkit(['client-history', '--mac', MAC.toUpperCase(), '--capture', saved.path, '--log', join(lab.dir, 'kea-dhcp4.log'), '--leases', join(lab.dir, 'kea-leases4.csv'), '--json'])
    expect(cli.code, cli.stderr).toBe(0)
    const printed = JSON.parse(cli.stdout) as ClientTimeline
    expect(printed.searched).toEqual({ captures: 1, runs: 0, logs: 1, leaseTables: 1 })
    expect(printed.items.filter((i) => i.kind === 'transaction').map((t) => t.kind === 'transaction' && t.xid)).toContain(dora.xid)
    expect(printed.items.some((i) => i.kind === 'log' && i.text.includes(tid) && i.messageId === 'DHCP4_LEASE_ALLOC')).toBe(true)
    expect(printed.items.filter((i) => i.kind === 'lease').map((l) => l.kind === 'lease' && l.address)).toEqual([dora.address])
    const text = runFieldkit(['client-history', '--mac', MAC, '--capture', saved.path, '--log', join(lab.dir, 'kea-dhcp4.log'), '--leases', join(lab.dir, 'kea-leases4.csv')])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(new RegExp(`packets .* frames \\d+,\\d+,\\d+,\\d+  DORA ${dora.xid} complete ${dora.address!.replaceAll('.', '\\.')}`))
    expect(text.stdout).toMatch(/ log .*DHCP4_LEASE_ALLOC/)
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`lease   memfile kea-leases4.csv  ${dora.address!.replaceAll('.', '\\.')} default until`))
    expect(text.stderr).toMatch(/items? about 02:00:5e:70:00:10/)
  })
})
