// The problems a bundle's report shows first: each names what went wrong, how often, and the evidence (anchors of
// the report's transactions, runs, pools and log lines). A findings engine may later add its verdict beside these.
import type { CaptureStats, ClientRunResult, TransactionInfo } from '../../contract/types'
import { dhclientSucceeded } from '../client/dhclient-run'
import { succeeded } from '../client/dhcp4-client'
import { succeeded6 } from '../client/dhcp6-client'
import type { BundleContents } from './contents'

/** Evidence listed with a finding; the rest are counted (all are in the data files). */
const EVIDENCE_SHOWN = 20

export type FindingKind = 'nak' | 'missing-reply' | 'failed' | 'several-servers' | 'failed-probe' | 'pool-over-threshold' | 'error-log'

export interface Finding {
  kind: FindingKind
  severity: 'error' | 'warning'
  title: string
  /** How many things show it. */
  count: number
  evidence: { anchor: string; text: string }[]
}

export const transactionAnchor = (captureId: number, t: Pick<TransactionInfo, 'id'>) => `tx-${captureId}-${t.id}`
export const runAnchor = (index: number) => `run-${index}`
export const poolAnchor = (profileId: string, service: string, subnetId: number) => `pool-${profileId}-${service}-${subnetId}`.replace(/[^\w-]/g, '_')
export const logAnchor = (index: number) => `log-${index}`

export function runFailed(run: ClientRunResult): boolean {
  return !(succeeded(run.reason as never) || succeeded6(run.reason) || dhclientSucceeded(run.reason))
}

export function findProblems(contents: BundleContents): Finding[] {
  const findings: Finding[] = []
  const add = (kind: FindingKind, severity: Finding['severity'], title: string, evidence: Finding['evidence']) => {
    if (evidence.length) findings.push({ kind, severity, title, count: evidence.length, evidence: evidence.slice(0, EVIDENCE_SHOWN) })
  }
  // A probe asks for offers and takes none: its exchange ends without a REQUEST by design.
  const probes = new Set(contents.clientRuns.filter((r) => r.mode === 'probe' || r.mode === 'solicit').map((r) => r.captureId))
  const describe = (captureId: number, t: TransactionInfo) => ({
    anchor: transactionAnchor(captureId, t), text: `${t.kind} of ${t.client} (xid ${t.xid})${t.problem ? `: ${t.problem}` : ''}`,
  })
  // The evidence is the problems the report shows (a bounded number); the counts are the statistics' of all.
  const kinds: { kind: FindingKind; severity: Finding['severity']; title: string; test: (t: TransactionInfo) => boolean; count: (s: CaptureStats['transactions']) => number }[] = [
    { kind: 'nak', severity: 'error', title: 'Servers refused clients (NAK)', test: (t) => t.status === 'nak', count: (s) => s.nak },
    { kind: 'failed', severity: 'error', title: 'Exchanges failed (a DHCPv6 status code)', test: (t) => t.status === 'failed', count: (s) => s.failed },
    { kind: 'missing-reply', severity: 'error', title: 'Replies that never came', test: (t) => t.status === 'incomplete', count: (s) => s.incomplete },
    { kind: 'several-servers', severity: 'warning', title: 'Several servers answered the same client', test: (t) => t.servers.length > 1, count: (s) => s.multipleServers },
  ]
  for (const { kind, severity, title, test, count } of kinds) {
    const captures = contents.captures.filter((c) => !(kind === 'missing-reply' && probes.has(c.info.id)))
    const evidence = captures.flatMap((c) => c.problemTransactions.filter(test).map((t) => describe(c.info.id, t)))
    const total = captures.reduce((n, c) => n + (c.stats ? count(c.stats.transactions) : c.problemTransactions.filter(test).length), 0)
    if (total) findings.push({ kind, severity, title, count: Math.max(total, evidence.length), evidence: evidence.slice(0, EVIDENCE_SHOWN) })
  }
  add('failed-probe', 'error', 'Test client runs that failed', contents.clientRuns.flatMap((run, i) => (runFailed(run) ? [{ anchor: runAnchor(i), text: `${run.mode} as ${run.mac}: ${run.message}` }] : [])))
  add('pool-over-threshold', 'warning', 'Pools over their warning threshold', poolsOver(contents))
  add('error-log', 'error', 'Error lines in the Kea logs', contents.logLines.flatMap((line, i) => (line.severity === 'ERROR' || line.severity === 'FATAL'
    ? [{ anchor: logAnchor(i), text: `${line.time} ${line.messageId ?? line.severity}: ${line.message}` }] : [])))
  return findings
}

/** Each subnet whose latest reading in the session is at or over its warning threshold. */
function poolsOver(contents: BundleContents): Finding['evidence'] {
  return contents.keaHistory.flatMap((h) => h.usage.flatMap((series) => {
    const last = series.samples.at(-1)
    if (!last || last.total <= 0) return []
    const percent = (100 * last.assigned) / last.total
    const { warn, critical } = contents.thresholds(h.profileId, series.service, series.subnetId)
    if (percent < warn) return []
    return [{
      anchor: poolAnchor(h.profileId, series.service, series.subnetId),
      text: `${series.service} subnet ${series.subnetId}${series.subnet ? ` (${series.subnet})` : ''}: ${percent.toFixed(1)} % used at ${last.at} (${percent >= critical ? 'critical' : 'warning'} from ${percent >= critical ? critical : warn} %)`,
    }]
  }))
}
