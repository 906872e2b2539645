// `fieldkit leases`: one lease table whatever the source (the Kea API, a memfile CSV, a lease database), as
// kea-show-leases4.sh, kea-list-leases.py or lease4-get-all through curl give it, filtered by MAC, address, subnet or
// state. The API is asked by Kea's own lookups when a key is given, else a page at a time.
import { basename, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ContractError } from '../engine/errors'
import { KeaError } from '../engine/kea/kea-error'
import { ApiLeaseSource } from '../engine/leases/api-source'
import { openDatabaseSource, type DatabaseSecrets } from '../engine/leases/database-sources'
import type { Lease } from '../engine/leases/lease'
import { leaseCsvHeader, leaseCsvLine } from '../engine/leases/lease-csv'
import { leaseFilter, type LeaseFilter } from '../engine/leases/lease-filter'
import { LeaseSourceError, type LeaseQuery, type LeaseSource } from '../engine/leases/lease-source'
import { findLocalMemfiles, localExists, localMemfiles } from '../engine/leases/memfile-local'
import { MemfileSource } from '../engine/leases/memfile-source'
import { defaultDataDir } from '../engine/data-dir'
import { ensurePrivateDir } from '../engine/files/private-dir'
import { LineSplitter } from '../engine/leases/bounded-lines'
import { readHeader } from '../engine/leases/memfile-format'
import { remoteMemfiles } from '../engine/leases/memfile-ssh'
import { connectSsh, sshPlace } from '../engine/live/ssh-connect'
import { CaptureSourceError } from '../engine/live/source'
import { hostKeyHint, sshTarget } from './capture'
import { CliProblem, connectionFrom, readSmallFile } from './kea'
import { LineOutput } from './line-output'
import { leaseLine, leaseTableHeader } from './lease-printer'

const USAGE = 'leases (--url URL [--user U --password-file F] [--ca FILE] [--cert FILE --key FILE] | --profile NAME | --socket PATH | --csv FILE [--ssh USER@HOST[:PORT] --identity KEYFILE [--trust-host-key SHA256:…]] | --db URL [--password-file F] [--ca FILE]) [-6] [--mac M] [--address A] [--client-id ID] [--hostname H] [--subnet ID] [--state S] [--json | --csv]'

/** `--csv` names the input file when a value follows it, and asks for CSV output when none does (`… --csv` last). */
function splitCsvFlag(args: string[]): string[] {
  return args.map((arg, i) => (arg === '--csv' && (i === args.length - 1 || args[i + 1].startsWith('-')) ? '--csv-output' : arg))
}

export async function leasesCommand(args: string[], fail: (message: string) => number): Promise<number> {
  const { values, positionals } = parseArgs({
    args: splitCsvFlag(args), allowPositionals: true,
    options: {
      profile: { type: 'string' }, url: { type: 'string' }, socket: { type: 'string' }, user: { type: 'string' }, 'password-file': { type: 'string' },
      ca: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, service: { type: 'string' },
      csv: { type: 'string' }, db: { type: 'string' }, '6': { type: 'boolean', short: '6', default: false },
      mac: { type: 'string' }, address: { type: 'string' }, 'client-id': { type: 'string' }, hostname: { type: 'string' }, subnet: { type: 'string' }, state: { type: 'string' },
      json: { type: 'boolean', default: false }, 'csv-output': { type: 'boolean', default: false },
      ssh: { type: 'string' }, identity: { type: 'string' }, 'trust-host-key': { type: 'string' },
    },
  })
  if (positionals.length) return fail(`leases takes no words, only options: npm run -s fieldkit -- ${USAGE}`)
  if (values.json && values['csv-output']) return fail('--json and --csv (output) do not go together: pick one.')
  const inputs = ['profile', 'url', 'socket', 'csv', 'db'].filter((o) => values[o as keyof typeof values] !== undefined)
  if (inputs.length !== 1) return fail(`name exactly one source (--url, --profile, --socket, --csv FILE or --db URL): npm run -s fieldkit -- ${USAGE}`)
  if (values.ssh !== undefined && values.csv === undefined) return fail('--ssh goes with --csv FILE: the memfile to read on that host.')
  let source: LeaseSource | null = null
  let release = () => undefined as void
  try {
    const filter = filterFrom(values)
    let family: 4 | 6 = values['6'] ? 6 : 4
    if (values.csv !== undefined && values.ssh !== undefined) {
      const remote = await remoteMemfile(values.csv, values.ssh, values.identity, values['trust-host-key'])
      ;({ source, release } = remote)
      family = remote.family
    } else if (values.csv !== undefined) {
      const path = resolve(values.csv)
      const found = findLocalMemfiles([path], [])[0]
      if (found) family = found.family
      else if (!(await localExists(path))) throw new CliProblem(`--csv ${values.csv}: there is no such file; check the path.`)
      source = new MemfileSource(`memfile ${basename(path)}`, localMemfiles, path, family, localExists)
    } else if (values.db !== undefined) {
      source = await openDatabaseSource(values.db, databaseSecrets(values))
    } else {
      const { connection } = await connectionFrom(values)
      const name = values.profile ?? values.url ?? values.socket
      source = new ApiLeaseSource(`api ${name}`, connection, connection.kind === 'http' ? { 4: 'dhcp4', 6: 'dhcp6' } : { [family]: family === 4 ? 'dhcp4' : 'dhcp6' })
    }
    const out = new LineOutput(1)
    const keep = leaseFilter(filter)
    const format = values.json ? 'json' : values['csv-output'] ? 'csv' : 'table'
    let shown = 0
    if (format === 'csv') out.line(leaseCsvHeader.trimEnd())
    if (format === 'table') out.line(leaseTableHeader(family))
    const show = (lease: Lease) => {
      if (!keep(lease)) return
      if (format === 'json') out.line(`${shown ? ',' : '['}${JSON.stringify(lease)}`)
      else out.line(format === 'csv' ? leaseCsvLine(lease).trimEnd() : leaseLine(lease, Date.now() / 1000))
      shown++
    }
    const query = lookupFor(filter, family)
    const problems: string[] = []
    // The API and a database look keys up themselves (Kea's indexes); a memfile is read whole.
    if (query && source.kind !== 'memfile') (await source.find(query)).forEach(show)
    else {
      for await (const batch of source.leases(family)) {
        batch.leases.forEach(show)
        problems.push(...batch.problems)
      }
    }
    if (format === 'json') out.line(shown ? ']' : '[]')
    out.flush()
    for (const problem of problems.slice(0, 20)) process.stderr.write(`warning: ${problem}\n`)
    if (problems.length > 20) process.stderr.write(`warning: and ${problems.length - 20} more lines could not be read.\n`)
    if (format === 'table') process.stderr.write(`${shown} lease${shown === 1 ? '' : 's'}\n`)
    return 0
  } catch (error) {
    if (error instanceof CaptureSourceError) return fail(hostKeyHint(error))
    if (error instanceof LeaseSourceError || error instanceof KeaError || error instanceof ContractError || error instanceof CliProblem) {
      process.stderr.write(`fieldkit: ${error.message}\n`)
      return error instanceof CliProblem ? 2 : 1
    }
    throw error
  } finally {
    await source?.close()
    release()
  }
}

