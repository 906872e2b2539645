// The SQL lease readers' conversions on rows shaped as each Kea schema version stores them and as mysql2 and pg hand
// them over. The catalogs are written from Kea's dhcpdb_create.mysql/.pgsql and upgrade scripts: 1.0 (the first),
// Kea 2.2 (MySQL 14.0, PostgreSQL 13.0, v6 addresses as text), MySQL 18.0 / PostgreSQL 17.0 (pool_id added, a binaddr
// column beside the text address), and Kea 2.4 on (MySQL 19.0 BINARY(16), PostgreSQL 18.0 INET).
import { describe, expect, it } from 'vitest'
import { LeaseSourceError } from '../../electron/engine/leases/lease-source'
import { describeSqlError } from '../../electron/engine/leases/sql-errors'
import { mysqlSyntax } from '../../electron/engine/leases/sql-mysql'
import { postgresSyntax } from '../../electron/engine/leases/sql-postgres'
import { filterFor, selectLeases } from '../../electron/engine/leases/sql-queries'
import { leaseFromRow } from '../../electron/engine/leases/sql-rows'
import { describeSchema, type CatalogColumn } from '../../electron/engine/leases/sql-schema'
import { parseSqlUrl, sqlUrlText } from '../../electron/engine/leases/sql-url'
import { bytesFromHex, v4ToInteger, v6ToColumn } from '../../electron/engine/leases/sql-values'

function catalog(tables: Record<string, string>): CatalogColumn[] {
  return Object.entries(tables).flatMap(([table, columns]) => columns.split(',').map((c) => {
    const [column, type] = c.split(':')
    return { table, column, type }
  }))
}

/** A schema upgrade as Kea's upgrade_NNN_to_MMM scripts write it: columns added, retyped or dropped. */
function upgrade(from: CatalogColumn[], change: { add?: Record<string, string>; retype?: Record<string, string>; drop?: string[] }): CatalogColumn[] {
  const dropped = new Set(change.drop ?? [])
  const retyped = from.filter((c) => !dropped.has(`${c.table}.${c.column}`)).map((c) => ({ ...c, type: change.retype?.[`${c.table}.${c.column}`] ?? c.type }))
  return [...retyped, ...catalog(change.add ?? {})]
}

const mysql1 = catalog({
  lease4: 'address:int,hwaddr:varbinary,client_id:varbinary,valid_lifetime:int,expire:timestamp,subnet_id:int,fqdn_fwd:tinyint,fqdn_rev:tinyint,hostname:varchar',
  lease6: 'address:varchar,duid:varbinary,valid_lifetime:int,expire:timestamp,subnet_id:int,pref_lifetime:int,lease_type:tinyint,iaid:int,prefix_len:tinyint,fqdn_fwd:tinyint,fqdn_rev:tinyint,hostname:varchar',
  schema_version: 'version:int,minor:int',
})
// 2.0 added the v6 hardware address, 3.0 the state, 7.0 user contexts: Kea 2.2 ships 14.0.
const mysql14 = upgrade(mysql1, { add: { lease4: 'state:int,user_context:text', lease6: 'hwaddr:varbinary,hwtype:smallint,hwaddr_source:int,state:int,user_context:text' } })
const mysql18 = upgrade(mysql14, { add: { lease4: 'relay_id:varbinary,remote_id:varbinary,pool_id:int', lease6: 'binaddr:binary,pool_id:int' } })
const mysql19 = upgrade(mysql18, { retype: { 'lease6.address': 'binary' }, drop: ['lease6.binaddr'] })
const pg1 = catalog({
  lease4: 'address:bigint,hwaddr:bytea,client_id:bytea,valid_lifetime:bigint,expire:timestamp with time zone,subnet_id:bigint,fqdn_fwd:boolean,fqdn_rev:boolean,hostname:character varying',
  lease6: 'address:character varying,duid:bytea,valid_lifetime:bigint,expire:timestamp with time zone,subnet_id:bigint,pref_lifetime:bigint,lease_type:smallint,iaid:integer,prefix_len:smallint,fqdn_fwd:boolean,fqdn_rev:boolean,hostname:character varying',
  schema_version: 'version:integer,minor:integer',
})
// Kea 2.2 ships 13.0.
const pg13 = upgrade(pg1, { add: { lease4: 'state:bigint,user_context:text', lease6: 'state:bigint,hwaddr:bytea,hwtype:smallint,hwaddr_source:smallint,user_context:text' } })
const pg17 = upgrade(pg13, { add: { lease4: 'relay_id:bytea,remote_id:bytea,pool_id:bigint', lease6: 'binaddr:bytea,pool_id:bigint' } })
const pg18 = upgrade(pg17, { retype: { 'lease6.address': 'inet' }, drop: ['lease6.binaddr'] })

