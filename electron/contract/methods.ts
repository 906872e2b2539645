// The contract: every request/response method and every event stream, in one place.
// Both bridges (Electron IPC in electron/main + preload, browser mode in electron/server) implement exactly this,
// and the renderer sees nothing else. Parameter schemas are checked at the edge by the engine's dispatcher.
import { z } from 'zod'
import type {
  AppInfo, CaptureInfo, JobProgress, LabStatus, PacketDetail, PacketPage, SessionInfo,
} from './types'

const id = z.number().int().positive()
const name = z.string().trim().min(1).max(200)

const schemas = {
  none: z.object({}).strict(),
  sessionsList: z.object({ search: z.string().max(200).optional() }).strict(),
  sessionCreate: z.object({ name }).strict(),
  sessionRename: z.object({ sessionId: id, name }).strict(),
  sessionRef: z.object({ sessionId: id }).strict(),
  captureOpen: z.object({
    path: z.string().min(1).max(4096),
    /** Shown instead of the file's base name (browser uploads land under a generated name). */
    name: z.string().max(255).optional(),
    sessionId: id.optional(),
  }).strict(),
  packetsPage: z.object({ captureId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(5000) }).strict(),
  packetDetail: z.object({ captureId: id, frame: id }).strict(),
}

function method<R>() {
  return <P extends z.ZodType>(params: P) => ({ params, result: undefined as unknown as R })
}

export const methods = {
  'app.info': method<AppInfo>()(schemas.none),
  'sessions.list': method<SessionInfo[]>()(schemas.sessionsList),
  'sessions.create': method<SessionInfo>()(schemas.sessionCreate),
  'sessions.rename': method<SessionInfo>()(schemas.sessionRename),
  'sessions.delete': method<null>()(schemas.sessionRef),
  'captures.list': method<CaptureInfo[]>()(schemas.sessionRef),
  'captures.open': method<CaptureInfo>()(schemas.captureOpen),
  'packets.page': method<PacketPage>()(schemas.packetsPage),
  'packets.detail': method<PacketDetail>()(schemas.packetDetail),
  'lab.status': method<LabStatus>()(schemas.none),
}

export type MethodName = keyof typeof methods
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>
export type Result<M extends MethodName> = (typeof methods)[M]['result']

/** Streams pushed from the engine (or the Electron shell) to every connected renderer. */
export interface Events {
  'job.progress': JobProgress
  'capture.updated': CaptureInfo
  'sessions.changed': { sessionId: number | null }
  /** A native menu item was chosen (Electron only); the renderer performs it. */
  'app.command': { command: AppCommand }
}
export type EventName = keyof Events
export type AppCommand = 'open-capture' | 'toggle-theme'

/** What a renderer holds: the contract, whichever transport carries it. */
export interface ContractClient {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

/** An error that crosses the contract: a code the UI can act on and a sentence for the user. */
export interface ContractErrorShape {
  code: 'invalid-params' | 'unknown-method' | 'not-found' | 'bad-input' | 'internal'
  message: string
}
