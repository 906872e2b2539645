// `fieldkit session snapshot ID SNAPSHOT_ID [--json|--csv]`: one of the snapshots a session keeps (`session show`
// lists them): a Kea configuration as JSON (its secrets were hidden when it was taken), leases and log lines as text
// lines, CSV (the columns of the Leases view's export and of a bundle's log-lines.csv) or JSON.
import { parseArgs } from 'node:util'
import type { SessionSnapshot, SnapshotInfo } from '../contract/types'
import { logLineCsvCells, logLineCsvHeader } from '../engine/bundle/data-files'
import type { Engine } from '../engine/engine'
import { csvCell, leaseCsvHeader, leaseCsvLine } from '../engine/leases/lease-csv'
import { leaseLine, leaseTableHeader } from './lease-printer'
import { LineOutput } from './line-output'

export const SNAPSHOT_USAGE = 'session snapshot ID SNAPSHOT_ID [--json|--csv]'

/** One line on a snapshot, as `session show` lists them. */
export function snapshotLine(s: SnapshotInfo): string {
  const what = s.kind === 'kea-config' ? 'Kea configuration' : `${s.count} ${s.kind === 'leases' ? 'lease' : 'log line'}${s.count === 1 ? '' : 's'}${s.total > s.count ? ` (of ${s.total})` : ''}`
  return `  snapshot ${s.id}: ${s.at} ${what} of ${s.source}${s.filter ? ` [${s.filter}]` : ''}`
}

export async function sessionSnapshot(engine: Engine, args: string[], fail: (message: string) => number): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, csv: { type: 'boolean', default: false } } })
  const [sessionId, snapshotId] = positionals.map(Number)
  if (positionals.length !== 2 || ![sessionId, snapshotId].every((n) => Number.isInteger(n) && n > 0)) {
    return fail(`session snapshot takes a session ID and a snapshot ID (numbers, as session list and session show print them): npm run -s fieldkit -- ${SNAPSHOT_USAGE}`)
  }
  if (values.json && values.csv) return fail('session snapshot prints --json or --csv, not both')
  const snapshot = (await engine.dispatch('sessions.snapshot', { sessionId, snapshotId })) as SessionSnapshot
  if (values.csv && snapshot.kind === 'kea-config') return fail(`snapshot ${snapshotId} is a Kea configuration, which has no CSV form: print it as it is, or with --json`)
  const out = new LineOutput(1)
  if (values.json) out.line(JSON.stringify(snapshot))
  else if (snapshot.kind === 'kea-config') out.line(JSON.stringify(snapshot.config, null, 2))
  else if (snapshot.kind === 'leases') {
    if (values.csv) {
      out.line(leaseCsvHeader.slice(0, -1))
      for (const lease of snapshot.leases) out.line(leaseCsvLine(lease).slice(0, -1))
    } else {
      const now = Date.now() / 1000
      out.line(leaseTableHeader(snapshot.leases[0]?.family ?? 4))
      for (const lease of snapshot.leases) out.line(leaseLine(lease, now))
    }
  } else if (values.csv) {
    out.line(logLineCsvHeader.join(','))
    for (const line of snapshot.lines) out.line(logLineCsvCells(line).map(csvCell).join(','))
  } else {
    for (const l of snapshot.lines) out.line(`${l.log}:${l.lineNumber} ${l.time || '-'} ${(l.severity ?? '-').padEnd(5)} ${l.messageId ?? '-'} ${l.message}`)
  }
  out.flush()
  process.stderr.write(`${snapshotLine(snapshot).trim()}, taken in session ${sessionId}\n`)
  return 0
}
