// The logs open in the engine: each read from its source into LogLines (the first lines decide the format when
// none is given), followed when asked, filtered into views the renderer pages through.
import type { LogFileChoice, LogInfo, LogPage, LogQuery, LogView } from '../../contract/types'
import { FollowedFile, type FollowEvents } from './followed-file'
import { runJournal, type JournalRequest } from './journal-source'
import { detectFormat, lineReader, type LogFormat } from './line-formats'
import { LogLines } from './log-lines'
import { compilePattern, DEFAULT_PATTERN, PatternError } from './log-pattern'
import { filterLines } from './log-query'
import { logRow } from './log-rows'
import { rotatedCopies } from './rotated-files'
import { TextLines } from './text-lines'

/** Lines looked at to tell the format. */
const DETECT_LINES = 50
/** Pasted text beyond this is refused: a customer's e-mailed log is smaller; a bigger one is a file to open. */
const MAX_PASTED_CHARS = 50 * 1024 * 1024
const UPDATE_EVERY_MS = 500
const MAX_NOTES = 100
const MAX_VIEWS_PER_LOG = 20

export interface OpenOptions {
  name: string
  kind: LogInfo['kind']
  format?: LogFormat
  pattern?: string
}

export class OpenLog {
  lines: LogLines | null = null
  readonly info: LogInfo
  readonly views = new Map<number, Int32Array>()
  private readonly text: TextLines
  private pending: string[] | null = []
  private stopper: (() => void) | null = null
  private lastEmit = 0
  private emitTimer: NodeJS.Timeout | null = null

  constructor(logId: number, options: OpenOptions, private readonly emit: (info: LogInfo) => void) {
    const pattern = options.pattern ?? DEFAULT_PATTERN
    this.info = {
      logId, name: options.name, kind: options.kind, format: options.format ?? 'kea', pattern, timeZone: 'local', status: 'reading',
      entries: 0, linesRead: 0, unparsed: 0, otherPrograms: 0, notes: [], error: null, cursor: null,
    }
    compilePattern(pattern)
    if (options.format) this.begin(options.format)
    this.text = new TextLines((line) => this.line(line))
  }

  /** Where this log's chunks and notes go. */
  readonly sink: FollowEvents = {
    chunk: (bytes) => this.text.push(bytes),
    note: (text) => {
      if (this.info.notes.length < MAX_NOTES) this.info.notes.push(text)
      this.changed()
    },
    failed: (message) => {
      this.info.error = message
      this.finish('failed')
    },
  }

  feedText(text: string): void {
    this.text.push(text)
  }

  /** The end of one file (a rotated copy): its last line without a line end is a line. */
  endOfFile(): void {
    this.text.end()
  }

  setStopper(stop: () => void): void {
    this.stopper = stop
  }

  following(): void {
    this.flushDetection()
    if (this.info.status === 'reading') this.info.status = 'following'
    this.changed(true)
  }

  finish(status: LogInfo['status'] = 'done'): void {
    this.text.end()
    this.flushDetection()
    if (this.info.status === 'reading' || this.info.status === 'following' || status === 'failed') this.info.status = status
    this.changed(true)
  }

  stop(): void {
    this.stopper?.()
    this.stopper = null
    if (this.info.status === 'reading' || this.info.status === 'following') this.finish('stopped')
  }

  private begin(format: LogFormat): void {
    this.lines = new LogLines(lineReader(format, this.info.pattern))
    this.info.format = format
    this.info.timeZone = this.lines.reader.timeZone
  }

  private line(line: string): void {
    if (this.pending) {
      this.pending.push(line)
      if (this.pending.length >= DETECT_LINES) this.flushDetection()
    } else this.lines!.add(line)
    this.changed()
  }

  private flushDetection(): void {
    if (!this.pending) return
    if (!this.lines) this.begin(detectFormat(this.pending))
    const lines = this.pending
    this.pending = null
    for (const line of lines) this.lines!.add(line)
  }

  /** Counts go out at most twice a second while reading, and at once when something ends. */
  private changed(now = false): void {
    const lines = this.lines
    if (lines) Object.assign(this.info, { entries: lines.count, linesRead: lines.linesRead, unparsed: lines.unparsed, otherPrograms: lines.otherPrograms, cursor: lines.cursor })
    if (now || Date.now() - this.lastEmit >= UPDATE_EVERY_MS) {
      if (this.emitTimer) clearTimeout(this.emitTimer)
      this.emitTimer = null
      this.lastEmit = Date.now()
      this.emit({ ...this.info, notes: [...this.info.notes] })
    } else if (!this.emitTimer) {
      this.emitTimer = setTimeout(() => this.changed(true), UPDATE_EVERY_MS)
    }
  }
}

