// A Kea of the SQL lease-source tests' own, writing its leases to a real MariaDB or PostgreSQL: its own network
// namespaces, link and folder (not the shared lab), so its leases are all its own. The database servers are the
// machine's (test/helpers/sql-servers.sh starts them); each run makes its own database and users with fresh passwords.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { sendOverSocket } from '../../electron/engine/kea/unix-transport'
import { has } from './lab'

/**
 * One instance's names. The lab tests and the end-to-end tests each run their own (the two projects may run at once):
 * own namespaces, folder, database and users; the link inside the namespaces is named alike in both.
 */
export function sqlLab(instance: 'lab' | 'ui') {
  const suffix = instance === 'lab' ? '' : `-${instance}`
  return {
    dir: `/run/fieldkit-leases-lab/${instance}`,
    serverNamespace: `fkleases-srv${suffix}`,
    clientNamespace: `fkleases-cli${suffix}`,
    serverInterface: 'fkleases-s0',
    clientInterface: 'fkleases-c0',
    database: `fieldkit_leases_${instance}`,
    keaUser: `fieldkit_${instance}_kea`,
    readerUser: `fieldkit_${instance}_reader`,
  } as const
}
export type SqlLab = ReturnType<typeof sqlLab>

const serversScript = new URL('./sql-servers.sh', import.meta.url).pathname

/** Why these tests cannot run here, or null. */
export function sqlLabUnavailable(): string | null {
  if (process.platform !== 'linux') return 'SQL lease tests need Linux network namespaces'
  if (process.getuid?.() !== 0) return 'SQL lease tests need root (network namespaces, database servers); CI runs them as root'
  const missing = ['kea-dhcp4', 'kea-dhcp6', 'kea-admin', 'perfdhcp', 'mariadbd', 'mariadb', 'pg_createcluster', 'psql'].filter((b) => !has(b))
  return missing.length ? `SQL lease tests need ${missing.join(', ')} (bash .ci/setup installs mariadb-server, postgresql and Kea)` : null
}

const run = (command: string, args: string[], input?: string) => execFileSync(command, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] })
const tryRun = (command: string, args: string[]) => {
  try {
    run(command, args)
  } catch {
    // Already gone.
  }
}

export interface LabDatabase {
  engine: 'mysql' | 'postgresql'
  /** The reader's URL: TCP on loopback, as a user would give it. */
  url: string
  readerPassword: string
  /** Kea's lease-database: the unix socket, which reaches the server from Kea's namespace. */
  keaDatabase: Record<string, unknown>
}

const password = () => randomBytes(12).toString('hex')

/** The CA that signed the tests' PostgreSQL cluster's certificate (sql-servers.sh makes both). */
export function postgresCa(): string {
  const version = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)).at(-1)
  return readFileSync(`/etc/postgresql/${version}/fieldkit/tls/ca.pem`, 'utf8')
}

function postgresPort(): number {
  const line = run('pg_lsclusters', ['--no-header']).split('\n').find((l) => l.split(/\s+/)[1] === 'fieldkit')
  if (!line) throw new Error('the tests\' PostgreSQL cluster "fieldkit" is missing: bash test/helpers/sql-servers.sh makes it')
  return Number(line.split(/\s+/)[2])
}

/** A fresh database with Kea 2.2's schema made by kea-admin, a user for Kea and a SELECT-only user for the reader. */
export function createDatabase(lab: SqlLab, engine: 'mysql' | 'postgresql'): LabDatabase {
  run('bash', [serversScript])
  const { database, keaUser, readerUser } = lab
  const kea = password(), reader = password()
  if (engine === 'mysql') {
    run('mariadb', ['--protocol=socket'], `DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database};
      CREATE OR REPLACE USER '${keaUser}'@'%' IDENTIFIED BY '${kea}'; GRANT ALL ON ${database}.* TO '${keaUser}'@'%';
      CREATE OR REPLACE USER '${readerUser}'@'%' IDENTIFIED BY '${reader}'; GRANT SELECT ON ${database}.* TO '${readerUser}'@'%';`)
    run('kea-admin', ['db-init', 'mysql', '-u', keaUser, '-p', kea, '-n', database])
    return {
      engine, url: `mysql://${readerUser}@127.0.0.1:3306/${database}`, readerPassword: reader,
      keaDatabase: { type: 'mysql', name: database, user: keaUser, password: kea, host: 'localhost' },
    }
  }
  const port = postgresPort()
  const psql = (db: string, sql: string) => run('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', db], sql)
  psql('postgres', `DROP DATABASE IF EXISTS ${database};
    DROP ROLE IF EXISTS ${keaUser}; CREATE ROLE ${keaUser} LOGIN PASSWORD '${kea}';
    DROP ROLE IF EXISTS ${readerUser}; CREATE ROLE ${readerUser} LOGIN PASSWORD '${reader}';
    CREATE DATABASE ${database} OWNER ${keaUser};`)
  run('kea-admin', ['db-init', 'pgsql', '-u', keaUser, '-p', kea, '-n', database, '-h', 'localhost', '-P', String(port)])
  psql(database, `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${readerUser};`)
  return {
    engine, url: `postgresql://${readerUser}@127.0.0.1:${port}/${database}`, readerPassword: reader,
    keaDatabase: { type: 'postgresql', name: database, user: keaUser, password: kea, host: '/var/run/postgresql', port },
  }
}