const where = 'mysql://kea@db:3306/kea'
const v = (major: number, minor = 0) => ({ major, minor })
const hex = (text: string) => Buffer.from(text.replaceAll(':', ''), 'hex')

describe('schema detection', () => {
  it('tells how each version stores v6 addresses, from the column types', () => {
    expect(describeSchema(mysql1, v(1), where).v6Address).toBe('text')
    expect(describeSchema(pg1, v(1), where).v6Address).toBe('text')
    expect(describeSchema(mysql14, v(14), where)).toMatchObject({ version: '14.0', v6Address: 'text' })
    expect(describeSchema(mysql18, v(18), where).v6Address).toBe('text')
    expect(describeSchema(mysql19, v(19), where).v6Address).toBe('binary')
    expect(describeSchema(pg13, v(13), where).v6Address).toBe('text')
    expect(describeSchema(pg17, v(17), where).v6Address).toBe('text')
    expect(describeSchema(pg18, { major: '18', minor: '0' }, where)).toMatchObject({ version: '18.0', v6Address: 'inet' })
  })

  it('says a database without Kea\'s tables or columns is not Kea\'s lease database', () => {
    const message = /is this Kea's lease database\?/
    expect(() => describeSchema([], null, where)).toThrow(/mysql:\/\/kea@db:3306\/kea has no lease4, no lease6, no schema_version table/)
    expect(() => describeSchema(catalog({ lease4: 'address:int', lease6: 'address:varchar', schema_version: 'version:int' }), v(1), where)).toThrow(message)
    expect(() => describeSchema(mysql14.filter((c) => c.table !== 'schema_version'), null, where)).toThrow(/no schema_version table/)
    expect(() => describeSchema(mysql14, null, where)).toThrow(/schema_version table .* is empty/)
    const jsonAddress = mysql14.map((c) => (c.table === 'lease6' && c.column === 'address' ? { ...c, type: 'json' } : c))
    expect(() => describeSchema(jsonAddress, v(14), where)).toThrow(/type json, which no Kea schema uses/)
  })
})

