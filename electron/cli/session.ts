// `fieldkit session list|show …`: the sessions kept in the data folder (the app's, or $FIELDKIT_DATA_DIR), through
// the same engine and contract as the app's Sessions view. Each subcommand is one entry of `subcommands`.
import { parseArgs } from 'node:util'
import { sessionSorts, type SessionSort } from '../contract/methods'
import type { CaptureInfo, ClientRunResult, SessionInfo, SessionsStartup } from '../contract/types'
import { defaultDataDir } from '../engine/data-dir'
import type { Engine } from '../engine/engine'
import { LineOutput } from './line-output'
import { withEngine } from './with-engine'

type Fail = (message: string) => number
type Subcommand = (engine: Engine, args: string[], fail: Fail) => Promise<number>

const USAGE = 'session list [--search S] [--sort updated|created|name] [--ascending] [--trash] [--json] | session show ID [--json]'

export const subcommands: Record<string, Subcommand> = {
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
    const sessionId = Number(positionals[0])
    if (positionals.length !== 1 || !Number.isInteger(sessionId) || sessionId < 1) return fail(`session show takes one session ID (a number, as session list prints it): npm run -s fieldkit -- ${USAGE}`)
    const session = (await engine.dispatch('sessions.get', { sessionId })) as SessionInfo
    const captures = (await engine.dispatch('captures.list', { sessionId })) as CaptureInfo[]
    const runs = (await engine.dispatch('client.runs', { sessionId })) as ClientRunResult[]
    const out = new LineOutput(1)
    if (values.json) {
      out.line(JSON.stringify({ session, captures, runs }))
    } else {
      out.line(sessionLine(session))
      out.line(`  created ${session.createdAt}, changed ${session.updatedAt}${session.readOnly ? ', read-only (imported)' : ''}`)
      if (session.notes) for (const line of session.notes.split('\n')) out.line(`  | ${line}`)
      for (const c of captures) out.line(`  capture ${c.id}: ${c.name} (${c.format}, ${c.status}, ${c.packetCount} packets)${c.error ? ` — ${c.error}` : ''}`)
      for (const r of runs) out.line(`  ${r.kind ?? 'test client'} ${r.mode} ${r.startedAt} ${r.mac}${r.duid ? ` ${r.duid}` : ''}: ${r.reason} — ${r.message}`)
    }
    out.flush()
    return 0
  },
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
