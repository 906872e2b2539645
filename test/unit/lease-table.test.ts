// The lease table through the engine's contract, as the Leases view and its attacker use it: views with counts,
// paging, sorting, differences between two sources, CSV export, following a memfile, and what is refused.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LeaseHistoryEntry, LeasePage, LeaseTableInfo, LeaseViewInfo, SavedLeases } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { leaseCsvLine } from '../../electron/engine/leases/lease-csv'
import { testEngine } from '../helpers/engine'
import { memfileHeader4, tableLoaded, writeMemfile } from '../helpers/leases'
import { tempDir } from '../helpers/temp'

let engine: Engine
afterEach(() => engine?.close())

async function openFile(path: string): Promise<LeaseTableInfo> {
  const { fileId } = engine.grant(path)
  return tableLoaded(engine, (await engine.dispatch('leases.open', { source: { fileId } })) as LeaseTableInfo)
}

const view = (params: Record<string, unknown>) => engine.dispatch('leases.view', params) as Promise<LeaseViewInfo>
const page = (v: LeaseViewInfo, offset = 0, limit = 100) => engine.dispatch('leases.page', { tableId: v.tableId, viewId: v.viewId, offset, limit }) as Promise<LeasePage>

describe('lease table', () => {
  it('counts per state and subnet, filters, sorts and pages', async () => {
    engine = testEngine()
    const path = join(tempDir('leases'), 'kea-leases4.csv')
    writeMemfile(path, 1000)
    const table = await openFile(path)
    expect(table).toMatchObject({ total: 1000, family: 4, kind: 'memfile', error: null, problems: [] })

    const all = await view({ tableId: table.tableId })
    expect(all.total).toBe(1000)
    expect(all.counts.states).toEqual({ declined: 20, 'expired-reclaimed': 140, default: 840 })
    expect(all.counts.subnets).toEqual({ 1: 250, 2: 250, 3: 250, 4: 250 })

    const declinedIn3 = await view({ tableId: table.tableId, filter: { state: 'declined', subnetId: 3 } })
    expect(declinedIn3.total).toBe(10)
    expect((await page(declinedIn3)).rows.every((r) => r.stateName === 'declined' && r.subnetId === 3)).toBe(true)

    const byHost = await view({ tableId: table.tableId, filter: { search: 'HOST-99' } })
    expect((await page(byHost)).rows.map((r) => r.hostname).sort()).toEqual(['host-99', 'host-990', 'host-991', 'host-992', 'host-993', 'host-994', 'host-995', 'host-996', 'host-997', 'host-998', 'host-999'])

    // Addresses sort as numbers: 10.0.0.9 before 10.0.0.10.
    const sorted = await page(await view({ tableId: table.tableId, sort: 'address' }), 8, 3)
    expect(sorted.rows.map((r) => r.address)).toEqual(['10.0.0.8', '10.0.0.9', '10.0.0.10'])
    const latest = await page(await view({ tableId: table.tableId, sort: 'expire', descending: true }), 0, 1)
    expect(latest.rows[0].hostname).toBe('host-999')
    const byName = await page(await view({ tableId: table.tableId, sort: 'hostname' }), 8, 3)
    expect(byName.rows.map((r) => r.hostname)).toEqual(['host-8', 'host-9', 'host-10'])
  })

  it('marks what differs between two sources of one server', async () => {
    engine = testEngine()
    const dir = tempDir('compare')
    const line = (address: string, host: string, state = 0) => `${address},02:00:5e:40:00:01,,600,1800000000,1,0,0,${host},${state},,0`
    writeFileSync(join(dir, 'a.csv'), [memfileHeader4, line('192.0.2.1', 'same'), line('192.0.2.2', 'mine'), line('192.0.2.3', 'only-a')].join('\n') + '\n')
    writeFileSync(join(dir, 'b.csv'), [memfileHeader4, line('192.0.2.1', 'same'), line('192.0.2.2', 'theirs', 1)].join('\n') + '\n')
    const a = await openFile(join(dir, 'a.csv'))
    const b = await openFile(join(dir, 'b.csv'))
    const rows = (await page(await view({ tableId: a.tableId, compareWith: b.tableId }))).rows
    expect(rows.map((r) => [r.address, r.difference])).toEqual([
      ['192.0.2.1', null], ['192.0.2.2', 'hostname, state differ from memfile b.csv'], ['192.0.2.3', 'not in memfile b.csv'],
    ])
    expect((await view({ tableId: a.tableId, compareWith: b.tableId, differencesOnly: true })).total).toBe(2)
  })

  it('exports a view as CSV into exports/ (browser mode), never running a formula in a spreadsheet', async () => {
    engine = testEngine()
    const path = join(tempDir('export'), 'kea-leases4.csv')
    writeFileSync(path, `${memfileHeader4}\n192.0.2.9,02:00:5e:40:00:09,,600,1800000000,1,0,0,=cmd|' /C calc'!A0&#x2c x,0,,0\n`)
    const table = await openFile(path)
    const saved = (await engine.dispatch('leases.export', { tableId: table.tableId, viewId: (await view({ tableId: table.tableId })).viewId, name: '../../evil' })) as SavedLeases
    expect(saved.path).toBe(join(engine.dataDir, 'exports', 'evil.csv'))
    expect(readFileSync(saved.path, 'utf8')).toBe('address,hw_address,client_id,hostname,subnet_id,valid_lifetime,start,expire,state,type,iaid,prefix_length,source\n'
      + `192.0.2.9,02:00:5e:40:00:09,,"'=cmd|' /C calc'!A0, x",1,600,2027-01-15T07:50:00.000Z,2027-01-15T08:00:00.000Z,default,,,,memfile kea-leases4.csv\n`)
    expect(leaseCsvLine({ family: 4, address: '192.0.2.1', hwAddress: null, clientId: null, hostname: 'a"b', subnetId: 1, validLifetime: 1, expire: 1, state: 0, stateName: 'default', source: 's' }))
      .toContain('"a""b"')
  })

  it('follows a memfile as Kea appends to it, and reads it again when LFC replaces it', async () => {
    engine = testEngine()
    const path = join(tempDir('follow'), 'kea-leases4.csv')
    writeFileSync(path, `${memfileHeader4}\n192.0.2.1,02:00:5e:40:00:01,,600,1800000000,1,0,0,one,0,,0\n`)
    const table = await openFile(path)
    await until(async () => ((await engine.dispatch('leases.tables', {})) as LeaseTableInfo[])[0].following)
    // Kea writes a line in two writes: the half line waits for its end.
    appendFileSync(path, '192.0.2.2,02:00:5e:40:00:02,,600,1800000000,1,0,0,tw')
    appendFileSync(path, 'o,0,,0\n192.0.2.1,02:00:5e:40:00:01,,0,1800000000,1,0,0,one,0,,0\n')
    await until(async () => (await page(await view({ tableId: table.tableId }))).rows.map((r) => r.hostname).join() === 'two')
    writeFileSync(`${path}.new`, `${memfileHeader4}\n192.0.2.3,02:00:5e:40:00:03,,600,1800000000,1,0,0,three,0,,0\n`)
    const { renameSync } = await import('node:fs')
    renameSync(`${path}.new`, path)
    await until(async () => (await page(await view({ tableId: table.tableId }))).rows.map((r) => r.hostname).join() === 'three')
  })
})