describe('rows as the drivers give them', () => {
  it('MySQL v4 (Kea 2.2): INT UNSIGNED address, VARBINARY identifiers, UNIX_TIMESTAMP expiry', () => {
    const row = { address: 3221226084, hwaddr: hex('00:0c:01:02:03:04'), client_id: hex('01:00:0c:01:02:03:04'), hostname: 'fk-client', subnet_id: 7, valid_lifetime: 3600, expire: 1796058244, state: 0, pool_id: null }
    expect(leaseFromRow(4, row, 'mysql x')).toEqual({
      family: 4, address: '192.0.2.100', hwAddress: '00:0c:01:02:03:04', clientId: '01:00:0c:01:02:03:04', hostname: 'fk-client',
      subnetId: 7, validLifetime: 3600, expire: 1796058244, state: 0, stateName: 'default', source: 'mysql x',
    })
  })

  it('PostgreSQL v4: BIGINT columns come as strings; the highest address and Kea 3.0 states', () => {
    const row = { address: '4294967295', hwaddr: null, client_id: Buffer.alloc(0), hostname: null, subnet_id: '4294967295', valid_lifetime: '4294967295', expire: '2147483647', state: '3', pool_id: '2' }
    expect(leaseFromRow(4, row, 'pg')).toMatchObject({
      address: '255.255.255.255', hwAddress: null, clientId: null, hostname: '', subnetId: 4294967295, validLifetime: 4294967295,
      expire: 2147483647, state: 3, stateName: 'released', poolId: 2,
    })
    expect(leaseFromRow(4, { ...row, state: '4' }, 'pg')).toMatchObject({ stateName: 'registered' })
    expect(leaseFromRow(4, { ...row, state: 9 }, 'pg')).toMatchObject({ stateName: 'state 9' })
  })

  it('an older schema without a state column reads as Kea\'s default state', () => {
    expect(leaseFromRow(4, { address: 3221225985, hwaddr: null, client_id: null, hostname: 'a', subnet_id: 1, valid_lifetime: 60, expire: 100, state: null, pool_id: null }, 's'))
      .toMatchObject({ address: '192.0.2.1', state: 0, stateName: 'default' })
  })

  it('expiry as a fractional TIMESTAMP gives it (MySQL DECIMAL as a string) is whole seconds', () => {
    expect(leaseFromRow(4, { address: 1, expire: '1796058244.000000', subnet_id: 1, valid_lifetime: 1 }, 's')).toMatchObject({ address: '0.0.0.1', expire: 1796058244 })
  })

  // The queries select the DUID as client_id, beside v4's client identifier.
  const v6Row = { client_id: hex('00:01:00:01:aa:bb:cc:dd:00:0c:01:02:03:04'), hwaddr: null, hostname: '', subnet_id: 9, valid_lifetime: 3600, expire: 1796058244, state: 0, pool_id: null, pref_lifetime: 1800 }

  it('MySQL v6 up to schema 18: the address as text, an IA_NA', () => {
    expect(leaseFromRow(6, { ...v6Row, address: '2001:db8:1::100', lease_type: 0, iaid: 1, prefix_len: 128 }, 's')).toMatchObject({
      family: 6, address: '2001:db8:1::100', clientId: '00:01:00:01:aa:bb:cc:dd:00:0c:01:02:03:04', type: 'IA_NA', iaid: 1, prefixLength: 128, preferredLifetime: 1800,
    })
  })

  it('MySQL v6 from schema 19: BINARY(16), a delegated prefix, the largest IAID', () => {
    const address = Buffer.from('20010db8800000100000000000000000', 'hex')
    expect(leaseFromRow(6, { ...v6Row, address, lease_type: 2, iaid: 4294967295, prefix_len: 60 }, 's')).toMatchObject({
      address: '2001:db8:8000:10::', type: 'IA_PD', iaid: 4294967295, prefixLength: 60,
    })
  })

  it('PostgreSQL v6: INET through host(), text before; a large IAID comes back negative from INT', () => {
    expect(leaseFromRow(6, { ...v6Row, address: '2001:db8:1::1ff', lease_type: '1', iaid: -1, prefix_len: '128', pref_lifetime: '1800', subnet_id: '9' }, 's')).toMatchObject({
      address: '2001:db8:1::1ff', type: 'IA_TA', iaid: 4294967295, prefixLength: 128, subnetId: 9,
    })
    // Text written by hand or another tool: still one canonical address, so it matches the API's.
    expect(leaseFromRow(6, { ...v6Row, address: '2001:0DB8:0001:0000:0000:0000:0000:0100', lease_type: 0, iaid: 1, prefix_len: 128 }, 's')).toMatchObject({ address: '2001:db8:1::100' })
  })

  it('a damaged row becomes a problem naming it, not a lease', () => {
    expect(leaseFromRow(4, { address: 4294967296 }, 's')).toBe('lease4 row with address "4294967296": not an IPv4 address as Kea stores it; skipped.')
    expect(leaseFromRow(6, { ...v6Row, address: Buffer.from('20010db8', 'hex') }, 's')).toBe('lease6 row with address 0x20010db8: not an IPv6 address as Kea stores it; skipped.')
    expect(leaseFromRow(6, { ...v6Row, address: 'not-an-address', lease_type: 0 }, 's')).toMatch(/"not-an-address": not an IPv6 address/)
    expect(leaseFromRow(6, { ...v6Row, address: '2001:db8::1', lease_type: 7 }, 's')).toBe("lease6 row 2001:db8::1: lease type \"7\" is none of Kea's (0 IA_NA, 1 IA_TA, 2 IA_PD); skipped.")
  })
})

