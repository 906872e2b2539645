// Everything about one client in one place (clients.timeline): its lines in every open log, its transactions in every
// capture of the session (test-client runs' included), its leases in every open lease table, and its test-client runs,
// merged in time order within a bound.
import type { CaptureInfo, ClientRunResult, ClientTimeline, ClientTimelineItem, TransactionPage } from '../../contract/types'
import type { Timestamp } from '../capture-file/record'
import { timestampMs } from '../logs/capture-packets'
import { clientMatcher, namedClient, type ClientIdentity } from './client-identity'
import { mergeTimeline, type SourceItems } from './client-timeline'

export interface ClientHistoryDeps {
  /** Each open log's lines about the client (the last `limit` of each). */
  logLines(matches: (written: string) => boolean, limit: number): SourceItems[]
  /** Each open lease table's leases of the client. */
  leases(matches: (written: string | null) => boolean, limit: number): SourceItems[]
  /** The open logs and lease tables, counted for the answer. */
  openCounts(): { logs: number; leaseTables: number }
  captures(sessionId: number): CaptureInfo[]
  transactions(captureId: number, offset: number, limit: number, client: ClientIdentity): Promise<TransactionPage>
  firstTimestamp(captureId: number): Promise<Timestamp | null>
  runs(sessionId: number): ClientRunResult[]
}

export class ClientHistory {
  constructor(private readonly deps: ClientHistoryDeps) {}

  async timeline(sessionId: number | undefined, client: string, limit: number): Promise<ClientTimeline> {
    const identity = namedClient(client)
    const matches = clientMatcher(identity)
    const captures = sessionId === undefined ? [] : this.deps.captures(sessionId)
    const runs = sessionId === undefined ? [] : this.deps.runs(sessionId)
    const sources: SourceItems[] = [
      ...this.deps.logLines(matches, limit),
      ...this.deps.leases(matches, limit),
      ...(await Promise.all(captures.map((capture) => this.transactions(capture, identity, limit)))),
      this.runItems(runs, matches, limit),
    ]
    const { logs, leaseTables } = this.deps.openCounts()
    return { client: identity, ...mergeTimeline(sources, limit), searched: { logs, captures: captures.length, leaseTables, runs: runs.length } }
  }

  /** The capture's last `limit` exchanges of the client, placed at their first packet's time. */
  private async transactions(capture: CaptureInfo, identity: ClientIdentity, limit: number): Promise<SourceItems> {
    const first = await this.deps.firstTimestamp(capture.id)
    if (!first) return { items: [], total: 0 }
    const { total } = await this.deps.transactions(capture.id, 0, 1, identity)
    const page = await this.deps.transactions(capture.id, Math.max(0, total - limit), limit, identity)
    const firstMs = timestampMs(first)
    const items = page.rows.map((t): ClientTimelineItem => ({
      kind: 'transaction', time: new Date(firstMs + t.start * 1000).toISOString(), captureId: capture.id, captureName: capture.name, transactionId: t.id,
      frame: t.steps[0]?.frame ?? 1, exchange: t.kind, status: t.status, xid: t.xid, address: t.address ?? null, problem: t.problem ?? null,
      steps: t.steps.map((s) => ({ frame: s.frame, type: s.type })),
    }))
    return { items, total }
  }

  private runItems(runs: ClientRunResult[], matches: (written: string) => boolean, limit: number): SourceItems {
    const mine = runs.filter((run) => matches(run.mac) || (run.duid !== undefined && matches(run.duid)))
    const items = mine.slice(-limit).map((run): ClientTimelineItem => ({ kind: 'run', time: run.startedAt, runId: run.captureId, mode: run.kind === 'dhclient' ? `dhclient ${run.mode}` : run.mode, reason: run.reason, message: run.message }))
    return { items, total: mine.length }
  }
}
