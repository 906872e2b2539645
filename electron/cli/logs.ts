// `fieldkit logs FILE|--journal UNIT|--ssh USER@HOST …`: Kea's log lines parsed and filtered, as the Logs view has
// them; each line as Kea wrote it (with its continuation lines), or one JSON object a line with --json. --follow
// keeps reading (across rotation) until interrupted.
import { parseArgs } from 'node:util'
import { join } from 'node:path'
import { KEA_UNITS, REMOTE_LOGS, type KeaUnit, type RemoteLog } from '../contract/log-names'
import type { LogQuery } from '../contract/types'
import { defaultDataDir } from '../engine/data-dir'
import { ensurePrivateDir } from '../engine/files/private-dir'
import { localJournal } from '../engine/logs/journal-source'
import { LogBook, type OpenLog } from '../engine/logs/log-book'
import { lineFilter } from '../engine/logs/log-query'
import { logRow } from '../engine/logs/log-rows'
import { remoteScript, runRemoteLog } from '../engine/logs/remote-log'
import { SEVERITIES } from '../engine/logs/severity'
import { CaptureSourceError } from '../engine/live/source'
import { hostKeyHint, sshTarget } from './capture'
import { LineOutput } from './line-output'

const USAGE = 'logs FILE|--journal UNIT|--ssh USER@HOST [--identity KEY] [--remote-log LOG] [--follow] [--severity S] [--logger L] [--message ID] [--mac M] [--client-id ID] [--xid X] [--address A] [--text T] [--since T] [--until T] [--pattern P] [--format kea|syslog|journal] [--json]'
const POLL_MS = 250

export async function logsCommand(args: string[], fail: (message: string) => number): Promise<number> {
  if (args[0] === 'loggers') return (await import('./logs-loggers')).loggersCommand(args.slice(1), fail)
  let parsed
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: {
        journal: { type: 'string' }, ssh: { type: 'string' }, identity: { type: 'string' }, 'remote-log': { type: 'string' }, 'trust-host-key': { type: 'string' },
        follow: { type: 'boolean', short: 'f', default: false }, severity: { type: 'string' }, logger: { type: 'string' }, message: { type: 'string' },
        mac: { type: 'string' }, 'client-id': { type: 'string' }, xid: { type: 'string' }, address: { type: 'string' }, text: { type: 'string' },
        since: { type: 'string' }, until: { type: 'string' }, pattern: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    return fail(`${(error as Error).message}: npm run -s fieldkit -- ${USAGE}`)
  }
  const { values, positionals } = parsed
  const sources = [positionals.length > 0, values.journal !== undefined, values.ssh !== undefined].filter(Boolean).length
  if (sources !== 1 || positionals.length > 1) return fail(`name one log: a FILE, --journal UNIT or --ssh USER@HOST: npm run -s fieldkit -- ${USAGE}`)
  let query: LogQuery
  try {
    query = queryFrom(values)
  } catch (error) {
    return fail((error as Error).message)
  }
  if (values.format !== undefined && !['kea', 'syslog', 'journal'].includes(values.format)) return fail(`--format takes kea, syslog or journal, not "${values.format}"`)
  const options = { ...(values.pattern && { pattern: values.pattern }), ...(values.format && { format: values.format as 'kea' | 'syslog' | 'journal' }) }

  const book = new LogBook(() => undefined)
  let log: OpenLog
  let done: Promise<void>
  try {
    if (values.journal !== undefined) {
      if (!(KEA_UNITS as readonly string[]).includes(values.journal)) return fail(`--journal takes one of Kea's units: ${KEA_UNITS.join(', ')}`)
      const journal = localJournal()
      if (!journal.available) return problem(`journald cannot be read: ${journal.reason}`)
      const opened = book.openJournal({ unit: values.journal as KeaUnit, since: values.since, until: values.until, follow: values.follow, resume: false })
      ;({ log, done } = opened)
    } else if (values.ssh !== undefined) {
      const target = sshTarget(values.ssh, values.identity)
      if (typeof target === 'string') return fail(target)
      const remote = (values['remote-log'] ?? '/var/log/kea/kea-dhcp4.log') as RemoteLog
      if (!(REMOTE_LOGS as readonly string[]).includes(remote)) return fail(`--remote-log takes one of: ${REMOTE_LOGS.join(', ')}`)
      log = book.openStream({ name: `${values.ssh}:${remote}`, kind: 'remote', ...(remote.startsWith('journal:') && { format: 'journal' as const }), ...options })
      const sshOptions = { knownHostsFile: join(ensurePrivateDir(defaultDataDir()), 'known_hosts'), ...(values['trust-host-key'] && { trustHostKey: values['trust-host-key'] }) }
      const run = await runRemoteLog(target, sshOptions, remoteScript(remote, values.follow), log.sink)
      log.setStopper(run.stop)
      const opened = log
      done = run.done.then(() => opened.finish())
    } else {
      const path = positionals[0]
      ;({ log, done } = book.openFile({ path }, values.follow, { name: path, ...options }))
    }
  } catch (error) {
    return problem(error instanceof CaptureSourceError ? hostKeyHint(error) : (error as Error).message)
  }

  const out = new LineOutput(1)
  let printed = 0
  let passes: ((i: number) => boolean) | null = null
  /** Prints entries up to `upTo`: while following, the newest may still gain continuation lines, so it waits. */
  const print = (upTo: number) => {
    const lines = log.lines
    if (!lines) return
    passes ??= lineFilter(lines, query)
    for (; printed < upTo; printed++) {
      if (!passes(printed)) continue
      out.line(values.json ? JSON.stringify(logRow(lines, printed)) : lines.text[printed])
    }
    out.flush()
  }
  const stop = () => log.stop()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const timer = values.follow ? setInterval(() => print((log.lines?.count ?? 1) - 1), POLL_MS) : null
  await done
  if (values.follow) await new Promise<void>((resolve) => { if (log.info.status !== 'following') resolve(); else process.once('SIGINT', () => resolve()) })
  if (timer) clearInterval(timer)
  log.finish()
  print(log.lines?.count ?? 0)
  const info = log.info
  process.stderr.write(values.json
    ? `${JSON.stringify({ entries: info.entries, unparsed: info.unparsed, otherPrograms: info.otherPrograms, format: info.format, timeZone: info.timeZone, error: info.error })}\n`
    : `${info.entries} entr${info.entries === 1 ? 'y' : 'ies'} (${info.format}${info.unparsed ? `, ${info.unparsed} unparsed` : ''}${info.otherPrograms ? `, ${info.otherPrograms} lines of other programs left out` : ''})\n`)
  if (info.error) return problem(info.error)
  return 0
}

