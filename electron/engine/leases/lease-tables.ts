// The open lease tables of the app: each reads its source in the background (leases.updated says how far), keeps
// its leases in the engine for the view to page, and a local memfile keeps following Kea's writes.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { basename, join } from 'node:path'
import type { LeaseSortColumn } from '../../contract/methods'
import type { LeaseHistoryEntry, LeasePage, LeaseSourceChoices, LeaseTableInfo, LeaseViewInfo, SavedLeases } from '../../contract/types'
import { ContractError } from '../errors'
import type { EventSink } from '../events'
import { writeAtomicallyInTurns } from '../files/atomic-write'
import { ensurePrivateDir } from '../files/private-dir'
import { safeFileName } from '../files/safe-name'
import type { SaveFormat } from '../files/save-format'
import { defaultLimits, sendCommand } from '../kea/kea-client'
import { KeaError } from '../kea/kea-error'
import type { KeaProfiles } from '../kea/profiles'
import { ApiLeaseSource } from './api-source'
import { clientLeases } from './client-leases'
import type { SourceItems } from '../clients/client-timeline'
import { leaseCsvHeader, leaseCsvLine } from './lease-csv'
import type { Lease } from './lease'
import type { LeaseFilter } from './lease-filter'
import { LeaseSourceError, type LeaseSource } from './lease-source'
import { difference, LeaseTable } from './lease-table'
import { connectSsh, sshPlace } from '../live/ssh-connect'
import { sshContractError } from '../live/ssh-contract-error'
import type { RemoteHosts } from '../live/remote-hosts'
import { followLocalMemfile, followRemoteMemfile } from './memfile-follow'
import { findRemoteMemfiles, remoteMemfiles } from './memfile-ssh'
import { findLocalMemfiles, localExists, localMemfiles } from './memfile-local'
import { MemfileSource, type LeaseChange } from './memfile-source'
import type { LeaseDatabases } from './sql-profiles'
import { openSqlLeaseSource } from './sql-source'

const MAX_PROBLEMS = 1000
const MAX_VIEWS_PER_TABLE = 8
const UPDATE_MS = 250

interface OpenTable {
  info: LeaseTableInfo
  table: LeaseTable
  source: LeaseSource
  views: Map<number, { positions: Uint32Array; compareWith: LeaseTable | null }>
  stop: AbortController
  unfollow: () => void
  /** Lets go of what the source holds open (a remote host's SSH connection). */
  release: () => void
  /** When leases.updated was last emitted. */
  said: number
}

export interface LeaseTablesOptions {
  profiles: KeaProfiles
  databases: LeaseDatabases
  remoteHosts: RemoteHosts
  emit: EventSink
  /** A file the user chose, by the id a front granted. */
  grantedFile: (fileId: string) => { path: string; name: string } | undefined
  exportsDir: string
  chooseSaveTarget?: (suggestedName: string, format: SaveFormat) => Promise<string | null>
}

type TableSource = { profileId: string; family: 4 | 6 } | { memfileId: string } | { fileId: string } | { databaseId: string; family: 4 | 6 } | RemoteMemfile
type RemoteMemfile = { hostId: string; memfileId: string; trustHostKey?: string }

export const memfileId = (path: string) => createHash('sha256').update(path).digest('hex').slice(0, 16)

export class LeaseTables {
  private readonly open = new Map<number, OpenTable>()
  private nextTableId = 1
  private nextViewId = 1

  constructor(private readonly options: LeaseTablesOptions) {}

  async sources(): Promise<LeaseSourceChoices> {
    const profiles = this.options.profiles.list().map((p) => ({ profileId: p.id, name: p.name }))
    const configured = (await Promise.all(profiles.map((p) => this.configuredMemfiles(p.profileId)))).flat()
    const memfiles = findLocalMemfiles(configured).map(({ path, family }) => ({ memfileId: memfileId(path), path, family }))
    return { profiles, memfiles, databases: this.options.databases.list() }
  }

  /** The memfiles on a saved remote host; an unknown host key fails with error.hostKey for the user to trust. */
  async remoteMemfiles(hostId: string, trustHostKey?: string): Promise<LeaseSourceChoices['memfiles']> {
    const client = await this.connect(hostId, trustHostKey)
    try {
      return (await findRemoteMemfiles(client)).map(({ path, family }) => ({ memfileId: memfileId(path), path, family }))
    } finally {
      client.end()
    }
  }

