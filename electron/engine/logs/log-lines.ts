// The lines of one log, held by the engine in columns (a million lines cost tens of megabytes, not an object
// each), with what filters and correlation read: time, severity, logger, message id, MAC, client id, xid.
// Lines that do not start an entry stay with the entry before them (Kea's multi-line messages); lines before any
// entry, or past an entry's continuation budget, are kept as unparsed entries of their own.
import { messageFields } from './message-fields'
import { OTHER_PROGRAM, type LineReader } from './line-formats'

/** An entry's text (its first line and continuations) beyond this is cut: a line is not a file. */
const MAX_ENTRY_CHARS = 65_536
/** Continuation lines kept with one entry; more start unparsed entries of their own. */
const MAX_CONTINUATIONS = 2000

/** Strings kept once, numbered from 1 (0: none). */
export class Interner {
  readonly names: string[] = ['']
  private readonly ids = new Map<string, number>()
  id(name: string | null | undefined): number {
    if (!name) return 0
    let id = this.ids.get(name)
    if (id === undefined) {
      id = this.names.length
      this.names.push(name)
      this.ids.set(name, id)
    }
    return id
  }
  find(name: string): number {
    return this.ids.get(name) ?? -1
  }
}

export class LogLines {
  count = 0
  /** Lines read, continuation lines included; lines of other programs (syslog, journald) are not counted. */
  linesRead = 0
  unparsed = 0
  otherPrograms = 0
  readonly time: number[] = []
  readonly severity: number[] = []
  readonly logger: number[] = []
  readonly messageId: number[] = []
  readonly mac: number[] = []
  readonly clientId: number[] = []
  /** Transaction id, or -1. */
  readonly xid: number[] = []
  readonly subnetId: number[] = []
  /** The line number where the entry starts. */
  readonly lineNumber: number[] = []
  readonly continuations: number[] = []
  /** " addr1 addr2 " or '' (spaces around each, for a whole-word test). */
  readonly addresses: string[] = []
  readonly text: string[] = []
  readonly loggers = new Interner()
  readonly messageIds = new Interner()
  readonly clients = new Interner()
  /** The last journald cursor seen. */
  cursor: string | null = null

  constructor(readonly reader: LineReader) {}

  /**
   * A test of whether line i names a client `matches` accepts (by hardware address, client id or DUID). The clients
   * are interned, so each name is tested once here and each line is then an integer compare.
   */
  namesClient(matches: (client: string) => boolean): ((i: number) => boolean) | null {
    const ids = new Set(this.clients.names.flatMap((client, id) => (id && matches(client) ? [id] : [])))
    return ids.size ? (i) => ids.has(this.mac[i]) || ids.has(this.clientId[i]) : null
  }

  /** Adds one line of the log (without its line end). */
  add(line: string): void {
    this.linesRead++
    const parsed = this.reader.read(line)
    if (parsed === OTHER_PROGRAM) {
      this.otherPrograms++
      this.linesRead--
      return
    }
    const last = this.count - 1
    if (parsed === null) {
      if (last >= 0 && this.severity[last] >= 0 && this.continuations[last] < MAX_CONTINUATIONS) {
        this.continuations[last]++
        if (this.text[last].length < MAX_ENTRY_CHARS) this.text[last] = `${this.text[last]}\n${line}`.slice(0, MAX_ENTRY_CHARS)
        return
      }
      this.unparsed++
      this.push(line, NaN, -1, '', null, 0)
      return
    }
    if (parsed.cursor) this.cursor = parsed.cursor
    this.push(line, parsed.time, parsed.severity, parsed.logger, parsed.message, parsed.message.split('\n').length - 1)
  }

  private push(line: string, time: number, severity: number, logger: string, message: string | null, continuations: number): void {
    const f = message === null ? null : messageFields(message)
    this.time.push(time)
    this.severity.push(severity)
    this.logger.push(this.loggers.id(logger))
    this.messageId.push(this.messageIds.id(f?.messageId))
    this.mac.push(this.clients.id(f?.mac))
    this.clientId.push(this.clients.id(f?.clientId ?? f?.duid))
    this.xid.push(f?.xid ?? -1)
    this.subnetId.push(f?.subnetId ?? -1)
    this.lineNumber.push(this.linesRead)
    this.continuations.push(continuations)
    this.addresses.push(f?.addresses.length ? ` ${f.addresses.join(' ')} ` : '')
    this.text.push(line.slice(0, MAX_ENTRY_CHARS))
    this.count++
  }
}
