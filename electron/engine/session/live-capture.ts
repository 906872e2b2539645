// A live capture in a session. The capturing side's pcap/pcapng stream is appended to the capture's file in the data
// folder as it arrives, the way dumpcap writes, so the file is the one source of its packets (a crash loses at most
// what the last write had not handed to the system) and the index reads them back from it, as it reads an opened
// file. With a ring buffer the stream goes into a file per part, each a capture of the session, and only the last
// parts are kept. Packets are indexed in batches and the UI hears of them at most ten times a second; counters, the
// end and a second DHCP server answering are kept with the capture.
import { rmSync } from 'node:fs'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { CaptureCounters, CaptureInfo, LiveCaptureInfo } from '../../contract/types'
import type { EventSink } from '../events'
import { RingFiles, type RingLimits } from '../live/ring-files'
import type { CaptureRequest, CaptureSourceError, StartCapture } from '../live/source'
import type { SessionStore } from '../store/sessions'
import { ServerWatch } from '../transactions/server-watch'
import { LiveSegment } from './live-segment'

/** How often new bytes are indexed, and at most how often the UI hears of them. */
const INDEX_MS = 50
const UPDATE_MS = 100
/** Packets indexed per turn, so a burst does not hold the engine. */
const BATCH = 20_000

export interface StopAfter {
  packets?: number
  seconds?: number
  megabytes?: number
}

export interface LiveCaptureStart {
  sessionId: number
  name: string
  /** A new path in the data folder for a file named so (see CaptureFolder.newPath). */
  newPath: (name: string) => string
  request: CaptureRequest
  live: Omit<LiveCaptureInfo, 'startedAt' | 'counters'>
  stopAfter?: StopAfter
  ring?: RingLimits
  /** Each capture the live capture makes (one, or one per part of a ring), as it begins. */
  onSegment: (segment: LiveSegment, capture: LiveCapture) => void
  /** A part that fell out of the ring: its capture is to be deleted with its file. */
  onDropped: (captureId: number) => void
}

export class LiveCapture {
  /** Settles when the capture has ended and its last packets are indexed: the last part's capture. */
  readonly done: Promise<CaptureInfo | null>
  /** Settles once the capturing side listens (its stream began) or the capture ended without. */
  readonly listening: Promise<void>
  private markListening!: () => void
  private readonly live: LiveCaptureInfo
  private readonly ring: RingFiles
  private readonly segments = new Map<number, LiveSegment>()
  private segment: LiveSegment
  private total = 0
  private readonly servers = new ServerWatch()
  private indexTimer: NodeJS.Timeout | null = null
  private lastUpdate = 0
  private stopLimit: NodeJS.Timeout | null = null
  private stopping = false
  private readonly source: { stop(): void }

  constructor(private readonly sessions: SessionStore, private readonly emit: EventSink, start: StartCapture, private readonly options: LiveCaptureStart) {
    this.live = {
      ...options.live, startedAt: new Date().toISOString(), counters: null,
      ...(options.stopAfter && { stopAfter: options.stopAfter }), ...(options.ring && { ring: { ...options.ring, part: 1 } }),
    }
    this.listening = new Promise((resolve) => { this.markListening = resolve })
    this.ring = new RingFiles(options.ring ?? null, {
      newPart: (number) => this.begin(number).file,
      // The last part is ended by finish(); one the ring turned past, here.
      partDone: (part) => { if (!this.finishing) this.end(this.segments.get(part.number)!, part.bytes, part.number + 1) },
      partDropped: (part) => this.drop(part.number),
    })
    let ended: (info: CaptureInfo | null) => void
    this.done = new Promise((resolve) => { ended = resolve })
    // The first part's capture exists from the start, so a capture that never gets a byte still has its record.
    this.segment = this.begin(1)
    this.source = start(options.request, {
      data: (chunk) => this.append(chunk),
      counters: (counters) => this.counted(counters),
      end: (error) => void this.finish(error).then(ended).finally(this.markListening),
    })
    const seconds = options.stopAfter?.seconds
    if (seconds) this.stopLimit = setTimeout(() => this.stop(`Stopped after ${seconds} s, as asked.`), seconds * 1000)
  }

  /** The capture being written now. */
  get info(): CaptureInfo {
    return this.sessions.capture(this.segment.captureId)!
  }

  /**
   * The engine is closing: the capturing side stops and nothing more is written to the store (it is closed). At the
   * next start the capture is marked interrupted, its file holding what was captured.
   */
  abandon(): void {
    this.abandoned = true
    if (this.stopLimit) clearTimeout(this.stopLimit)
    if (this.indexTimer) clearTimeout(this.indexTimer)
    this.source.stop()
    this.finishing = true
    this.ring.close()
  }