/** A memfile on a remote host, read over SSH (a key checked against the app's known_hosts, as capture --ssh does). */
async function remoteMemfile(path: string, place: string, identity: string | undefined, trustHostKey: string | undefined) {
  const target = sshTarget(place, identity)
  if (typeof target === 'string') throw new CliProblem(target)
  const client = await connectSsh(target, { knownHostsFile: join(ensurePrivateDir(defaultDataDir()), 'known_hosts'), ...(trustHostKey && { trustHostKey }) })
  try {
    const access = remoteMemfiles(client, sshPlace(target))
    const bytes = await access.read(path)
    if (!bytes) throw new CliProblem(`--csv ${path}: there is no such file on ${target.host} (or it may not be read); check the path.`)
    const splitter = new LineSplitter()
    let header: string | null = null
    for await (const chunk of bytes) {
      const first = splitter.push(chunk)[0]
      if (first) {
        header = 'text' in first ? first.text : ''
        break
      }
    }
    const { family } = readHeader(header ?? '', access.describe(path))
    return { source: new MemfileSource(`memfile ${access.describe(path)}`, access, path, family, access.exists), family, release: () => client.end() }
  } catch (error) {
    client.end()
    throw error
  }
}

/** A database's password from --password-file (never the command line); --ca FILE turns TLS on, trusting that CA. */
function databaseSecrets(values: Record<string, string | boolean | undefined>): DatabaseSecrets {
  const unused = ['user', 'cert', 'key'].filter((o) => values[o] !== undefined)
  if (unused.length) throw new CliProblem(`--db takes no --${unused.join(', --')}: the user goes in the URL (mysql://USER@HOST/DB), the password in --password-file.`)
  const file = (option: string) => (typeof values[option] === 'string' ? readSmallFile(`--${option}`, values[option] as string) : undefined)
  const ca = file('ca')
  return { password: file('password-file')?.replace(/\r?\n$/, ''), ...(ca !== undefined && { tls: { ca } }) }
}

function filterFrom(values: Record<string, string | boolean | undefined>): LeaseFilter {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined)
  const subnet = text('subnet')
  if (subnet !== undefined && !/^\d{1,10}$/.test(subnet)) throw new CliProblem(`--subnet takes a subnet id (a number), not "${subnet}".`)
  const mac = text('mac')
  if (mac !== undefined && !/^[\da-f]{1,2}([:-][\da-f]{1,2})+$/i.test(mac)) throw new CliProblem(`--mac takes a MAC address such as 02:00:5e:40:00:01, not "${mac}".`)
  return {
    address: text('address'), hwAddress: mac, clientId: text('client-id'), hostname: text('hostname'),
    subnetId: subnet === undefined ? undefined : Number(subnet), state: text('state'),
  }
}

/** The one key Kea can look up for us (the rest is filtered here); null when only a full read answers. */
function lookupFor(filter: LeaseFilter, family: 4 | 6): LeaseQuery | null {
  if (filter.address) return { family, by: 'address', address: filter.address }
  if (filter.hwAddress && family === 4) return { family, by: 'hwAddress', hwAddress: filter.hwAddress }
  if (filter.clientId) return { family, by: 'clientId', clientId: filter.clientId }
  if (filter.hostname) return { family, by: 'hostname', hostname: filter.hostname }
  if (filter.subnetId !== undefined) return { family, by: 'subnet', subnetId: filter.subnetId }
  return null
}
