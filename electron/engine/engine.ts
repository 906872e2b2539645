// The engine: everything the app does, in plain Node. Both fronts (Electron IPC, browser mode) and the tests
// reach it only through `dispatch`, which checks parameters against the contract before any handler runs.
import { join } from 'node:path'
import { methods, type CheckedParams, type MethodName, type Result } from '../contract/methods'
import type { AppInfo, FileRef } from '../contract/types'
import { CaptureFileError } from './capture-file/record'
import type { WritableFormat } from './capture-file/write'
import { decodeFrame, type DecodedFrame } from './decode/frame'
import { formatPacketText, hexDump } from './decode/text'
import { checkFilter } from './filter/compile'
import { completeFilter } from './filter/complete'
import { filterFieldList } from './filter/fields'
import { FilterError } from './filter/parse'
import { ContractError } from './errors'
import { EventHub } from './events'
import type { EngineApi } from './engine-api'
import { FileGrants } from './files/grants'
import { ensurePrivateDir } from './files/private-dir'
import { Uploads, uploadsDir } from './files/uploads'
import { labStatus } from '../lab/lab'
import { CaptureAnalyses } from './session/capture-analysis'
import { saveCapture, saveFileName } from './session/capture-save'
import { openCaptureInSession, type OpenedCapture } from './session/capture-import'
import { openDatabase, type Db } from './store/database'
import { PacketStore, type StoredPacket } from './store/packets'
import { SessionStore } from './store/sessions'

export interface EngineOptions {
  dataDir: string
  mode: AppInfo['mode']
  version: string
  /**
   * Asks the user where to save (the desktop shell's save dialog); null when they cancel. Without it, saves go
   * into the data folder's exports/ under a new name.
   */
  chooseSaveTarget?: (suggestedName: string, format: WritableFormat) => Promise<string | null>
}

type Handlers = { [M in MethodName]: (params: CheckedParams<M>) => Promise<Result<M>> | Result<M> }

export class Engine implements EngineApi {
  readonly events = new EventHub()
  /** The files the user chose; `captures.open` takes only their ids. */
  private readonly files = new FileGrants()
  readonly uploads: Uploads
  /** Where saved captures go when no save dialog can be shown (browser mode). */
  readonly exportsDir: string
  private readonly db: Db
  private readonly sessions: SessionStore
  private readonly packets: PacketStore
  private readonly analyses: CaptureAnalyses
  private readonly handlers: Handlers
  private readonly loads = new Set<OpenedCapture>()