describe('queries', () => {
  it('asks older schemas for Kea\'s defaults where a column is missing, and bounds every value', () => {
    const { sql, params } = selectLeases(4, describeSchema(mysql1, v(1), where), mysqlSyntax, null, undefined, 1000)
    expect(sql).toBe('SELECT address, SUBSTRING(hwaddr, 1, 64) AS hwaddr, SUBSTRING(client_id, 1, 255) AS client_id, LEFT(hostname, 255) AS hostname, '
      + 'subnet_id, valid_lifetime, UNIX_TIMESTAMP(expire) AS expire, NULL AS state, NULL AS pool_id FROM lease4 ORDER BY lease4.address LIMIT 1000')
    expect(params).toEqual([])
    expect(selectLeases(6, describeSchema(mysql1, v(1), where), mysqlSyntax, null, undefined, 10).sql).toContain('NULL AS hwaddr')
  })

  it('pages PostgreSQL INET addresses by the INET column, not the text host() gives', () => {
    const schema = describeSchema(pg18, v(18), where)
    const { sql, params } = selectLeases(6, schema, postgresSyntax, { column: 'subnet_id', value: 9 }, '2001:db8:1::1ff', 500)
    expect(sql).toBe('SELECT host(address) AS address, substring(hwaddr from 1 for 64) AS hwaddr, substring(duid from 1 for 255) AS client_id, left(hostname, 255) AS hostname, '
      + 'subnet_id, valid_lifetime, extract(epoch from expire)::bigint AS expire, state AS state, pool_id AS pool_id, lease_type, iaid, prefix_len, pref_lifetime '
      + 'FROM lease6 WHERE subnet_id = $1 AND address > $2::inet ORDER BY lease6.address LIMIT 500')
    expect(params).toEqual([9, '2001:db8:1::1ff'])
  })

  it('looks addresses up in the form each schema stores them', () => {
    expect(filterFor({ family: 4, by: 'address', address: '192.0.2.100' }, describeSchema(mysql14, v(14), where))).toEqual({ column: 'address', value: 3221226084 })
    expect(filterFor({ family: 6, by: 'address', address: '2001:DB8:1:0::100' }, describeSchema(mysql14, v(14), where))).toEqual({ column: 'address', value: '2001:db8:1::100' })
    expect(filterFor({ family: 6, by: 'address', address: '2001:db8:1::100' }, describeSchema(mysql19, v(19), where))).toEqual({ column: 'address', value: Buffer.from('20010db8000100000000000000000100', 'hex') })
    expect(filterFor({ family: 6, by: 'clientId', clientId: '0:1:0:1' }, describeSchema(pg18, v(18), where))).toEqual({ column: 'duid', value: Buffer.from('00010001', 'hex') })
    expect(filterFor({ family: 4, by: 'hostname', hostname: ' PC7.Example ' }, describeSchema(pg13, v(13), where))).toEqual({ column: 'hostname', value: 'pc7.example', lower: true })
    expect(filterFor({ family: 6, by: 'hwAddress', hwAddress: '00:0c:01:02:03:04' }, describeSchema(mysql1, v(1), where))).toBeNull()
  })

  it('says what is wrong with a lookup value', () => {
    const schema = describeSchema(mysql14, v(14), where)
    expect(() => filterFor({ family: 4, by: 'address', address: '192.0.2.300' }, schema)).toThrow('"192.0.2.300" is not an IPv4 address.')
    expect(() => filterFor({ family: 6, by: 'address', address: '192.0.2.1' }, schema)).toThrow('"192.0.2.1" is not an IPv6 address.')
    expect(() => filterFor({ family: 4, by: 'hwAddress', hwAddress: 'zz:00' }, schema)).toThrow(/"zz:00" is not a hardware address: write it as hex bytes/)
    expect(v4ToInteger('0.0.0.0')).toBe(0)
    expect(v6ToColumn('::', 'binary')).toEqual(Buffer.alloc(16))
    expect(bytesFromHex('1-A')).toEqual(Buffer.from([1, 10]))
  })
})