/** A log that could not be read (not a wrong option): exit status 1. */
function problem(message: string): number {
  process.stderr.write(`fieldkit: ${message}\n`)
  return 1
}

function queryFrom(values: Record<string, string | boolean | undefined>): LogQuery {
  const query: LogQuery = {}
  const severity = values.severity as string | undefined
  if (severity !== undefined) {
    const names = severity.toUpperCase().split(',')
    for (const s of names) if (!(SEVERITIES as readonly string[]).includes(s)) throw new Error(`--severity takes ${SEVERITIES.join(', ')} (one: that and worse; several, comma-separated: those), not "${s}"`)
    // One severity means it and worse, as Kea's own logger severity does.
    query.severities = (names.length === 1 ? SEVERITIES.slice(SEVERITIES.indexOf(names[0] as (typeof SEVERITIES)[number])) : names) as LogQuery['severities']
  }
  if (values.logger) query.logger = String(values.logger)
  if (values.message) query.messageId = String(values.message).toUpperCase()
  if (values.mac) {
    if (!/^[\da-f]{2}([:-]?[\da-f]{2}){5}$/i.test(String(values.mac))) throw new Error(`--mac takes a MAC address such as 02:00:5e:50:00:01, not "${values.mac}"`)
    query.mac = String(values.mac)
  }
  if (values['client-id']) query.clientId = String(values['client-id'])
  if (values.address) query.address = String(values.address)
  if (values.text) query.text = String(values.text)
  if (values.xid !== undefined) {
    const text = String(values.xid)
    const xid = /^0x[\da-f]{1,8}$/i.test(text) ? parseInt(text, 16) : /^\d{1,10}$/.test(text) ? Number(text) : NaN
    if (!(xid >= 0 && xid <= 0xffffffff)) throw new Error(`--xid takes a transaction id such as 0x3d1d5c2a, not "${text}"`)
    query.xid = xid
  }
  for (const key of ['since', 'until'] as const) {
    if (values[key] === undefined || values.journal !== undefined) continue
    const time = Date.parse(String(values[key]))
    if (Number.isNaN(time)) throw new Error(`--${key} takes a time such as 2026-11-30T15:00:00Z, not "${values[key]}"`)
    query[key === 'since' ? 'from' : 'to'] = time
  }
  return query
}