  async openTable(source: TableSource): Promise<LeaseTableInfo> {
    const { leaseSource, family, profileId, follow, release = () => undefined } = await this.sourceFor(source)
    const tableId = this.nextTableId++
    const info: LeaseTableInfo = {
      tableId, name: leaseSource.name, kind: leaseSource.kind, family, total: 0, loading: true, following: false,
      followNote: follow ? null : leaseSource.kind === 'api' ? 'The API is read once: Reload reads it again.' : null,
      problems: [], error: null, profileId,
    }
    const open: OpenTable = { info, table: new LeaseTable(leaseSource.name), source: leaseSource, views: new Map(), stop: new AbortController(), unfollow: () => undefined, release, said: 0 }
    this.open.set(tableId, open)
    void this.load(open).then(() => {
      if (follow && !open.stop.signal.aborted && !open.info.error) {
        open.unfollow = follow(open)
        open.info.following = true
        this.changed(open)
      }
    })
    return { ...info }
  }

  tables(): LeaseTableInfo[] {
    return [...this.open.values()].map((o) => ({ ...o.info }))
  }

  async close(tableId: number): Promise<void> {
    const open = this.get(tableId)
    open.stop.abort()
    open.unfollow()
    open.release()
    this.open.delete(tableId)
    await open.source.close()
  }

  view(tableId: number, filter: LeaseFilter, sort: LeaseSortColumn, descending: boolean, compareWith?: number, differencesOnly = false): LeaseViewInfo {
    const open = this.get(tableId)
    const other = compareWith === undefined ? null : this.get(compareWith).table
    const { positions, counts } = open.table.view(filter, sort, descending, differencesOnly && other ? other : undefined)
    const viewId = this.nextViewId++
    open.views.set(viewId, { positions, compareWith: other })
    // Views are kept for paging; only the last few of a table (a view per filter typed) are worth keeping.
    while (open.views.size > MAX_VIEWS_PER_TABLE) open.views.delete(open.views.keys().next().value!)
    return { tableId, viewId, total: positions.length, counts }
  }

  page(tableId: number, viewId: number, offset: number, limit: number): LeasePage {
    const open = this.get(tableId)
    const view = open.views.get(viewId) ?? notFound('That lease view has been replaced by a newer one; ask for the view again.')
    const rows = [...view.positions.subarray(offset, offset + limit)].flatMap((p) => {
      const lease = open.table.rows[p]
      return lease ? [{ ...lease, difference: view.compareWith ? difference(lease, view.compareWith) : null }] : []
    })
    return { tableId, viewId, offset, total: view.positions.length, rows }
  }

  async exportCsv(tableId: number, viewId: number, name?: string): Promise<SavedLeases | null> {
    const open = this.get(tableId)
    const view = open.views.get(viewId) ?? notFound('That lease view has been replaced by a newer one; ask for the view again.')
    const fileName = `${safeFileName(name ?? open.info.name, 'leases').replace(/\.csv$/i, '')}.csv`
    const { chooseSaveTarget } = this.options
    const target = chooseSaveTarget ? await chooseSaveTarget(fileName, 'csv') : join(ensurePrivateDir(this.options.exportsDir), fileName)
    if (target === null) return null
    const rows = open.table.rows
    const path = await writeAtomicallyInTurns({ path: target, replace: !!chooseSaveTarget }, async (temporary) => {
      const out = createWriteStream(temporary)
      out.write(leaseCsvHeader)
      for (const p of view.positions) if (!out.write(leaseCsvLine(rows[p]))) await once(out, 'drain')
      out.end()
      await once(out, 'finish')
    })
    return { path, leases: view.positions.length }
  }

  /** What a memfile wrote for one address over time; the API and databases hold only the lease as it is now. */
  async history(tableId: number, address: string): Promise<LeaseHistoryEntry[]> {
    const { source } = this.get(tableId)
    if (!(source instanceof MemfileSource)) throw new ContractError('bad-input', 'Only a memfile keeps a lease\'s history (every line Kea wrote for it); the API and lease databases hold the lease as it is now. Open the server\'s memfile to see it.')
    return inWords(() => source.history(address))
  }

