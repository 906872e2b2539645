// One client's history: its names in every notation meet, the merge puts every source's items in one time order
// within a bound, and the engine gathers them from a real capture, a Kea log and a memfile (client filter included).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { ClientTimeline, ClientTimelineItem, LeaseTableInfo, LogInfo, TransactionPage } from '../../electron/contract/types'
import { clientMatcher, macInside, normalClientHex, parseClient } from '../../electron/engine/clients/client-identity'
import { lastMatches, mergeTimeline } from '../../electron/engine/clients/client-timeline'
import type { Engine } from '../../electron/engine/engine'
import { clientOf, logQueryFor } from '../../renderer/src/lease-links'
import { loaded, openInEngine, testEngine } from '../helpers/engine'
import { runFieldkit } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'

const MAC = '02:00:5e:70:00:01'

describe('a client\'s names', () => {
  it('reads a MAC in every notation people and tools write it', () => {
    for (const written of ['02:00:5e:70:00:01', '02-00-5E-70-00-01', '0200.5e70.0001', '02005E700001', '2:0:5e:70:0:1', ' 02 00 5e 70 00 01 ']) {
      expect(parseClient(written), written).toEqual({ mac: MAC, id: null })
    }
  })

  it('takes a client id or DUID as it is, with the MAC it carries', () => {
    expect(parseClient(`01:${MAC}`)).toEqual({ mac: MAC, id: `01:${MAC}` })
    expect(parseClient(`00:03:00:01:${MAC}`)).toEqual({ mac: MAC, id: `00:03:00:01:${MAC}` })
    expect(parseClient('000100012e3f4a5b02005e700001')).toEqual({ mac: MAC, id: `00:01:00:01:2e:3f:4a:5b:${MAC}` })
    expect(parseClient('00:02:00:00:09:bf:66:6f:6f')).toEqual({ mac: null, id: '00:02:00:00:09:bf:66:6f:6f' })
    expect(macInside(`02:${MAC}`)).toBeNull()
  })

  it('refuses what is not hex bytes', () => {
    for (const bad of ['02:00:5e:70:00:0g', '0200.5e70.001', 'printer', '', 'a'.repeat(600)]) expect(parseClient(bad), bad).toBeNull()
    expect(normalClientHex('1:2:3')).toBe('01:02:03')
  })

  it('matches the client by its MAC, its client id 01:MAC and its DUID-LL/LLT, never another client', () => {
    const byMac = clientMatcher(parseClient('0200.5e70.0001')!)
    for (const same of [MAC, '02-00-5E-70-00-01', `01:${MAC}`, `00:03:00:01:${MAC}`, '000100012e3f4a5b02005e700001']) expect(byMac(same), same).toBe(true)
    for (const other of ['02:00:5e:70:00:02', `01:02:00:5e:70:00:02`, `00:03:00:06:${MAC}`, null, '', 'not hex']) expect(byMac(other), String(other)).toBe(false)
    // Given its DUID, the client's MAC is found in the other sources too.
    const byDuid = clientMatcher(parseClient(`00:03:00:01:${MAC}`)!)
    expect(byDuid(MAC)).toBe(true)
    expect(byDuid('00030001' + '02005e700002')).toBe(false)
    const opaque = clientMatcher(parseClient('00:02:00:00:09:bf:66:6f:6f')!)
    expect(opaque('0002000009bf666f6f')).toBe(true)
    expect(opaque(MAC)).toBe(false)
  })
})

describe('a lease\'s client, as its links ask for it', () => {
  it('is its MAC in DHCPv4 (else its client id), its DUID in DHCPv6; its log lines are found by the same', () => {
    expect(clientOf({ family: 4, hwAddress: MAC, clientId: `01:${MAC}` })).toBe(MAC)
    expect(clientOf({ family: 4, hwAddress: null, clientId: '00:61:62:63' })).toBe('00:61:62:63')
    expect(clientOf({ family: 6, hwAddress: MAC, clientId: `00:03:00:01:${MAC}` })).toBe(`00:03:00:01:${MAC}`)
    expect(clientOf({ family: 6, hwAddress: null, clientId: null })).toBeNull()
    expect(logQueryFor({ family: 4, hwAddress: MAC, clientId: null })).toEqual({ mac: MAC })
    expect(logQueryFor({ family: 6, hwAddress: MAC, clientId: `00:03:00:01:${MAC}` })).toEqual({ clientId: `00:03:00:01:${MAC}` })
    expect(logQueryFor({ family: 4, hwAddress: null, clientId: null })).toBeNull()
  })
})

