// The timeline of a whole case (sessions.timeline): the session's start and notes, its captures starting and ending,
// the transactions that went wrong, every test-client and dhclient run, the Kea readings where something changed and
// the Kea console's commands and snapshots, in one time order within a bound (mergeTimeline, as one client's history). Each item
// links to the related items of the session: a run to its packets and to its exchanges in the other captures, a
// problem transaction to its client's history and to the run that made it, a pool crossing to the pool readings.
import type {
  CaptureInfo, CaseLink, CaseTimeline, CaseTimelineItem, ClientRunResult, KeaConsoleRecord, KeaHistory, SessionInfo, SnapshotInfo, TransactionInfo, TransactionPage,
} from '../../contract/types'
import { runFailed } from '../bundle/findings'
import type { Timestamp } from '../capture-file/record'
import { parseClient, type ClientIdentity } from '../clients/client-identity'
import { mergeTimeline, type SourceItems } from '../clients/client-timeline'
import { timestampMs } from '../logs/capture-packets'
import { poolCrossings, statusChanges, type ThresholdsOf } from './kea-changes'
import { snapshotItem } from './snapshot-item'
import { transactionPages } from '../transactions/transaction-pages'

/** Captures with more transactions than this are not read whole for their declines (their problems still are). */
const DECLINE_SCAN = 20_000
const PAGE = 1000
/** A run's exchanges linked from it, in its own capture and in each other one. */
const RUN_LINKS = 8
/** Runs whose exchanges are looked up in the session's other captures (the newest); older ones link to their own packets. */
const CROSS_LINKED_RUNS = 50
const NOTES_CHARS = 300

export interface CaseTimelineDeps {
  session(sessionId: number): SessionInfo
  captures(sessionId: number): CaptureInfo[]
  /** The capture's first and last packets' times; null when it has none. */
  span(captureId: number): Promise<{ first: Timestamp; last: Timestamp } | null>
  transactions(captureId: number, offset: number, limit: number, problemsOnly: boolean, client?: ClientIdentity): Promise<TransactionPage>
  runs(sessionId: number): ClientRunResult[]
  keaHistory(sessionId: number): KeaHistory[]
  thresholds: ThresholdsOf
  consoleCommands(sessionId: number): KeaConsoleRecord[]
  snapshots(sessionId: number): SnapshotInfo[]
}

/** Within one instant, the order a reader expects: the session, then what starts, happens, and ends. */
const KIND_ORDER: Record<CaseTimelineItem['kind'], number> = {
  session: 0, notes: 1, 'capture-start': 2, 'kea-status': 3, 'kea-command': 4, snapshot: 4, run: 5, transaction: 6, 'pool-level': 7, 'capture-end': 8,
}

