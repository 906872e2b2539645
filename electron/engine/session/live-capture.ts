// A live capture in a session. The capturing side's pcap/pcapng stream is appended to the capture's file in the data
// folder as it arrives, the way dumpcap writes, so the file is the one source of its packets (a crash loses at most
// what the last write had not handed to the system) and the index reads them back from it, as it reads an opened
// file. Packets are indexed in batches and the UI hears of them at most ten times a second; counters, the end and a
// second DHCP server answering are kept with the capture.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { CaptureCounters, CaptureInfo, LiveCaptureInfo } from '../../contract/types'
import { openCapture, type CaptureReader } from '../capture-file/open'
import { CaptureFileError } from '../capture-file/record'
import type { EventSink } from '../events'
import { PRIVATE_FILE_MODE } from '../files/private-dir'
import { CaptureIndex } from '../index/capture-index'
import { FileIndexer } from '../index/file-indexer'
import type { CaptureRequest, CaptureSourceError, StartCapture } from '../live/source'
import type { SessionStore } from '../store/sessions'
import { ServerWatch } from '../transactions/server-watch'

/** How often new bytes are indexed, and at most how often the UI hears of them. */
const INDEX_MS = 50
const UPDATE_MS = 100
/** Packets indexed per turn, so a burst does not hold the engine. */
const BATCH = 20_000
/** A pcap file header; a pcapng section header block is longer, and its reader waits for the rest. */
const HEADER_BYTES = 24

export interface StopAfter {
  packets?: number
  seconds?: number
  megabytes?: number
}

export interface LiveCaptureStart {
  sessionId: number
  name: string
  /** A new file in the data folder (see CaptureFolder.newPath). */
  path: string
  request: CaptureRequest
  live: Omit<LiveCaptureInfo, 'startedAt' | 'counters'>
  stopAfter?: StopAfter
}

export class LiveCapture {
  readonly index = new CaptureIndex()
  readonly captureId: number
  /** Settles when the capture has ended and its last packets are indexed. */
  readonly done: Promise<CaptureInfo | null>
  /** Settles once the capturing side listens (its stream began) or the capture ended without. */
  readonly listening: Promise<void>
  private markListening!: () => void
  private readonly live: LiveCaptureInfo
  private readonly fd: number
  private path: string
  private reader: CaptureReader | null = null
  private indexer: FileIndexer | null = null
  private written = 0
  private problem: string | null = null
  private readonly servers = new ServerWatch()
  private indexTimer: NodeJS.Timeout | null = null
  private lastUpdate = 0
  private stopLimit: NodeJS.Timeout | null = null
  private stopping = false
  private readonly source: { stop(): void }

  constructor(private readonly sessions: SessionStore, private readonly emit: EventSink, start: StartCapture, private readonly options: LiveCaptureStart) {
    this.path = options.path
    this.fd = openSync(this.path, 'wx', PRIVATE_FILE_MODE)
    this.live = { ...options.live, startedAt: new Date().toISOString(), counters: null, ...(options.stopAfter && { stopAfter: options.stopAfter }) }
    this.listening = new Promise((resolve) => { this.markListening = resolve })
    this.captureId = sessions.addCapture(options.sessionId, options.name, this.path, 'pcap', this.live).id
    let ended: (info: CaptureInfo | null) => void
    this.done = new Promise((resolve) => { ended = resolve })
    this.source = start(options.request, {
      data: (chunk) => this.append(chunk),
      counters: (counters) => this.counted(counters),
      end: (error) => void this.finish(error).then(ended).finally(this.markListening),
    })
    const seconds = options.stopAfter?.seconds
    if (seconds) this.stopLimit = setTimeout(() => this.stop(`Stopped after ${seconds} s, as asked.`), seconds * 1000)
  }

  get info(): CaptureInfo {
    return this.sessions.capture(this.captureId)!
  }

