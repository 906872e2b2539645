// `fieldkit client-history --mac M|--client-id ID [--capture FILE]… [--log FILE]… [--leases CSV]… [--limit N] [--json]`:
// everything the given captures, Kea logs and memfiles say about one client, oldest first, as the app's Client history
// panel shows it. It runs the app's engine on a throwaway data folder, so nothing is kept.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { CaptureInfo, ClientTimeline, ClientTimelineItem, LeaseTableInfo, LogInfo } from '../contract/types'
import { namedClient } from '../engine/clients/client-identity'
import type { Engine } from '../engine/engine'
import { LineOutput } from './line-output'
import { withEngine } from './with-engine'

const USAGE = 'client-history (--mac M | --client-id ID) [--capture FILE]… [--log FILE]… [--leases CSV]… [--limit N] [--json]'
const POLL_MS = 50

export async function clientHistoryCommand(args: string[], fail: (message: string) => number): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      options: {
        mac: { type: 'string' }, 'client-id': { type: 'string' }, capture: { type: 'string', multiple: true }, log: { type: 'string', multiple: true },
        leases: { type: 'string', multiple: true }, limit: { type: 'string' }, json: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    return fail(`${(error as Error).message}: npm run -s fieldkit -- ${USAGE}`)
  }
  const { values } = parsed
  const client = values.mac ?? values['client-id']
  if (client === undefined || (values.mac !== undefined && values['client-id'] !== undefined)) return fail(`name the client with --mac or --client-id (one of them): npm run -s fieldkit -- ${USAGE}`)
  try {
    namedClient(client)
  } catch (error) {
    return fail((error as Error).message)
  }
  const limit = values.limit === undefined ? 500 : Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 2000) return fail(`--limit takes a number of items from 1 to 2000, not "${values.limit}"`)
  const files = { capture: values.capture ?? [], log: values.log ?? [], leases: values.leases ?? [] }
  const missing = [...files.capture, ...files.log, ...files.leases].find((path) => !existsSync(path))
  if (missing) return fail(`there is no file ${missing}`)
  if (!files.capture.length && !files.log.length && !files.leases.length) return fail(`give at least one --capture, --log or --leases file to look through: npm run -s fieldkit -- ${USAGE}`)

  const dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-client-history-'))
  try {
    return await withEngine({ dataDir }, async (engine) => {
      const timeline = await gather(engine, client, files, limit)
      const out = new LineOutput(1)
      if (values.json) out.line(JSON.stringify(timeline))
      else for (const item of timeline.items) out.line(itemLine(item))
      out.flush()
      const shown = timeline.items.length
      process.stderr.write(`${shown} item${shown === 1 ? '' : 's'} about ${timeline.client.id ?? timeline.client.mac}${timeline.omitted ? ` (the ${timeline.omitted} oldest left out: --limit)` : ''}\n`)
      return 0
    })
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function gather(engine: Engine, client: string, files: { capture: string[]; log: string[]; leases: string[] }, limit: number): Promise<ClientTimeline> {
  const call = <T>(method: string, params: unknown) => engine.dispatch(method, params) as Promise<T>
  const grant = (path: string) => engine.grant(resolve(path)).fileId
  let sessionId: number | undefined
  for (const path of files.capture) {
    const capture = await call<CaptureInfo>('captures.open', { fileId: grant(path), ...(sessionId !== undefined && { sessionId }) })
    sessionId = capture.sessionId
  }
  for (const path of files.log) await call<LogInfo>('logs.open', { source: { fileId: grant(path) } })
  for (const path of files.leases) await call<LeaseTableInfo>('leases.open', { source: { fileId: grant(path) } })
  // Every source reads in the background; the history is asked for once all have been read.
  for (;;) {
    const captures = sessionId === undefined ? [] : await call<CaptureInfo[]>('captures.list', { sessionId })
    const logs = await call<LogInfo[]>('logs.list', {})
    const tables = await call<LeaseTableInfo[]>('leases.tables', {})
    if (!captures.some((c) => c.status === 'loading') && !logs.some((l) => l.status === 'reading') && !tables.some((t) => t.loading)) {
      for (const c of captures) if (c.error) warn(`${c.name}: ${c.error}`)
      for (const l of logs) if (l.error) warn(`${l.name}: ${l.error}`)
      for (const t of tables) if (t.error) warn(`${t.name}: ${t.error}`)
      break
    }
    await new Promise((done) => setTimeout(done, POLL_MS))
  }
  return call<ClientTimeline>('clients.timeline', { client, limit, ...(sessionId !== undefined && { sessionId }) })
}

/** One item as a line: its time, what it is, where it is, and what it says. */
export function itemLine(item: ClientTimelineItem): string {
  const time = item.time ? item.time.replace('T', ' ').replace('Z', '') : '(no time)'.padEnd(23)
  switch (item.kind) {
    case 'log': return `${time}  log     ${item.logName}:${item.line}  ${item.severity ?? '-'} ${item.text}`
    case 'transaction': return `${time}  packets ${item.captureName} frames ${item.steps.map((s) => s.frame).join(',')}  ${item.exchange} ${item.xid} ${item.status}${item.address ? ` ${item.address}` : ''}${item.problem ? `: ${item.problem}` : ''} (${item.steps.map((s) => s.type).join(' ')})`
    case 'lease': return `${time}  lease   ${item.tableName}  ${item.address} ${item.state} until ${item.expire.replace('T', ' ').slice(0, 19)}`
    case 'run': return `${time}  run     test client #${item.runId}  ${item.mode} ${item.reason}: ${item.message}`
  }
}

function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`)
}
