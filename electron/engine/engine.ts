// The engine: everything the app does, in plain Node. Both fronts (Electron IPC, browser mode) and the tests
// reach it only through `dispatch`, which checks parameters against the contract before any handler runs.
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { methods, SESSION_TRASH_DAYS, type CheckedParams, type MethodName, type Result } from '../contract/methods'
import type { AppInfo, FileRef, KeaDhcpService, KeaStatus, SessionInfo, SnapshotInfo } from '../contract/types'
import { CaptureFileError, isoTimestamp } from './capture-file/record'
import type { SaveFormat } from './files/save-format'
import { formatPacketText, hexDump } from './decode/text'
import { checkFilter, compileFilter, runFilterOn } from './filter/compile'
import { filterForField } from './filter/field-filter'
import { completeFilter } from './filter/complete'
import { filterFieldList } from './filter/fields'
import { FilterError } from './filter/parse'
import { ContractError } from './errors'
import { EventHub } from './events'
import type { EngineApi } from './engine-api'
import { copiesDir } from './files/capture-copies'
import { CaptureFolder } from './files/capture-folder'
import { FileGrants, type GrantedFile } from './files/grants'
import { ensurePrivateDir } from './files/private-dir'
import { captureFileName } from './files/safe-name'
import { Uploads, uploadsDir } from './files/uploads'
import type { CaptureIndex } from './index/capture-index'
import { asJob, Jobs } from './jobs'
import { captureRights } from './live/capture-rights'
import { captureFilterFor, DEFAULT_CAPTURE_FILTER } from './live/default-filter'
import { listCaptureInterfaces } from './live/interfaces'
import { defaultBackend, localCaptureBackends } from './live/local-capture'
import { LiveCapture } from './session/live-capture'
import { RemoteHosts } from './live/remote-hosts'
import { KeaApi } from './kea/kea-api'
import { KeaInsights } from './kea/kea-insights'
import { redactSecrets } from './kea/redact'
import { LeaseTables } from './leases/lease-tables'
import { LeaseDatabases } from './leases/sql-profiles'
import { KeaLogs } from './logs/kea-logs'
import { clientLogLines } from './logs/client-lines'
import { ClientHistory } from './clients/client-history'
import { namedClient } from './clients/client-identity'
import { localKeaServices } from './kea/local-services/index'
import { listKeaSockets } from './kea/local-sockets'
import { startSshCapture } from './live/ssh-source'
import { listSshInterfaces } from './live/ssh-interfaces'
import { sshContractError } from './live/ssh-contract-error'
import type { StartCapture } from './live/source'
import { BrowserSecretStore } from './secrets/browser-secret-store'
import type { ScryptCost } from './secrets/passphrase-secret-store'
import type { SecretStore } from './secrets/secret-store'
import { labStatus } from '../lab/lab'
import { CaptureAnalyses } from './session/capture-analysis'
import { saveCapture } from './session/capture-save'
import { TestClient } from './session/client-run'
import { DhclientRuns } from './session/dhclient-session'
import { ClientRunStore } from './session/client-run-store'
import { CaseTimelines } from './session/case-timeline'
import { logExcerpt } from './bundle/log-excerpt'
import { SessionBundles } from './bundle/session-bundles'
import { openCaptureInSession, type CaptureSource, type OpenedCapture } from './session/capture-import'
import { decodeIndexed, packetDetail, packetRows } from './session/packet-rows'
import type { Db } from './store/database'
import { openStore } from './store/open-store'
import { RunMarker } from './store/run-marker'
import { SearchTerms } from './session/search-terms'
import { KeaHistoryStore } from './store/kea-history'
import { KeaConsoleHistory } from './store/kea-console-history'
import { MAX_SNAPSHOT_LEASES, MAX_SNAPSHOT_LOG_LINES, SessionSnapshots } from './store/session-snapshots'
import { SessionStore } from './store/sessions'

export interface EngineOptions {
  dataDir: string
  mode: AppInfo['mode']
  version: string
  /**
   * Asks the user where to save (the desktop shell's save dialog); null when they cancel. Without it, saves go
   * into the data folder's exports/ under a new name.
   */
  chooseSaveTarget?: (suggestedName: string, format: SaveFormat) => Promise<string | null>
  /** The desktop shell's printer: an HTML page (a session's report) as PDF bytes. Browser mode prints in the page. */
  printPdf?: (html: string) => Promise<Uint8Array>
  /**
   * Where saved keys and passwords are kept (the OS keychain in the desktop app). Without it: memory, or the
   * passphrase-protected file the user may choose (browser mode).
   */
  secrets?: SecretStore
  /** scrypt's cost for a new passphrase-protected file; tests lower it, the app keeps the default. */
  passphraseCost?: ScryptCost
}

/** app_state's key for the session the user has open. */
const OPEN_SESSION = 'open-session'

/** A bundle keeps at most this many leases of the session's clients and lines of the open logs. */
const BUNDLE_LEASES = 10_000
const BUNDLE_LOG_LINES = 2000

/** How long capture.start waits for the capturing side to listen before answering anyway (still 'capturing'). */
const LISTEN_WAIT_MS = 10_000