const isoAt = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : '')
const plural = (n: number, what: string) => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`

/** The newest `limit` of a source's items, and how many it had. */
function newest(items: CaseTimelineItem[], limit: number): SourceItems<CaseTimelineItem> {
  const sorted = [...items].sort((a, b) => (Date.parse(a.time) || 0) - (Date.parse(b.time) || 0))
  return { items: sorted.slice(Math.max(0, sorted.length - limit)), total: items.length }
}

export class CaseTimelines {
  constructor(private readonly deps: CaseTimelineDeps) {}

  async timeline(sessionId: number, limit: number): Promise<CaseTimeline> {
    const { deps } = this
    const session = deps.session(sessionId)
    const captures = deps.captures(sessionId)
    const runs = deps.runs(sessionId)
    const runCaptures = new Set(runs.map((r) => r.captureId))
    const recorded = captures.filter((c) => !runCaptures.has(c.id))
    const notes: string[] = []
    const starts = new Map<number, number>()
    const captureItems: CaseTimelineItem[] = []
    for (const c of recorded) {
      const span = await deps.span(c.id)
      if (span) starts.set(c.id, timestampMs(span.first))
      captureItems.push(...captureEnds(c, span))
    }
    const runByXid = new Map<string, ClientRunResult>()
    for (const run of runs) for (const entry of run.timeline) runByXid.set(entry.xid, run)
    const problems = await Promise.all(recorded.map((c) => this.problemTransactions(c, starts.get(c.id), runByXid, limit, notes)))
    const kea = deps.keaHistory(sessionId).flatMap((h) => [...statusChanges(h), ...poolCrossings(h, deps.thresholds)])
    const sources = [
      newest(sessionItems(session), limit),
      newest(captureItems, limit),
      ...problems,
      // runItems keeps the newest `limit` runs: the runs left out count too.
      { items: newest(await this.runItems(runs, recorded, limit), limit).items, total: runs.length },
      newest(kea, limit),
      newest(deps.consoleCommands(sessionId).map(consoleItem), limit),
      newest(deps.snapshots(sessionId).map(snapshotItem), limit),
    ]
    return { sessionId, ...mergeTimeline(sources, limit, (item) => KIND_ORDER[item.kind]), notes }
  }

  /** A capture's last `limit` problem exchanges (and declines, in a capture small enough to read whole), at their first packet's time. */
  private async problemTransactions(capture: CaptureInfo, startMs: number | undefined, runByXid: Map<string, ClientRunResult>, limit: number, notes: string[]): Promise<SourceItems<CaseTimelineItem>> {
    if (startMs === undefined) return { items: [], total: 0 }
    const { total } = await this.deps.transactions(capture.id, 0, 1, true)
    const rows = (await this.deps.transactions(capture.id, Math.max(0, total - limit), limit, true)).rows
    const declines = await this.declines(capture, notes)
    const seen = new Set(rows.map((t) => t.id))
    const chosen = [...rows, ...declines.filter((t) => !seen.has(t.id))]
      // A probe asks for offers and takes none: its exchange ends without a REQUEST by design.
      .filter((t) => !(t.status === 'incomplete' && isProbe(runByXid.get(t.xid))))
    const items = chosen.map((t) => transactionItem(capture, t, startMs, runByXid.get(t.xid)))
    return newest(items, limit)
  }

  private async declines(capture: CaptureInfo, notes: string[]): Promise<TransactionInfo[]> {
    const { total } = await this.deps.transactions(capture.id, 0, 1, false)
    if (total > DECLINE_SCAN) {
      notes.push(`“${capture.name}” has ${plural(total, 'transaction')}: its declines are not listed (more than ${DECLINE_SCAN.toLocaleString('en')} to read); its Transactions list shows them.`)
      return []
    }
    const found: TransactionInfo[] = []
    for await (const rows of transactionPages((offset, limit) => this.deps.transactions(capture.id, offset, limit, false), PAGE)) {
      found.push(...rows.filter((t) => t.kind === 'Decline'))
    }
    return found
  }

  /** Every run, linked to its packets, its exchanges (in its capture and, for the newest runs, in the session's other captures) and its client. */
  private async runItems(runs: ClientRunResult[], recorded: CaptureInfo[], limit: number): Promise<CaseTimelineItem[]> {
    const kept = runs.slice(-limit)
    return Promise.all(kept.map(async (run, i) => {
      const xids = new Set(run.timeline.map((e) => e.xid))
      const ofRun = (t: TransactionInfo) => xids.has(t.xid)
      const own = (await this.deps.transactions(run.captureId, 0, RUN_LINKS, false)).rows.filter(ofRun)
      const elsewhere = kept.length - i > CROSS_LINKED_RUNS ? [] : await Promise.all(recorded.map(async (c) => ({
        capture: c, rows: (await this.deps.transactions(c.id, 0, RUN_LINKS * 4, false, parseClient(run.mac) ?? { mac: null, id: run.mac })).rows.filter(ofRun).slice(0, RUN_LINKS),
      })))
      const address = run.variables.new_ip_address ?? run.variables.requested_ip_address ?? run.variables.new_ip6_address
      const links: CaseLink[] = [
        { kind: 'run', label: `run #${run.captureId}`, runId: run.captureId },
        ...(run.timeline.length ? [{ kind: 'packet' as const, label: 'its packets', captureId: run.captureId, frame: 1 }] : []),
        ...own.map((t) => transactionLink(run.captureId, t)),
        ...elsewhere.flatMap(({ capture, rows }) => rows.map((t) => transactionLink(capture.id, t, capture.name))),
        { kind: 'client', label: `client ${run.mac}`, client: run.mac },
      ]
      return {
        time: run.startedAt, kind: 'run' as const, severity: runFailed(run) ? 'problem' as const : 'info' as const, links,
        text: `${run.kind === 'dhclient' ? 'dhclient' : 'Test client'} ${run.mode} as ${run.mac}${run.duid ? ` (DUID ${run.duid})` : ''}${address ? ` for ${address}` : ''} on ${run.iface}: ${run.reason} — ${run.message}`,
      }
    }))
  }
}

const isProbe = (run: ClientRunResult | undefined) => run?.mode === 'probe' || run?.mode === 'solicit'

function transactionLink(captureId: number, t: TransactionInfo, where?: string): CaseLink {
  return { kind: 'transaction', label: `${t.kind} ${t.xid}${where ? ` in ${where}` : ''}`, captureId, transactionId: t.id, frame: t.steps[0]?.frame ?? 1 }
}

