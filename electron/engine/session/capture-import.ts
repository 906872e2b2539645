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
/** Per-record overhead in the file, for an approximate progress in bytes. */
const RECORD_HEADER = 16

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
  /** Stops loading after the current batch; what was stored stays. */
  cancel(): void
}

/** `sessionFor` is asked only once the file has proved readable, so a bad file creates no session. */
export function openCaptureInSession(stores: Stores, emit: EventSink, path: string, sessionFor: () => number, name = basename(path)): OpenedCapture {
  const reader = openCapture(path, name)
  const capture = stores.sessions.addCapture(sessionFor(), name, path, reader.format)
  const index = new CaptureIndex({ fileSize: reader.size })
  const load = new CaptureLoad(stores, emit, reader, index, capture.id, name)
  const hadRecords = load.step(FIRST_BATCH)
  const done = hadRecords ? load.rest() : Promise.resolve(load.finish())
  return { capture: stores.sessions.capture(capture.id)!, index, done, cancel: () => load.cancel() }
}

class CaptureLoad {
  private bytesRead = 0
  private cancelled = false
  private readonly jobId: string

  constructor(
    private readonly stores: Stores, private readonly emit: EventSink, private readonly reader: CaptureReader,
    private readonly index: CaptureIndex, private readonly captureId: number, private readonly name: string,
  ) {
    this.jobId = `load-capture-${captureId}`
  }

  /** Reads, decodes and stores up to one batch; false when the file had no more records. */
  step(size = BATCH): boolean {
    const batch: { record: CaptureRecord; decoded: PacketSummary }[] = []
    while (batch.length < size) {
      const record = this.reader.next()
      if (!record) break
      const decoded = decodeFrame(record.linkType, record.data, record.originalLength)
      // Only the summary is kept: dropping the tree at once keeps it in the young generation, cheap to collect.
      const { source, destination, protocol, info, malformed } = decoded
      batch.push({ record, decoded: { source, destination, protocol, info, malformed } })
      this.index.add(record, decoded.malformed)
      this.bytesRead += record.data.length + RECORD_HEADER
    }
    if (batch.length === 0) return false
    this.stores.packets.addBatch(this.captureId, batch)
    return true
  }

  cancel(): void {
    this.cancelled = true
  }

  async rest(): Promise<CaptureInfo | null> {
    try {
      do {
        this.progress('running')
        this.emit('capture.updated', this.stores.sessions.capture(this.captureId)!)
        await nextTurn()
        if (this.cancelled) {
          this.reader.close()
          return null
        }
      } while (this.step())
      return this.finish()
    } catch (error) {
      this.reader.close()
      const info = this.stores.sessions.finishCapture(this.captureId, 'failed', `Loading stopped: ${(error as Error).message}`)
      this.progress('failed', info.error ?? undefined)
      this.emit('capture.updated', info)
      return info
    }
  }

  finish(): CaptureInfo {
    const problem = this.reader.problem
    this.reader.close()
    const info = this.stores.sessions.finishCapture(this.captureId, 'ready', problem)
    this.bytesRead = this.reader.size
    this.progress('finished', problem ?? undefined)
    this.emit('capture.updated', info)
    return info
  }

  private progress(state: 'running' | 'finished' | 'failed', message?: string): void {
    this.emit('job.progress', { jobId: this.jobId, title: `Loading ${this.name}`, done: Math.min(this.bytesRead, this.reader.size), total: this.reader.size, state, message })
  }
}