  constructor(private readonly options: EngineOptions) {
    ensurePrivateDir(options.dataDir)
    this.db = openDatabase(join(options.dataDir, 'fieldkit.db'))
    this.sessions = new SessionStore(this.db)
    this.packets = new PacketStore(this.db)
    this.analyses = new CaptureAnalyses(this.packets)
    this.uploads = new Uploads(uploadsDir(options.dataDir))
    this.uploads.removeOrphans(this.sessions.capturePaths())
    this.exportsDir = join(options.dataDir, 'exports')
    this.handlers = this.createHandlers()
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

  /** Stops loads in progress (what they stored stays) and closes the store. */
  close(): void {
    for (const load of this.loads) load.cancel()
    this.db.close()
  }

  private createHandlers(): Handlers {
    const { sessions, packets, events, analyses } = this
    const session = (id: number) => sessions.get(id) ?? notFound(`Session ${id} does not exist (it may have been deleted).`)
    const capture = (id: number) => sessions.capture(id) ?? notFound(`Capture ${id} does not exist (its session may have been deleted).`)
    return {
      'app.info': () => ({ name: 'DHCP Field Kit', version: this.options.version, mode: this.options.mode, dataDir: this.options.dataDir, platform: process.platform }),
      'sessions.list': ({ search }) => sessions.list(search),
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
        const files = sessions.capturePaths(sessionId)
        for (const c of sessions.captures(sessionId)) analyses.forget(c.id)
        sessions.delete(sessionId)
        const stillUsed = sessions.capturePaths()
        for (const path of files) if (!stillUsed.has(path)) this.uploads.remove(path)
        events.emit('sessions.changed', { sessionId: null })
        return null
      },
      'captures.list': ({ sessionId }) => sessions.captures(session(sessionId).id),
      'captures.open': ({ fileId, sessionId }) => {
        const file = this.files.get(fileId) ?? notFound('That file is no longer available to open (the app restarted since it was chosen); open it again.')
        if (sessionId !== undefined) session(sessionId)
        const sessionFor = () => sessionId ?? sessions.create(file.name).id
        const load = openCaptureInSession({ sessions, packets }, events.emit, file.path, sessionFor, file.name)
        this.loads.add(load)
        analyses.adopt(load.capture.id, load.index, load.done)
        void load.done.finally(() => this.loads.delete(load))
        events.emit('sessions.changed', { sessionId: load.capture.sessionId })
        return load.capture
      },
      'packets.page': ({ captureId, offset, limit, viewId }) => {
        const info = capture(captureId)
        if (viewId === undefined) return { captureId, offset, total: info.packetCount, rows: packets.page(captureId, offset, limit) }
        const { total, frames } = analyses.viewFrames(captureId, viewId, offset, limit)
        return { captureId, offset, total, rows: packets.rows(captureId, frames) }
      },
      'packets.detail': ({ captureId, frame }) => {
        const stored = packets.get(capture(captureId).id, frame) ?? notFound(`Capture ${captureId} has no frame ${frame}.`)
        const decoded = decodeStored(stored)
        return { row: stored.row, tree: decoded.layers, bytes: stored.data, warnings: decoded.warnings }
      },
      'packets.export': ({ captureId, frame, format }) => {
        const stored = packets.get(capture(captureId).id, frame) ?? notFound(`Capture ${captureId} has no frame ${frame}.`)
        if (format === 'hex') return { text: hexDump(stored.data) }
        return { text: formatPacketText(frame, stored.row.timestamp, decodeStored(stored)) }
      },
      'packets.view': ({ captureId, filter, sort, descending }) => analyses.view(capture(captureId).id, filter, sort, descending),
      'filters.check': ({ text }) => checkFilter(text),
      'filters.fields': () => filterFieldList(),
      'filters.complete': ({ text, cursor }) => completeFilter(text, cursor),
      'transactions.page': ({ captureId, offset, limit, problemsOnly }) => analyses.transactions(capture(captureId).id, offset, limit, problemsOnly),
      'captures.stats': ({ captureId }) => analyses.stats(capture(captureId).id),
      'captures.save': async ({ captureId, format, name, viewId }) => {
        const info = capture(captureId)
        const view = viewId === undefined ? null : { filter: analyses.viewFilter(viewId), frames: analyses.viewFrames(captureId, viewId, 0, info.packetCount).frames }
        const fileName = saveFileName(name ?? info.name, format)
        const { chooseSaveTarget } = this.options
        if (chooseSaveTarget) {
          const chosen = await chooseSaveTarget(fileName, format)
          return chosen === null ? null : saveCapture(packets, info, format, { path: chosen, replace: true }, view)
        }
        return saveCapture(packets, info, format, { path: join(ensurePrivateDir(this.exportsDir), fileName), replace: false }, view)
      },
      'lab.status': () => labStatus(),
      'jobs.stop': ({ jobId }) => {
        const load = [...this.loads].find((l) => l.jobId === jobId) ?? notFound('That job has already finished.')
        load.stop()
        return null
      },
    }
  }
}

/** A stored packet's decode, with what its record warns of (a time no date can show) first. */
function decodeStored(stored: StoredPacket): DecodedFrame {
  const decoded = decodeFrame(stored.linkType, stored.data, stored.row.length)
  return { ...decoded, warnings: [...stored.warnings, ...decoded.warnings] }
}

function notFound(message: string): never {
  throw new ContractError('not-found', message)
}
