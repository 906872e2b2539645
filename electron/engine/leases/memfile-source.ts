// A memfile as Kea itself loads it at start-up: the LFC's files first (`.completed` if a cleanup finished but was
// not yet moved into place, otherwise `.2` then `.1`), then the live file, each line replacing the lease of its
// address, and a line with valid lifetime 0 deleting it (Kea writes a deleted lease so). A lease whose expiry has
// passed stays: Kea keeps it until it is reclaimed, and so does the table (its countdown shows it expired).
import type { LeaseHistoryEntry } from '../../contract/types'
import type { Lease } from './lease'
import { LEASE_BATCH, LeaseSourceError, type LeaseBatch, type LeaseQuery, type LeaseSource } from './lease-source'
import { LineSplitter } from './bounded-lines'
import { parseRecord, readHeader, RecordError, type MemfileLayout } from './memfile-format'
import { matchesQuery } from './lease-query'

/** Where a memfile's bytes come from: this machine, or a remote host over SSH. */
export interface MemfileAccess {
  /** Names the place in messages (`/var/lib/kea/kea-leases4.csv`, `root@kea1:/var/lib/kea/kea-leases4.csv`). */
  describe(path: string): string
  /** The file's bytes from `start` on; null when it does not exist. */
  read(path: string, start?: number): Promise<AsyncIterable<Buffer> | null>
}

/** What reading one file found: its layout, and where its last complete line ended (to read on from there). */
export interface MemfileRead {
  layout: MemfileLayout | null
  bytes: number
  nextLineNo: number
}

/** The files Kea reads for a live memfile, oldest first. */
export function lfcFiles(live: string, exists: (path: string) => boolean): string[] {
  const completed = `${live}.completed`
  return [...(exists(completed) ? [completed] : [`${live}.2`, `${live}.1`]), live]
}

export type LeaseChange = { lease: Lease } | { deleted: string }

const MAX_HISTORY = 200

/**
 * Reads one file's lines into `apply` (a lease, or a deletion by address). The header decides the layout; a
 * damaged line becomes a problem naming its line and the rest is read. From `start` (following the file as it
 * grows) the layout read before is used.
 */
export async function readMemfile(
  bytes: AsyncIterable<Buffer>, fileName: string, source: string,
  apply: (change: LeaseChange) => void, problem: (text: string) => void,
  from: { layout: MemfileLayout; start: number; lineNo: number; replaced?: () => void } | null = null,
): Promise<MemfileRead> {
  const splitter = new LineSplitter(from?.lineNo ?? 1)
  let layout = from?.layout ?? null
  let replaced = false
  const take = (line: ReturnType<LineSplitter['end']>) => {
    if (!line || replaced) return
    if ('tooLong' in line) {
      problem(`${fileName} line ${line.lineNo}: longer than any lease line (over 64 KiB); skipped.`)
      return
    }
    if (line.text === '') return
    // Following a file, a header again means a new file in its place (tail -F after Kea's LFC).
    if (from?.replaced && line.text.startsWith('address,')) {
      replaced = true
      from.replaced()
      return
    }
    if (!layout) {
      layout = readHeader(line.text, fileName)
      return
    }
    try {
      const lease = parseRecord(layout, line.text, source)
      apply(lease.validLifetime === 0 ? { deleted: lease.address } : { lease })
    } catch (error) {
      if (!(error instanceof RecordError)) throw error
      problem(`${fileName} line ${line.lineNo}: ${error.message}; the line is skipped.`)
    }
  }
  for await (const chunk of bytes) for (const line of splitter.push(chunk)) take(line)
  const read = { layout, bytes: (from?.start ?? 0) + splitter.consumed, nextLineNo: splitter.lineNo }
  // A last line without its newline may be Kea mid-write: read whole, a file's is taken as it is (a file written by
  // hand may end so), and following reads it again from its start once it is complete.
  if (!from) take(splitter.end())
  return read
}

