// The Logs capability behind the contract's logs.* methods: what may be opened, opening it (found files, granted
// files, pasted text, journald, SSH), views and pages, and the links to captured packets.
import type { CheckedParams } from '../../contract/methods'
import type { LogFileChoice, LogInfo, LoggerDraft, LoggersConfig, LogSources, RemoteHostInfo } from '../../contract/types'
import { KEA_UNITS, REMOTE_LOGS, type RemoteLog } from '../../contract/log-names'
import { ContractError } from '../errors'
import type { GrantedFile } from '../files/grants'
import { HostKeyError } from '../live/ssh-errors'
import { CaptureSourceError } from '../live/source'
import type { SshOptions, SshTarget } from '../live/ssh-connect'
import type { TransactionSource } from './capture-packets'
import { configuredOutputs, findLogFiles, type ConfiguredOutput } from './found-logs'
import { localJournal } from './journal-source'
import { LogBook, LogProblem } from './log-book'
import { LogLinks } from './log-links'
import { remoteScript, runRemoteLog } from './remote-log'
import type { KeaConnection } from '../kea/kea-client'
import { KeaError } from '../kea/kea-error'
import { applyLoggers, builtLoggers, readLoggers } from './logger-apply'

export interface KeaLogsDeps {
  emit: (info: LogInfo) => void
  grantedFile: (fileId: string) => GrantedFile | undefined
  /** A Kea connection's running configuration (config-get), for its loggers' outputs. */
  keaConfig: (profileId: string, service: 'dhcp4' | 'dhcp6') => Promise<unknown>
  remoteHosts: { list(): RemoteHostInfo[]; target(id: string): Promise<SshTarget>; options(trustHostKey?: string): SshOptions }
  /** A saved Kea connection, its secrets included: the loggers are read and set through it. */
  keaConnection: (profileId: string) => Promise<KeaConnection>
  captures: TransactionSource
}

export class KeaLogs {
  readonly book: LogBook
  private readonly links: LogLinks
  /** The files last listed, by id: logs.open takes only these. */
  private readonly listed = new Map<string, LogFileChoice>()

  constructor(private readonly deps: KeaLogsDeps) {
    this.book = new LogBook(deps.emit)
    this.links = new LogLinks(this.book, deps.captures)
  }

  async sources(profileId?: string): Promise<LogSources> {
    const configured: { origin: string; outputs: ConfiguredOutput[] }[] = []
    if (profileId !== undefined) {
      for (const service of ['dhcp4', 'dhcp6'] as const) {
        try {
          configured.push({ origin: `${service} loggers of the Kea connection`, outputs: configuredOutputs(await this.deps.keaConfig(profileId, service)) })
        } catch {
          // A server the connection does not reach has no loggers to offer; the others still do.
        }
      }
    }
    const files = findLogFiles(configured)
    for (const file of files) this.listed.set(file.id, file)
    const journal = localJournal()
    return {
      files,
      journal: { ...journal, units: [...KEA_UNITS] },
      remote: { hosts: this.deps.remoteHosts.list().map((h) => ({ hostId: h.id, label: `${h.user}@${h.host}${h.port === 22 ? '' : `:${h.port}`}` })), logs: [...REMOTE_LOGS] },
    }
  }

  async open({ source, follow, pattern, format }: CheckedParams<'logs.open'>): Promise<LogInfo> {
    const options = { ...(pattern !== undefined && { pattern }), ...(format !== undefined && { format }) }
    return this.inWords(async () => {
      if ('logFileId' in source) {
        if (!this.listed.size) await this.sources()
        const file = this.listed.get(source.logFileId) ?? notFound('That log file is not in the list any more; list the sources again.')
        const { log, done } = this.book.openFile(file, follow, options)
        void done
        return log.info
      }
      if ('fileId' in source) {
        const file = this.deps.grantedFile(source.fileId) ?? notFound('That file is no longer available to open (the app restarted since it was chosen); open it again.')
        const { log } = this.book.openFile({ path: file.path }, follow, { ...options, name: file.name })
        return log.info
      }
      if ('text' in source) return this.book.openText(source.name ?? 'Pasted text', source.text, options).info
      if ('journal' in source) {
        const journal = localJournal()
        if (!journal.available) throw new LogProblem(`journald cannot be read: ${journal.reason}`)
        return this.book.openJournal({ unit: source.journal, since: source.since, until: source.until, resume: source.resume, follow }).log.info
      }
      return this.openRemote(source.hostId, source.log, follow, source.trustHostKey, options)
    })
  }

  private async openRemote(hostId: string, log: RemoteLog, follow: boolean, trustHostKey: string | undefined, options: { pattern?: string; format?: 'kea' | 'syslog' | 'journal' }): Promise<LogInfo> {
    const target = await this.deps.remoteHosts.target(hostId)
    const opened = this.book.openStream({ name: `${target.user}@${target.host}:${log}`, kind: 'remote', ...(log.startsWith('journal:') && { format: 'journal' }), ...options })
    try {
      const run = await runRemoteLog(target, this.deps.remoteHosts.options(trustHostKey), remoteScript(log, follow), opened.sink)
      opened.setStopper(run.stop)
      if (follow) opened.following()
      void run.done.then(() => opened.finish())
    } catch (error) {
      this.book.close(opened.info.logId)
      throw error
    }
    return opened.info
  }

  list = () => this.book.list()
  close = (logId: number) => this.book.close(logId)
  closeAll = () => this.book.closeAll()
  view = (logId: number, query: CheckedParams<'logs.view'>['query']) => this.inWordsSync(() => this.book.view(logId, query))
  page = (logId: number, viewId: number, offset: number, limit: number) => this.inWordsSync(() => this.book.page(logId, viewId, offset, limit))
  line = (logId: number, index: number, captureId?: number) => this.inWords(() => this.links.line(logId, index, captureId))
  forTransaction = (captureId: number, transactionId: number) => this.links.forTransaction(captureId, transactionId)

  loggers(profileId: string, service: 'dhcp4' | 'dhcp6'): Promise<LoggersConfig> {
    return this.inWords(async () => readLoggers(await this.deps.keaConnection(profileId), service))
  }

  build = (service: 'dhcp4' | 'dhcp6', version: string | null, drafts: LoggerDraft[]) => builtLoggers(service, version, drafts)

  apply(profileId: string, service: 'dhcp4' | 'dhcp6', drafts: LoggerDraft[], confirmed: boolean): Promise<LoggersConfig> {
    if (!confirmed) throw new ContractError('bad-input', 'Applying the loggers changes the server\'s configuration and its file (config-set, config-write): confirm it first.')
    return this.inWords(async () => applyLoggers(await this.deps.keaConnection(profileId), service, drafts))
  }

  private inWordsSync<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      throw contractError(error)
    }
  }

  private async inWords<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw contractError(error)
    }
  }
}

function contractError(error: unknown): unknown {
  if (error instanceof LogProblem) return new ContractError(error.code, error.message)
  if (error instanceof KeaError) return new ContractError('bad-input', error.message)
  if (error instanceof HostKeyError) {
    const { host, port, keyType, fingerprint, firstUse } = error.hostKey
    return new ContractError('bad-input', error.message, undefined, { host, port, keyType, fingerprint, firstUse })
  }
  if (error instanceof CaptureSourceError) return new ContractError('bad-input', error.message)
  return error
}

function notFound(message: string): never {
  throw new LogProblem(message, 'not-found')
}