function sessionItems(session: SessionInfo): CaseTimelineItem[] {
  const items: CaseTimelineItem[] = [{
    time: session.createdAt, kind: 'session', severity: 'info', links: [],
    text: `Session “${session.name}” started${session.tags.length ? ` (tags: ${session.tags.join(', ')})` : ''}${session.readOnly ? '; imported from a bundle, read-only' : ''}`,
  }]
  // Notes are one text, kept without times: shown where the case starts.
  const notes = session.notes.trim().replace(/\s*\n\s*/g, ' / ')
  if (notes) items.push({ time: session.createdAt, kind: 'notes', severity: 'info', links: [], text: `Notes: ${notes.length > NOTES_CHARS ? `${notes.slice(0, NOTES_CHARS)}…` : notes}` })
  return items
}

/** A capture's start and end: a live one's as it ran, a file's at its first and last packets. */
function captureEnds(c: CaptureInfo, span: { first: Timestamp; last: Timestamp } | null): CaseTimelineItem[] {
  const first = span ? isoAt(timestampMs(span.first)) : ''
  const last = span ? isoAt(timestampMs(span.last)) : ''
  const packets = plural(c.packetCount, 'packet')
  const firstPacket: CaseLink[] = span ? [{ kind: 'packet', label: 'first packet', captureId: c.id, frame: 1 }] : []
  const lastPacket: CaseLink[] = span && c.packetCount ? [{ kind: 'packet', label: 'last packet', captureId: c.id, frame: c.packetCount }] : []
  const failed = c.status === 'failed' && c.error ? `: ${c.error}` : ''
  const live = c.live
  if (live) {
    const where = `${live.iface}${live.host ? ` of ${live.host}` : ''}`
    const items: CaseTimelineItem[] = [{
      time: live.startedAt, kind: 'capture-start', severity: 'info', links: firstPacket,
      text: `Live capture “${c.name}” started on ${where}${live.filter ? ` (filter ${live.filter})` : ''}${live.ring ? `, ring part ${live.ring.part}` : ''}`,
    }]
    if (c.status === 'capturing') return items
    const drops = live.counters ? live.counters.kernelDropped + live.counters.interfaceDropped : 0
    items.push({
      time: live.stoppedAt ?? (last || live.startedAt), kind: 'capture-end', severity: c.status === 'failed' ? 'problem' : drops ? 'warning' : 'info', links: lastPacket,
      text: `Live capture “${c.name}” stopped with ${packets}${drops ? `, ${plural(drops, 'packet')} dropped` : ''}${live.ended ? ` (${live.ended})` : ''}${failed}`,
    })
    return items
  }
  const opened = `opened ${c.createdAt}`
  return [
    { time: first || c.createdAt, kind: 'capture-start', severity: 'info', links: firstPacket, text: `Capture file “${c.name}” (${c.format}, ${packets}, ${opened}) begins` },
    ...(c.status === 'loading' ? [] : [{
      time: last || c.createdAt, kind: 'capture-end' as const, severity: c.status === 'failed' ? 'problem' as const : 'info' as const, links: lastPacket,
      text: `Capture file “${c.name}” ends after ${packets}${failed}`,
    }]),
  ]
}

function transactionItem(capture: CaptureInfo, t: TransactionInfo, startMs: number, run: ClientRunResult | undefined): CaseTimelineItem {
  const several = t.servers.length > 1
  const what = t.status === 'nak' ? 'refused (NAK)' : t.status === 'failed' ? 'failed' : t.status === 'incomplete' ? 'got no reply' : t.kind === 'Decline' ? 'declined its address' : 'answered by several servers'
  const links: CaseLink[] = [
    transactionLink(capture.id, t),
    { kind: 'client', label: `client ${t.client}`, client: t.client },
    ...(run ? [{ kind: 'run' as const, label: `run #${run.captureId}`, runId: run.captureId }] : []),
  ]
  return {
    time: isoAt(startMs + t.start * 1000), kind: 'transaction', links,
    severity: t.status === 'complete' ? 'warning' : 'problem',
    text: `${t.kind} of ${t.client} (xid ${t.xid}) in “${capture.name}” ${what}${t.problem ? `: ${t.problem}` : ''}${several && t.status !== 'complete' ? `; answered by ${t.servers.join(', ')}` : several ? `: ${t.servers.join(', ')}` : ''}`,
  }
}

function consoleItem(record: KeaConsoleRecord): CaseTimelineItem {
  const answer = record.answer
  const outcome = answer ? `${answer.meaning}${answer.text ? `: ${answer.text}` : ''}` : `no answer: ${record.error ?? 'unknown'}`
  return {
    time: record.at, kind: 'kea-command', severity: !answer || answer.result === 1 ? 'problem' : answer.result === 2 || answer.result === 4 ? 'warning' : 'info',
    text: `Kea console (${record.profileId}${record.service ? `, ${record.service}` : ''}): ${record.command} → ${outcome}`,
    links: [{ kind: 'kea', label: `console of ${record.profileId}`, profileId: record.profileId, service: record.service, subnetId: null, tab: 'console' }],
  }
}
