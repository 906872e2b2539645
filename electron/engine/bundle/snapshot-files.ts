// The session's snapshots in a bundle: one JSON file each under data/snapshots/, so an import puts them back into the
// session it makes. A bundle is foreign input: each file is checked for its shape and bounds before it is kept.
import { z } from 'zod'
import { keaDhcpService } from '../../contract/methods'
import type { SessionSnapshot } from '../../contract/types'
import { MAX_SNAPSHOT_LEASES, MAX_SNAPSHOT_LOG_LINES } from '../store/session-snapshots'
import type { BundleContents } from './contents'
import type { DataFile } from './data-files'

export const SNAPSHOT_FILES = 'data/snapshots/'

const text = z.string().max(1000)
const taken = {
  at: z.string().max(64),
  source: text,
  filter: text,
  total: z.number().int().min(0),
  profileId: z.string().min(1).max(100).nullable(),
  service: keaDhcpService.nullable(),
}
const snapshotFile = z.discriminatedUnion('kind', [
  z.object({ ...taken, kind: z.literal('kea-config'), config: z.record(z.string(), z.unknown()) }),
  z.object({ ...taken, kind: z.literal('leases'), leases: z.array(z.looseObject({ address: z.string().max(64), table: text })).max(MAX_SNAPSHOT_LEASES) }),
  z.object({ ...taken, kind: z.literal('log-lines'), lines: z.array(z.looseObject({ message: z.string(), log: text })).max(MAX_SNAPSHOT_LOG_LINES) }),
])

export function snapshotFiles(contents: BundleContents): DataFile[] {
  return contents.snapshots.map((s) => ({ path: `${SNAPSHOT_FILES}${s.id}-${s.kind}.json`, source: () => [`${JSON.stringify(contents.snapshot(s.id))}\n`] }))
}

/** A snapshot file's text as a snapshot to restore; throws a sentence naming what is wrong. */
export function parseSnapshotFile(json: string): SessionSnapshot {
  const parsed = snapshotFile.safeParse(JSON.parse(json))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`${issue.path.join('.') || 'the snapshot'}: ${issue.message}`)
  }
  // The restored snapshot gets its id, session and count where it is kept.
  return { id: 0, sessionId: 0, count: 0, ...parsed.data } as SessionSnapshot
}
