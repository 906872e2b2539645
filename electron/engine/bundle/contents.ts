// What a session holds, gathered for its bundle: the captures with their transactions and statistics, the test
// client's runs, the Kea readings and configuration, and leases and log lines. Configurations, leases and lines come
// from what the user added to the session (its snapshots) first, so a bundle has them with the server down; a session
// without any takes them as before: the configuration read now, the session's clients' part of the open tables and logs.
import type {
  BundlePart, CaptureInfo, CaptureStats, CaseTimeline, ClientRunResult, KeaDhcpService, KeaHistory, SessionInfo, SessionSnapshot, SnapshotInfo, SnapshotKind,
  SnapshotLease, SnapshotLogLine, TransactionInfo, TransactionPage,
} from '../../contract/types'
import type { CaptureIndex } from '../index/capture-index'
import { MAX_SNAPSHOT_LEASES, MAX_SNAPSHOT_LOG_LINES } from '../store/session-snapshots'
import { transactionPages } from '../transactions/transaction-pages'

/** Transactions asked for at a time (the contract's page). */
const TRANSACTION_PAGE = 1000
/** The report's rows of a capture: its first transactions, and its problem ones. */
const REPORT_ROWS = 5000
export const PROBLEM_ROWS = 2000
/** The report's and data's items of the case's timeline (the newest). */
export const TIMELINE_ROWS = 1000
/** Clients and addresses whose leases and log lines a bundle looks up. */
const MAX_LOOKUPS = 100_000

/** What the engine gives a bundle; each piece is read through the part of the engine that owns it. */
export interface BundleSources {
  session(sessionId: number): SessionInfo
  captures(sessionId: number): CaptureInfo[]
  capturePath(captureId: number): string
  index(captureId: number): Promise<CaptureIndex>
  transactions(captureId: number, offset: number, limit: number, problemsOnly: boolean): Promise<TransactionPage>
  stats(captureId: number): Promise<CaptureStats>
  clientRuns(sessionId: number): ClientRunResult[]
  keaHistory(sessionId: number): KeaHistory[]
  /** The running configuration with secrets redacted, or why it could not be read. */
  keaConfig(profileId: string, service: KeaDhcpService): Promise<unknown>
  /** A subnet's utilization thresholds in percent. */
  thresholds(profileId: string, service: KeaDhcpService, subnetId: number): { warn: number; critical: number }
  /** Leases of the open tables held by these clients (MACs) or at these addresses. */
  leases(clients: ReadonlySet<string>, addresses: ReadonlySet<string>): BundleLease[]
  /** Lines of the open logs naming these clients, and every ERROR or FATAL line. */
  logLines(clients: ReadonlySet<string>): BundleLogLine[]
  /** The case's timeline (sessions.timeline), its newest `limit` items. */
  timeline(sessionId: number, limit: number): Promise<CaseTimeline>
  /** The session's snapshots of one kind, newest first, read one at a time. */
  snapshots(sessionId: number, kind: SnapshotKind): Iterable<SessionSnapshot>
  snapshotList(sessionId: number): SnapshotInfo[]
  snapshot(sessionId: number, snapshotId: number): SessionSnapshot
}

export type BundleLease = SnapshotLease
export type BundleLogLine = SnapshotLogLine

export interface BundleCapture {
  info: CaptureInfo
  path: string
  packets: number
  /** Timestamp digits its pcapng needs: 9 when any packet has nanoseconds. */
  digits: 6 | 9
  /** How many transactions it has; the report's rows are the first and the problem ones, bounded. */
  transactionTotal: number
  firstTransactions: TransactionInfo[]
  problemTransactions: TransactionInfo[]
  /** Every transaction, a page at a time from the engine (never all in memory). */
  transactionPages(): AsyncGenerator<TransactionInfo[]>
  stats: CaptureStats | null
}

export interface KeaConfigReading {
  profileId: string
  service: KeaDhcpService
  config: unknown
  error: string | null
}

export interface BundleContents {
  session: SessionInfo
  captures: BundleCapture[]
  clientRuns: ClientRunResult[]
  keaHistory: KeaHistory[]
  keaConfigs: KeaConfigReading[]
  leases: BundleLease[]
  logLines: BundleLogLine[]
  thresholds: BundleSources['thresholds']
  /** Null when only sizes were asked for. */
  timeline: CaseTimeline | null
  /** The session's snapshots in the bundle (configurations only with the keaConfig part), read when written. */
  snapshots: SnapshotInfo[]
  snapshot(snapshotId: number): SessionSnapshot
}

