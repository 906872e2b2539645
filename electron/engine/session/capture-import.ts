// Loads a capture file into a session: indexes it in batches, and keeps the file, the one source of its packets, in
// the data folder. The first batch is indexed before `openCaptureInSession` returns, so the list shows rows at once;
// the rest follows in the background, yielding to the event loop between batches so the UI and other calls stay
// responsive. A file opened in place is copied into the data folder meanwhile; the capture names the original until
// the copy is complete, so a load cut short by a crash still has its file to be read again from.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { CaptureInfo } from '../../contract/types'
import { openCapture } from '../capture-file/open'
import type { EventSink } from '../events'
import { CaptureCopy } from '../files/capture-copies'
import { CaptureIndex } from '../index/capture-index'
import { FileIndexer } from '../index/file-indexer'
import { PacedBatch } from '../paced-batch'
import type { SessionStore } from '../store/sessions'

/** Packets indexed between two turns of the event loop, sized to some 20 ms of work (see PacedBatch). */
const MIN_BATCH = 1000
const MAX_BATCH = 50_000
/** The batch indexed before `captures.open` returns: enough to fill the screen, small enough to show at once. */
const FIRST_BATCH = 500

export interface CaptureSource {
  path: string
  /** The user's name for it. */
  name: string
  /** Where to keep a copy of it in the data folder; absent when it is in the data folder already (an upload). */
  copyTo?: string
}

export interface OpenedCapture {
  capture: CaptureInfo
  /** Filled as the file loads, for the packet list, filters, transactions and statistics. */
  index: CaptureIndex
  /** Settles when the whole file is indexed and kept (or loading failed or was cancelled). */
  done: Promise<unknown>
  /** The job.progress id of the load. */
  jobId: string
  /** The user stops the load: what was read stays, and the capture is ready with what it has. */
  stop(): void
  /** Stops loading after the current batch, leaving the capture as it is (the engine is closing). */
  cancel(): void
}

/**
 * `sessionFor` is asked only once the file has proved readable, so a bad file creates no session. From then on
 * the capture exists: whatever goes wrong while loading marks it failed with the reason, and this still returns.
 */
export function openCaptureInSession(sessions: SessionStore, emit: EventSink, source: CaptureSource, sessionFor: () => number): OpenedCapture {
  const reader = openCapture(source.path, source.name)
  let captureId: number
  const copy = source.copyTo === undefined ? null : new CaptureCopy(source.copyTo, source.name)
  try {
    if (copy) reader.tee((bytes, offset) => copy.write(bytes, offset))
    captureId = sessions.addCapture(sessionFor(), source.name, source.path, reader.format).id
  } catch (error) {
    reader.close()
    void copy?.discard()
    throw error
  }
  const index = new CaptureIndex({ fileSize: reader.size })
  const load = new CaptureLoad(sessions, emit, new FileIndexer(reader, index), captureId, source.name, copy)
  const done = load.start()
  return { capture: sessions.capture(captureId)!, index, done, jobId: load.jobId, stop: () => load.stop(), cancel: () => load.cancel() }
}

class CaptureLoad {
  private cancelled = false
  private stopped = false
  readonly jobId: string

  /** `copy`: the copy into the data folder the reader's bytes go to, if the file is not there already. */
  constructor(
    private readonly sessions: SessionStore, private readonly emit: EventSink, private readonly indexer: FileIndexer,
    private readonly captureId: number, private readonly name: string, private readonly copy: CaptureCopy | null,
  ) {
    this.jobId = `load-capture-${captureId}`
  }

  /** Indexes the first batch now, so the list has rows when `captures.open` returns; the rest in the background. */
  start(): Promise<CaptureInfo | null> {
    let more: boolean
    try {
      more = this.step(FIRST_BATCH)
    } catch (error) {
      return Promise.resolve(this.fail(error))
    }
    return this.rest(more)
  }

  private readonly batch = new PacedBatch(MIN_BATCH, MAX_BATCH)

  /** Indexes up to one batch; false when the file had no more records. */
  private step(size = this.batch.size): boolean {
    const before = this.indexer.index.count
    this.batch.begin()
    const more = this.indexer.step(size, this.batch.deadline)
    this.batch.took(this.indexer.index.count - before)
    if (more) this.sessions.setPacketCount(this.captureId, this.indexer.index.count)
    return more
  }

  cancel(): void {
    this.cancelled = true
  }

  stop(): void {
    this.stopped = true
  }

  /** Cancelled (the store may be closed), or its session was deleted meanwhile: there is nothing left to load into. */
  private abandoned(): boolean {
    return this.cancelled || !this.sessions.capture(this.captureId)
  }

  private async rest(more: boolean): Promise<CaptureInfo | null> {
    try {
      while (more) {
        this.progress('running')
        this.emit('capture.updated', this.sessions.capture(this.captureId)!)
        await nextTurn()
        if (this.abandoned()) return this.abandon()
        if (this.stopped) {
          const count = this.indexer.index.count.toLocaleString('en')
          return await this.finish(`Loading was stopped after packet ${count}; the packets read until then are kept.`)
        }
        more = this.step()
      }
      return await this.finish()
    } catch (error) {
      return this.cancelled ? null : this.fail(error)
    }
  }

  /** Once the file is indexed and its copy (if any) complete, the capture names the copy and is ready. */
  private async finish(stoppedEarly?: string): Promise<CaptureInfo | null> {
    const { reader } = this.indexer
    reader.close()
    const notKept = this.copy && (await this.copy.complete().then(() => null, (error: Error) => error.message))
    if (this.abandoned()) return this.abandon()
    if (this.copy && !notKept) this.sessions.moveCapture(this.captureId, this.copy.path)
    const problem = [stoppedEarly ?? reader.problem, notKept].filter(Boolean).join(' ') || null
    const info = this.sessions.finishCapture(this.captureId, 'ready', problem)
    this.progress('finished', problem ?? undefined)
    this.emit('capture.updated', info)
    return info
  }

  private abandon(): null {
    this.indexer.reader.close()
    this.dropCopy()
    return null
  }

  /** The capture keeps naming the file it was read from: a copy, whether under way or complete, belongs to nothing. */
  private dropCopy(): void {
    void this.copy?.discard()
  }

  private fail(error: unknown): CaptureInfo {
    this.indexer.reader.close()
    this.dropCopy()
    // One line, as the Sessions view shows it.
    const reason = `Loading stopped: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`
    const info = this.sessions.finishCapture(this.captureId, 'failed', reason)
    this.progress('failed', reason)
    this.emit('capture.updated', info)
    return info
  }

  private progress(state: 'running' | 'finished' | 'failed', message?: string): void {
    const { reader } = this.indexer
    this.emit('job.progress', { jobId: this.jobId, title: `Loading ${this.name}`, done: Math.min(reader.position, reader.size), total: reader.size, state, message })
  }
}