type Handlers = { [M in MethodName]: (params: CheckedParams<M>) => Promise<Result<M>> | Result<M> }

export class Engine implements EngineApi {
  readonly events = new EventHub()
  /** The files the user chose; `captures.open` takes only their ids. */
  private readonly files = new FileGrants()
  readonly uploads: Uploads
  /** Copies of the captures opened in place: a capture's file is the one source of its packets. */
  readonly copies: CaptureFolder
  /** Where saved captures go when no save dialog can be shown (browser mode). */
  readonly exportsDir: string
  private readonly db: Db
  private readonly sessions: SessionStore
  private readonly analyses: CaptureAnalyses
  private readonly handlers: Handlers
  private readonly loads = new Set<OpenedCapture>()
  private readonly liveCaptures = new Map<number, LiveCapture>()
  private readonly remoteHosts: RemoteHosts
  private readonly kea: KeaApi
  private readonly keaInsights: KeaInsights
  private readonly keaHistory: KeaHistoryStore
  private readonly keaConsole: KeaConsoleHistory
  private readonly snapshots: SessionSnapshots
  /** Sessions and servers whose configuration was read into the session at a first status reading (once a run, even if it failed). */
  private readonly configsTaken = new Set<string>()
  private readonly leases: LeaseTables
  private readonly leaseDatabases: LeaseDatabases
  private readonly logs: KeaLogs
  private readonly jobs = new Jobs(this.events.emit)
  private readonly testClient: TestClient
  private readonly dhclientRuns: DhclientRuns
  private readonly clientRuns: ClientRunStore
  private readonly bundles: SessionBundles
  private readonly searchTerms: SearchTerms
  /** Tells the next start whether this run ended cleanly (sessions.startup reopens the last session after a crash). */
  private readonly runMarker: RunMarker
  /** What the store's check on open found and did, for the user; null when it was sound. */
  private readonly storeNotice: string | null
  private closed = false
  private readonly clientHistory: ClientHistory
  private readonly caseTimelines: CaseTimelines
  private readonly secrets: SecretStore
  /** Null when the front keeps secrets (the desktop app's keychain): no passphrase file then. */
  private readonly browserSecrets: BrowserSecretStore | null

  constructor(private readonly options: EngineOptions) {
    ensurePrivateDir(options.dataDir)
    this.runMarker = new RunMarker(options.dataDir)
    const store = openStore(options.dataDir)
    this.db = store.db
    this.storeNotice = store.notice
    this.sessions = new SessionStore(this.db)
    this.analyses = new CaptureAnalyses(this.sessions)
    this.uploads = new Uploads(uploadsDir(options.dataDir))
    this.copies = new CaptureFolder(copiesDir(options.dataDir))
    const referenced = this.sessions.capturePaths()
    for (const folder of [this.uploads, this.copies]) folder.removeOrphans(referenced)
    this.exportsDir = join(options.dataDir, 'exports')
    this.browserSecrets = options.secrets ? null : new BrowserSecretStore(options.dataDir, options.passphraseCost)
    const secrets = this.secrets = options.secrets ?? this.browserSecrets as BrowserSecretStore
    this.remoteHosts = new RemoteHosts(options.dataDir, secrets)
    this.kea = new KeaApi(options.dataDir, secrets)
    this.keaHistory = new KeaHistoryStore(this.db)
    this.keaConsole = new KeaConsoleHistory(this.db)
    this.snapshots = new SessionSnapshots(this.db)
    this.keaInsights = new KeaInsights(options.dataDir, this.kea.profiles, this.keaHistory)
    this.leaseDatabases = new LeaseDatabases(options.dataDir, secrets)
    this.leases = new LeaseTables({
      profiles: this.kea.profiles, databases: this.leaseDatabases, remoteHosts: this.remoteHosts, emit: this.events.emit, grantedFile: (fileId) => this.files.get(fileId),
      exportsDir: this.exportsDir, chooseSaveTarget: options.chooseSaveTarget,
    })
    const firstTimestamp = async (captureId: number) => {
      const index = await this.analyses.index(captureId)
      return index.count ? index.timestamp(0) : null
    }
    this.logs = new KeaLogs({
      emit: (info) => this.events.emit('logs.updated', info), grantedFile: (fileId) => this.files.get(fileId),
      keaConfig: (profileId, service) => this.keaInsights.config(profileId, service), remoteHosts: this.remoteHosts,
      keaConnection: async (profileId) => (await this.kea.profiles.connection(profileId)).connection,
      captures: {
        transactions: (captureId, offset, limit, problemsOnly) => this.analyses.transactions(captureId, offset, limit, problemsOnly),
        firstTimestamp,
      },
    })
    this.clientRuns = new ClientRunStore(join(options.dataDir, 'client-runs'), this.sessions)
    this.searchTerms = new SearchTerms(this.sessions, this.analyses, this.clientRuns)
    void this.recountInterrupted()
    for (const sessionId of this.sessions.trashedBefore(new Date(Date.now() - SESSION_TRASH_DAYS * 86_400_000).toISOString())) this.purgeSession(sessionId)
    const testClientDeps = {
      sessions: this.sessions, emit: this.events.emit, jobs: this.jobs, store: this.clientRuns, newPath: (name: string) => this.copies.newPath(name),
      adopt: (captureId: number, index: CaptureIndex, done: Promise<unknown>) => this.analyses.adopt(captureId, index, done),
    }
    this.testClient = new TestClient(testClientDeps)
    this.dhclientRuns = new DhclientRuns(testClientDeps, this.testClient)
    this.clientHistory = new ClientHistory({
      logLines: (matches, limit) => clientLogLines(this.logs.book, matches, limit),
      leases: (matches, limit) => this.leases.forClient(matches, limit),
      openCounts: () => ({ logs: this.logs.list().length, leaseTables: this.leases.tables().length }),
      captures: (sessionId) => this.sessions.captures(sessionId),
      transactions: (captureId, offset, limit, client) => this.analyses.transactions(captureId, offset, limit, false, client),
      firstTimestamp,
      runs: (sessionId) => this.clientRuns.list(sessionId),
    })
    this.caseTimelines = new CaseTimelines({
      session: (sessionId) => this.existingSession(sessionId),
      captures: (sessionId) => this.sessions.captures(sessionId),
      span: async (captureId) => {
        const index = await this.analyses.index(captureId)
        return index.count ? { first: index.timestamp(0), last: index.timestamp(index.count - 1) } : null
      },
      transactions: (captureId, offset, limit, problemsOnly, client) => this.analyses.transactions(captureId, offset, limit, problemsOnly, client),
      runs: (sessionId) => this.clientRuns.list(sessionId),
      keaHistory: (sessionId) => this.keaHistory.profiles(sessionId).map((profileId) => this.keaHistory.history(sessionId, profileId)),
      thresholds: (profileId, service, subnetId) => this.keaInsights.thresholdsOf(profileId, service, subnetId),
      consoleCommands: (sessionId) => this.keaConsole.list(sessionId),
      snapshots: (sessionId) => this.snapshots.list(sessionId),
    })
    this.bundles = this.createBundles()
    this.handlers = this.createHandlers()
  }

