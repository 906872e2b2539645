// Loads a capture file into a session: read, decode the summary columns, store in batches. The first batch is
// stored before `openCaptureInSession` returns, so the list shows rows at once; the rest follows in the
// background, yielding to the event loop between batches so the UI and other calls stay responsive.
import { basename } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { CaptureInfo } from '../../contract/types'
import { openCapture, type CaptureReader } from '../capture-file/open'
import type { CaptureRecord } from '../capture-file/record'
import { decodeFrame } from '../decode/frame'
import type { EventSink } from '../events'
import { CaptureIndex } from '../index/capture-index'
import type { PacketStore, PacketSummary } from '../store/packets'
import type { SessionStore } from '../store/sessions'

const BATCH = 5000
/** The batch stored before `captures.open` returns: enough to fill the screen, small enough to show at once. */
const FIRST_BATCH = 500
/**
 * A batch also ends after this much of the file: a batch of large records (up to 256 KiB each) would otherwise be
 * a gigabyte read, held and stored in one transaction before the engine answers anything else.
 */
const BATCH_BYTES = 32 * 1024 * 1024

export interface Stores {
  sessions: SessionStore
  packets: PacketStore
}

export interface OpenedCapture {
  capture: CaptureInfo
  /** Filled as the file loads, for filters, transactions and statistics. */
  index: CaptureIndex
  /** Settles when the whole file is stored (or loading failed or was cancelled). */
  done: Promise<unknown>
  /** The job.progress id of the load. */
  jobId: string
  /** The user stops the load: what was stored stays, and the capture is ready with what it has. */
  stop(): void
  /** Stops loading after the current batch, leaving the capture as it is (the engine is closing). */
  cancel(): void
}

/**
 * `sessionFor` is asked only once the file has proved readable, so a bad file creates no session. From then on
 * the capture exists: whatever goes wrong while loading marks it failed with the reason, and this still returns.
 */
export function openCaptureInSession(stores: Stores, emit: EventSink, path: string, sessionFor: () => number, name = basename(path)): OpenedCapture {
  const reader = openCapture(path, name)
  let captureId: number
  try {
    captureId = stores.sessions.addCapture(sessionFor(), name, path, reader.format).id
  } catch (error) {
    reader.close()
    throw error
  }
  const index = new CaptureIndex({ fileSize: reader.size })
  const load = new CaptureLoad(stores, emit, reader, index, captureId, name)
  const done = load.start()
  return { capture: stores.sessions.capture(captureId)!, index, done, jobId: load.jobId, stop: () => load.stop(), cancel: () => load.cancel() }
}

class CaptureLoad {
  private cancelled = false
  private stopped = false
  readonly jobId: string

  constructor(
    private readonly stores: Stores, private readonly emit: EventSink, private readonly reader: CaptureReader,
    private readonly index: CaptureIndex, private readonly captureId: number, private readonly name: string,
  ) {
    this.jobId = `load-capture-${captureId}`
  }

  /** Stores the first batch now, so the list has rows when `captures.open` returns; the rest in the background. */
  start(): Promise<CaptureInfo | null> {
    try {
      if (!this.step(FIRST_BATCH)) return Promise.resolve(this.finish())
    } catch (error) {
      return Promise.resolve(this.fail(error))
    }
    return this.rest()
  }

  /** Reads, decodes and stores up to one batch; false when the file had no more records. */
  private step(size = BATCH): boolean {
    const batch: { record: CaptureRecord; decoded: PacketSummary }[] = []
    const end = this.reader.position + BATCH_BYTES
    while (batch.length < size && this.reader.position < end) {
      const record = this.reader.next()
      if (!record) break
      const decoded = decodeFrame(record.linkType, record.data, record.originalLength)
      // Only the summary is kept: dropping the tree at once keeps it in the young generation, cheap to collect.
      const { source, destination, protocol, info, malformed } = decoded
      batch.push({ record, decoded: { source, destination, protocol, info, malformed } })
      this.index.add(record, decoded.malformed)
    }
    if (batch.length === 0) return false
    this.stores.packets.addBatch(this.captureId, batch)
    return true
  }

  cancel(): void {
    this.cancelled = true
  }

  stop(): void {
    this.stopped = true
  }

  private async rest(): Promise<CaptureInfo | null> {
    try {
      do {
        this.progress('running')
        this.emit('capture.updated', this.stores.sessions.capture(this.captureId)!)
        await nextTurn()
        // Cancelled, or its session was deleted meanwhile: there is nothing left to load into.
        if (this.cancelled || !this.stores.sessions.capture(this.captureId)) {
          this.reader.close()
          return null
        }
        if (this.stopped) return this.finish(`Loading was stopped after packet ${this.index.count.toLocaleString('en')}; the packets read until then are kept.`)
      } while (this.step())
      return this.finish()
    } catch (error) {
      return this.fail(error)
    }
  }

  private finish(stoppedEarly?: string): CaptureInfo {
    const problem = stoppedEarly ?? this.reader.problem
    this.reader.close()
    const info = this.stores.sessions.finishCapture(this.captureId, 'ready', problem)
    this.progress('finished', problem ?? undefined)
    this.emit('capture.updated', info)
    return info
  }

  private fail(error: unknown): CaptureInfo {
    this.reader.close()
    // One line, as the Sessions view shows it.
    const reason = `Loading stopped: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`
    const info = this.stores.sessions.finishCapture(this.captureId, 'failed', reason)
    this.progress('failed', reason)
    this.emit('capture.updated', info)
    return info
  }

  private progress(state: 'running' | 'finished' | 'failed', message?: string): void {
    this.emit('job.progress', { jobId: this.jobId, title: `Loading ${this.name}`, done: Math.min(this.reader.position, this.reader.size), total: this.reader.size, state, message })
  }
}
