// What a front (Electron's main process, browser mode's server) needs of the engine, whether it runs in the same
// process (tests) or in one of its own (the app: see electron/engine-host).
import type { FileRef } from '../contract/types'
import type { EventSink } from './events'

export interface EngineApi {
  /** The data folder the engine keeps sessions, uploads and exports in. */
  readonly dataDir: string
  readonly events: { subscribe(sink: EventSink): () => void }
  /** Runs a contract method; rejects with a ContractError for the front to relay. */
  dispatch(method: string, params: unknown): Promise<unknown>
  /** Makes a file the user chose openable; see FileGrants. */
  grant(path: string, name?: string): FileRef | Promise<FileRef>
  close(): void | Promise<void>
}