/**
 * Kea's tables as its 2.4 upgrade leaves them (MySQL schema 19, PostgreSQL 18): v6 addresses turned into BINARY(16) by
 * INET6_ATON, or into INET by a cast, as upgrade_018_to_019.sh / upgrade_017_to_018.sh do, and a pool_id column. The
 * rows are those Kea 2.2 wrote, copied beside the originals, so the API still tells what they must read as. Returns
 * the reader's URL of the copy (same password).
 */
export function upgradedCopy(lab: SqlLab, database: LabDatabase): string {
  const { database: name, readerUser } = lab
  if (database.engine === 'mysql') {
    const copy = `${name}_24`
    run('mariadb', ['--protocol=socket'], `DROP DATABASE IF EXISTS ${copy}; CREATE DATABASE ${copy};
      CREATE TABLE ${copy}.schema_version AS SELECT * FROM ${name}.schema_version; UPDATE ${copy}.schema_version SET version = 19, minor = 0;
      CREATE TABLE ${copy}.lease4 AS SELECT * FROM ${name}.lease4; ALTER TABLE ${copy}.lease4 ADD COLUMN pool_id INT UNSIGNED NOT NULL DEFAULT 0;
      CREATE TABLE ${copy}.lease6 AS SELECT * FROM ${name}.lease6; ALTER TABLE ${copy}.lease6 ADD COLUMN pool_id INT UNSIGNED NOT NULL DEFAULT 0;
      ALTER TABLE ${copy}.lease6 ADD COLUMN binaddr BINARY(16); UPDATE ${copy}.lease6 SET binaddr = INET6_ATON(address);
      ALTER TABLE ${copy}.lease6 MODIFY COLUMN address VARCHAR(39) DEFAULT NULL; UPDATE ${copy}.lease6 SET address = NULL;
      ALTER TABLE ${copy}.lease6 MODIFY COLUMN address BINARY(16); UPDATE ${copy}.lease6 SET address = binaddr;
      ALTER TABLE ${copy}.lease6 DROP COLUMN binaddr, ADD PRIMARY KEY (address);
      GRANT SELECT ON ${copy}.* TO '${readerUser}'@'%';`)
    return database.url.replace(/\/[^/]+$/, `/${copy}`)
  }
  // PostgreSQL copies within the database, into a schema the second reader's search_path names.
  const copy = 'kea24', reader24 = `${readerUser}_24`
  const port = postgresPort()
  run('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', name], `DROP SCHEMA IF EXISTS ${copy} CASCADE; CREATE SCHEMA ${copy};
    CREATE TABLE ${copy}.schema_version AS SELECT * FROM public.schema_version; UPDATE ${copy}.schema_version SET version = 18, minor = 0;
    CREATE TABLE ${copy}.lease4 AS SELECT * FROM public.lease4; ALTER TABLE ${copy}.lease4 ADD COLUMN pool_id BIGINT NOT NULL DEFAULT 0;
    CREATE TABLE ${copy}.lease6 AS SELECT * FROM public.lease6; ALTER TABLE ${copy}.lease6 ADD COLUMN pool_id BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE ${copy}.lease6 ALTER COLUMN address TYPE INET USING address::INET; ALTER TABLE ${copy}.lease6 ADD PRIMARY KEY (address);
    DROP ROLE IF EXISTS ${reader24}; CREATE ROLE ${reader24} LOGIN PASSWORD '${database.readerPassword}' IN ROLE ${readerUser};
    ALTER ROLE ${reader24} SET search_path = ${copy};
    GRANT USAGE ON SCHEMA ${copy} TO ${reader24}; GRANT SELECT ON ALL TABLES IN SCHEMA ${copy} TO ${reader24};`)
  return database.url.replace(`//${readerUser}@`, `//${reader24}@`)
}

/** Two namespaces joined by one veth pair: the server's end 192.0.2.1 and 2001:db8:1::1, the client's .2 and ::2. */
export function buildNetwork(lab: SqlLab): void {
  removeNetwork(lab)
  const { serverNamespace: srv, clientNamespace: cli, serverInterface: s0, clientInterface: c0 } = lab
  run('ip', ['netns', 'add', srv])
  run('ip', ['netns', 'add', cli])
  run('ip', ['-n', srv, 'link', 'add', s0, 'type', 'veth', 'peer', 'name', c0, 'netns', cli])
  for (const [ns, dev, v4, v6] of [[srv, s0, '192.0.2.1/24', '2001:db8:1::1/64'], [cli, c0, '192.0.2.2/24', '2001:db8:1::2/64']]) {
    // Duplicate address detection would hold back the link-local address DHCPv6 needs for seconds.
    run('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', `net.ipv6.conf.${dev}.accept_dad=0`])
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up'])
    run('ip', ['-n', ns, 'link', 'set', dev, 'up'])
    run('ip', ['-n', ns, 'addr', 'add', v4, 'dev', dev])
    run('ip', ['-n', ns, '-6', 'addr', 'add', v6, 'dev', dev, 'nodad'])
  }
}