/** Captures still being loaded or captured are taken as far as they are; failed ones with what they kept. */
/** `sizesOnly`: what an estimate needs (counts), not the statistics, rows, leases and log lines a bundle holds. */
export async function gatherContents(sources: BundleSources, sessionId: number, parts: ReadonlySet<BundlePart>, sizesOnly = false): Promise<BundleContents> {
  const session = sources.session(sessionId)
  const captures: BundleCapture[] = []
  const needAnalysis = !sizesOnly && (parts.has('report') || parts.has('data'))
  const clientRuns = sources.clientRuns(sessionId)
  const clients = new Set<string>(clientRuns.map((r) => r.mac.toLowerCase()))
  const addresses = new Set<string>()
  // What the session kept of leases and log lines stands in for looking them up in the open tables and logs.
  const keptLeases = needAnalysis ? snapshotItems(sources.snapshots(sessionId, 'leases'), (s) => (s.kind === 'leases' ? s.leases : []), (l) => `${l.table} ${l.address} ${l.prefixLength ?? ''}`, MAX_SNAPSHOT_LEASES) : []
  const keptLines = needAnalysis ? snapshotItems(sources.snapshots(sessionId, 'log-lines'), (s) => (s.kind === 'log-lines' ? s.lines : []), (l) => `${l.log} ${l.index}`, MAX_SNAPSHOT_LOG_LINES) : []
  const lookUp = needAnalysis && (!keptLeases.length || !keptLines.length)
  for (const info of sources.captures(sessionId)) {
    const index = await sources.index(info.id)
    const pages = () => transactionPages((offset, limit) => sources.transactions(info.id, offset, limit, false), TRANSACTION_PAGE)
    const first = needAnalysis || sizesOnly ? await sources.transactions(info.id, 0, sizesOnly ? 1 : REPORT_ROWS, false) : null
    captures.push({
      info, path: sources.capturePath(info.id), packets: index.count,
      digits: index.col.fractionDigits.subarray(0, index.count).some((d) => d > 6) ? 9 : 6,
      transactionTotal: first?.total ?? 0, firstTransactions: needAnalysis ? first!.rows : [],
      problemTransactions: needAnalysis ? (await sources.transactions(info.id, 0, PROBLEM_ROWS, true)).rows : [],
      transactionPages: pages,
      stats: needAnalysis ? await sources.stats(info.id) : null,
    })
    // The clients and addresses the leases and log lines are looked up by: a pass over the pages, keeping strings.
    if (lookUp) {
      for await (const page of pages()) {
        for (const t of page) {
          if (clients.size < MAX_LOOKUPS) clients.add(t.client.toLowerCase())
          if (t.address && addresses.size < MAX_LOOKUPS) addresses.add(t.address)
        }
      }
    }
  }
  const keaHistory = sources.keaHistory(sessionId)
  const keaConfigs = parts.has('keaConfig') && !sizesOnly ? await readConfigs(sources, sessionId, keaHistory) : []
  return {
    session, captures, clientRuns, keaHistory, keaConfigs, thresholds: sources.thresholds,
    leases: !needAnalysis ? [] : keptLeases.length ? keptLeases : sources.leases(clients, addresses),
    logLines: !needAnalysis ? [] : keptLines.length ? keptLines.sort((a, b) => a.log.localeCompare(b.log) || a.index - b.index) : sources.logLines(clients),
    timeline: needAnalysis ? await sources.timeline(sessionId, TIMELINE_ROWS) : null,
    snapshots: sources.snapshotList(sessionId).filter((s) => s.kind !== 'kea-config' || parts.has('keaConfig')),
    snapshot: (snapshotId) => sources.snapshot(sessionId, snapshotId),
  }
}

/** The items of a kind's snapshots, the newest snapshot's where two hold the same one, at most `limit`. */
function snapshotItems<T>(snapshots: Iterable<SessionSnapshot>, items: (s: SessionSnapshot) => T[], key: (item: T) => string, limit: number): T[] {
  const kept = new Map<string, T>()
  for (const snapshot of snapshots) {
    for (const item of items(snapshot)) {
      if (kept.size >= limit) return [...kept.values()]
      if (!kept.has(key(item))) kept.set(key(item), item)
    }
  }
  return [...kept.values()]
}

/**
 * Each server's newest configuration kept in the session, and that of each other DHCP server the session has
 * readings of, read now; a server not reachable now says why.
 */
async function readConfigs(sources: BundleSources, sessionId: number, history: KeaHistory[]): Promise<KeaConfigReading[]> {
  const readings = new Map<string, KeaConfigReading>()
  for (const s of sources.snapshots(sessionId, 'kea-config')) {
    const key = `${s.profileId}/${s.service}`
    if (s.kind === 'kea-config' && s.profileId && s.service && !readings.has(key)) readings.set(key, { profileId: s.profileId, service: s.service, config: s.config, error: null })
  }
  const wanted = new Map<string, { profileId: string; service: KeaDhcpService }>()
  for (const h of history) {
    for (const service of [...h.status.map((s) => s.service), ...h.usage.map((u) => u.service)]) {
      if ((service === 'dhcp4' || service === 'dhcp6') && !readings.has(`${h.profileId}/${service}`)) wanted.set(`${h.profileId}/${service}`, { profileId: h.profileId, service })
    }
  }
  for (const [key, { profileId, service }] of wanted) {
    try {
      readings.set(key, { profileId, service, config: await sources.keaConfig(profileId, service), error: null })
    } catch (error) {
      readings.set(key, { profileId, service, config: null, error: (error as Error).message })
    }
  }
  return [...readings.values()]
}
