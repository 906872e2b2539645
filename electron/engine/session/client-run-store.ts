// The test client runs a session keeps: one JSON file per run in the data folder's client-runs/, named for the capture
// that holds its packets. The store's captures table says which runs still belong to a session: a run whose capture
// is gone (its session deleted) is no longer listed, and its file is removed when the engine next starts.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ClientRunResult } from '../../contract/types'
import { writeAtomically } from '../files/atomic-write'
import { ensurePrivateDir } from '../files/private-dir'
import type { SessionStore } from '../store/sessions'

interface StoredRun {
  /** The capture's file when the run was saved: a capture id used again (a new database) names another file. */
  capturePath: string
  run: ClientRunResult
}

export class ClientRunStore {
  constructor(private readonly dir: string, private readonly sessions: SessionStore) {
    this.removeOrphans()
  }

  save(run: ClientRunResult): void {
    const stored: StoredRun = { capturePath: this.sessions.captureFile(run.captureId)!.path, run }
    writeAtomically({ path: this.fileOf(run.captureId), replace: true }, (temporary) => writeFileSync(temporary, JSON.stringify(stored)))
    // Its variables are found by a session search: the capture's terms are written again with them.
    this.sessions.setTerms(run.captureId, null)
  }

  /** The run whose packets are capture `captureId`, if it is one's. */
  run(captureId: number): ClientRunResult | undefined {
    return this.read(captureId)?.run
  }

  /** A duplicated session's capture gets the run of the capture it copies. */
  copy(fromCaptureId: number, to: { captureId: number; sessionId: number }): void {
    const run = this.run(fromCaptureId)
    if (run) this.save({ ...run, ...to })
  }

  /** The runs of a session, oldest first. */
  list(sessionId: number): ClientRunResult[] {
    return this.sessions.captures(sessionId).flatMap((capture) => {
      const stored = this.read(capture.id)
      return stored ? [stored.run] : []
    })
  }

  private fileOf(captureId: number): string {
    return join(ensurePrivateDir(this.dir), `${captureId}.json`)
  }

  /** The run whose packets are capture `captureId`; null when that capture is no run's. */
  private read(captureId: number): StoredRun | null {
    let stored: StoredRun
    try {
      stored = JSON.parse(readFileSync(join(this.dir, `${captureId}.json`), 'utf8')) as StoredRun
    } catch {
      return null
    }
    return stored.capturePath === this.sessions.captureFile(captureId)?.path ? stored : null
  }

  private removeOrphans(): void {
    for (const name of readdirSync(ensurePrivateDir(this.dir))) {
      const captureId = /^(\d+)\.json$/.exec(name)?.[1]
      if (!captureId || !this.read(Number(captureId))) rmSync(join(this.dir, name), { force: true, recursive: true })
    }
  }
}
