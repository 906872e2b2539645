// Lease tables on the real lab: the lease a dhclient run took and perfdhcp's, read through the Control Agent and
// from Kea's own memfile while Kea writes it (the two tables agree), and lease6-get-page paging over a few thousand
// leases added with lease6-add (the lab's v4 subnets are /24s; the v6 subnet's /64 holds thousands outside its pool
// without changing Kea's configuration, which other tests share). Every lease made here is ours by MAC/DUID
// (02:00:5e:40:xx:xx) and is deleted afterwards.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Lease, LeasePage, LeaseSourceChoices, LeaseTableInfo, LeaseViewInfo } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { sendCommand } from '../../electron/engine/kea/kea-client'
import { ApiLeaseSource } from '../../electron/engine/leases/api-source'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { controlAgentUrl, lab } from '../../electron/lab/topology'
import { testEngine } from '../helpers/engine'
import { runFieldkit } from '../helpers/fieldkit'
import { labDora, labUnavailable } from '../helpers/lab'
import { tableLoaded } from '../helpers/leases'
import { tempDir } from '../helpers/temp'

const run = promisify(execFile)
const unavailable = labUnavailable()
const work = tempDir('fieldkit-leases-lab')
const agent = { kind: 'http' as const, url: controlAgentUrl }
const ours = /^02:00:5e:40:/
const PAGED = 2500
const pagedAddress = (n: number) => `2001:db8:1::4:${n.toString(16)}`
const pagedDuid = (n: number) => `00:03:00:01:02:00:5e:40:${(0x40 + (n >> 8)).toString(16)}:${(n & 0xff).toString(16).padStart(2, '0')}`
let engine: Engine
let wasUp = false

const kea = (command: string, service: 'dhcp4' | 'dhcp6', args: Record<string, unknown>) => sendCommand(agent, { command, service, arguments: args })

async function open(source: Record<string, unknown>): Promise<LeaseTableInfo> {
  return tableLoaded(engine, (await engine.dispatch('leases.open', { source })) as LeaseTableInfo)
}

async function rows(tableId: number, filter: Record<string, unknown> = {}, compareWith?: number): Promise<LeasePage['rows']> {
  const view = (await engine.dispatch('leases.view', { tableId, filter, ...(compareWith && { compareWith }) })) as LeaseViewInfo
  return ((await engine.dispatch('leases.page', { tableId, viewId: view.viewId, offset: 0, limit: 5000 })) as LeasePage).rows
}

async function memfileTable(name: string): Promise<LeaseTableInfo> {
  const choices = (await engine.dispatch('leases.sources', {})) as LeaseSourceChoices
  const memfile = choices.memfiles.find((m) => m.path === `${lab.dir}/${name}`)
  expect(memfile, `the lab's ${name} is offered`).toBeDefined()
  return open({ memfileId: memfile!.memfileId })
}

/** A lease without where it came from, to compare two sources' copies. */
const content = ({ source: _source, difference: _difference, ...lease }: Lease & { difference?: unknown }) => lease
const byAddress = (a: { address: string }, b: { address: string }) => a.address.localeCompare(b.address)

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`waited 20 s for ${what}`)
}

async function deleteOurs(): Promise<void> {
  for (const family of [4, 6] as const) {
    const source = new ApiLeaseSource('cleanup', agent, { [family]: family === 4 ? 'dhcp4' : 'dhcp6' })
    const mine: Lease[] = []
    for await (const batch of source.leases(family)) mine.push(...batch.leases.filter((l) => ours.test(l.hwAddress ?? '') || /^00:03:00:01:02:00:5e:40:/.test(l.clientId ?? '')))
    for (const lease of mine) await source.delete(lease)
  }
}