  /** Deletes a lease or reclaims expired ones through the table's Kea connection, once the user confirmed it. */
  async change(tableId: number, address: string | undefined, confirmed: boolean): Promise<{ text: string }> {
    const open = this.get(tableId)
    const api = open.source
    if (!(api instanceof ApiLeaseSource)) {
      throw new ContractError('bad-input', 'Leases are changed only through the Kea API, never by editing a lease file or database: open the server\'s leases through its Kea connection.')
    }
    const what = address ? `Deleting the lease of ${address}` : 'Reclaiming expired leases'
    if (!confirmed) throw new ContractError('bad-input', `${what} changes the server's state: confirm it to go ahead.`)
    const family = open.info.family
    return inWords(async () => {
      if (!address) return { text: await api.reclaim(family, false) }
      const lease = open.table.get(address)
      const deleted = await api.delete({ family, address, type: lease?.type })
      if (deleted) open.table.apply([{ deleted: address }])
      this.changed(open)
      return { text: deleted ? `The lease of ${address} was deleted.` : `The server holds no lease of ${address} (any more).` }
    })
  }

  /** Each open table's leases of one client (the last `limit` of each), for the client's history. */
  forClient(matches: (written: string | null) => boolean, limit: number): SourceItems[] {
    return [...this.open.values()].map(({ info, table }) => clientLeases(info, table.rows, matches, limit))
  }

  /** The leases of the open tables that pass `test`, at most `limit`, with the name of the table each is in. */
  leasesWhere(test: (lease: Lease) => boolean, limit: number): (Lease & { table: string })[] {
    const found: (Lease & { table: string })[] = []
    for (const { info, table } of this.open.values()) {
      for (const lease of table.rows) {
        if (found.length >= limit) return found
        if (test(lease)) found.push({ ...lease, table: info.name })
      }
    }
    return found
  }

  closeAll(): void {
    for (const open of this.open.values()) {
      open.stop.abort()
      open.unfollow()
      open.release()
    }
    this.open.clear()
  }

  private get(tableId: number): OpenTable {
    return this.open.get(tableId) ?? notFound(`Lease table ${tableId} is not open (it was closed, or the app restarted).`)
  }

  /** Says what changed; while a source loads, at most every UPDATE_MS (a million leases come in a thousand batches). */
  private changed(open: OpenTable): void {
    open.info.total = open.table.rows.length
    const now = performance.now()
    if (open.info.loading && now - open.said < UPDATE_MS) return
    open.said = now
    if (this.open.has(open.info.tableId)) this.options.emit('leases.updated', { ...open.info })
  }

  private async load(open: OpenTable, replace = false): Promise<void> {
    const family = open.info.family
    const fresh = replace ? new LeaseTable(open.table.name) : open.table
    open.info.loading = true
    try {
      for await (const batch of open.source.leases(family, open.stop.signal)) {
        fresh.add(batch.leases)
        this.problems(open, batch.problems)
        if (!replace) this.changed(open)
      }
      if (replace) open.table = fresh
    } catch (error) {
      open.info.error = error instanceof LeaseSourceError || error instanceof KeaError ? error.message : `Reading ${open.info.name} failed: ${(error as Error).message}`
    }
    open.info.loading = false
    this.changed(open)
  }

  private problems(open: OpenTable, problems: string[]): void {
    for (const problem of problems) if (open.info.problems.length < MAX_PROBLEMS) open.info.problems.push(problem)
  }

