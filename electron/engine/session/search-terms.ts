// Fills in the search terms (capture-terms.ts) of complete captures that have none yet: new ones, those of a store
// from an older version, one whose test-client run was kept after it completed. One capture at a time, reading its
// index as the packet views do, and each capture once: searching afterwards reads only the store.
import type { SessionStore } from '../store/sessions'
import type { CaptureAnalyses } from './capture-analysis'
import type { ClientRunStore } from './client-run-store'
import { captureTerms } from './capture-terms'

export class SearchTerms {
  private running: Promise<void> | null = null

  constructor(private readonly sessions: SessionStore, private readonly analyses: CaptureAnalyses, private readonly runs: ClientRunStore) {}

  /** Settles once every complete capture has its terms (a call while a fill runs joins it). */
  update(): Promise<void> {
    this.running ??= this.fill().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async fill(): Promise<void> {
    for (let pending = this.sessions.capturesWithoutTerms(); pending.length; pending = this.sessions.capturesWithoutTerms()) {
      for (const captureId of pending) {
        let terms = ''
        try {
          terms = captureTerms(await this.analyses.index(captureId), this.runs.run(captureId))
        } catch {
          // A file gone or damaged past reading: the capture is still found by its name, its session by the rest.
        }
        this.sessions.setTerms(captureId, terms)
      }
    }
  }
}
