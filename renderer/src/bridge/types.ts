import type { ContractClient, ContractErrorShape, EventName, Events, MethodName, Params } from '../../../electron/contract/methods'
import type { FileRef } from '../../../electron/contract/types'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

/** The contract plus what differs between transports: how a user's file reaches the engine. */
export interface Bridge extends ContractClient {
  mode: 'electron' | 'browser'
  /** Hands a file the user picked or dropped to the engine; returns the id `captures.open` takes. */
  stage(file: File): Promise<FileRef>
  onConnection(listener: (state: ConnectionState) => void): void
}

/** What electron/preload exposes on window.fieldkit. */
export interface ElectronBridgeApi {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<{ result: unknown } | { error: ContractErrorShape }>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
  /** Grants the engine a file the user picked or dropped (its path stays in the preload and main process). */
  stageFile(file: File): Promise<{ result: FileRef } | { error: ContractErrorShape }>
}

/** An error from the engine, with the sentence it gave for the user. */
export class EngineError extends Error {
  constructor(readonly code: string, message: string, readonly at?: ContractErrorShape['at'], readonly hostKey?: ContractErrorShape['hostKey']) {
    super(message)
    this.name = 'EngineError'
  }
}
