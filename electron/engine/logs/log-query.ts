// A filtered view of a log's lines: which lines pass, their counts per message id and severity, and a timeline
// of lines per second by severity. One pass over the columns; the free text is the only per-line string test.
import type { LogQuery, LogTimeline, LogView } from '../../contract/types'
import { sameMessageIds } from './catalogue'
import type { LogLines } from './log-lines'
import { severityCode } from './severity'

/** Timeline buckets at most (the chart is a few hundred pixels wide). */
const MAX_BUCKETS = 600
const NICE_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]
const TOP_MESSAGES = 50

export interface FilteredLines {
  positions: Int32Array
  view: Omit<LogView, 'viewId' | 'logId'>
}

function normalMac(text: string): string {
  const hex = text.toLowerCase().replace(/[^0-9a-f]/g, '')
  return hex.match(/../g)?.join(':') ?? ''
}

/** The test a line must pass; interned ids are looked up once, so a test is a few comparisons. */
export function lineFilter(lines: LogLines, query: LogQuery): (i: number) => boolean {
  const severities = query.severities?.length ? new Set(query.severities.map(severityCode)) : null
  const loggerIds = query.logger ? new Set(lines.loggers.names.flatMap((name, id) => (id && (name === query.logger || name.startsWith(`${query.logger}.`)) ? [id] : []))) : null
  const messageIds = query.messageId ? new Set(sameMessageIds(query.messageId.toUpperCase()).map((id) => lines.messageIds.find(id))) : null
  const mac = query.mac ? lines.clients.find(normalMac(query.mac)) : 0
  const clientId = query.clientId ? lines.clients.find(query.clientId.trim().toLowerCase()) : 0
  const xid = query.xid === undefined ? -1 : query.xid
  const address = query.address ? ` ${query.address.trim()} ` : null
  const from = query.from ?? -Infinity, to = query.to ?? Infinity
  const text = query.text ? new RegExp(query.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : null
  const timed = query.from !== undefined || query.to !== undefined
  // A MAC or client id nobody logged matches nothing: find() gave -1, which no line has.
  return (i) => {
    if (severities && !severities.has(Math.max(0, lines.severity[i]))) return false
    if (loggerIds && !loggerIds.has(lines.logger[i])) return false
    if (messageIds && !messageIds.has(lines.messageId[i])) return false
    if (mac && lines.mac[i] !== mac) return false
    if (clientId && lines.clientId[i] !== clientId) return false
    if (xid >= 0 && lines.xid[i] !== xid) return false
    if (address && !lines.addresses[i].includes(address)) return false
    if (timed && !(lines.time[i] >= from && lines.time[i] <= to)) return false
    return !text || text.test(lines.text[i])
  }
}

export function filterLines(lines: LogLines, query: LogQuery): FilteredLines {
  const n = lines.count
  const passes = lineFilter(lines, query)
  const positions = new Int32Array(n)
  let total = 0
  for (let i = 0; i < n; i++) if (passes(i)) positions[total++] = i
  const kept = positions.slice(0, total)
  return { positions: kept, view: { total, ...summarize(lines, kept) } }
}

function summarize(lines: LogLines, positions: Int32Array): Pick<LogView, 'severities' | 'messages' | 'distinctMessages' | 'timeline'> {
  const bySeverity = [0, 0, 0, 0, 0, 0]
  const byMessage = new Map<number, number>()
  let first = Infinity, last = -Infinity
  for (const i of positions) {
    bySeverity[Math.max(0, lines.severity[i])]++
    const m = lines.messageId[i]
    if (m) byMessage.set(m, (byMessage.get(m) ?? 0) + 1)
    const t = lines.time[i]
    if (t < first) first = t
    if (t > last) last = t
  }
  const messages = [...byMessage].sort((a, b) => b[1] - a[1]).slice(0, TOP_MESSAGES).map(([id, count]) => ({ messageId: lines.messageIds.names[id], count }))
  return {
    severities: { none: bySeverity[0], DEBUG: bySeverity[1], INFO: bySeverity[2], WARN: bySeverity[3], ERROR: bySeverity[4], FATAL: bySeverity[5] },
    messages, distinctMessages: byMessage.size,
    timeline: first <= last ? timeline(lines, positions, first, last) : null,
  }
}

function timeline(lines: LogLines, positions: Int32Array, first: number, last: number): LogTimeline {
  const spanSeconds = (last - first) / 1000
  const bucketSeconds = NICE_SECONDS.find((s) => spanSeconds / s <= MAX_BUCKETS) ?? Math.ceil(spanSeconds / MAX_BUCKETS)
  const start = Math.floor(first / 1000 / bucketSeconds) * bucketSeconds
  const buckets = Math.floor(last / 1000 / bucketSeconds) - start / bucketSeconds + 1
  const counts = Array.from({ length: 6 }, () => new Array<number>(buckets).fill(0))
  for (const i of positions) {
    const t = lines.time[i]
    if (!(t === t)) continue
    counts[Math.max(0, lines.severity[i])][Math.floor(t / 1000 / bucketSeconds) - start / bucketSeconds]++
  }
  return { start, bucketSeconds, none: counts[0], DEBUG: counts[1], INFO: counts[2], WARN: counts[3], ERROR: counts[4], FATAL: counts[5] }
}
