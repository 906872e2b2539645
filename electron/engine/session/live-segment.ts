// One file of a live capture, and the capture of the session that shows it: the bytes RingFiles writes into the file
// are read back and indexed as the file grows, with the readers that read opened files. Without a ring buffer a
// live capture is one segment; with one, a segment per part of the ring.
import { renameSync } from 'node:fs'
import type { CaptureInfo, LiveCaptureInfo } from '../../contract/types'
import { openCapture, type CaptureReader } from '../capture-file/open'
import { CaptureFileError } from '../capture-file/record'
import { CaptureIndex } from '../index/capture-index'
import { FileIndexer } from '../index/file-indexer'
import type { SessionStore } from '../store/sessions'

/** A pcap file header; a pcapng section header block is longer, and its reader waits for the rest. */
const HEADER_BYTES = 24

export class LiveSegment {
  readonly index = new CaptureIndex()
  readonly captureId: number
  /** Settles once the segment is complete and indexed (its capture ready or failed), or dropped. */
  readonly done: Promise<void>
  private markDone!: () => void
  private reader: CaptureReader | null = null
  private indexer: FileIndexer | null = null
  /** Why its bytes are no capture, when they are not. */
  problem: string | null = null

  constructor(private readonly sessions: SessionStore, private path: string, private readonly name: string, sessionId: number, live: LiveCaptureInfo) {
    this.captureId = sessions.addCapture(sessionId, name, path, 'pcap', live).id
    this.done = new Promise((resolve) => { this.markDone = resolve })
  }

  /** Indexes up to `batch` more packets of the `bytes` written so far; false when none were left. */
  step(bytes: number, growing: boolean, batch: number): boolean {
    if (!this.open(bytes)) return false
    this.reader!.follow(bytes, growing)
    return this.indexer!.step(batch)
  }

  /** The segment is complete: everything in it is indexed, the reader closed, the capture ready (or failed). */
  finish(bytes: number, live: LiveCaptureInfo, why: string | null): CaptureInfo | null {
    while (this.step(bytes, false, Infinity));
    this.reader?.close()
    this.markDone()
    if (!this.sessions.capture(this.captureId)) return null
    this.sessions.setPacketCount(this.captureId, this.index.count)
    this.sessions.setLive(this.captureId, live)
    const problem = why ?? this.problem ?? this.reader?.problem ?? null
    // A capture that never got going failed; one that ran keeps its packets, with the reason it ended.
    return this.sessions.finishCapture(this.captureId, this.index.count === 0 && problem ? 'failed' : 'ready', problem)
  }

  /** The segment fell out of the ring: its capture and file go. */
  drop(): void {
    this.reader?.close()
    this.markDone()
  }

  /** Opens the reader once the stream's header is in; false until then, or when the bytes are no capture. */
  private open(bytes: number): boolean {
    if (this.reader) return true
    if (bytes < HEADER_BYTES || this.problem) return false
    try {
      this.reader = openCapture(this.path, this.name)
    } catch (error) {
      if (!(error instanceof CaptureFileError)) throw error
      this.problem = `The capturing side sent something that is not a capture: ${error.message}`
      return false
    }
    if (this.reader.format === 'pcapng') this.renameAsPcapng()
    this.indexer = new FileIndexer(this.reader, this.index)
    return true
  }

  /** dumpcap (and a remote one) write pcapng: the file's name and the capture's format say so. */
  private renameAsPcapng(): void {
    const path = this.path.replace(/\.pcap$/, '.pcapng')
    if (path !== this.path) {
      renameSync(this.path, path)
      this.path = path
      this.sessions.moveCapture(this.captureId, path)
    }
    this.sessions.setFormat(this.captureId, 'pcapng')
  }

  /** The path its file has now (renamed once it proved pcapng). */
  get file(): string {
    return this.path
  }
}