const log = (time: string, index: number): ClientTimelineItem => ({ kind: 'log', time, logId: 1, logName: 'kea-dhcp4.log', index, line: index + 1, severity: 'INFO', messageId: 'DHCP4_LEASE_ALLOC', text: '', mac: null, clientId: null })
const lease = (time: string): ClientTimelineItem => ({ kind: 'lease', time, tableId: 1, tableName: 'memfile', family: 4, address: '192.0.2.100', state: 'default', expire: time })
const run = (time: string): ClientTimelineItem => ({ kind: 'run', time, runId: 3, mode: 'dora', reason: 'BOUND', message: '' })
const transaction = (time: string): ClientTimelineItem => ({
  kind: 'transaction', time, captureId: 2, captureName: 'c', transactionId: 1, frame: 1, exchange: 'DORA', status: 'complete', xid: '0x1', address: null, problem: null, steps: [],
})

describe('the merge', () => {
  it('puts every source\'s items in time order; within one instant run, packets, log, lease', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 16, 0, s)).toISOString()
    const merged = mergeTimeline([
      { items: [log(at(2), 0), log(at(5), 1)], total: 2 },
      { items: [lease(at(2))], total: 1 },
      { items: [transaction(at(2)), transaction(at(1))], total: 2 },
      { items: [run(at(2))], total: 1 },
    ], 100)
    expect(merged.items.map((i) => `${i.time.slice(17, 19)} ${i.kind}`)).toEqual(['01 transaction', '02 run', '02 transaction', '02 log', '02 lease', '05 log'])
    expect(merged).toMatchObject({ total: 6, omitted: 0 })
  })

  it('reads times written with an offset as the same instant', () => {
    const merged = mergeTimeline([{ items: [log('2026-11-30T17:00:01.000+01:00', 0)], total: 1 }, { items: [lease('2026-11-30T16:00:00.500Z')], total: 1 }], 10)
    expect(merged.items.map((i) => i.kind)).toEqual(['lease', 'log'])
  })

  it('keeps the newest items within the bound and counts what it left out, those the sources left out too', () => {
    const items = Array.from({ length: 30 }, (_, k) => log(new Date(Date.UTC(2026, 0, 1, 0, 0, k)).toISOString(), k))
    const merged = mergeTimeline([{ items, total: 1000 }, { items: [lease('')], total: 1 }], 10)
    expect(merged.items).toHaveLength(10)
    expect(merged.items.map((i) => (i.kind === 'log' ? i.index : -1))).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
    expect(merged).toMatchObject({ total: 1001, omitted: 991 })
    // An item without a time is placed first, so it is the first to be left out.
    expect(mergeTimeline([{ items: [lease(''), log('2026-01-01T00:00:00Z', 0)], total: 2 }], 5).items[0].kind).toBe('lease')
  })

  it('lastMatches gives the last matches in order and how many there were', () => {
    expect(lastMatches(100, (i) => i % 10 === 0, 3)).toEqual({ positions: [70, 80, 90], total: 10 })
    expect(lastMatches(0, () => true, 3)).toEqual({ positions: [], total: 0 })
  })
})

const corpus = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url))
/** charrua__dhcp2.pcap's client, as Kea would log it (DORA with xids 0x3d1d and 0x3d1e). */
const CHARRUA = '00:0b:82:01:fc:42'

