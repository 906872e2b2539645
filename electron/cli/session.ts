// `fieldkit session list|show|report …`: the sessions kept in the data folder (the app's, or $FIELDKIT_DATA_DIR), through
// the same engine and contract as the app's Sessions view. Each subcommand is one entry of `subcommands`.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sessionSorts, type SessionSort } from '../contract/methods'
import type { CaptureInfo, ClientRunResult, SessionInfo, SessionReport, SessionsStartup, SnapshotInfo } from '../contract/types'
import { defaultDataDir } from '../engine/data-dir'
import type { Engine } from '../engine/engine'
import { LineOutput } from './line-output'
import { oneSessionId } from './session-id'
import { sessionSnapshot, snapshotLine, SNAPSHOT_USAGE } from './session-snapshot'
import { sessionTimeline, TIMELINE_USAGE } from './session-timeline'
import { withEngine } from './with-engine'

type Fail = (message: string) => number
type Subcommand = (engine: Engine, args: string[], fail: Fail) => Promise<number>

const USAGE = `session list [--search S] [--sort updated|created|name] [--ascending] [--trash] [--json] | session show ID [--json] | session report ID [--out FILE.html] [--anonymize] [--json] | ${TIMELINE_USAGE} | ${SNAPSHOT_USAGE}`

const subcommands: Record<string, Subcommand> = {
  list: async (engine, args, fail) => {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { search: { type: 'string' }, sort: { type: 'string' }, ascending: { type: 'boolean', default: false }, trash: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    })
    if (positionals.length) return fail(`session list takes no ${positionals[0]}: npm run -s fieldkit -- ${USAGE}`)
    if (values.sort !== undefined && !(sessionSorts as readonly string[]).includes(values.sort)) return fail(`--sort takes ${sessionSorts.join(', ')}, not "${values.sort}"`)
    const sessions = (values.trash
      ? await engine.dispatch('sessions.trash', {})
      : await engine.dispatch('sessions.list', { ...(values.search && { search: values.search }), ...(values.sort && { sort: values.sort as SessionSort }), descending: !values.ascending })) as SessionInfo[]
    const out = new LineOutput(1)
    if (values.json) out.line(JSON.stringify(sessions))
    else for (const s of sessions) out.line(sessionLine(s))
    out.flush()
    process.stderr.write(`${sessions.length} session${sessions.length === 1 ? '' : 's'}${values.trash ? ' in the trash' : ''}${values.search ? ` matching "${values.search}"` : ''}\n`)
    return 0
  },
  show: async (engine, args, fail) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } })
    const sessionId = oneSessionId(positionals, 'session show', USAGE)
    if (typeof sessionId === 'string') return fail(sessionId)
    const session = (await engine.dispatch('sessions.get', { sessionId })) as SessionInfo
    const captures = (await engine.dispatch('captures.list', { sessionId })) as CaptureInfo[]
    const runs = (await engine.dispatch('client.runs', { sessionId })) as ClientRunResult[]
    const snapshots = (await engine.dispatch('sessions.snapshots', { sessionId })) as SnapshotInfo[]
    const out = new LineOutput(1)
    if (values.json) {
      out.line(JSON.stringify({ session, captures, runs, snapshots }))
    } else {
      out.line(sessionLine(session))
      out.line(`  created ${session.createdAt}, changed ${session.updatedAt}${session.readOnly ? ', read-only (imported)' : ''}`)
      if (session.notes) for (const line of session.notes.split('\n')) out.line(`  | ${line}`)
      for (const c of captures) out.line(`  capture ${c.id}: ${c.name} (${c.format}, ${c.status}, ${c.packetCount} packets)${c.error ? ` — ${c.error}` : ''}`)
      for (const r of runs) out.line(`  ${r.kind ?? 'test client'} ${r.mode} ${r.startedAt} ${r.mac}${r.duid ? ` ${r.duid}` : ''}: ${r.reason} — ${r.message}`)
      for (const s of snapshots) out.line(snapshotLine(s))
    }
    out.flush()
    return 0
  },
  /** The report alone, as HTML (a PDF needs a browser engine to print it: the app's, or a browser's print). */
  report: async (engine, args, fail) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, anonymize: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } })
    const sessionId = oneSessionId(positionals, 'session report', USAGE)
    if (typeof sessionId === 'string') return fail(sessionId)
    const report = (await engine.dispatch('sessions.report', { sessionId, anonymize: values.anonymize })) as SessionReport
    if (values.out === undefined) {
      process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : report.html)
      return 0
    }
    const path = resolve(values.out)
    try {
      // 'wx': a report never replaces a file.
      writeFileSync(path, report.html, { flag: 'wx' })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      return fail(code === 'EEXIST' ? `${values.out} exists; a report never replaces a file: remove it or give another name to --out` : `cannot write ${values.out}: ${(error as Error).message}`)
    }
    const bytes = Buffer.byteLength(report.html)
    process.stdout.write(values.json ? `${JSON.stringify({ path, bytes, anonymized: report.anonymized })}\n` : `Wrote ${path}: ${bytes} bytes${report.anonymized ? ', anonymized' : ''}\n`)
    return 0
  },
  timeline: sessionTimeline,
  snapshot: sessionSnapshot,
}

export async function sessionCommand(args: string[], fail: Fail): Promise<number> {
  const [name, ...rest] = args
  const subcommand = name === undefined ? undefined : subcommands[name]
  if (!subcommand) return fail(`session needs one of ${Object.keys(subcommands).join(', ')}: npm run -s fieldkit -- ${USAGE}`)
  return withEngine({ dataDir: defaultDataDir() }, async (engine) => {
    const { storeNotice } = (await engine.dispatch('sessions.startup', {})) as SessionsStartup
    if (storeNotice) process.stderr.write(`fieldkit: ${storeNotice}\n`)
    return subcommand(engine, rest, fail)
  })
}

function sessionLine(s: SessionInfo): string {
  const tags = s.tags.length ? `  [${s.tags.join(', ')}]` : ''
  const deleted = s.deletedAt ? `  (deleted ${s.deletedAt})` : ''
  return `${String(s.id).padStart(5)}  ${s.updatedAt}  ${String(s.captureCount).padStart(3)} capture${s.captureCount === 1 ? ' ' : 's'} ${String(s.packetCount).padStart(9)} packets  ${s.name}${tags}${deleted}`
}