  /** The session, or a not-found error that names it. */
  private existingSession(id: number): SessionInfo {
    return this.sessions.get(id) ?? notFound(`Session ${id} does not exist (it may have been deleted).`)
  }

  /** The file a front handed out by its id, or a not-found error saying to choose it again. */
  private chosenFile(fileId: string): GrantedFile {
    return this.files.get(fileId) ?? notFound('That file is no longer available (the app restarted since it was chosen); choose it again.')
  }

  private createBundles(): SessionBundles {
    const { sessions, analyses, options } = this
    const session = (id: number) => this.existingSession(id)
    return new SessionBundles({
      jobs: this.jobs, appVersion: options.version, printPdf: options.printPdf,
      sources: {
        session, captures: (sessionId) => sessions.captures(sessionId), capturePath: (captureId) => sessions.captureFile(captureId)!.path,
        index: (captureId) => analyses.index(captureId),
        transactions: (captureId, offset, limit, problemsOnly) => analyses.transactions(captureId, offset, limit, problemsOnly),
        stats: (captureId) => asJob(this.jobs, `Statistics of ${sessions.capture(captureId)?.name ?? 'a capture'}`, null, (job) => analyses.stats(captureId, job), (stats) => stats.packets),
        clientRuns: (sessionId) => this.clientRuns.list(sessionId),
        keaHistory: (sessionId) => this.keaHistory.profiles(sessionId).map((profileId) => this.keaHistory.history(sessionId, profileId)),
        keaConfig: (profileId, service) => this.keaInsights.config(profileId, service),
        thresholds: (profileId, service, subnetId) => this.keaInsights.thresholdsOf(profileId, service, subnetId),
        leases: (clients, addresses) => this.leases.leasesWhere((l) => (l.hwAddress !== null && clients.has(l.hwAddress)) || addresses.has(l.address), BUNDLE_LEASES),
        logLines: (clients) => logExcerpt(this.logs.book, clients, BUNDLE_LOG_LINES),
        timeline: (sessionId, limit) => this.caseTimelines.timeline(sessionId, limit),
        snapshots: (sessionId, kind) => this.snapshots.newest(sessionId, kind),
        snapshotList: (sessionId) => this.snapshots.list(sessionId),
        snapshot: (sessionId, snapshotId) => this.snapshots.get(sessionId, snapshotId)!,
      },
      target: async (fileName, format) => {
        if (!options.chooseSaveTarget) return { path: join(ensurePrivateDir(this.exportsDir), fileName), replace: false }
        const chosen = await options.chooseSaveTarget(fileName, format)
        return chosen === null ? null : { path: chosen, replace: true }
      },
      importing: {
        sessions, newCapturePath: (name) => this.copies.newPath(name), removeFile: (path) => this.copies.remove(path),
        openCapture: (path, name, sessionFor) => this.loadCapture({ path, name }, sessionFor),
        saveRun: (run) => this.clientRuns.save(run),
        restoreKeaHistory: (sessionId, history) => this.keaHistory.restore(sessionId, history),
        restoreSnapshot: (sessionId, snapshot) => this.snapshots.restore(sessionId, snapshot),
        removeSession: (sessionId) => this.purgeSession(sessionId),
      },
    })
  }

