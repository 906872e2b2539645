// The SQL lease sources against real servers: a MariaDB and a PostgreSQL whose Kea 2.2 schema kea-admin made, with
// leases written by Kea itself (its own instance in its own namespaces, driven by perfdhcp). The table read from the
// database must equal the one Kea's API gives for the same server.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromApi } from '../../electron/engine/leases/api-source'
import type { Lease } from '../../electron/engine/leases/lease'
import { connectMysql } from '../../electron/engine/leases/sql-mysql'
import { connectPostgres } from '../../electron/engine/leases/sql-postgres'
import { selectLeases } from '../../electron/engine/leases/sql-queries'
import { leaseFromRow } from '../../electron/engine/leases/sql-rows'
import { openSqlLeaseSource, type SqlLeaseSource } from '../../electron/engine/leases/sql-source'
import { parseSqlUrl } from '../../electron/engine/leases/sql-url'
import { runFieldkit } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'
import {
  buildNetwork, createDatabase, keaCommand, perfdhcp, postgresCa, removeLabDir, removeNetwork, sqlLab, sqlLabUnavailable, startKea, upgradedCopy,
  type LabDatabase, type LabKea,
} from '../helpers/sql-lease-lab'

const unavailable = sqlLabUnavailable()
const lab = sqlLab('lab')
if (unavailable) console.warn(`skipped: ${unavailable}`)

const CLIENTS4 = 24
const CLIENTS6 = 12

const byAddress = (a: Lease, b: Lease) => a.address.localeCompare(b.address)
const withoutSource = (leases: Lease[]) => leases.map(({ source: _source, ...rest }) => rest).sort((a, b) => a.address.localeCompare(b.address))

async function readAll(source: SqlLeaseSource, family: 4 | 6): Promise<{ leases: Lease[]; problems: string[] }> {
  const leases: Lease[] = [], problems: string[] = []
  for await (const batch of source.leases(family)) {
    leases.push(...batch.leases)
    problems.push(...batch.problems)
  }
  return { leases: leases.sort(byAddress), problems }
}

async function apiLeases(family: 4 | 6): Promise<Lease[]> {
  const answer = await keaCommand(lab, family, `lease${family}-get-all`)
  expect(answer.result, answer.text).toBe(0)
  return ((answer.arguments?.leases ?? []) as Record<string, unknown>[]).map((item) => fromApi(item, family, 'api')!)
}