export class LogBook {
  private readonly logs = new Map<number, OpenLog>()
  private nextLog = 1
  private nextView = 1
  /** journald's last cursor per unit: a follow resumes after it. */
  private readonly cursors = new Map<string, string>()

  constructor(private readonly emit: (info: LogInfo) => void) {}

  private create(options: OpenOptions): OpenLog {
    try {
      const log = new OpenLog(this.nextLog++, options, this.emit)
      this.logs.set(log.info.logId, log)
      return log
    } catch (error) {
      if (error instanceof PatternError) throw new LogProblem(`That pattern cannot be read: ${error.message}`)
      throw error
    }
  }

  /** A local file with its rotated copies, oldest first; followed afterwards when asked. */
  openFile(file: Pick<LogFileChoice, 'path'> & { pattern?: string | null }, follow: boolean, options: Partial<OpenOptions> = {}): { log: OpenLog; done: Promise<void> } {
    const log = this.create({ name: file.path, kind: 'file', ...options, pattern: options.pattern ?? file.pattern ?? undefined })
    const done = (async () => {
      for (const copy of rotatedCopies(file.path)) {
        const reader = new FollowedFile(copy, log.sink)
        log.setStopper(() => reader.stop())
        await reader.start(false)
        log.endOfFile()
      }
      if (log.info.status !== 'reading') return
      const reader = new FollowedFile(file.path, log.sink)
      log.setStopper(() => reader.stop())
      await reader.start(follow)
      if (log.info.status !== 'reading') return
      if (follow) log.following()
      else log.finish()
    })()
    return { log, done }
  }

  openText(name: string, text: string, options: Partial<OpenOptions> = {}): OpenLog {
    if (text.length > MAX_PASTED_CHARS) throw new LogProblem(`The text is ${Math.round(text.length / 1048576)} MB; paste at most ${MAX_PASTED_CHARS / 1048576} MB, or open the file instead.`)
    const log = this.create({ name, kind: 'text', ...options })
    log.feedText(text)
    log.finish()
    return log
  }

  openJournal(request: Omit<JournalRequest, 'cursor'> & { resume: boolean }): { log: OpenLog; done: Promise<void> } {
    const cursor = request.resume ? this.cursors.get(request.unit) : undefined
    const log = this.create({ name: `journal ${request.unit}`, kind: 'journal', format: 'journal' })
    const run = runJournal({ ...request, cursor }, log.sink)
    log.setStopper(run.stop)
    if (request.follow) log.following()
    const done = run.done.then(() => {
      if (log.info.cursor) this.cursors.set(request.unit, log.info.cursor)
      if (log.info.status !== 'failed') log.finish()
    })
    return { log, done }
  }

  /** A log whose bytes some other source (SSH) brings through `log.sink`. */
  openStream(options: OpenOptions): OpenLog {
    return this.create(options)
  }

  list(): LogInfo[] {
    return [...this.logs.values()].map((log) => log.info)
  }

  get(logId: number): OpenLog {
    const log = this.logs.get(logId)
    if (!log) throw new LogProblem(`Log ${logId} is not open (it was closed, or the app restarted); open it again.`, 'not-found')
    return log
  }

  close(logId: number): void {
    this.get(logId).stop()
    this.logs.delete(logId)
  }

  closeAll(): void {
    for (const id of [...this.logs.keys()]) this.close(id)
  }

  view(logId: number, query: LogQuery): LogView {
    const log = this.get(logId)
    const lines = log.lines
    if (!lines) return { logId, viewId: 0, total: 0, severities: { none: 0, DEBUG: 0, INFO: 0, WARN: 0, ERROR: 0, FATAL: 0 }, messages: [], distinctMessages: 0, timeline: null }
    const { positions, view } = filterLines(lines, query)
    const viewId = this.nextView++
    log.views.set(viewId, positions)
    while (log.views.size > MAX_VIEWS_PER_LOG) log.views.delete(log.views.keys().next().value!)
    return { logId, viewId, ...view }
  }

  page(logId: number, viewId: number, offset: number, limit: number): LogPage {
    const log = this.get(logId)
    const positions = log.views.get(viewId)
    if (!positions) throw new LogProblem('That view of the log is gone (a newer filter replaced it); filter again.', 'not-found')
    const rows = Array.from(positions.subarray(offset, offset + limit), (i) => logRow(log.lines!, i))
    return { logId, viewId, offset, total: positions.length, rows }
  }
}

export class LogProblem extends Error {
  constructor(message: string, readonly code: 'bad-input' | 'not-found' = 'bad-input') {
    super(message)
  }
}