describe('database URLs', () => {
  it('reads the engine, host, port, user and database, with each server\'s default port', () => {
    expect(parseSqlUrl('mysql://kea@db.example/kea')).toEqual({ engine: 'mysql', host: 'db.example', port: 3306, user: 'kea', database: 'kea' })
    expect(parseSqlUrl('mariadb://kea@10.0.0.5:3307/leases')).toMatchObject({ engine: 'mysql', port: 3307 })
    expect(parseSqlUrl('postgresql://kea@[2001:db8::5]/kea')).toEqual({ engine: 'postgresql', host: '2001:db8::5', port: 5432, user: 'kea', database: 'kea' })
    expect(sqlUrlText(parseSqlUrl('postgres://kea%40corp@[2001:db8::5]:6432/kea'))).toBe('postgresql://kea%40corp@[2001:db8::5]:6432/kea')
  })

  it('refuses a password in the URL, and says what is missing', () => {
    expect(() => parseSqlUrl('mysql://kea:secret@db/kea')).toThrow(/Leave the password out of the database URL/)
    expect(() => parseSqlUrl('mysql://kea:hunter2@db/kea')).not.toThrow(/hunter2/)
    expect(() => parseSqlUrl('mysql://db/kea')).toThrow(/Name the database user/)
    expect(() => parseSqlUrl('mysql://kea@db')).toThrow(/Name the lease database/)
    expect(() => parseSqlUrl('mongodb://kea@db/kea')).toThrow(/"mongodb:\/\/" is not a lease database/)
    expect(() => parseSqlUrl('postgresql://kea@db/kea?sslmode=disable')).toThrow(/takes no options/)
    expect(() => parseSqlUrl('kea')).toThrow(/is not a database URL/)
    expect(() => parseSqlUrl(`mysql://kea@${'a'.repeat(2000)}/kea`)).toThrow(/longer than 1024/)
  })
})

describe('errors in words', () => {
  const mysqlAt = parseSqlUrl('mysql://kea@db.example/kea')
  const pgAt = parseSqlUrl('postgresql://kea@db.example/kea')
  const say = (error: object, address = mysqlAt, tls = false) => describeSqlError(error, address, tls).message

  it('names wrong passwords, unknown databases and missing rights', () => {
    expect(say({ code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 })).toMatch(/^MariaDB\/MySQL at db\.example:3306 refused the password of user "kea" \(error 1045/)
    expect(say({ code: '28P01' }, pgAt)).toBe('PostgreSQL at db.example:5432 refused the password of user "kea" (SQLSTATE 28P01): check the password.')
    expect(say({ code: '3D000' }, pgAt)).toMatch(/has no database "kea": use the name in the lease-database "name"/)
    expect(say({ code: 'ER_BAD_DB_ERROR' })).toMatch(/has no database "kea"/)
    expect(say({ code: '42501', message: 'permission denied for table lease4' }, pgAt)).toMatch(/may not read the lease tables .*grant it SELECT/)
  })

  it('names refused, timed-out and TLS failures', () => {
    expect(say({ code: 'ECONNREFUSED' })).toMatch(/^Nothing answers at db\.example:3306 \(connection refused\)/)
    expect(say({ code: 'ETIMEDOUT' })).toMatch(/did not answer in time/)
    expect(say({ message: 'timeout expired' }, pgAt)).toMatch(/did not answer in time/)
    expect(say({ code: 'HANDSHAKE_NO_SSL_SUPPORT' }, mysqlAt, true)).toMatch(/does not offer TLS/)
    expect(say({ message: 'The server does not support SSL connections' }, pgAt, true)).toMatch(/does not offer TLS/)
    expect(say({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, pgAt, true)).toMatch(/not signed by a CA this connection trusts/)
    expect(say({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, pgAt, true)).toMatch(/not valid for "db\.example"/)
  })

  it('keeps a message already in words, and gives anything else the server\'s own first line', () => {
    const words = new LeaseSourceError('already said')
    expect(describeSqlError(words, mysqlAt, false)).toBe(words)
    expect(say({ message: 'something odd\n    at stack' })).toBe('MariaDB/MySQL at db.example:3306 answered with an error (something odd): check the URL and the server.')
  })
})