  private abandoned = false

  /** Asks the capturing side to stop; `done` settles once its last bytes are in. `why`: a limit that was reached. */
  stop(why?: string): void {
    if (this.stopping) return
    this.stopping = true
    if (why) this.live.ended = why
    this.source.stop()
  }

  private finishing = false

  /** A new part's capture: the first at start, the next ones as the ring turns (its header is written next). */
  private begin(number: number): LiveSegment {
    const existing = this.segments.get(number)
    if (existing) return existing
    if (this.live.ring) this.live.ring.part = number
    const name = this.options.ring ? `${this.options.name} part ${number}` : this.options.name
    const segment = new LiveSegment(this.sessions, this.options.newPath(`${name}.pcap`), name, this.options.sessionId, { ...this.live })
    this.segments.set(number, segment)
    this.segment = segment
    this.options.onSegment(segment, this)
    if (number > 1) this.emit('capture.updated', this.info)
    return segment
  }

  /** A part the ring turned past: complete, and continued in part `next`. */
  private end(segment: LiveSegment, bytes: number, next: number): void {
    const ring = { ...this.live.ring!, continuedIn: next }
    const info = segment.finish(bytes, { ...this.live, ring, stoppedAt: new Date().toISOString(), ended: `Continued in part ${next} (ring buffer).` }, null)
    if (info) this.emit('capture.updated', info)
  }

  private drop(number: number): void {
    const segment = this.segments.get(number)!
    this.segments.delete(number)
    segment.drop()
    rmSync(segment.file, { force: true })
    this.options.onDropped(segment.captureId)
  }

  private append(chunk: Uint8Array): void {
    if (this.segment.problem || this.abandoned) return
    if (!this.live.listening) {
      this.live.listening = true
      this.markListening()
      this.announce(true)
    }
    this.ring.write(chunk)
    this.total += chunk.length
    const megabytes = this.options.stopAfter?.megabytes
    if (megabytes && this.total >= megabytes * 1e6) this.stop(`Stopped after ${megabytes} MB, as asked.`)
    this.indexTimer ??= setTimeout(() => void this.indexMore(), INDEX_MS)
  }

  private counted(counters: CaptureCounters): void {
    if (this.abandoned) return
    this.live.counters = counters
    this.announce()
  }

  /** Indexes what has been written to the part being written, a batch per turn. */
  private async indexMore(): Promise<void> {
    this.indexTimer = null
    for (;;) {
      const segment = this.segment
      if (!segment.step(this.ring.part?.bytes ?? 0, true, BATCH)) break
      this.checkPacketLimit()
      this.announce()
      await nextTurn()
    }
    if (this.segment.problem) this.source.stop()
    this.announce()
  }

  private packets(): number {
    let count = 0
    for (const segment of this.segments.values()) count += segment.index.count
    return count
  }

  private checkPacketLimit(): void {
    const limit = this.options.stopAfter?.packets
    if (limit && this.packets() >= limit) this.stop(`Stopped after ${limit} packets, as asked.`)
  }

  /** Tells the UI (and the store) how far the capture has got: at most every UPDATE_MS unless `now`. */
  private announce(now = false): void {
    if (!now && performance.now() - this.lastUpdate < UPDATE_MS) return
    const id = this.segment.captureId
    if (!this.sessions.capture(id)) return
    this.lastUpdate = performance.now()
    const servers = this.servers.update(this.segment.index)
    if (servers.length) this.live.servers = servers
    this.sessions.setPacketCount(id, this.segment.index.count)
    this.sessions.setLive(id, { ...this.live })
    this.emit('capture.updated', this.info)
  }

  private async finish(error: CaptureSourceError | null): Promise<CaptureInfo | null> {
    if (this.abandoned) return null
    if (this.stopLimit) clearTimeout(this.stopLimit)
    if (this.indexTimer) clearTimeout(this.indexTimer)
    const last = this.segment
    const bytes = this.ring.part?.bytes ?? 0
    this.finishing = true
    this.ring.close()
    this.live.stoppedAt = new Date().toISOString()
    const why = error?.message ?? last.problem ?? this.ring.problem ?? null
    if (why && !this.live.ended) this.live.ended = why
    const info = last.finish(bytes, { ...this.live }, why)
    if (info) this.emit('capture.updated', info)
    return info
  }
}