describe.skipIf(unavailable !== null).each(['mysql', 'postgresql'] as const)('%s lease database written by Kea 2.2', (engine) => {
  let database: LabDatabase
  let kea: LabKea | undefined
  let source: SqlLeaseSource | undefined

  beforeAll(async () => {
    buildNetwork(lab)
    database = createDatabase(lab, engine)
    kea = await startKea(lab, database.keaDatabase)
    perfdhcp(lab, 4, CLIENTS4)
    perfdhcp(lab, 6, CLIENTS6)
    source = await openSqlLeaseSource({ address: parseSqlUrl(database.url), password: database.readerPassword })
  }, 180_000)

  afterAll(async () => {
    await source?.close()
    await kea?.stop()
    removeNetwork(lab)
    removeLabDir(lab)
  })

  it('knows the schema kea-admin made: Kea 2.2 stores v6 addresses as text', () => {
    expect(source!.schema).toMatchObject({ version: engine === 'mysql' ? '14.0' : '13.0', v6Address: 'text' })
    expect(source!.name).toBe(`${engine} fieldkit_lab_reader@127.0.0.1:${parseSqlUrl(database.url).port}/fieldkit_leases_lab`)
  })

  it('reads the v4 table Kea wrote, equal to lease4-get-all', async () => {
    const { leases, problems } = await readAll(source!, 4)
    expect(problems).toEqual([])
    expect(leases).toHaveLength(CLIENTS4)
    expect(leases.every((l) => l.subnetId === 7 && l.hostname === 'fk-client' && l.validLifetime === 3600 && l.stateName === 'default')).toBe(true)
    expect(withoutSource(leases)).toEqual(withoutSource(await apiLeases(4)))
  })

  it('reads the v6 table Kea wrote, addresses and prefixes, equal to lease6-get-all', async () => {
    const { leases, problems } = await readAll(source!, 6)
    expect(problems).toEqual([])
    expect(leases.filter((l) => l.type === 'IA_NA')).toHaveLength(CLIENTS6)
    expect(leases.filter((l) => l.type === 'IA_PD' && l.prefixLength === 60)).toHaveLength(CLIENTS6)
    expect(withoutSource(leases)).toEqual(withoutSource(await apiLeases(6)))
  })

  it('pages by address without losing or repeating a lease, whatever the address column holds', async () => {
    const paged = await openSqlLeaseSource({ address: parseSqlUrl(database.url), password: database.readerPassword }, 5)
    try {
      for (const family of [4, 6] as const) {
        const batches: number[] = []
        const leases: Lease[] = []
        for await (const batch of paged.leases(family)) {
          batches.push(batch.leases.length)
          leases.push(...batch.leases)
        }
        expect(batches.length).toBeGreaterThan(4)
        expect(batches.every((n) => n <= 5)).toBe(true)
        expect(leases.sort(byAddress)).toEqual((await readAll(source!, family)).leases)
      }
    } finally {
      await paged.close()
    }
  })

  it('gives the expiry Kea meant whatever time zone the reading session is in', async () => {
    const address = parseSqlUrl(database.url)
    const connection = engine === 'mysql' ? await connectMysql({ address, password: database.readerPassword }) : await connectPostgres({ address, password: database.readerPassword })
    try {
      await connection.select(engine === 'mysql' ? "SET time_zone = '+09:00'" : "SET TIME ZONE 'Asia/Tokyo'", [])
      const [shifted] = await connection.select(engine === 'mysql' ? 'SELECT @@session.time_zone AS zone' : 'SELECT current_setting(\'TimeZone\') AS zone', [])
      expect(String(shifted.zone)).toMatch(/\+09:00|Asia\/Tokyo/)
      const { sql, params } = selectLeases(4, source!.schema, connection.syntax, null, undefined, 1000)
      const leases = (await connection.select(sql, params)).map((row) => leaseFromRow(4, row, 'db') as Lease)
      const api = new Map((await apiLeases(4)).map((l) => [l.address, l.expire]))
      expect(leases).toHaveLength(CLIENTS4)
      expect(leases.every((l) => l.expire === api.get(l.address))).toBe(true)
    } finally {
      await connection.close()
    }
  })

  it('reads the same leases after Kea 2.4\'s upgrade, v6 addresses as BINARY(16) or INET, page by page', async () => {
    const url = upgradedCopy(lab, database)
    const upgraded = await openSqlLeaseSource({ address: parseSqlUrl(url), password: database.readerPassword }, 5)
    try {
      expect(upgraded.schema).toMatchObject({ version: engine === 'mysql' ? '19.0' : '18.0', v6Address: engine === 'mysql' ? 'binary' : 'inet' })
      const { leases, problems } = await readAll(upgraded, 6)
      expect(problems).toEqual([])
      const api = await apiLeases(6)
      expect(withoutSource(leases)).toEqual(withoutSource(api).map((l) => ({ ...l, poolId: 0 })))
      const prefix = api.find((l) => l.type === 'IA_PD')!
      expect((await upgraded.find({ family: 6, by: 'address', address: prefix.address })).map((l) => l.prefixLength)).toEqual([60])
      expect(withoutSource((await readAll(upgraded, 4)).leases)).toEqual(withoutSource(await apiLeases(4)).map((l) => ({ ...l, poolId: 0 })))
    } finally {
      await upgraded.close()
    }
  })

  it('finds leases by address, MAC, client-id/DUID, hostname and subnet, as Kea does', async () => {
    const [v4] = (await readAll(source!, 4)).leases
    const [v6] = (await readAll(source!, 6)).leases.filter((l) => l.type === 'IA_NA')
    expect(await source!.find({ family: 4, by: 'address', address: v4.address })).toEqual([v4])
    expect(await source!.find({ family: 4, by: 'hwAddress', hwAddress: v4.hwAddress!.toUpperCase() })).toEqual([v4])
    expect(await source!.find({ family: 4, by: 'hostname', hostname: 'FK-Client' })).toHaveLength(CLIENTS4)
    expect(await source!.find({ family: 4, by: 'subnet', subnetId: 7 })).toHaveLength(CLIENTS4)
    expect(await source!.find({ family: 4, by: 'subnet', subnetId: 8 })).toEqual([])
    expect(await source!.find({ family: 6, by: 'address', address: v6.address.toUpperCase() })).toEqual([v6])
    const byDuid = await source!.find({ family: 6, by: 'clientId', clientId: v6.clientId! })
    expect(byDuid.map((l) => l.type).sort()).toEqual(['IA_NA', 'IA_PD'])
  })

  it('cannot write, even as Kea\'s own user with every privilege: the session is read-only', async () => {
    const { user, password } = database.keaDatabase as { user: string; password: string }
    const address = { ...parseSqlUrl(database.url), user }
    const connection = engine === 'mysql' ? await connectMysql({ address, password }) : await connectPostgres({ address, password })
    try {
      await expect(connection.select('DELETE FROM lease4', [])).rejects.toThrow(/read.only/i)
    } finally {
      await connection.close()
    }
    expect((await readAll(source!, 4)).leases).toHaveLength(CLIENTS4)
  })

  it('prints the table with `fieldkit leases --db URL --password-file F`, looking keys up in the database', async () => {
    const dir = tempDir('sql-leases-cli')
    const passwordFile = join(dir, 'password')
    writeFileSync(passwordFile, `${database.readerPassword}\n`, { mode: 0o600 })
    const all = runFieldkit(['leases', '--db', database.url, '--password-file', passwordFile, '-6', '--json'])
    expect(all.stderr).toBe('')
    expect(withoutSource(JSON.parse(all.stdout))).toEqual(withoutSource(await apiLeases(6)))
    const [first] = (await readAll(source!, 4)).leases
    const one = runFieldkit(['leases', '--db', database.url, '--password-file', passwordFile, '--mac', first.hwAddress!])
    expect(one.stdout).toContain(first.address)
    expect(one.stderr).toBe('1 lease\n')
    writeFileSync(passwordFile, 'not-the-password\n')
    const refused = runFieldkit(['leases', '--db', database.url, '--password-file', passwordFile])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^fieldkit: (MariaDB\/MySQL|PostgreSQL) at 127\.0\.0\.1:\d+ refused the password of user "fieldkit_lab_reader"/)
  })

  it('says a wrong password is one, with the fix', async () => {
    await expect(openSqlLeaseSource({ address: parseSqlUrl(database.url), password: 'not-the-password' })).rejects.toThrow(
      engine === 'mysql'
        ? 'MariaDB/MySQL at 127.0.0.1:3306 refused the password of user "fieldkit_lab_reader" (error 1045, access denied): check the password'
        : /^PostgreSQL at 127\.0\.0\.1:\d+ refused the password of user "fieldkit_lab_reader" \(SQLSTATE 28P01\): check the password\.$/,
    )
  })

  it(engine === 'mysql' ? 'says a server without TLS does not offer it' : 'reads over TLS trusting the given CA, and says so when the CA is not trusted', async () => {
    const address = parseSqlUrl(database.url)
    const password = database.readerPassword
    if (engine === 'mysql') {
      await expect(openSqlLeaseSource({ address, password, tls: {} })).rejects.toThrow('MariaDB/MySQL at 127.0.0.1:3306 does not offer TLS: turn TLS off for this connection, or enable it on the server.')
      return
    }
    const overTls = await openSqlLeaseSource({ address, password, tls: { ca: postgresCa() } })
    try {
      expect((await readAll(overTls, 4)).leases).toHaveLength(CLIENTS4)
    } finally {
      await overTls.close()
    }
    await expect(openSqlLeaseSource({ address, password, tls: {} })).rejects.toThrow(/^The TLS certificate of PostgreSQL at 127\.0\.0\.1:\d+ is not signed by a CA this connection trusts/)
    await expect(openSqlLeaseSource({ address: { ...address, host: 'localhost' }, password, tls: { ca: postgresCa() } })).rejects.toThrow(/is not valid for "localhost"/)
  })

  it('says a database without Kea\'s tables is not Kea\'s, and an unknown one is unknown', async () => {
    const other = engine === 'mysql' ? 'information_schema' : 'postgres'
    await expect(openSqlLeaseSource({ address: { ...parseSqlUrl(database.url), database: other }, password: database.readerPassword }))
      .rejects.toThrow(/has no lease4, no lease6, no schema_version table .*is this Kea's lease database\?/)
    await expect(openSqlLeaseSource({ address: { ...parseSqlUrl(database.url), database: 'no_such_leases' }, password: database.readerPassword }))
      .rejects.toThrow(/no database "no_such_leases"|may not read the lease tables/)
  })
})
