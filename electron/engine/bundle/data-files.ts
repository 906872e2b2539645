// A bundle's data as JSON (every field, for tools) and CSV (for a spreadsheet), produced a batch of rows at a time
// so a big capture's transactions go into the zip without one big string.
import type { TransactionInfo } from '../../contract/types'
import { csvCell, leaseCsvHeader, leaseCsvLine } from '../leases/lease-csv'
import type { BundleContents, BundleLogLine } from './contents'
import type { Finding } from './findings'
import { RESTORED_DATA } from './manifest'
import type { FileSource } from './zip-writer'

/** Characters gathered before a batch goes out: large enough that deflate and hashing see big chunks. */
const BATCH_CHARS = 256 * 1024

export interface DataFile {
  path: string
  source: FileSource
}

/** Rows joined into large strings. */
async function* batched(lines: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  let batch = ''
  for await (const line of lines) {
    batch += line
    if (batch.length >= BATCH_CHARS) {
      yield batch
      batch = ''
    }
  }
  if (batch) yield batch
}

type Items<T> = () => Iterable<T> | AsyncIterable<T>

function jsonArray<T>(items: Items<T>): FileSource {
  return () => batched((async function* () {
    let first = true
    yield '['
    for await (const item of items()) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`
      first = false
    }
    yield '\n]\n'
  })())
}

function csv<T>(header: string[], items: Items<T>, row: (item: T) => (string | number | null | undefined)[]): FileSource {
  return () => batched((async function* () {
    yield `${header.join(',')}\n`
    for await (const item of items()) yield `${row(item).map(csvCell).join(',')}\n`
  })())
}

/** A log line's CSV columns: the bundle's log-lines.csv and `fieldkit session snapshot --csv` alike. */
export const logLineCsvHeader = ['log', 'line', 'time', 'severity', 'message_id', 'mac', 'xid', 'message']
export const logLineCsvCells = (l: BundleLogLine) => [l.log, l.lineNumber, l.time, l.severity, l.messageId, l.mac, l.xid, l.message]

interface CaptureTransaction {
  capture: string
  captureId: number
  transaction: TransactionInfo
}

export function dataFiles(contents: BundleContents, findings: Finding[]): DataFile[] {
  const transactions = async function* (): AsyncGenerator<CaptureTransaction> {
    for (const c of contents.captures) {
      for await (const page of c.transactionPages()) for (const transaction of page) yield { capture: c.info.name, captureId: c.info.id, transaction }
    }
  }
  const variables = function* () {
    for (const [run, r] of contents.clientRuns.entries()) for (const [name, value] of Object.entries(r.variables)) yield { run, r, name, value }
  }
  const samples = function* () {
    for (const h of contents.keaHistory) for (const s of h.usage) for (const sample of s.samples) yield { h, s, sample }
  }
  const files: DataFile[] = [
    { path: 'data/transactions.json', source: jsonArray(transactions) },
    {
      path: 'data/transactions.csv',
      source: csv(['capture', 'id', 'family', 'kind', 'client', 'xid', 'start_s', 'duration_ms', 'status', 'problem', 'missing', 'address', 'servers', 'warnings', 'retransmissions', 'latencies_ms'],
        transactions, ({ capture, transaction: t }) => [capture, t.id, t.family, t.kind, t.client, t.xid, t.start, t.durationMs, t.status, t.problem, t.missing.join(' '), t.address, t.servers.join(' '),
          t.warnings.join('; '), t.retransmissions, t.steps.filter((s) => s.latencyMs !== null).map((s) => `${s.type}=${s.latencyMs}`).join(' ')]),
    },
    { path: 'data/statistics.json', source: () => [JSON.stringify(contents.captures.map((c) => ({ capture: c.info.name, stats: c.stats })), null, 1)] },
    { path: RESTORED_DATA.clientRuns, source: jsonArray(() => contents.clientRuns) },
    { path: 'data/variables.csv', source: csv(['run', 'mode', 'mac', 'started_at', 'reason', 'name', 'value'], variables, ({ run, r, name, value }) => [run, r.mode, r.mac, r.startedAt, r.reason, name, value]) },
    { path: RESTORED_DATA.keaHistory, source: jsonArray(() => contents.keaHistory) },
    {
      path: 'data/stats-samples.csv',
      source: csv(['connection', 'service', 'subnet_id', 'subnet', 'kind', 'at', 'assigned', 'total'], samples, ({ h, s, sample }) => [h.profileId, s.service, s.subnetId, s.subnet, s.kind, sample.at, sample.assigned, sample.total]),
    },
    { path: 'data/findings.json', source: () => [JSON.stringify(findings, null, 1)] },
    ...(contents.timeline ? [{ path: 'data/timeline.json', source: () => [JSON.stringify(contents.timeline, null, 1)] }] : []),
  ]
  if (contents.leases.length) {
    files.push({ path: 'data/leases.json', source: jsonArray(() => contents.leases) })
    files.push({ path: 'data/leases.csv', source: () => batched([leaseCsvHeader, ...contents.leases.map(leaseCsvLine)]) })
  }
  if (contents.logLines.length) {
    files.push({ path: 'data/log-lines.json', source: jsonArray(() => contents.logLines) })
    files.push({
      path: 'data/log-lines.csv',
      source: csv(logLineCsvHeader, () => contents.logLines, logLineCsvCells),
    })
  }
  return files
}