  private async sourceFor(source: TableSource): Promise<{
    leaseSource: LeaseSource; family: 4 | 6; profileId: string | null; follow: ((open: OpenTable) => () => void) | null; release?: () => void
  }> {
    if ('hostId' in source) return this.remoteSource(source)
    if ('databaseId' in source) {
      // Connecting checks the password and that this is Kea's schema at once: those failures are the user's to fix.
      const options = await this.options.databases.connectOptions(source.databaseId)
      return { leaseSource: await inWords(() => openSqlLeaseSource(options)), family: source.family, profileId: null, follow: null }
    }
    if ('profileId' in source) {
      const { connection, name } = await this.options.profiles.connection(source.profileId)
      const services = connection.kind === 'http' ? { 4: 'dhcp4', 6: 'dhcp6' } as const : { [source.family]: source.family === 4 ? 'dhcp4' : 'dhcp6' } as const
      return { leaseSource: new ApiLeaseSource(`api ${name}`, connection, services), family: source.family, profileId: source.profileId, follow: null }
    }
    let path: string
    let family: 4 | 6
    let name: string
    if ('memfileId' in source) {
      const found = (await this.sources()).memfiles.find((m) => m.memfileId === source.memfileId)
      if (!found) notFound('That memfile is no longer there; pick one from the list again.')
      ;({ path, family } = found)
      name = basename(path)
    } else {
      const file = this.options.grantedFile(source.fileId) ?? notFound('That file is no longer available to open (the app restarted since it was chosen); open it again.')
      // An upload is stored under another name: the user's own names the table.
      ;({ path, name } = file)
      family = findLocalMemfiles([path], []).at(0)?.family ?? 4
    }
    const memfile = new MemfileSource(`memfile ${name}`, localMemfiles, path, family, localExists)
    const follow = (open: OpenTable): (() => void) => followLocalMemfile(path, memfile, {
      changes: (changes, problems) => this.followed(open, changes, problems),
      reread: () => void this.reread(open, follow),
    })
    return { leaseSource: memfile, family, profileId: null, follow }
  }

  private async remoteSource(source: RemoteMemfile) {
    const client = await this.connect(source.hostId, source.trustHostKey)
    try {
      const found = (await findRemoteMemfiles(client)).find((m) => memfileId(m.path) === source.memfileId)
      if (!found) notFound('That memfile is no longer on the remote host; list its memfiles again.')
      const access = remoteMemfiles(client, sshPlace(await this.options.remoteHosts.target(source.hostId)))
      const where = access.describe(found.path)
      const memfile = new MemfileSource(`memfile ${where}`, access, found.path, found.family, access.exists)
      const follow = (open: OpenTable): (() => void) => followRemoteMemfile(client, found.path, where, memfile, {
        changes: (changes, problems) => this.followed(open, changes, problems),
        reread: () => void this.reread(open, follow),
      })
      return { leaseSource: memfile, family: found.family, profileId: null, follow, release: () => client.end() }
    } catch (error) {
      client.end()
      throw error
    }
  }

  private followed(open: OpenTable, changes: LeaseChange[], problems: string[]): void {
    open.table.apply(changes)
    this.problems(open, problems)
    this.changed(open)
  }

  /** The file was replaced (Kea's LFC): read it whole again, then follow the new one. */
  private async reread(open: OpenTable, follow: (open: OpenTable) => () => void): Promise<void> {
    open.unfollow()
    await this.load(open, true)
    if (!open.stop.signal.aborted && !open.info.error) open.unfollow = follow(open)
  }

  private async connect(hostId: string, trustHostKey?: string) {
    const target = await this.options.remoteHosts.target(hostId)
    try {
      return await connectSsh(target, this.options.remoteHosts.options(trustHostKey))
    } catch (error) {
      throw sshContractError(error)
    }
  }

  /** The lease-database file a connected Kea names in its configuration (memfile only), when it answers quickly. */
  private async configuredMemfiles(profileId: string): Promise<string[]> {
    try {
      const { connection } = await this.options.profiles.connection(profileId)
      const names = await Promise.all((['dhcp4', 'dhcp6'] as const).map(async (service) => {
        const answer = await sendCommand(connection, { command: 'config-get', service }, { ...defaultLimits, timeoutMs: 3000 })
        const config = (answer.arguments as Record<string, { 'lease-database'?: { type?: unknown; name?: unknown } }> | undefined)?.[service === 'dhcp4' ? 'Dhcp4' : 'Dhcp6']
        const database = config?.['lease-database']
        return database?.type === 'memfile' && typeof database.name === 'string' ? [database.name] : []
      }))
      return names.flat()
    } catch {
      return []
    }
  }
}

async function inWords<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof LeaseSourceError || error instanceof KeaError) throw new ContractError('bad-input', error.message)
    throw error
  }
}

function notFound(message: string): never {
  throw new ContractError('not-found', message)
}