export function removeNetwork(lab: SqlLab): void {
  tryRun('ip', ['netns', 'del', lab.serverNamespace])
  tryRun('ip', ['netns', 'del', lab.clientNamespace])
}

export function socketOf(lab: SqlLab, family: 4 | 6): string {
  return join(lab.dir, `kea-dhcp${family}.sock`)
}

function keaConfig(lab: SqlLab, family: 4 | 6, database: Record<string, unknown>) {
  const common = {
    'interfaces-config': { interfaces: [lab.serverInterface] },
    'control-socket': { 'socket-type': 'unix', 'socket-name': socketOf(lab, family) },
    'lease-database': database,
    'hooks-libraries': [{ library: '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so' }],
    'valid-lifetime': 3600,
    loggers: [{ name: `kea-dhcp${family}`, output_options: [{ output: join(lab.dir, `kea-dhcp${family}.log`) }], severity: 'INFO' }],
  }
  if (family === 4) {
    return { Dhcp4: { ...common, subnet4: [{ id: 7, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.199' }], interface: lab.serverInterface }] } }
  }
  return {
    Dhcp6: {
      ...common, 'preferred-lifetime': 1800,
      'server-id': { type: 'EN', 'enterprise-id': 2495, identifier: '666b6c6561736573', persist: false },
      subnet6: [{
        id: 9, subnet: '2001:db8:1::/64', interface: lab.serverInterface, pools: [{ pool: '2001:db8:1::100 - 2001:db8:1::1ff' }],
        'pd-pools': [{ prefix: '2001:db8:8000::', 'prefix-len': 48, 'delegated-len': 60 }],
      }],
    },
  }
}

export interface LabKea {
  stop(): Promise<void>
}

/** kea-dhcp4 and kea-dhcp6 with that lease database, in the server namespace; resolves once both answer. */
export async function startKea(lab: SqlLab, database: Record<string, unknown>): Promise<LabKea> {
  mkdirSync(lab.dir, { recursive: true, mode: 0o700 })
  const env = { ...process.env, KEA_PIDFILE_DIR: lab.dir, KEA_LOCKFILE_DIR: lab.dir }
  const children: ChildProcess[] = []
  const stop = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)))
  }
  try {
    for (const family of [4, 6] as const) {
      const config = join(lab.dir, `kea-dhcp${family}.json`)
      // The config holds Kea's database password: readable by root alone, and removed with the folder.
      writeFileSync(config, JSON.stringify(keaConfig(lab, family, database), null, 2), { mode: 0o600 })
      rmSync(socketOf(lab, family), { force: true })
      const child = spawn('ip', ['netns', 'exec', lab.serverNamespace, `kea-dhcp${family}`, '-c', config], { env, stdio: 'ignore' })
      children.push(child)
      await waitForSocket(lab, family, child)
    }
  } catch (error) {
    await stop()
    throw error
  }
  return { stop }
}

async function waitForSocket(lab: SqlLab, family: 4 | 6, child: ChildProcess): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null) {
      const log = join(lab.dir, `kea-dhcp${family}.log`)
      const error = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => / (ERROR|FATAL) /.test(l)).at(-1) : undefined
      throw new Error(`kea-dhcp${family} stopped right after starting: ${error ?? `see ${log}`}`)
    }
    if (existsSync(socketOf(lab, family))) {
      const answer = await keaCommand(lab, family, 'version-get').catch(() => null)
      if (answer) return
    }
    await sleep(100)
  }
  throw new Error(`kea-dhcp${family} did not open its control socket ${socketOf(lab, family)}`)
}

/** One command over the instance's control socket, through the engine's own unix transport. */
export async function keaCommand(lab: SqlLab, family: 4 | 6, command: string, args?: unknown): Promise<{ result: number; text?: string; arguments?: Record<string, unknown> }> {
  const text = await sendOverSocket(socketOf(lab, family), JSON.stringify({ command, ...(args !== undefined && { arguments: args }) }), { timeoutMs: 10000, maxBytes: 64 * 1024 * 1024 })
  return JSON.parse(text)
}

/** `clients` DORAs (or SARRs with an address and a prefix each) by perfdhcp's avalanche, each client to the end. */
export function perfdhcp(lab: SqlLab, family: 4 | 6, clients: number): void {
  const args = family === 4
    // Option 12: a hostname, so the hostname column is read from real rows.
    ? ['-4', '-o', '12,666b2d636c69656e74']
    : ['-6', '-e', 'address-and-prefix']
  run('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', ...args, '--scenario', 'avalanche', '-R', String(clients), '-l', lab.clientInterface])
}

export function removeLabDir(lab: SqlLab): void {
  rmSync(lab.dir, { recursive: true, force: true })
  try {
    rmdirSync(dirname(lab.dir))
  } catch {
    // The other instance still runs in it.
  }
}