describe('clients.timeline in the engine', () => {
  let engine: Engine | undefined
  afterAll(() => engine?.close())

  it('filters a capture\'s transactions to each of its clients, DHCPv4 by MAC and DHCPv6 by DUID, in any notation', async () => {
    engine = testEngine()
    const e = engine
    for (const file of ['ndpi__android.pcap', 'chrissanders-packets__dhcp6_outlease_acquisition.pcapng', 'pcapplusplus__dhcpv6.pcap']) {
      const capture = await openInEngine(e, `${corpus}${file}`)
      await loaded(e, capture.id)
      const all = (await e.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 1000 }) as TransactionPage).rows
      const clients = [...new Set(all.map((t) => t.client))]
      expect(clients.length, file).toBeGreaterThan(file.startsWith('ndpi') ? 1 : 0)
      for (const client of clients) {
        // Written another way than the capture names it: dashes and upper case.
        const asked = normalClientHex(client)!.replaceAll(':', '-').toUpperCase()
        const page = await e.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 1000, client: asked }) as TransactionPage
        // The same client, or the same machine: a DUID-LL(T) of its MAC (android.pcap's phone asks for both families).
        const hardware = (name: string) => (name.length === 17 ? name : macInside(normalClientHex(name)!))
        const same = (t: { client: string }) => t.client === client || (hardware(client) !== null && hardware(t.client) === hardware(client))
        expect(page.rows.map((t) => t.id), `${file} ${client}`).toEqual(all.filter(same).map((t) => t.id))
        expect(page.rows.map((t) => t.client)).toContain(client)
        const problems = await e.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 1000, client: asked, problemsOnly: true }) as TransactionPage
        expect(problems.rows.every((t) => same(t) && (t.status !== 'complete' || t.servers.length > 1))).toBe(true)
      }
    }
    e.close()
    engine = undefined
  })

  it('gathers a client\'s packets, log lines, lease and nothing of another client\'s, asked by any notation', async () => {
    engine = testEngine()
    const e = engine
    const capture = await openInEngine(e, `${corpus}charrua__dhcp2.pcap`)
    await loaded(e, capture.id)
    const other = await openInEngine(e, `${corpus}chrissanders-packets__dhcp_nolease_initialization.pcapng`, capture.sessionId)
    await loaded(e, other.id)

    // Clients in the capture: the filter keeps this one's, in any notation.
    const all = await e.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 100 }) as TransactionPage
    const mine = await e.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 100, client: '000b.8201.fc42' }) as TransactionPage
    expect(mine.total).toBe(all.rows.filter((t) => t.client === CHARRUA).length)
    expect(mine.rows.every((t) => t.client === CHARRUA)).toBe(true)
    expect((await e.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 100, client: '02:00:5e:70:00:99' }) as TransactionPage).total).toBe(0)
    await expect(e.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 10, client: '00b.8201.fc42' })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/is not a MAC address, client id or DUID/) })
    await expect(e.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 10, client: 'printer' })).rejects.toMatchObject({ code: 'invalid-params' })

    const start = Date.UTC(2004, 11, 5, 19, 16, 24)
    const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '').slice(0, 23)
    const text = [
      `${stamp(start - 5000)} INFO  [kea-dhcp4.commands/1.2] COMMAND_RECEIVED Received command 'status-get'`,
      `${stamp(start + 317)} INFO  [kea-dhcp4.leases/1.2] DHCP4_LEASE_ADVERT [hwtype=1 ${CHARRUA}], cid=[01:${CHARRUA}], tid=0x3d1d: lease 192.168.0.10 will be advertised`,
      `${stamp(start + 388)} INFO  [kea-dhcp4.leases/1.2] DHCP4_LEASE_ALLOC [hwtype=1 ${CHARRUA}], cid=[01:${CHARRUA}], tid=0x3d1e: lease 192.168.0.10 has been allocated for 3600 seconds`,
      `${stamp(start + 400)} INFO  [kea-dhcp4.leases/1.2] DHCP4_LEASE_ALLOC [hwtype=1 02:00:5e:70:00:02], cid=[no info], tid=0x99: lease 192.168.0.11 has been allocated for 3600 seconds`,
    ].join('\n')
    const logInfo = await e.dispatch('logs.open', { source: { text, name: 'server.log' }, format: 'kea', pattern: '%d{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m\n' }) as LogInfo
    expect(logInfo.entries).toBe(4)

    const dir = tempDir('client-timeline')
    const csv = join(dir, 'kea-leases4.csv')
    const expire = Math.floor(start / 1000) + 3600
    writeFileSync(csv, `address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n192.168.0.10,${CHARRUA},01:${CHARRUA},3600,${expire},1,0,0,,0,\n192.168.0.11,02:00:5e:70:00:02,,3600,${expire},1,0,0,,0,\n`)
    const table = await e.dispatch('leases.open', { source: { fileId: e.grant(csv).fileId } }) as LeaseTableInfo
    const loading = async () => (await e.dispatch('leases.tables', {}) as LeaseTableInfo[]).find((t) => t.tableId === table.tableId)!.loading
    await expect.poll(loading).toBe(false)

    const timeline = await e.dispatch('clients.timeline', { sessionId: capture.sessionId, client: `01-${CHARRUA.replaceAll(':', '-').toUpperCase()}` }) as ClientTimeline
    expect(timeline.client).toEqual({ mac: CHARRUA, id: `01:${CHARRUA}` })
    expect(timeline.searched).toEqual({ logs: 1, captures: 2, leaseTables: 1, runs: 0 })
    const summary = timeline.items.map((i) => i.kind === 'log' ? `log ${i.messageId}` : i.kind === 'lease' ? `lease ${i.address}` : i.kind === 'transaction' ? `transaction ${i.xid} ${i.steps.map((s) => s.frame).join(',')}` : i.kind)
    expect(summary).toEqual(['transaction 0x00003d1d 1,2', 'log DHCP4_LEASE_ADVERT', 'transaction 0x00003d1e 3,4', 'log DHCP4_LEASE_ALLOC', 'lease 192.168.0.10'])
    expect(timeline.items.map((i) => i.time)).toEqual([...timeline.items.map((i) => i.time)].sort())
    const first = timeline.items[0]
    expect(first).toMatchObject({ kind: 'transaction', captureId: capture.id, frame: 1, exchange: expect.any(String) })
    expect(timeline.items.find((i) => i.kind === 'lease')).toMatchObject({ tableId: table.tableId, address: '192.168.0.10', state: 'default' })
    expect(timeline.items.find((i) => i.kind === 'log')).toMatchObject({ logId: logInfo.logId, index: 1, line: 2, mac: CHARRUA, clientId: `01:${CHARRUA}` })

    const bounded = await e.dispatch('clients.timeline', { sessionId: capture.sessionId, client: CHARRUA, limit: 2 }) as ClientTimeline
    expect(bounded.items.map((i) => i.kind)).toEqual(['log', 'lease'])
    expect(bounded).toMatchObject({ total: 5, omitted: 3 })
    const nobody = await e.dispatch('clients.timeline', { client: '02:00:5e:70:00:77' }) as ClientTimeline
    expect(nobody).toMatchObject({ items: [], total: 0, searched: { captures: 0, logs: 1, leaseTables: 1 } })
    await expect(e.dispatch('clients.timeline', { client: '02:00:5e:70:00:01', limit: 100_000 })).rejects.toMatchObject({ code: 'invalid-params' })
  })
})

