// Kea memfile CSVs of every version in the field, written from Kea's documented headers (csv_lease_file4.cc and
// csv_lease_file6.cc: 2.2's 11 and 17 columns, pool_id from 2.4, and 3.x's released/registered states), read as Kea
// loads them: LFC's files first, newest line per address winning, valid lifetime 0 deleting.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Lease } from '../../electron/engine/leases/lease'
import { LeaseSourceError } from '../../electron/engine/leases/lease-source'
import { localExists, localMemfiles, findLocalMemfiles } from '../../electron/engine/leases/memfile-local'
import { unescapeValue } from '../../electron/engine/leases/memfile-format'
import { MemfileSource } from '../../electron/engine/leases/memfile-source'
import { tempDir } from '../helpers/temp'

const header4 = {
  '2.2': 'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context',
  '2.4': 'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id',
}
const header6 = {
  '2.2': 'address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source',
  '2.4': 'address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source,pool_id',
}

function memfile(name: string, ...lines: string[]): string {
  const dir = tempDir('memfile')
  const path = join(dir, name)
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

async function read(path: string, family: 4 | 6 = 4): Promise<{ leases: Lease[]; problems: string[] }> {
  const source = new MemfileSource(`memfile ${path.split('/').pop()}`, localMemfiles, path, family, localExists)
  const leases: Lease[] = []
  const problems: string[] = []
  for await (const batch of source.leases(family)) {
    leases.push(...batch.leases)
    problems.push(...batch.problems)
  }
  return { leases, problems }
}

describe('memfile CSV versions', () => {
  it('reads Kea 2.2 DHCPv4 (11 columns, no pool_id)', async () => {
    const path = memfile('kea-leases4.csv', header4['2.2'], '192.0.2.100,02:00:5e:40:00:01,01:02:00:5e:40:00:01,600,1796054813,1,0,0,host-a,0,')
    const { leases, problems } = await read(path)
    expect(problems).toEqual([])
    expect(leases).toEqual([{
      family: 4, address: '192.0.2.100', hwAddress: '02:00:5e:40:00:01', clientId: '01:02:00:5e:40:00:01', hostname: 'host-a', subnetId: 1,
      validLifetime: 600, expire: 1796054813, state: 0, stateName: 'default', source: 'memfile kea-leases4.csv',
    }])
  })

  it('reads Kea 2.4 and 2.6 DHCPv4 with pool_id, and names states 1 and 2', async () => {
    const path = memfile('kea-leases4.csv', header4['2.4'],
      '192.0.2.10,02:00:5e:40:00:02,,3600,1800000000,7,1,1,a.example,1,{ "comment": "x" },3',
      '192.0.2.11,02:00:5e:40:00:03,,3600,1800000000,7,1,1,,2,,0')
    const { leases } = await read(path)
    expect(leases.map((l) => [l.address, l.poolId, l.stateName, l.subnetId])).toEqual([['192.0.2.10', 3, 'declined', 7], ['192.0.2.11', 0, 'expired-reclaimed', 7]])
  })

  it('reads Kea 3.x: states 3 (released) and 4 (registered), and tolerates columns it does not know', async () => {
    const path = memfile('kea-leases4.csv', `${header4['2.4']},some_future_column`,
      '192.0.2.20,02:00:5e:40:00:04,,3600,1800000000,1,0,0,,3,,0,zzz',
      '192.0.2.21,02:00:5e:40:00:05,,3600,1800000000,1,0,0,,4,,0,',
      '192.0.2.22,02:00:5e:40:00:06,,3600,1800000000,1,0,0,,9,,0,')
    const { leases } = await read(path)
    expect(leases.map((l) => l.stateName)).toEqual(['released', 'registered', 'state 9'])
  })

  it('reads DHCPv6 of 2.2 (17 columns) and 2.4+ (18): IA_NA and IA_PD with IAID and prefix length', async () => {
    for (const version of ['2.2', '2.4'] as const) {
      const pool = version === '2.4' ? ',0' : ''
      const path = memfile('kea-leases6.csv', header6[version],
        `2001:db8:1::100,00:03:00:01:02:00:5e:40:00:07,600,1800000000,1,300,0,12345,128,0,0,h6,02:00:5e:40:00:07,0,,1,2${pool}`,
        `2001:db8:2:100::,00:03:00:01:02:00:5e:40:00:08,600,1800000000,1,300,2,7,56,0,0,,,0,,,${pool}`)
      const { leases, problems } = await read(path, 6)
      expect(problems).toEqual([])
      expect(leases.map((l) => [l.address, l.type, l.iaid, l.prefixLength, l.clientId, l.hwAddress, l.preferredLifetime])).toEqual([
        ['2001:db8:1::100', 'IA_NA', 12345, 128, '00:03:00:01:02:00:5e:40:00:07', '02:00:5e:40:00:07', 300],
        ['2001:db8:2:100::', 'IA_PD', 7, 56, '00:03:00:01:02:00:5e:40:00:08', null, 300],
      ])
    }
  })

  it('undoes Kea\'s escaping: &#x2c is a comma, and an escaped & stays literal', async () => {
    expect(unescapeValue('a&#x2cb&#x2cc')).toBe('a,b,c')
    // Kea 2.2 wrote the hostname `fk&#x2cx,y` (given through lease4-add) as below; the API answers it unescaped.
    expect(unescapeValue('fk&#x26#x2cx&#x2cy')).toBe('fk&#x2cx,y')
    const path = memfile('kea-leases4.csv', header4['2.4'], '192.0.2.30,02:00:5e:40:00:09,,600,1800000000,1,0,0,one&#x2ctwo,0,{ "a": 1&#x2c "b": 2 },0')
    expect((await read(path)).leases[0].hostname).toBe('one,two')
  })
})

describe('memfile history', () => {
  it('lets the newest line per address win, and valid lifetime 0 delete (as Kea loads the file)', async () => {
    const path = memfile('kea-leases4.csv', header4['2.2'],
      '192.0.2.40,02:00:5e:40:00:10,,600,1800000000,1,0,0,old,0,',
      '192.0.2.41,02:00:5e:40:00:11,,600,1800000000,1,0,0,gone,0,',
      '192.0.2.40,02:00:5e:40:00:10,,600,1800000600,1,0,0,new,0,',
      '192.0.2.41,02:00:5e:40:00:11,,0,1800000000,1,0,0,gone,0,',
      // an expired lease stays until Kea reclaims it
      '192.0.2.42,02:00:5e:40:00:12,,600,1000000000,1,0,0,expired,0,')
    const { leases } = await read(path)
    expect(leases.map((l) => [l.address, l.hostname, l.expire])).toEqual([['192.0.2.40', 'new', 1800000600], ['192.0.2.42', 'expired', 1000000000]])
  })

  it('reads the LFC files before the live one: .2 then .1, or .completed alone when a cleanup finished', async () => {
    const dir = tempDir('lfc')
    const live = join(dir, 'kea-leases4.csv')
    const line = (host: string, expire: number, address = '192.0.2.50') => `${address},02:00:5e:40:00:13,,600,${expire},1,0,0,${host},0,`
    writeFileSync(`${live}.2`, `${header4['2.2']}\n${line('from-2', 1800000000)}\n${line('only-in-2', 1800000000, '192.0.2.51')}\n`)
    writeFileSync(`${live}.1`, `${header4['2.4']}\n${line('from-1', 1800000100)},0\n`)
    writeFileSync(live, `${header4['2.4']}\n`)
    let { leases } = await read(live)
    expect(leases.map((l) => [l.address, l.hostname])).toEqual([['192.0.2.50', 'from-1'], ['192.0.2.51', 'only-in-2']])

    appendFileSync(live, `${line('from-live', 1800000200)},0\n`)
    ;({ leases } = await read(live))
    expect(leases.find((l) => l.address === '192.0.2.50')?.hostname).toBe('from-live')

    // After LFC: .completed holds the merge of .2 and .1; the old ones are no longer read.
    writeFileSync(`${live}.completed`, `${header4['2.4']}\n${line('from-completed', 1800000100)},0\n`)
    writeFileSync(live, `${header4['2.4']}\n`)
    ;({ leases } = await read(live))
    expect(leases.map((l) => [l.address, l.hostname])).toEqual([['192.0.2.50', 'from-completed']])
  })
})

describe('bad memfiles', () => {
  it('reports a damaged line with its number and reads the rest', async () => {
    const path = memfile('kea-leases4.csv', header4['2.2'],
      '192.0.2.60,02:00:5e:40:00:14,,600,1800000000,1,0,0,ok1,0,',
      '192.0.2.999,02:00:5e:40:00:15,,600,1800000000,1,0,0,bad-address,0,',
      '192.0.2.61,zz:zz,,600,1800000000,1,0,0,bad-mac,0,',
      '192.0.2.62,02:00:5e:40:00:16,,six hundred,1800000000,1,0,0,bad-number,0,',
      '192.0.2.63,02:00:5e:40:00:17',
      '192.0.2.64,02:00:5e:40:00:18,,600,1800000000,1,0,0,ok2,0,')
    const { leases, problems } = await read(path)
    expect(leases.map((l) => l.hostname)).toEqual(['ok1', 'ok2'])
    expect(problems).toEqual([
      `${path} line 3: "192.0.2.999" is not an IPv4 address; the line is skipped.`,
      `${path} line 4: the hardware address "zz:zz" is not colon-separated hex; the line is skipped.`,
      `${path} line 5: the valid lifetime "six hundred" is not a number; the line is skipped.`,
      `${path} line 6: it has 2 fields where the header names at least 9; the line is skipped.`,
    ])
  })

  it('bounds a line: one without end is reported as too long, and the lines after it are read', async () => {
    const path = memfile('kea-leases4.csv', header4['2.2'], `192.0.2.70,02:00:5e:40:00:19,,600,1800000000,1,0,0,${'x'.repeat(200_000)},0,`, '192.0.2.71,02:00:5e:40:00:1a,,600,1800000000,1,0,0,after,0,')
    const { leases, problems } = await read(path)
    expect(leases.map((l) => l.hostname)).toEqual(['after'])
    expect(problems).toEqual([`${path} line 2: longer than any lease line (over 64 KiB); skipped.`])
  })

  it('refuses a foreign CSV in a sentence, and is not offered it as a memfile', async () => {
    const path = memfile('kea-leases4.csv', 'name,email,phone', 'a,b,c')
    await expect(read(path)).rejects.toThrow(LeaseSourceError)
    await expect(read(path)).rejects.toThrow(`${path} is not a Kea memfile lease file: its first line should be Kea's header ("address,hwaddr,client_id,…" for DHCPv4, "address,duid,valid_lifetime,…" for DHCPv6) but is "name,email,phone". Pick a kea-leases4.csv or kea-leases6.csv file.`)
    expect(findLocalMemfiles([path], [])).toEqual([])
  })

  it('says when the file is not there', async () => {
    await expect(read(join(tempDir('none'), 'kea-leases4.csv'))).rejects.toThrow(/does not exist \(any more\): check the lease-database "name"/)
  })

  it('finds memfiles by their header in Kea\'s folders, with their family', () => {
    const dir = tempDir('found')
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'kea-leases4.csv'), `${header4['2.2']}\n`)
    writeFileSync(join(dir, 'kea-leases6.csv'), `${header6['2.4']}\n`)
    writeFileSync(join(dir, 'kea-leases4.csv.2'), `${header4['2.2']}\n`)
    writeFileSync(join(dir, 'other-leases.csv'), 'a,b\n')
    expect(findLocalMemfiles([], [dir]).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: join(dir, 'kea-leases4.csv'), family: 4 }, { path: join(dir, 'kea-leases6.csv'), family: 6 },
    ])
  })
})