  /** Validates `params` against the contract and runs the method; throws ContractError for the caller to relay. */
  async dispatch(method: string, params: unknown): Promise<unknown> {
    if (!Object.hasOwn(methods, method)) throw new ContractError('unknown-method', `Unknown method "${method}".`)
    const name = method as MethodName
    const parsed = methods[name].params.safeParse(params ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new ContractError('invalid-params', `Invalid parameters for ${name}: ${issue.path.join('.') || 'params'}: ${issue.message}`)
    }
    try {
      return await (this.handlers[name] as (p: unknown) => unknown)(parsed.data)
    } catch (error) {
      if (error instanceof ContractError) throw error
      if (error instanceof CaptureFileError) throw new ContractError('bad-input', error.message)
      if (error instanceof FilterError) throw new ContractError('bad-input', error.message, { position: error.position, length: error.length })
      throw new ContractError('internal', `Internal error in ${name}: ${(error as Error).message}`)
    }
  }

  get dataDir(): string {
    return this.options.dataDir
  }

  /** Makes a file the user chose openable by `captures.open`; see FileGrants. */
  grant(path: string, name?: string): FileRef {
    return this.files.grant(path, name)
  }

  /** Stops loads in progress (what they read stays, read again from the file when needed) and closes the store. */
  close(): void {
    for (const load of this.loads) load.cancel()
    for (const live of this.liveCaptures.values()) live.abandon()
    this.leases.closeAll()
    this.logs.closeAll()
    this.closed = true
    this.db.close()
    this.runMarker.release()
  }

  private passphraseSecrets(): BrowserSecretStore {
    return this.browserSecrets ?? (() => {
      throw new ContractError('bad-input', 'The desktop app keeps passwords and keys in the OS keychain (Electron\'s safeStorage); a passphrase-protected file is for browser mode only.')
    })()
  }

  /** Live captures a crash interrupted: their files are read again and the packets they hold counted. */
  private async recountInterrupted(): Promise<void> {
    for (const captureId of this.sessions.interrupted) {
      const index = await this.analyses.index(captureId).catch(() => null)
      if (this.closed) return
      const info = index && this.sessions.capture(captureId)
      if (!info || info.packetCount === index.count) continue
      this.sessions.setPacketCount(captureId, index.count)
      this.events.emit('capture.updated', { ...info, packetCount: index.count })
    }
  }

  /** Deletes a session for good, with the capture files no other session uses. */
  private purgeSession(sessionId: number): void {
    const files = this.sessions.capturePaths(sessionId)
    for (const c of this.sessions.captures(sessionId)) this.analyses.forget(c.id)
    this.sessions.delete(sessionId)
    const stillUsed = this.sessions.capturePaths()
    for (const path of files) if (!stillUsed.has(path)) for (const folder of [this.uploads, this.copies]) folder.remove(path)
  }

  private addConfigSnapshot(sessionId: number, profileId: string, service: KeaDhcpService, config: Record<string, unknown>): SnapshotInfo {
    const name = this.kea.profiles.list().find((p) => p.id === profileId)?.name ?? profileId
    const added = this.snapshots.addConfig(sessionId, profileId, service, config, { source: `${name} ${service}`, filter: '' })
    this.events.emit('sessions.changed', { sessionId })
    return added
  }

  /**
   * The first status reading of a server in a session reads its configuration into the session too (one config-get
   * per server and session), so the case has it even if the user never adds it. A failure leaves the reading as it is.
   */
  private async firstConfigs(sessionId: number, profileId: string, status: KeaStatus): Promise<void> {
    for (const { service, up } of status.services) {
      const key = `${sessionId}/${profileId}/${service}`
      if (!up || (service !== 'dhcp4' && service !== 'dhcp6') || this.configsTaken.has(key)) continue
      // Asked once a run: the status is polled, and the store is not read again at every reading.
      this.configsTaken.add(key)
      if (this.snapshots.hasConfig(sessionId, profileId, service)) continue
      try {
        this.addConfigSnapshot(sessionId, profileId, service, await this.keaInsights.config(profileId, service))
      } catch {
        // The status reading says what is wrong with the server; the user can add its configuration once it answers.
      }
    }
  }

  /** Loads a capture file into a session as a job the UI can stop; its index serves the views meanwhile. */
  private loadCapture(source: CaptureSource, sessionFor: () => number): OpenedCapture {
    const load = openCaptureInSession(this.sessions, this.events.emit, source, sessionFor)
    this.loads.add(load)
    const unregister = this.jobs.register(load.jobId, () => load.stop())
    this.analyses.adopt(load.capture.id, load.index, load.done)
    void load.done.finally(() => {
      this.loads.delete(load)
      unregister()
    })
    return load
  }