export class MemfileSource implements LeaseSource {
  readonly kind = 'memfile'
  readonly families: readonly (4 | 6)[]
  /** The live file's layout and how far it was read, for following it. */
  liveState: { layout: MemfileLayout; bytes: number; lineNo: number } | null = null

  constructor(
    readonly name: string, private readonly access: MemfileAccess, private readonly path: string,
    family: 4 | 6, private readonly exists: (path: string) => Promise<boolean>,
  ) {
    this.families = [family]
  }

  /** Every lease, merged over the LFC files as Kea would load them; all of it must be read before the first batch. */
  async *leases(family: 4 | 6, signal?: AbortSignal): AsyncIterable<LeaseBatch> {
    if (!this.families.includes(family)) return
    const { leases, problems } = await this.load(signal)
    let batch: Lease[] = []
    let first = true
    for (const lease of leases.values()) {
      batch.push(lease)
      if (batch.length === LEASE_BATCH) {
        yield { leases: batch, problems: first ? problems : [] }
        first = false
        batch = []
        if (signal?.aborted) return
      }
    }
    if (batch.length || first) yield { leases: batch, problems: first ? problems : [] }
  }

  async find(query: LeaseQuery): Promise<Lease[]> {
    if (!this.families.includes(query.family)) return []
    const { leases } = await this.load()
    return [...leases.values()].filter((lease) => matchesQuery(lease, query))
  }

  async close(): Promise<void> {}

  async load(signal?: AbortSignal): Promise<{ leases: Map<string, Lease>; problems: string[] }> {
    const leases = new Map<string, Lease>()
    const problems: string[] = []
    await this.readAll((change) => {
      if ('deleted' in change) leases.delete(change.deleted)
      else leases.set(change.lease.address, change.lease)
    }, (text) => problems.length < 1000 && problems.push(text), signal)
    return { leases, problems }
  }

  /** Every line of one address over the files, oldest first (the last MAX_HISTORY): what Kea wrote for it over time. */
  async history(address: string, signal?: AbortSignal): Promise<LeaseHistoryEntry[]> {
    const entries: LeaseHistoryEntry[] = []
    await this.readAll((change, file) => {
      const at = 'deleted' in change ? change.deleted : change.lease.address
      if (at !== address) return
      entries.push({ file, lease: 'lease' in change ? change.lease : null })
      if (entries.length > MAX_HISTORY) entries.shift()
    }, () => undefined, signal)
    return entries
  }

  private async readAll(apply: (change: LeaseChange, file: string) => void, problem: (text: string) => void, signal?: AbortSignal): Promise<void> {
    const present = new Set<string>()
    for (const candidate of [`${this.path}.completed`, `${this.path}.2`, `${this.path}.1`]) if (await this.exists(candidate)) present.add(candidate)
    const files = lfcFiles(this.path, (p) => present.has(p))
    let liveFound = false
    for (const file of files) {
      if (signal?.aborted) break
      const isLive = file === this.path
      const bytes = await this.access.read(file)
      if (!bytes) continue
      liveFound ||= isLive
      const where = this.access.describe(file)
      const read = await readMemfile(bytes, where, this.name, (change) => apply(change, where), problem)
        .catch((error: unknown) => {
          throw error instanceof LeaseSourceError ? error : new LeaseSourceError(`${this.access.describe(file)} could not be read: ${(error as Error).message}.`)
        })
      if (read.layout && read.layout.family !== this.families[0]) {
        throw new LeaseSourceError(`${this.access.describe(file)} holds DHCPv${read.layout.family} leases, but ${this.access.describe(this.path)} DHCPv${this.families[0]} ones: they are not one server's memfile.`)
      }
      if (isLive && read.layout) this.liveState = { layout: read.layout, bytes: read.bytes, lineNo: read.nextLineNo }
    }
    if (!liveFound && present.size === 0) throw new LeaseSourceError(`${this.access.describe(this.path)} does not exist (any more): check the lease-database "name" in Kea's configuration.`)
  }
}