  /** Asks the capturing side to stop; `done` settles once its last bytes are in. `why`: a limit that was reached. */
  stop(why?: string): void {
    if (this.stopping) return
    this.stopping = true
    if (why) this.live.ended = why
    this.source.stop()
  }

  private append(chunk: Uint8Array): void {
    if (this.problem) return
    if (!this.live.listening) {
      this.live.listening = true
      this.markListening()
      this.announce(true)
    }
    writeSync(this.fd, chunk)
    this.written += chunk.length
    const megabytes = this.options.stopAfter?.megabytes
    if (megabytes && this.written >= megabytes * 1e6) this.stop(`Stopped after ${megabytes} MB, as asked.`)
    this.indexTimer ??= setTimeout(() => void this.indexMore(true), INDEX_MS)
  }

  private counted(counters: CaptureCounters): void {
    this.live.counters = counters
    this.announce()
  }

  /** Indexes what has been written; `growing`: the capture goes on, so a record cut short is waited for. */
  private async indexMore(growing: boolean): Promise<void> {
    this.indexTimer = null
    if (!this.open()) return
    this.reader!.follow(this.written, growing)
    while (this.indexer!.step(BATCH)) {
      const limit = this.options.stopAfter?.packets
      if (limit && this.index.count >= limit) this.stop(`Stopped after ${limit} packets, as asked.`)
      if (!growing) continue
      this.announce()
      await nextTurn()
    }
    this.announce(!growing)
  }

  /** Opens the reader once the stream's header is in; false until then, or when the stream is no capture. */
  private open(): boolean {
    if (this.reader) return true
    if (this.written < HEADER_BYTES || this.problem) return false
    try {
      this.reader = openCapture(this.path, this.options.name)
    } catch (error) {
      if (!(error instanceof CaptureFileError)) throw error
      this.problem = `The capturing side sent something that is not a capture: ${error.message}`
      this.source.stop()
      return false
    }
    if (this.reader.format === 'pcapng') this.renameAs('pcapng')
    this.indexer = new FileIndexer(this.reader, this.index)
    return true
  }

  /** dumpcap (and a remote one) write pcapng: the file's name and the capture's format say so. */
  private renameAs(format: 'pcapng'): void {
    const path = this.path.replace(/\.pcap$/, `.${format}`)
    if (path !== this.path) {
      renameSync(this.path, path)
      this.path = path
      this.sessions.moveCapture(this.captureId, path)
    }
    this.sessions.setFormat(this.captureId, format)
  }

  /** Tells the UI (and the store) how far the capture has got: at most every UPDATE_MS unless `now`. */
  private announce(now = false): void {
    if (!now && performance.now() - this.lastUpdate < UPDATE_MS) return
    if (this.deleted()) return
    this.lastUpdate = performance.now()
    const servers = this.servers.update(this.index)
    if (servers.length) this.live.servers = servers
    this.sessions.setPacketCount(this.captureId, this.index.count)
    this.sessions.setLive(this.captureId, this.live)
    this.emit('capture.updated', this.info)
  }

  /** Its session was deleted while it captured: there is nothing left to report to. */
  private deleted(): boolean {
    return !this.sessions.capture(this.captureId)
  }

  private async finish(error: CaptureSourceError | null): Promise<CaptureInfo | null> {
    if (this.stopLimit) clearTimeout(this.stopLimit)
    if (this.indexTimer) clearTimeout(this.indexTimer)
    try {
      await this.indexMore(false)
    } finally {
      this.reader?.close()
      closeSync(this.fd)
    }
    if (this.deleted()) return null
    this.live.stoppedAt = new Date().toISOString()
    const why = error?.message ?? this.problem ?? this.reader?.problem ?? null
    if (why && !this.live.ended) this.live.ended = why
    this.sessions.setLive(this.captureId, this.live)
    // A capture that never got going failed; one that ran keeps its packets, with the reason it ended.
    const status = this.index.count === 0 && why ? 'failed' : 'ready'
    const info = this.sessions.finishCapture(this.captureId, status, why)
    this.emit('capture.updated', info)
    return info
  }
}