describe('lease history', () => {
  it('lists what the memfile and LFC\'s files wrote for one address, oldest first, deletions too', async () => {
    engine = testEngine()
    const dir = tempDir('history')
    const path = join(dir, 'kea-leases4.csv')
    const line = (host: string, valid = 600) => `192.0.2.7,02:00:5e:40:00:07,,${valid},1800000000,1,0,0,${host},0,,0`
    writeFileSync(`${path}.2`, [memfileHeader4, line('first')].join('\n') + '\n')
    writeFileSync(path, [memfileHeader4, line('second'), line('second', 0), line('third'), '192.0.2.8,02:00:5e:40:00:08,,600,1800000000,1,0,0,other,0,,0'].join('\n') + '\n')
    const table = await openFile(path)
    const history = (await engine.dispatch('leases.history', { tableId: table.tableId, address: '192.0.2.7' })) as LeaseHistoryEntry[]
    expect(history.map((h) => [h.file, h.lease?.hostname ?? null])).toEqual([[`${path}.2`, 'first'], [path, 'second'], [path, null], [path, 'third']])
  })
})

describe('lease table refusals', () => {
  it('takes no path from the page: a memfile is named by the id the engine listed, a file by its grant', async () => {
    engine = testEngine()
    await expect(engine.dispatch('leases.open', { source: { path: '/etc/shadow' } })).rejects.toMatchObject({ code: 'invalid-params' })
    await expect(engine.dispatch('leases.open', { source: { memfileId: '/etc/shadow' } })).rejects.toMatchObject({ code: 'invalid-params' })
    await expect(engine.dispatch('leases.open', { source: { memfileId: '0123456789abcdef' } })).rejects.toMatchObject({ code: 'not-found' })
    await expect(engine.dispatch('leases.open', { source: { fileId: 'not-granted' } })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('shows a foreign file\'s sentence as the table\'s error', async () => {
    engine = testEngine()
    const path = join(tempDir('foreign'), 'export.csv')
    writeFileSync(path, 'name,email\nx,y\n')
    const table = await openFile(path)
    expect(table.error).toMatch(/is not a Kea memfile lease file/)
  })

  it('changes leases only through the API, and only when confirmed', async () => {
    engine = testEngine()
    const path = join(tempDir('change'), 'kea-leases4.csv')
    writeMemfile(path, 3)
    const table = await openFile(path)
    await expect(engine.dispatch('leases.change', { tableId: table.tableId, address: '10.0.0.1', confirmed: true }))
      .rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/only through the Kea API, never by editing a lease file/) })
  })
})

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50))
}