describe.skipIf(unavailable !== null)(`lease tables on the lab${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    wasUp = labStatus().up
    await labUp()
    engine = testEngine()
    await deleteOurs()
  }, 120_000)
  afterAll(async () => {
    if (!unavailable) await deleteOurs()
    engine?.close()
    if (!wasUp && !unavailable) await labDown()
  }, 120_000)

  it('shows the lease a dhclient run took alike through the Control Agent, from the memfile and in the CLI', async () => {
    const vars = await labDora(work, 'leases')
    const bound = readFileSync(vars, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>).find((v) => v.reason === 'BOUND')!
    const address = bound.new_ip_address
    const api = await open({ profileId: 'lab', family: 4 })
    const memfile = await memfileTable('kea-leases4.csv')
    await until(async () => (await rows(memfile.tableId, { address })).length === 1, 'the memfile to hold the lease')
    const [fromApi] = await rows(api.tableId, { address })
    const [fromFile] = await rows(memfile.tableId, { address }, api.tableId)
    expect(fromApi).toMatchObject({ address, subnetId: 1, stateName: 'default', validLifetime: 600, source: 'api Kea lab' })
    expect(content(fromFile)).toEqual(content(fromApi))
    expect(fromFile.difference).toBeNull()

    const cli = runFieldkit(['leases', '--url', controlAgentUrl, '--address', address, '--json'])
    expect(cli.stderr).toBe('')
    expect((JSON.parse(cli.stdout) as Lease[]).map(content)).toEqual([content(fromApi)])
    const csv = runFieldkit(['leases', '--csv', `${lab.dir}/kea-leases4.csv`, '--mac', fromApi.hwAddress!, '--csv'])
    expect(csv.stdout.split('\n')[0]).toBe('address,hw_address,client_id,hostname,subnet_id,valid_lifetime,start,expire,state,type,iaid,prefix_length,source')
    expect(csv.stdout).toContain(`${address},${fromApi.hwAddress},`)
  }, 60_000)

  it('follows the memfile while perfdhcp leases addresses: it ends equal to the API\'s table', async () => {
    const memfile = await memfileTable('kea-leases4.csv')
    expect(((await engine.dispatch('leases.tables', {})) as LeaseTableInfo[]).find((t) => t.tableId === memfile.tableId)?.following).toBe(true)
    await run('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-4', '-l', lab.clientInterface, '-b', 'mac=02:00:5e:40:20:00', '-R', '10', '-n', '10', '-r', '5', lab.serverAddress], { timeout: 30_000 })
      .catch((error: { stdout?: string }) => {
        // perfdhcp exits non-zero when it counts any drop; the leases below are what matters.
        if (!error.stdout) throw error
      })
    const api = await open({ profileId: 'lab', family: 4 })
    const apiOurs = (await rows(api.tableId)).filter((l) => ours.test(l.hwAddress ?? '')).sort(byAddress)
    expect(apiOurs.length).toBeGreaterThan(0)
    await until(async () => (await rows(memfile.tableId)).filter((l) => ours.test(l.hwAddress ?? '')).length === apiOurs.length, 'the followed memfile to catch up')
    const fileOurs = (await rows(memfile.tableId)).filter((l) => ours.test(l.hwAddress ?? '')).sort(byAddress)
    expect(fileOurs.map(content)).toEqual(apiOurs.map(content))
    // Kea's own lookups agree with the table.
    const mac = apiOurs[0].hwAddress!
    const found = await new ApiLeaseSource('api lab', agent, { 4: 'dhcp4' }).find({ family: 4, by: 'hwAddress', hwAddress: mac })
    expect(found.map(content)).toEqual(apiOurs.filter((l) => l.hwAddress === mac).map(content))
  }, 90_000)

  it(`pages through ${PAGED} leases with lease6-get-page, a thousand at a time, none missed or repeated`, async () => {
    for (let n = 0; n < PAGED; n += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, k) => kea('lease6-add', 'dhcp6', {
        'ip-address': pagedAddress(n + k), duid: pagedDuid(n + k), iaid: n + k, 'subnet-id': 1, hostname: `paged-${n + k}`,
      }).then((answer) => expect(answer.result, answer.text).toBe(0))))
    }
    const source = new ApiLeaseSource('api lab', agent, { 6: 'dhcp6' })
    const pages: number[] = []
    const seen: string[] = []
    for await (const batch of source.leases(6)) {
      pages.push(batch.leases.length)
      seen.push(...batch.leases.filter((l) => l.hostname.startsWith('paged-')).map((l) => l.address))
    }
    expect(pages.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...pages)).toBe(1000)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(Array.from({ length: PAGED }, (_, n) => pagedAddress(n)).sort())

    const found = await source.find({ family: 6, by: 'clientId', clientId: pagedDuid(7) })
    expect(found.map((l) => [l.address, l.iaid, l.type])).toEqual([[pagedAddress(7), 7, 'IA_NA']])

    // The memfile holds the same leases.
    const memfile = await memfileTable('kea-leases6.csv')
    const api = await open({ profileId: 'lab', family: 6 })
    const paged = (l: Lease) => l.hostname.startsWith('paged-')
    await until(async () => (await rows(memfile.tableId, { search: 'paged-' })).length === PAGED, 'the v6 memfile to hold every lease')
    expect((await rows(memfile.tableId, { search: 'paged-' })).filter(paged).map(content).sort(byAddress))
      .toEqual((await rows(api.tableId, { search: 'paged-' })).filter(paged).map(content).sort(byAddress))
  }, 180_000)

  it('deletes a lease through the API only once confirmed', async () => {
    expect((await kea('lease6-add', 'dhcp6', { 'ip-address': pagedAddress(0xffff), duid: pagedDuid(0xbf), iaid: 1, 'subnet-id': 1 })).result).toBe(0)
    const api = await open({ profileId: 'lab', family: 6 })
    await expect(engine.dispatch('leases.change', { tableId: api.tableId, address: pagedAddress(0xffff) })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/confirm it/) })
    expect((await engine.dispatch('leases.change', { tableId: api.tableId, address: pagedAddress(0xffff), confirmed: true }))).toEqual({ text: `The lease of ${pagedAddress(0xffff)} was deleted.` })
    expect((await kea('lease6-get', 'dhcp6', { 'ip-address': pagedAddress(0xffff) })).result).toBe(3)
  }, 30_000)
})
