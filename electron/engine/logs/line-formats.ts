// The three shapes Kea's lines arrive in: its own file lines (the configured pattern), syslog lines (a syslog
// envelope around Kea's syslog pattern) and journald records (journalctl -o json, one JSON object a line).
import { compilePattern, DEFAULT_PATTERN, SYSLOG_PATTERN, type LinePattern, type PatternFields } from './log-pattern'
import { severityCode, severityOfPriority } from './severity'

export type LogFormat = 'kea' | 'syslog' | 'journal'

export interface ParsedLine {
  time: number
  /** 0 when the line says none. */
  severity: number
  logger: string
  pid: number
  thread: string
  message: string
  /** journald's position, to resume a follow after it. */
  cursor?: string
}

/** A line of another program (syslog, journald): not Kea's, left out. */
export const OTHER_PROGRAM = Symbol('other program')
export type LineResult = ParsedLine | null | typeof OTHER_PROGRAM

/** Month-day syslog time (RFC 3164, rsyslog's default), or RFC 3339 (rsyslog's high precision, journalctl -o short-iso). */
const SYSLOG_ENVELOPE = /^(?:<\d{1,3}>)?(?:([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2})|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)) (\S+) ([\w./@-]+?)(?:\[(\d+)\])?: ?(.*)$/
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const isKeaTag = (tag: string) => /^kea/i.test(tag)

export interface LineReader {
  format: LogFormat
  /** What the times mean: "UTC", "local time of the writer", "written with its offset". */
  timeZone: LinePattern['timeZone']
  read(line: string): LineResult
}

/** Reads one line; the configured pattern first, Kea's default and syslog patterns as fall-backs for a body. */
export function lineReader(format: LogFormat, pattern = DEFAULT_PATTERN): LineReader {
  const own = compilePattern(pattern)
  const bodies = [own, ...[SYSLOG_PATTERN, DEFAULT_PATTERN].filter((p) => p !== pattern).map(compilePattern)]
  const body = (text: string): PatternFields | null => {
    for (const p of bodies) {
      const fields = p.read(text)
      if (fields) return fields
    }
    return null
  }
  if (format === 'kea') return { format, timeZone: own.timeZone, read: (line) => fromPattern(own.read(line)) }
  if (format === 'syslog') return { format, timeZone: 'local', read: (line) => syslogLine(line, body) }
  return { format, timeZone: 'written', read: (line) => journalRecord(line, body) }
}

function fromPattern(fields: PatternFields | null): ParsedLine | null {
  if (!fields) return null
  return { time: fields.time, severity: severityCode(fields.severity), logger: fields.logger ?? '', pid: fields.pid ?? 0, thread: fields.thread ?? '', message: fields.message }
}

function syslogLine(line: string, body: (text: string) => PatternFields | null): LineResult {
  const m = SYSLOG_ENVELOPE.exec(line)
  if (!m) return null
  const [, shortTime, isoTime, , tag, pid, text] = m
  if (!isKeaTag(tag)) return OTHER_PROGRAM
  const fields = body(text)
  const time = Number.isFinite(fields?.time) ? fields!.time : isoTime ? Date.parse(isoTime) : shortSyslogTime(shortTime)
  return { time, severity: severityCode(fields?.severity), logger: fields?.logger ?? tag, pid: fields?.pid ?? Number(pid ?? 0), thread: fields?.thread ?? '', message: fields?.message ?? text }
}

/** "Nov 30 15:57:15" has no year: this year's, or last year's when that would be in the future. */
function shortSyslogTime(text: string): number {
  const now = new Date()
  const [month, day, clock] = text.split(/ +/)
  const [h, mi, s] = clock.split(':').map(Number)
  const at = (year: number) => new Date(year, MONTHS.indexOf(month), Number(day), h, mi, s).getTime()
  const time = at(now.getFullYear())
  return time > now.getTime() + 86_400_000 ? at(now.getFullYear() - 1) : time
}

const MAX_JOURNAL_MESSAGE = 65_536

function journalRecord(line: string, body: (text: string) => PatternFields | null): LineResult {
  if (!line.startsWith('{')) return null
  let record: Record<string, unknown>
  try {
    record = JSON.parse(line) as Record<string, unknown>
  } catch {
    return null
  }
  if (typeof record !== 'object' || record === null || !('MESSAGE' in record)) return null
  const tag = String(record.SYSLOG_IDENTIFIER ?? record._COMM ?? '')
  const unit = String(record._SYSTEMD_UNIT ?? '')
  if (!isKeaTag(tag) && !isKeaTag(unit)) return OTHER_PROGRAM
  // journald gives a message that is not UTF-8 as an array of bytes.
  const raw = record.MESSAGE
  const text = (Array.isArray(raw) ? Buffer.from(raw.slice(0, MAX_JOURNAL_MESSAGE) as number[]).toString('utf8') : String(raw ?? '')).slice(0, MAX_JOURNAL_MESSAGE)
  const fields = body(text.split('\n')[0])
  const rest = text.includes('\n') ? text.slice(text.indexOf('\n')) : ''
  const realtime = Number(record.__REALTIME_TIMESTAMP) / 1000
  const priority = Number(record.PRIORITY)
  return {
    time: Number.isFinite(fields?.time) ? fields!.time : realtime,
    severity: severityCode(fields?.severity) || (Number.isFinite(priority) ? severityOfPriority(priority) : 0),
    logger: fields?.logger ?? (tag || unit), pid: fields?.pid ?? Number(record._PID ?? 0), thread: fields?.thread ?? '',
    message: (fields?.message ?? text.split('\n')[0]) + rest,
    ...(typeof record.__CURSOR === 'string' && { cursor: record.__CURSOR.slice(0, 512) }),
  }
}

/** A text's format from its first lines: journald JSON, syslog, or Kea's own. */
export function detectFormat(firstLines: string[]): LogFormat {
  const lines = firstLines.filter((l) => l.trim()).slice(0, 50)
  if (!lines.length) return 'kea'
  const count = (test: (l: string) => boolean) => lines.filter(test).length
  if (count((l) => l.startsWith('{') && l.includes('"MESSAGE"')) * 2 > lines.length) return 'journal'
  const own = compilePattern(DEFAULT_PATTERN)
  if (count((l) => SYSLOG_ENVELOPE.test(l) && !own.read(l)) * 2 > lines.length) return 'syslog'
  return 'kea'
}
