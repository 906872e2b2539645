// `fieldkit session timeline ID [--limit N] [--json]`: the case in time order (sessions.timeline), as the Sessions
// view's Timeline shows it: one line an item, with a mark for its severity and where each of its links leads.
import { parseArgs } from 'node:util'
import type { CaseLink, CaseTimeline, CaseTimelineItem } from '../contract/types'
import type { Engine } from '../engine/engine'
import { MAX_TIMELINE_ITEMS } from '../contract/methods'
import { LineOutput } from './line-output'
import { oneSessionId } from './session-id'

export const TIMELINE_USAGE = 'session timeline ID [--limit N] [--json]'
const SEVERITY_MARK: Record<CaseTimelineItem['severity'], string> = { info: ' ', warning: '!', problem: '✗' }

export async function sessionTimeline(engine: Engine, args: string[], fail: (message: string) => number): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { limit: { type: 'string' }, json: { type: 'boolean', default: false } } })
  const sessionId = oneSessionId(positionals, 'session timeline', TIMELINE_USAGE)
  if (typeof sessionId === 'string') return fail(sessionId)
  const limit = values.limit === undefined ? undefined : Number(values.limit)
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_ITEMS)) return fail(`--limit takes a number of items from 1 to ${MAX_TIMELINE_ITEMS}, not "${values.limit}"`)
  const timeline = (await engine.dispatch('sessions.timeline', { sessionId, ...(limit !== undefined && { limit }) })) as CaseTimeline
  const out = new LineOutput(1)
  if (values.json) out.line(JSON.stringify(timeline))
  else for (const item of timeline.items) out.line(timelineLine(item))
  out.flush()
  for (const note of timeline.notes) process.stderr.write(`note: ${note}\n`)
  const shown = timeline.items.length
  process.stderr.write(`${shown} item${shown === 1 ? '' : 's'}${timeline.omitted ? ` (the ${timeline.omitted} oldest of ${timeline.total} left out: --limit)` : ''}\n`)
  return 0
}

/** Where a link leads, as a reader of the terminal finds it again (capture and frame, run, Kea tab, client). */
function linkText(link: CaseLink): string {
  switch (link.kind) {
    case 'packet': return `capture ${link.captureId} frame ${link.frame}`
    case 'transaction': return `capture ${link.captureId} transaction ${link.transactionId} (frame ${link.frame})`
    case 'run': return `run ${link.runId}`
    case 'kea': return `kea ${link.profileId}${link.service ? ` ${link.service}` : ''}${link.subnetId === null ? '' : ` subnet ${link.subnetId}`} (${link.tab})`
    case 'client': return `client ${link.client}`
    case 'snapshot': return `snapshot ${link.snapshotId}`
  }
}

/** One item as a line: its time, a mark for its severity, its kind, what happened, and its links. */
function timelineLine(item: CaseTimelineItem): string {
  const time = item.time ? item.time.replace('T', ' ').replace('Z', '') : '(no time)'.padEnd(23)
  const links = item.links.length ? `  → ${item.links.map(linkText).join('; ')}` : ''
  return `${time} ${SEVERITY_MARK[item.severity]} ${item.kind.padEnd(13)} ${item.text}${links}`
}