  private createHandlers(): Handlers {
    const { sessions, events, analyses } = this
    const session = (id: number) => this.existingSession(id)
    const capture = (id: number) => sessions.capture(id) ?? notFound(`Capture ${id} does not exist (its session may have been deleted).`)
    /** A session things may be added to: not one imported from a bundle, kept as it was handed over. */
    const editable = (id: number) => {
      const found = session(id)
      if (found.readOnly) throw new ContractError('bad-input', `“${found.name}” was imported from a bundle and is read-only; duplicate it to get an editable copy and work in that.`)
      return found
    }
    /** Position of a frame number in the capture's index. */
    const position = (index: CaptureIndex, captureId: number, frame: number) => (frame <= index.count ? frame - 1 : notFound(`Capture ${captureId} has no frame ${frame}.`))
    /** The name goes to a capturing or sending process as one argument: it must be one this machine lists. */
    const localInterface = (iface: string) => {
      const known = listCaptureInterfaces().find((candidate) => candidate.name === iface)
      if (!known) throw new ContractError('bad-input', `There is no interface named "${iface}" on this machine; pick one from the list (it may have gone down or been removed).`)
      return known
    }
    return {
      'app.info': () => ({ name: 'DHCP Field Kit', version: this.options.version, mode: this.options.mode, dataDir: this.options.dataDir, platform: process.platform }),
      'sessions.list': async ({ search, sort, descending }) => {
        // Captures completed since the last search get their terms first (each capture is read once, ever).
        if (search) await this.searchTerms.update()
        return sessions.list(search, sort, descending)
      },
      'sessions.create': ({ name }) => {
        const created = sessions.create(name)
        events.emit('sessions.changed', { sessionId: created.id })
        return created
      },
      'sessions.rename': ({ sessionId, name }) => {
        session(sessionId)
        const renamed = sessions.rename(sessionId, name)!
        events.emit('sessions.changed', { sessionId })
        return renamed
      },
      'sessions.delete': ({ sessionId }) => {
        session(sessionId)
        for (const c of sessions.captures(sessionId)) this.liveCaptures.get(c.id)?.stop()
        sessions.trashSession(sessionId)
        events.emit('sessions.changed', { sessionId: null })
        return null
      },
      'sessions.get': ({ sessionId }) => session(sessionId),
      'sessions.setTags': ({ sessionId, tags }) => {
        editable(sessionId)
        sessions.setTags(sessionId, tags)
        events.emit('sessions.changed', { sessionId })
        return session(sessionId)
      },
      'sessions.setNotes': ({ sessionId, notes }) => {
        editable(sessionId)
        sessions.setNotes(sessionId, notes)
        events.emit('sessions.changed', { sessionId })
        return session(sessionId)
      },
      'sessions.duplicate': ({ sessionId }) => {
        const original = session(sessionId)
        if (sessions.captures(sessionId).some((c) => c.status === 'capturing' || c.status === 'loading')) {
          throw new ContractError('bad-input', `“${original.name}” is still capturing or loading: stop its capture (or wait for the load) and duplicate it then.`)
        }
        const { session: copy, captureIds } = sessions.duplicate(sessionId, `${original.name} (copy)`)
        for (const [from, to] of captureIds) this.clientRuns.copy(from, { captureId: to, sessionId: copy.id })
        events.emit('sessions.changed', { sessionId: copy.id })
        return copy
      },
      'sessions.trash': () => sessions.trash(),
      'sessions.restore': ({ sessionId }) => {
        if (!sessions.trashed(sessionId)) notFound(`Session ${sessionId} is not in the trash (it may have been restored or purged).`)
        sessions.restore(sessionId)
        events.emit('sessions.changed', { sessionId })
        return session(sessionId)
      },
      'sessions.purge': ({ sessionId }) => {
        if (!sessions.trashed(sessionId)) notFound(`Session ${sessionId} is not in the trash: delete it first (it goes to the trash), then delete it for good there.`)
        this.purgeSession(sessionId)
        events.emit('sessions.changed', { sessionId: null })
        return null
      },
      'sessions.open': ({ sessionId }) => {
        if (sessionId !== null) session(sessionId)
        sessions.setState(OPEN_SESSION, sessionId === null ? null : String(sessionId))
        return null
      },
      'sessions.startup': () => {
        const open = Number(sessions.state(OPEN_SESSION))
        return { reopen: (this.runMarker.crashed && open && sessions.get(open)) || null, crashed: this.runMarker.crashed, storeNotice: this.storeNotice }
      },
      'sessions.timeline': ({ sessionId, limit }) => this.caseTimelines.timeline(session(sessionId).id, limit),
      'sessions.snapshots': ({ sessionId }) => this.snapshots.list(session(sessionId).id),
      'sessions.snapshot': ({ sessionId, snapshotId }) => this.snapshots.get(session(sessionId).id, snapshotId) ?? notFound(`Session ${sessionId} has no snapshot ${snapshotId}; \`session show ${sessionId}\` lists its snapshots.`),
      'captures.list': ({ sessionId }) => sessions.captures(session(sessionId).id),
      'captures.open': ({ fileId, sessionId }) => {
        const file = this.chosenFile(fileId)
        if (sessionId !== undefined) editable(sessionId)
        const sessionFor = () => sessionId ?? sessions.create(file.name).id
        // An upload is in the data folder already; a file opened in place is copied there.
        const copyTo = this.uploads.owns(file.path) ? undefined : this.copies.newPath(file.name)
        const load = this.loadCapture({ ...file, copyTo }, sessionFor)
        events.emit('sessions.changed', { sessionId: load.capture.sessionId })
        return load.capture
      },
      'packets.page': async ({ captureId, offset, limit, viewId, fields }) => {
        const index = await analyses.index(capture(captureId).id)
        if (viewId !== undefined) {
          const positions = analyses.viewPositions(captureId, viewId)
          return { captureId, offset, total: positions.length, rows: packetRows(index, positions.subarray(offset, offset + limit), fields) }
        }
        const page = Array.from({ length: Math.max(0, Math.min(limit, index.count - offset)) }, (_, k) => offset + k)
        return { captureId, offset, total: index.count, rows: packetRows(index, page, fields) }
      },
      'packets.detail': async ({ captureId, frame }) => {
        const index = await analyses.index(capture(captureId).id)
        return packetDetail(index, position(index, captureId, frame))
      },
      'packets.export': async ({ captureId, frame, format }) => {
        const index = await analyses.index(capture(captureId).id)
        const i = position(index, captureId, frame)
        if (format === 'hex') return { text: hexDump(index.frame(i)) }
        return { text: formatPacketText(frame, isoTimestamp(index.timestamp(i)), decodeIndexed(index, i)) }
      },
      'packets.view': ({ captureId, filter, sort, descending }) => analyses.view(capture(captureId).id, filter, sort, descending),
      'filters.forField': async ({ captureId, frame, key, offset, length }) => {
        const index = await analyses.index(capture(captureId).id)
        const i = position(index, captureId, frame)
        const selects = (filter: string) => runFilterOn(index, compileFilter(filter), i)
        return { filter: filterForField(key, index.frame(i), offset, length, selects) }
      },
      'filters.check': ({ text }) => checkFilter(text),
      'filters.fields': () => filterFieldList(),
      'filters.complete': ({ text, cursor }) => completeFilter(text, cursor),
      'transactions.page': ({ captureId, offset, limit, problemsOnly, client }) => analyses.transactions(capture(captureId).id, offset, limit, problemsOnly, client === undefined ? undefined : namedClient(client)),
      'captures.stats': ({ captureId }) => asJob(this.jobs, `Statistics of ${capture(captureId).name}`, null, (job) => analyses.stats(captureId, job), (stats) => stats.packets),
      'captures.save': async ({ captureId, format, name, viewId }) => {
        const info = capture(captureId)
        const index = await analyses.index(captureId)
        const view = viewId === undefined ? null : { filter: analyses.viewFilter(viewId), positions: analyses.viewPositions(captureId, viewId) }
        const file = sessions.captureFile(captureId)!.path
        const fileName = captureFileName(name ?? info.name, format)
        const { chooseSaveTarget } = this.options
        const target = chooseSaveTarget ? await chooseSaveTarget(fileName, format) : join(ensurePrivateDir(this.exportsDir), fileName)
        if (target === null) return null
        const packets = view?.positions.length ?? index.count
        return asJob(this.jobs, `Saving ${fileName}`, index.count, (job) => saveCapture(info, file, index, format, { path: target, replace: !!chooseSaveTarget }, view, job), () => packets)
      },
      'lab.status': () => labStatus(),
      'capture.interfaces': () => {
        const backends = captureRights()
        return { interfaces: listCaptureInterfaces(), backends, defaultBackend: defaultBackend(backends), defaultFilter: DEFAULT_CAPTURE_FILTER }
      },
      'capture.start': async ({ sessionId, iface, filter, backend, stopAfter, ring, remote }) => {
        if (sessionId !== undefined) editable(sessionId)
        let start: StartCapture, where: string, live: { backend: 'helper' | 'tcpdump' | 'dumpcap' | 'ssh'; host?: string }
        let linkType: string | undefined
        if (remote) {
          // The remote side quotes it for its shell; it must still look like an interface name.
          if (!/^[\w.:@-]{1,64}$/.test(iface)) throw new ContractError('bad-input', `"${iface}" is not an interface name; pick one from the remote host's list.`)
          const target = await this.remoteHosts.target(remote.hostId)
          const options = this.remoteHosts.options(remote.trustHostKey)
          start = (request, sink) => startSshCapture(target, request, sink, options)
          where = `${target.user}@${target.host}`
          live = { backend: 'ssh', host: where }
        } else {
          linkType = localInterface(iface).linkType
          const chosen = backend ?? defaultBackend()
          start = localCaptureBackends[chosen]
          where = iface
          live = { backend: chosen }
        }
        filter = captureFilterFor(filter, iface, linkType)
        const name = `${remote ? `${where} ` : ''}${iface} ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`
        const capture = new LiveCapture(sessions, events.emit, start, {
          sessionId: sessionId ?? sessions.create(`Capture on ${where}${remote ? ` ${iface}` : ''}`).id, name, newPath: (file) => this.copies.newPath(file),
          request: { iface, filter }, live: { iface, filter, ...live }, stopAfter, ring,
          // Every part answers for the capture: the UI may stop it from any of them.
          onSegment: (segment, live) => {
            this.liveCaptures.set(segment.captureId, live)
            analyses.adopt(segment.captureId, segment.index, segment.done)
            void live.done.finally(() => this.liveCaptures.delete(segment.captureId))
          },
          onDropped: (captureId) => {
            const sessionId = sessions.capture(captureId)?.sessionId ?? null
            analyses.forget(captureId)
            sessions.deleteCapture(captureId)
            events.emit('sessions.changed', { sessionId })
          },
        })
        events.emit('sessions.changed', { sessionId: capture.info.sessionId })
        // Answer once it listens (or failed), so what the user does next is captured; a slow remote login answers later.
        const waited = new AbortController()
        await Promise.race([capture.listening, sleep(LISTEN_WAIT_MS, undefined, { signal: waited.signal }).catch(() => undefined)])
        waited.abort()
        return capture.info
      },
      'secrets.state': () => this.browserSecrets?.state() ?? { kind: this.secrets.persistent ? 'keychain' : 'memory', locked: false, passphraseOffered: false, minPassphraseLength: 0 },
      'secrets.usePassphrase': ({ passphrase }) => this.passphraseSecrets().usePassphrase(passphrase),
      'secrets.lock': () => this.passphraseSecrets().lock(),
      'secrets.forget': () => this.passphraseSecrets().forget(),
      'remote.hosts': () => this.remoteHosts.list(),
      'remote.save': (host) => this.remoteHosts.save(host),
      'remote.delete': async ({ hostId }) => {
        await this.remoteHosts.delete(hostId)
        return null
      },
      'remote.interfaces': async ({ hostId, trustHostKey }) => {
        const target = await this.remoteHosts.target(hostId)
        try {
          return await listSshInterfaces(target, this.remoteHosts.options(trustHostKey))
        } catch (error) {
          throw sshContractError(error)
        }
      },
      'capture.stop': async ({ captureId }) => {
        // Any part of a ring buffer stops the capture, even one the ring has dropped since.
        const live = this.liveCaptures.get(captureId)
        if (!live) return capture(captureId)
        live.stop()
        return (await live.done) ?? capture(captureId)
      },
      'kea.profiles': () => this.kea.profiles.list(),
      'kea.saveProfile': (profile) => this.kea.save(profile),
      'kea.sockets': () => listKeaSockets(),
      'kea.deleteProfile': async ({ profileId }) => {
        await this.kea.profiles.delete(profileId)
        return null
      },
      'kea.test': (target) => this.kea.test(target),
      'kea.status': async ({ profileId, sessionId }) => {
        if (sessionId !== undefined) editable(sessionId)
        const status = await this.kea.status(profileId)
        if (sessionId !== undefined) {
          this.keaHistory.addStatus(sessionId, profileId, status)
          await this.firstConfigs(sessionId, profileId, status)
        }
        return status
      },
      'kea.history': ({ profileId, sessionId }) => this.keaHistory.history(session(sessionId).id, profileId),
      'kea.localServices': () => localKeaServices(),
      'kea.command': async ({ profileId, sessionId, ...request }) => {
        if (sessionId !== undefined) editable(sessionId)
        // The page gets the answer with Kea's secrets hidden, as the Config tab shows config-get (the page is not
        // trusted with them); a config-set of what it shows is refused (hiddenSecrets) rather than sent with *****.
        return redactSecrets(await this.kea.command(profileId, request, sessionId === undefined ? undefined : (outcome) => this.keaConsole.add(sessionId, outcome)))
      },
      'kea.consoleHistory': ({ sessionId, profileId }) => this.keaConsole.list(session(sessionId).id, profileId),
      'kea.configPreview': ({ profileId, service, config }) => this.kea.previewConfig(profileId, service, config),
      'kea.configApply': ({ profileId, service, config, write, confirmed }) => this.kea.applyConfig(profileId, service, config, { write, confirmed }),
      'kea.review': ({ profileId, service }) => this.keaInsights.review(profileId, service),
      'kea.config': ({ profileId, service }) => this.keaInsights.config(profileId, service),
      'kea.addConfigToSession': async ({ sessionId, profileId, service }) => {
        editable(sessionId)
        return this.addConfigSnapshot(sessionId, profileId, service, await this.keaInsights.config(profileId, service))
      },
      'kea.configTest': ({ profileId, service, config }) => this.keaInsights.configTest(profileId, service, config),
      'kea.pools': ({ profileId, sessionId }) => this.keaInsights.pools(profileId, sessionId === undefined ? undefined : editable(sessionId).id),
      'kea.setThresholds': ({ profileId, service, subnetId, thresholds }) => this.keaInsights.setThresholds(profileId, service, subnetId, thresholds),
      'client.run': (request) => {
        if (request.sessionId !== undefined) editable(request.sessionId)
        localInterface(request.iface)
        return this.testClient.run(request)
      },
      'client.runs': ({ sessionId }) => this.clientRuns.list(session(sessionId).id),
      'client.dhclient': (request) => {
        if (request.sessionId !== undefined) editable(request.sessionId)
        localInterface(request.iface)
        return this.dhclientRuns.run(request)
      },
      'client.compare': (request) => {
        if (request.sessionId !== undefined) editable(request.sessionId)
        localInterface(request.iface)
        return this.dhclientRuns.compare(request)
      },
      'leases.sources': () => this.leases.sources(),
      'leases.open': ({ source }) => this.leases.openTable(source),
      'leases.tables': () => this.leases.tables(),
      'leases.remoteMemfiles': ({ hostId, trustHostKey }) => this.leases.remoteMemfiles(hostId, trustHostKey),
      'leases.history': ({ tableId, address }) => this.leases.history(tableId, address),
      'leases.saveDatabase': (params) => this.leaseDatabases.save(params),
      'leases.deleteDatabase': async ({ databaseId }) => {
        await this.leaseDatabases.delete(databaseId)
        return null
      },
      'leases.close': async ({ tableId }) => {
        await this.leases.close(tableId)
        return null
      },
      'leases.view': ({ tableId, filter, sort, descending, compareWith, differencesOnly }) => this.leases.view(tableId, filter, sort, descending, compareWith, differencesOnly),
      'leases.page': ({ tableId, viewId, offset, limit }) => this.leases.page(tableId, viewId, offset, limit),
      'leases.export': ({ tableId, viewId, name }) => this.leases.exportCsv(tableId, viewId, name),
      'leases.addToSession': ({ sessionId, tableId, viewId, filter }) => {
        editable(sessionId)
        const { rows, total } = this.leases.page(tableId, viewId, 0, MAX_SNAPSHOT_LEASES)
        const table = this.leases.tables().find((t) => t.tableId === tableId)!.name
        const added = this.snapshots.addLeases(sessionId, rows.map(({ difference: _difference, ...lease }) => ({ ...lease, table })), total, { source: table, filter })
        events.emit('sessions.changed', { sessionId })
        return added
      },
      'leases.change': ({ tableId, address, confirmed }) => this.leases.change(tableId, address, confirmed),
      'logs.sources': ({ profileId }) => this.logs.sources(profileId),
      'logs.open': (request) => this.logs.open(request),
      'logs.list': () => this.logs.list(),
      'logs.close': ({ logId }) => {
        this.logs.close(logId)
        return null
      },
      'logs.view': ({ logId, query }) => this.logs.view(logId, query),
      'logs.page': ({ logId, viewId, offset, limit }) => this.logs.page(logId, viewId, offset, limit),
      'logs.addToSession': ({ sessionId, logId, viewId, filter }) => {
        editable(sessionId)
        const { rows, total } = this.logs.page(logId, viewId, 0, MAX_SNAPSHOT_LOG_LINES)
        const log = this.logs.list().find((l) => l.logId === logId)!.name
        const added = this.snapshots.addLogLines(sessionId, rows.map((row) => ({ ...row, log })), total, { source: log, filter })
        events.emit('sessions.changed', { sessionId })
        return added
      },
      'logs.line': ({ logId, index, captureId }) => this.logs.line(logId, index, captureId === undefined ? undefined : capture(captureId).id),
      'logs.forTransaction': ({ captureId, transactionId }) => this.logs.forTransaction(capture(captureId).id, transactionId),
      'clients.timeline': ({ sessionId, client, limit }) => this.clientHistory.timeline(sessionId === undefined ? undefined : session(sessionId).id, client, limit),
      'logs.loggers': ({ profileId, service }) => this.logs.loggers(profileId, service),
      'logs.buildLoggers': ({ service, version, loggers }) => this.logs.build(service, version ?? null, loggers),
      'logs.applyLoggers': ({ profileId, service, loggers, confirmed }) => this.logs.apply(profileId, service, loggers, confirmed),
      'bundle.estimate': ({ sessionId, parts }) => this.bundles.estimate(session(sessionId).id, new Set(parts)),
      'bundle.export': ({ sessionId, parts, anonymize, name }) => this.bundles.export(session(sessionId).id, new Set(parts), anonymize, name),
      'bundle.verify': ({ fileId }) => {
        const file = this.chosenFile(fileId)
        return this.bundles.verify(file.path, file.name)
      },
      'bundle.import': async ({ fileId }) => {
        const file = this.chosenFile(fileId)
        const imported = await this.bundles.import(file.path, file.name)
        events.emit('sessions.changed', { sessionId: imported.session.id })
        return imported
      },
      'sessions.report': ({ sessionId, anonymize }) => this.bundles.report(session(sessionId).id, anonymize),
      'sessions.saveReportPdf': ({ sessionId, anonymize }) => this.bundles.saveReportPdf(session(sessionId).id, anonymize),
      'jobs.stop': ({ jobId }) => {
        if (!this.jobs.stop(jobId)) notFound('That job has already finished.')
        return null
      },
    }
  }
}

function notFound(message: string): never {
  throw new ContractError('not-found', message)
}