describe('clients.timeline at its edges', () => {
  it('refuses what is not a client (paths, words, oversized text) and keeps to its bound on a log full of the client', async () => {
    const e = testEngine()
    try {
      for (const client of ['../../etc/passwd', '$(reboot)', 'ff'.repeat(401), '02:00:5e:70:00:01; rm -rf /']) {
        await expect(e.dispatch('clients.timeline', { client }), client.slice(0, 20)).rejects.toMatchObject({ code: 'invalid-params' })
      }
      await expect(e.dispatch('clients.timeline', { client: MAC, limit: 0 })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(e.dispatch('clients.timeline', { client: MAC, sessionId: 999 })).rejects.toMatchObject({ code: 'not-found' })
      const line = (k: number) => `2026-11-30 16:00:${String(k % 60).padStart(2, '0')}.${String(k % 1000).padStart(3, '0')} INFO  [kea-dhcp4.leases/1.2] DHCP4_LEASE_ALLOC [hwtype=1 ${MAC}], cid=[no info], tid=0x${k.toString(16)}: lease 192.0.2.10 has been allocated for 600 seconds`
      await e.dispatch('logs.open', { source: { text: Array.from({ length: 5000 }, (_, k) => line(k)).join('\n'), name: 'flood.log' }, format: 'kea' })
      const timeline = await e.dispatch('clients.timeline', { client: MAC, limit: 10 }) as ClientTimeline
      expect(timeline).toMatchObject({ total: 5000, omitted: 4990 })
      expect(timeline.items).toHaveLength(10)
    } finally {
      e.close()
    }
  })
})

describe('fieldkit client-history', () => {
  it('prints a client\'s transactions from a capture file, and says what is wrong with its arguments', { timeout: 60_000 }, () => {
    const printed = runFieldkit(['client-history', '--mac', '000B.8201.FC42', '--capture', `${corpus}charrua__dhcp2.pcap`])
    expect(printed.code, printed.stderr).toBe(0)
    expect(printed.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^2004-12-05 19:16:24\.317  packets charrua__dhcp2\.pcap frames 1,2 .* 0x00003d1d /),
      expect.stringMatching(/^2004-12-05 19:16:24\.387  packets charrua__dhcp2\.pcap frames 3,4 .* 0x00003d1e /),
    ])
    expect(printed.stderr).toBe('2 items about 00:0b:82:01:fc:42\n')
    const json = JSON.parse(runFieldkit(['client-history', '--mac', CHARRUA, '--capture', `${corpus}charrua__dhcp2.pcap`, '--json']).stdout) as ClientTimeline
    expect(json).toMatchObject({ client: { mac: CHARRUA, id: null }, total: 2, searched: { captures: 1 } })
    const wrong = (args: string[], message: RegExp) => {
      const run = runFieldkit(['client-history', ...args])
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(message)
    }
    wrong(['--mac', 'printer', '--capture', `${corpus}charrua__dhcp2.pcap`], /"printer" is not a MAC address, client id or DUID/)
    wrong(['--capture', `${corpus}charrua__dhcp2.pcap`], /name the client with --mac or --client-id/)
    wrong(['--mac', CHARRUA], /give at least one --capture, --log or --leases file/)
    wrong(['--mac', CHARRUA, '--log', '/nonexistent/kea-dhcp4.log'], /there is no file \/nonexistent\/kea-dhcp4\.log/)
    wrong(['--mac', CHARRUA, '--capture', `${corpus}charrua__dhcp2.pcap`, '--limit', '0'], /--limit takes a number of items from 1 to 2000/)
  })
})
